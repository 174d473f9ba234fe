import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { query, signInAndWait } from "./fixtures";

const NEW_ID = `'c' || substr(md5(random()::text || clock_timestamp()::text), 1, 24)`;

const created: string[] = [];

/**
 * A DRAFT plan with no activities for a new patient of Maya's flagged ANTICOAGULANTS. Its own
 * patient, so activating it never collides with another test's plan for a seeded patient (one
 * plan in force per patient). The patient is archived after the test (see afterEach), so tests
 * that read Maya's roster later in the run still see only the seeded patients.
 */
async function draftPlanForNewPatient(label: string): Promise<{ planId: string; patientId: string; patientName: string; title: string }> {
  const run = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const lastName = `Okoye-${run}`;
  const title = `${label} ${run}`;
  const [maya] = await query<{ id: string; clinicId: string }>(`select id, "clinicId" from "User" where email = 'maya.chen@riverside.example'`);
  if (!maya) throw new Error("The seeded clinician is missing");
  const [patient] = await query<{ id: string }>(
    `insert into "Patient" (id, "clinicId", "firstName", "lastName", "dateOfBirth", contraindications, "updatedAt")
     values (${NEW_ID}, $1, 'Tomas', $2, '1961-03-14', array['ANTICOAGULANTS']::"Contraindication"[], now()) returning id`,
    [maya.clinicId, lastName],
  );
  created.push(patient!.id);
  await query(`insert into "CareTeamMember" ("clinicId", "patientId", "clinicianId", "isPrimary") values ($1, $2, $3, true)`, [maya.clinicId, patient!.id, maya.id]);
  const [plan] = await query<{ id: string }>(
    `insert into "TreatmentPlan" (id, "clinicId", "patientId", "clinicianId", "createdById", title, condition, "icd10Code", goals, status, "startDate", "reviewDate", "plannedSessions", "updatedAt")
     values (${NEW_ID}, $1, $2, $3, $3, $4, 'Muscle spasm of back', 'M62.830', 'Walk 30 minutes without pain.', 'DRAFT', current_date, current_date + 28, 6, now()) returning id`,
    [maya.clinicId, patient!.id, maya.id, title],
  );
  return { planId: plan!.id, patientId: patient!.id, patientName: `Tomas ${lastName}`, title };
}

async function activityNames(page: Page): Promise<string[]> {
  return page.getByRole("region", { name: "Activities" }).getByRole("heading", { level: 3 }).allTextContents();
}

async function addFromSearch(page: Page, typed: string, name: string, options: { keyboard?: boolean } = {}) {
  const add = page.getByRole("region", { name: "Add an activity" });
  const search = add.getByLabel("Search the catalog");
  await search.pressSequentially(typed, { delay: 40 });
  const match = add.getByRole("list", { name: "Matching treatments" }).getByRole("button", { name: new RegExp(`^${name}`) });
  if (options.keyboard) {
    // The only match: Arrow Down moves from the box to it, Enter picks it.
    await expect(add.getByRole("list", { name: "Matching treatments" }).getByRole("button")).toHaveCount(1);
    await search.press("ArrowDown");
    await expect(match).toBeFocused();
    await match.press("Enter");
  } else {
    await match.click();
  }
  await expect(add.getByRole("heading", { level: 3, name })).toBeFocused();
}

test.afterEach(async () => {
  // Archived patients are out of every clinician's scope: they leave the roster, nothing is deleted.
  if (created.length > 0) await query(`update "Patient" set "archivedAt" = now() where id = any($1::text[])`, [created.splice(0)]);
});

