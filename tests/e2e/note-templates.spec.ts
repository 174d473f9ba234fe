// Note templates (decision 037): admins keep starter texts for a SOAP note per kind of visit; a
// clinician starts an empty draft from one, and typed text is replaced only after a question.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, planIdOf, query, signInAndWait } from "./fixtures";

const NEW_ID = `'c' || substr(md5(random()::text || clock_timestamp()::text), 1, 24)`;
const run = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;

test.afterAll(async () => {
  // The templates these tests made; the seeded ones are left as they were.
  await query(`delete from "NoteTemplate" where name like 'E2E %'`);
});

test.describe("note templates", () => {
  test("an admin keeps note templates: listed, created, refused when empty or a duplicate, edited (versioned), archived; the page passes axe", async ({ page }) => {
    const name = `E2E Post-op review ${run()}`;
    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Note templates", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Note templates" })).toBeVisible();
    const inUse = page.getByRole("region", { name: "In use" });
    for (const seeded of ["Initial assessment", "Follow-up treatment", "Discharge"]) await expect(inUse.getByRole("heading", { level: 3, name: seeded })).toBeVisible();

    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

    // No starter text at all: refused next to the first box, nothing created.
    const create = page.getByRole("form", { name: "New note template" });
    await create.getByLabel("Name").fill(name);
    await create.getByRole("button", { name: "Create template" }).click();
    await expect(create.getByLabel("Subjective")).toHaveAccessibleDescription("Write the starter text of at least one section.");
    expect(await query(`select id from "NoteTemplate" where name = $1`, [name])).toHaveLength(0);

    await create.getByLabel("Subjective").fill("Wound and pain since surgery:");
    await create.getByRole("button", { name: "Create template" }).click();
    await expect(create.getByText(`Created “${name}”.`, { exact: false })).toBeVisible();
    await expect(inUse.getByRole("heading", { level: 3, name })).toBeVisible();

    // The same name again is refused on the name.
    await create.getByLabel("Name").fill(name);
    await create.getByLabel("Objective").fill("Range of motion:");
    await create.getByRole("button", { name: "Create template" }).click();
    await expect(create.getByLabel("Name")).toHaveAccessibleDescription(/is already a note template's name\.$/);
    await expect(create.getByText(`“${name}” is already a note template's name.`)).toBeVisible();

    // Edited: saved with a new version.
    const item = inUse.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name }) });
    await item.getByText(`Edit “${name}”`).click();
    const edit = item.getByRole("form", { name: `Edit note template ${name}` });
    await edit.getByLabel("Objective").fill("Scar, swelling, range of motion:");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(item.getByText(`Saved “${name}”.`)).toBeVisible();
    const [saved] = await query<{ objective: string; version: number }>(`select objective, version from "NoteTemplate" where name = $1`, [name]);
    expect(saved).toEqual({ objective: "Scar, swelling, range of motion:", version: 2 });

    // Archived after a confirmation: no longer in use.
    await item.getByRole("button", { name: "Archive" }).click();
    await page.getByRole("dialog", { name: `Archive “${name}”?` }).getByRole("button", { name: "Archive" }).click();
    await expect(page.getByRole("region", { name: "Archived" }).getByRole("heading", { level: 3, name })).toBeVisible();
    await expect(inUse.getByRole("heading", { level: 3, name })).toHaveCount(0);
    const events = await query<{ action: string }>(
      `select action from "AuditEvent" where "entityType" = 'NoteTemplate' and "entityId" = (select id from "NoteTemplate" where name = $1) order by at`,
      [name],
    );
    expect(events.map((e) => e.action)).toEqual(["note_template.create", "note_template.update", "note_template.archive"]);

    // A phone's width: no sideways scrolling.
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  });

  test("a clinician starts an empty draft from a template at once, and is asked before typed text is replaced", async ({ page }) => {
    const planId = await planIdOf(ACCOUNTS.jordan);
    const [maya] = await query<{ id: string }>(`select id from "User" where email = $1`, [ACCOUNTS.maya]);
    const [session] = await query<{ id: string }>(
      `insert into "Session" (id, "clinicId", "planId", "patientId", "clinicianId", "startsAt", "durationMin", "updatedAt")
       select ${NEW_ID}, p."clinicId", p.id, p."patientId", $2, date_trunc('minute', now()) - interval '2 days' - (floor(random() * 240) * interval '1 minute'), 45, now()
       from "TreatmentPlan" p where p.id = $1 returning id`,
      [planId, maya!.id],
    );
    const [initial] = await query<{ subjective: string; planNote: string }>(`select subjective, "planNote" from "NoteTemplate" where name = 'Initial assessment'`);
    const [followUp] = await query<{ subjective: string }>(`select subjective from "NoteTemplate" where name = 'Follow-up treatment'`);

    await signInAndWait(page, "maya", /\/clinic$/);
    await page.goto(`/clinic/sessions/${session!.id}`);
    const note = page.getByRole("region", { name: "Treatment note" });
    const subjective = note.getByLabel("Subjective", { exact: true });
    await note.getByLabel("Note template").selectOption({ label: "Initial assessment" });
    await note.getByRole("button", { name: "Use template" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(subjective).toHaveValue(initial!.subjective);
    await expect(note.getByLabel("Plan", { exact: true })).toHaveValue(initial!.planNote);
    // Applied text saves itself like typed text.
    await expect(note.getByRole("status", { name: "Draft save state" })).toHaveText(/^Saved /);
    expect((await query<{ subjective: string }>(`select subjective from "Session" where id = $1`, [session!.id]))[0]!.subjective).toBe(initial!.subjective);

    // Text in the boxes: asked first; Cancel keeps it, the confirmation replaces it.
    await subjective.fill("Pain 4/10 after gardening.");
    await note.getByLabel("Note template").selectOption({ label: "Follow-up treatment" });
    await note.getByRole("button", { name: "Use template" }).click();
    const ask = page.getByRole("dialog", { name: "Replace what you have written?" });
    await expect(ask).toContainText("Subjective");
    await ask.getByRole("button", { name: "Cancel" }).click();
    await expect(subjective).toHaveValue("Pain 4/10 after gardening.");
    await note.getByRole("button", { name: "Use template" }).click();
    await ask.getByRole("button", { name: "Replace with template" }).click();
    await expect(subjective).toHaveValue(followUp!.subjective);
  });
});
