// Decision 030: an admin edits the clinic's settings with the keyboard alone, uploads a logo, and
// a clinician's printable plan carries them as a letterhead; a stale form answers 409 with a way to
// reload; the page passes axe. The clinic row is put back afterwards (other specs compare tables).
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { ACCOUNTS, planIdOf, query, signInAndWait } from "./fixtures";

type ClinicRow = { id: string; name: string; address: string | null; phone: string | null; timezone: string; logoKey: string | null; version: number };
let original: ClinicRow;

test.beforeAll(async () => {
  [original] = (await query<ClinicRow>(
    `select c.id, c.name, c.address, c.phone, c.timezone, c."logoKey", c.version from "Clinic" c join "User" u on u."clinicId" = c.id where u.email = $1`,
    [ACCOUNTS.admin],
  )) as [ClinicRow];
});

test.afterAll(async () => {
  await query(`update "Clinic" set name = $2, address = $3, phone = $4, timezone = $5, "logoKey" = $6, version = $7 where id = $1`, [
    original.id,
    original.name,
    original.address,
    original.phone,
    original.timezone,
    original.logoKey,
    original.version,
  ]);
});

const SEVERE = (v: { impact?: string | null }) => v.impact === "serious" || v.impact === "critical";

test("an admin edits the clinic settings by keyboard and a clinician's printable plan carries them", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signInAndWait(page, "admin", /\/admin\/catalog/);
  await page.getByRole("link", { name: "Clinic settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Clinic settings" })).toBeVisible();

  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(axe.violations.filter(SEVERE).map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // Keyboard only: focus the first field, then Tab through the form and submit with Enter.
  const form = page.getByRole("form", { name: "Clinic details" });
  await form.getByLabel("Clinic name").focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("Riverside Physio & Rehab");
  await page.keyboard.press("Tab");
  await expect(form.getByLabel("Address")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("Unit 4, The Old Mill");
  await page.keyboard.press("Enter");
  await page.keyboard.type("14 Mill Lane, Riverside RV1 2AB");
  await page.keyboard.press("Tab");
  await expect(form.getByLabel("Phone")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("phone me");
  await page.keyboard.press("Enter");
  // A field error, announced and next to its field; focus goes to the field.
  await expect(form.getByText("Please correct the highlighted fields. Nothing was saved.")).toBeVisible();
  await expect(form.getByLabel("Phone")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Phone")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("+44 20 7946 0321");
  await page.keyboard.press("Enter");
  await expect(form.getByText("Clinic settings saved.")).toBeVisible();
  const [saved] = await query<ClinicRow>(`select name, address, phone, version from "Clinic" where id = $1`, [original.id]);
  expect(saved).toMatchObject({ name: "Riverside Physio & Rehab", address: "Unit 4, The Old Mill\n14 Mill Lane, Riverside RV1 2AB", phone: "+44 20 7946 0321", version: original.version + 1 });

  // Logo: upload, see the preview.
  const logoSection = page.getByRole("region", { name: "Logo" });
  const logo = await sharp({ create: { width: 900, height: 300, channels: 3, background: "#1d4ed8" } }).jpeg().toBuffer();
  await logoSection.getByLabel("Logo file").setInputFiles({ name: "logo.jpg", mimeType: "image/jpeg", buffer: logo });
  await logoSection.getByRole("button", { name: "Upload logo" }).click();
  await expect(logoSection.getByText("Logo uploaded.")).toBeVisible();
  await expect(logoSection.getByRole("img", { name: "The clinic's current logo" })).toBeVisible();

  // A clinician's printable plan carries the letterhead.
  const planId = await planIdOf(ACCOUNTS.jordan);
  const clinicianContext = await browser.newContext();
  const clinician = await clinicianContext.newPage();
  await signInAndWait(clinician, "maya", /\/clinic$/);
  await clinician.goto(`/clinic/plans/${planId}/print`);
  const letterhead = clinician.getByRole("region", { name: "Clinic" });
  await expect(letterhead.getByText("Riverside Physio & Rehab")).toBeVisible();
  await expect(letterhead.getByText("14 Mill Lane, Riverside RV1 2AB")).toBeVisible();
  await expect(letterhead.getByRole("link", { name: "+44 20 7946 0321" })).toHaveAttribute("href", "tel:+442079460321");
  const img = letterhead.getByRole("img", { name: "Riverside Physio & Rehab logo" });
  await expect(img).toBeVisible();
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(600);
  await clinicianContext.close();

  // Someone else saves meanwhile: this form's version is stale, so the save answers 409 and offers a reload.
  await query(`update "Clinic" set version = version + 1 where id = $1`, [original.id]);
  await form.getByLabel("Clinic name").fill("Stale edit");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByText(/changed by someone else since you opened it/)).toBeVisible();
  await expect(form.getByRole("button", { name: "Reload" })).toBeVisible();
  expect((await query<{ name: string }>(`select name from "Clinic" where id = $1`, [original.id]))[0]!.name).toBe("Riverside Physio & Rehab");

  // Reload, then remove the logo after confirming (the stored object goes with it).
  await form.getByRole("button", { name: "Reload" }).click();
  await expect(logoSection.getByRole("img", { name: "The clinic's current logo" })).toBeVisible();
  await logoSection.getByRole("button", { name: "Remove logo" }).click();
  const dialog = page.getByRole("dialog", { name: "Remove the clinic's logo?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Remove logo" }).click();
  await expect(logoSection.getByText("Logo removed.")).toBeVisible();
  await expect(logoSection.getByText("No logo yet.")).toBeVisible();
  expect((await query<{ logoKey: string | null }>(`select "logoKey" from "Clinic" where id = $1`, [original.id]))[0]!.logoKey).toBeNull();
});