test.describe("the clinician's plan page", () => {
  test("builds a draft: search and add, contraindication override, pause, move, remove, activate, history, print", async ({ page }) => {
    // One journey through every control: about twenty saves, each followed by a refresh.
    test.slow();
    const plan = await draftPlanForNewPatient("Acute low back spasm");
    await signInAndWait(page, "maya", /\/clinic$/);
    await page.goto(`/clinic/plans/${plan.planId}`);
    await expect(page.getByRole("heading", { level: 1, name: plan.title })).toBeVisible();
    await expect(page.getByText("Status: Draft")).toBeVisible();
    await expect(page.getByRole("link", { name: plan.patientName })).toHaveAttribute("href", `/clinic/patients/${plan.patientId}`);
    await expect(page.getByText("Muscle spasm of back · ICD-10 M62.830")).toBeVisible();
    await expect(page.getByText("No activities in this plan yet.")).toBeVisible();

    // An empty draft cannot be activated; the domain's reason is shown.
    await page.getByRole("button", { name: "Activate plan" }).click();
    await expect(page.getByText("Add at least one activity before activating the plan.")).toBeVisible();

    // Search as you type; picking a match pre-fills the catalog's default dose.
    const add = page.getByRole("region", { name: "Add an activity" });
    await addFromSearch(page, "brid", "Bridging");
    await expect(add.getByLabel("Setting")).toHaveValue("HOME");
    await expect(add.getByLabel("Sets")).toHaveValue("2");
    await expect(add.getByLabel("Reps")).toHaveValue("10");
    await expect(add.getByLabel("Days per week")).toHaveValue("5");
    await add.getByRole("button", { name: "Add to plan" }).click();
    const activities = page.getByRole("region", { name: "Activities" });
    const bridging = activities.getByRole("listitem", { name: "Bridging" });
    await expect(bridging).toContainText("Home · Pain relief · 2 × 10 reps, hold 5 s · 5 days a week");
    await expect(add.getByLabel("Search the catalog")).toBeFocused();
    await expect(add.getByLabel("Search the catalog")).toHaveValue("");

    // Dry needling with ANTICOAGULANTS: refused with the explanation, then overridden with a reason.
    await addFromSearch(page, "dry need", "Dry needling", { keyboard: true });
    await expect(add.getByText(/^Contraindicated with: .*Anticoagulants/)).toBeVisible();
    await add.getByRole("button", { name: "Add to plan" }).click();
    await expect(add.getByRole("alert")).toHaveText(/Dry needling is contraindicated for this patient \(anticoagulants\)/);
    await expect(activities.getByRole("listitem", { name: "Dry needling" })).toHaveCount(0);
    await expect(add.getByLabel("Override with a reason")).toBeFocused();
    await add.getByLabel("Override with a reason").fill("INR ok");
    await add.getByRole("button", { name: "Add with override" }).click();
    await expect(add.getByText("Write a reason of at least 10 characters.")).toBeVisible();
    const reason = "INR 2.1 checked today; GP agrees; superficial needling only, pressure after.";
    await add.getByLabel("Override with a reason").fill(reason);
    await add.getByRole("button", { name: "Add with override" }).click();
    const needling = activities.getByRole("listitem", { name: "Dry needling" });
    await expect(needling.getByText("Contraindication overridden: Anticoagulants")).toBeVisible();
    await expect(needling.getByText(`Reason: ${reason}`)).toBeVisible();

    // Edit one activity's dose; a rule the server also applies is checked before sending.
    await bridging.getByRole("button", { name: "Edit Bridging" }).click();
    await bridging.getByLabel("Phase").selectOption("STRENGTHENING");
    await bridging.getByLabel("Days per week").fill("");
    await bridging.getByRole("button", { name: "Save activity" }).click();
    await expect(bridging.getByText("Say on how many days a week the patient does this at home.")).toBeVisible();
    await expect(bridging.getByLabel("Days per week")).toBeFocused();
    await bridging.getByLabel("Days per week").fill("3");
    await bridging.getByLabel("Reps").fill("12");
    await bridging.getByRole("button", { name: "Save activity" }).click();
    await expect(bridging).toContainText("Home · Strengthening · 2 × 12 reps, hold 5 s · 3 days a week");
    await expect(bridging.getByRole("button", { name: "Edit Bridging" })).toBeFocused();

    // Pause and resume.
    await bridging.getByRole("button", { name: "Pause Bridging" }).click();
    await expect(bridging.getByText("Paused", { exact: true })).toBeVisible();
    await bridging.getByRole("button", { name: "Resume Bridging" }).click();
    await expect(bridging.getByText("Active", { exact: true })).toBeVisible();

    // Move from the keyboard: focus stays with the moved activity.
    expect(await activityNames(page)).toEqual(["Bridging", "Dry needling"]);
    await needling.getByRole("button", { name: "Move up Dry needling" }).press("Enter");
    await expect.poll(() => activityNames(page)).toEqual(["Dry needling", "Bridging"]);
    await expect(needling.getByRole("button", { name: "Move down Dry needling" })).toBeFocused();

    // Removing asks first; Cancel keeps it, Remove strikes it through as removed.
    await needling.getByRole("button", { name: "Remove Dry needling" }).click();
    const confirm = page.getByRole("dialog", { name: "Remove Dry needling from the plan?" });
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(needling.getByText("Active", { exact: true })).toBeVisible();
    await needling.getByRole("button", { name: "Remove Dry needling" }).click();
    await confirm.getByRole("button", { name: "Remove" }).click();
    await expect(needling.getByText("Removed", { exact: true })).toBeVisible();
    await expect(needling.getByRole("heading", { name: "Dry needling" })).toHaveCSS("text-decoration-line", "line-through");
    await expect(needling.getByRole("button")).toHaveCount(0);

    // Activate; then put on hold, which needs a reason.
    await page.getByRole("button", { name: "Activate plan" }).click();
    await expect(page.getByText("Status: Active")).toBeVisible();
    await page.getByRole("button", { name: "Put on hold" }).click();
    const hold = page.getByRole("dialog", { name: `Put “${plan.title}” on hold?` });
    await hold.getByRole("button", { name: "Put on hold" }).click();
    await expect(hold.getByText("Give a reason of at least 5 characters.")).toBeVisible();
    await hold.getByLabel("Reason").fill("Patient travelling for two weeks.");
    await hold.getByRole("button", { name: "Put on hold" }).click();
    await expect(page.getByText("Status: On hold")).toBeVisible();
    await expect(hold).toBeHidden();
    await page.getByRole("button", { name: "Resume plan" }).click();
    await expect(page.getByText("Status: Active")).toBeVisible();

    // History: newest first, with who did it.
    const history = page.getByRole("region", { name: "History" }).getByRole("listitem");
    await expect(history).toHaveText([
      /^Activated the plan.*Maya Chen$/,
      /^Put the plan on hold/,
      /^Activated the plan/,
      /^Removed Dry needling/,
      /^Reordered Dry needling/,
      /^Resumed Bridging/,
      /^Paused Bridging/,
      /^Changed the dose or setting of Bridging/,
      /^Added Dry needling despite a contraindication \(override\)/,
      /^Added Bridging.*Maya Chen$/,
    ]);

    // The printable plan: current activities with instructions and dose, grouped, without the app header.
    await page.getByRole("link", { name: "Printable plan for the patient" }).click();
    // The plan page has the same heading: wait for the print page itself before reading it.
    await page.waitForURL(/\/print$/);
    await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: plan.title })).toBeVisible();
    await expect(page.getByText(plan.patientName)).toBeVisible();
    await expect(page.getByText("Walk 30 minutes without pain.")).toBeVisible();
    const home = page.getByRole("region", { name: "At home" });
    await expect(home.getByRole("heading", { name: "Bridging" })).toBeVisible();
    await expect(home.getByText("2 × 12 reps, hold 5 s · 3 days a week")).toBeVisible();
    await expect(home.getByText(/^Lie on your back with your knees bent/)).toBeVisible();
    await expect(page.getByText("Dry needling")).toHaveCount(0);
    await expect(page.getByRole("region", { name: "In the clinic" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    await expect(home.getByText(/^Lie on your back/)).toBeVisible();
  });

  test("a second tab saving details from a stale version gets a conflict and can reload", async ({ page }) => {
    const plan = await draftPlanForNewPatient("Conflict check");
    await signInAndWait(page, "maya", /\/clinic$/);
    const second = await page.context().newPage();
    await page.goto(`/clinic/plans/${plan.planId}`);
    await second.goto(`/clinic/plans/${plan.planId}`);

    await page.getByRole("button", { name: "Edit details" }).click();
    await page.getByLabel("Goals").fill("Return to gardening without pain.");
    await page.getByRole("button", { name: "Save details" }).click();
    await expect(page.getByText("Plan details saved.")).toBeVisible();
    await expect(page.getByText("Return to gardening without pain.")).toBeVisible();

    await second.getByRole("button", { name: "Edit details" }).click();
    await second.getByLabel("Title").fill("Overwritten from a stale tab");
    await second.getByRole("button", { name: "Save details" }).click();
    await expect(second.getByText(/changed by someone else since you opened it/)).toBeVisible();
    const [row] = await query<{ title: string; goals: string }>(`select title, goals from "TreatmentPlan" where id = $1`, [plan.planId]);
    expect(row).toEqual({ title: plan.title, goals: "Return to gardening without pain." });

    await second.getByRole("button", { name: "Reload" }).click();
    await expect(second.getByLabel("Goals")).toHaveValue("Return to gardening without pain.");
    await expect(second.getByLabel("Title")).toHaveValue(plan.title);
    await second.getByLabel("Planned in-clinic sessions").fill("8");
    await second.getByRole("button", { name: "Save details" }).click();
    await expect(second.getByText("Plan details saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByText("Return to gardening without pain.")).toBeVisible();
    await expect(page.getByRole("definition").filter({ hasText: /^8$/ })).toBeVisible();
  });

  test("on a fresh draft, Activate is the prominent action and 'Mark as entered in error' is a quiet last one", async ({ page }) => {
    const plan = await draftPlanForNewPatient("Prominence check");
    await signInAndWait(page, "maya", /\/clinic$/);
    await page.goto(`/clinic/plans/${plan.planId}`);
    const buttons = page.getByRole("group", { name: "Change plan status" }).getByRole("button");
    await expect(buttons).toHaveText(["Activate plan", "Discard draft", "Mark as entered in error"]);
    const look = (name: string) =>
      page
        .getByRole("group", { name: "Change plan status" })
        .getByRole("button", { name })
        .evaluate((b) => {
          const s = getComputedStyle(b);
          return { background: s.backgroundColor, border: s.borderTopWidth, underlined: s.textDecorationLine.includes("underline") };
        });
    const activate = await look("Activate plan");
    const error = await look("Mark as entered in error");
    // Activate is a filled button; "entered in error" has no fill and no border (a link-like button).
    expect(activate.background).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
    expect(error).toEqual({ background: "rgba(0, 0, 0, 0)", border: "0px", underlined: true });
    // It still works, behind its confirmation with a reason.
    await page.getByRole("button", { name: "Mark as entered in error" }).click();
    await expect(page.getByRole("dialog", { name: `Mark “${plan.title}” as entered in error?` })).toBeVisible();
  });

  test("fits a 375 px phone without sideways scrolling", async ({ page }) => {
    const plan = await draftPlanForNewPatient("Phone layout check with a fairly long plan title");
    await page.setViewportSize({ width: 375, height: 800 });
    await signInAndWait(page, "maya", /\/clinic$/);
    await page.goto(`/clinic/plans/${plan.planId}`);
    await addFromSearch(page, "needl", "Dry needling");
    await page.getByRole("button", { name: "Add to plan" }).click();
    await expect(page.getByLabel("Override with a reason")).toBeVisible();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.goto(`/clinic/plans/${plan.planId}/print`);
    expect(await overflow()).toBeLessThanOrEqual(0);
  });

  // Issue 15 (ADR 040): drag and drop, its keyboard path, and the version check on a drop.
  test("reorders activities by keyboard and by mouse; a drop from a stale tab is a conflict", async ({ browser, page }) => {
    const plan = await draftPlanForNewPatient("Reorder");
    const names = ["Cat-cow stretch", "Bridging", "Posture correction"];
    for (const [position, name] of names.entries()) {
      await query(
        `insert into "PlanActivity" (id, "clinicId", "planId", "catalogItemId", "nameSnapshot", "instructionsSnapshot", "kindSnapshot", "catalogVersionSnapshot", setting, phase, position, reps, "daysPerWeek", "updatedAt")
         select ${NEW_ID}, c."clinicId", $1, c.id, c.name, c."patientInstructions", c.kind, c.version, 'HOME', 'MOBILITY', $3, 10, 5, now()
           from "CatalogItem" c join "TreatmentPlan" t on t."clinicId" = c."clinicId" where t.id = $1 and c.name = $2`,
        [plan.planId, name, position],
      );
    }
    await signInAndWait(page, "maya", /\/clinic$/);
    await page.goto(`/clinic/plans/${plan.planId}`);
    expect(await activityNames(page)).toEqual(names);
    const handle = (p: Page, t: string) => p.getByRole("button", { name: `Reorder ${t}`, exact: true });

    // Keyboard: Space picks Posture correction up, two Arrow Ups, Space drops it first.
    await handle(page, "Posture correction").focus();
    await page.keyboard.press("Space");
    // The live region says it was picked up, then at once where it is.
    await expect(page.getByText(/^Posture correction is over place 3 of 3\.$/)).toBeAttached();
    await page.keyboard.press("ArrowUp");
    await expect(page.getByText(/^Posture correction is over place 2 of 3\.$/)).toBeAttached();
    await page.keyboard.press("ArrowUp");
    await expect(page.getByText(/^Posture correction is over place 1 of 3\.$/)).toBeAttached();
    await page.keyboard.press("Space");
    await expect.poll(() => activityNames(page)).toEqual(["Posture correction", "Cat-cow stretch", "Bridging"]);
    await expect(page.getByText("Posture correction moved to place 1 of 3.")).toBeAttached();
    await page.reload();
    await expect.poll(() => activityNames(page)).toEqual(["Posture correction", "Cat-cow stretch", "Bridging"]);

    // Mouse: drag Posture correction below Bridging.
    const from = await handle(page, "Posture correction").boundingBox();
    const to = await page.locator(`li[data-activity-id]`).last().boundingBox();
    if (!from || !to) throw new Error("no layout");
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, from.y + 20, { steps: 5 });
    await page.mouse.move(from.x + from.width / 2, to.y + to.height - 10, { steps: 25 });
    await page.mouse.up();
    await expect.poll(() => activityNames(page)).toEqual(["Cat-cow stretch", "Bridging", "Posture correction"]);

    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

    // Another tab changes the plan; a drop here from the older version is refused and nothing moves.
    const other = await browser.newPage({ storageState: await page.context().storageState() });
    await other.goto(`/clinic/plans/${plan.planId}`);
    await other.getByRole("button", { name: "Move down Cat-cow stretch" }).click();
    await expect.poll(() => activityNames(other)).toEqual(["Bridging", "Cat-cow stretch", "Posture correction"]);
    await other.close();
    await handle(page, "Posture correction").focus();
    await page.keyboard.press("Space");
    await expect(page.getByText(/^Posture correction is over place 3 of 3\.$/)).toBeAttached();
    await page.keyboard.press("ArrowUp");
    await expect(page.getByText(/^Posture correction is over place 2 of 3\.$/)).toBeAttached();
    await page.keyboard.press("Space");
    await expect(page.getByText(/changed by someone else/)).toBeVisible();
    await page.getByRole("button", { name: "Reload" }).click();
    await expect.poll(() => activityNames(page)).toEqual(["Bridging", "Cat-cow stretch", "Posture correction"]);
  });
});
