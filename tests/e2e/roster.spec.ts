import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, patientIdOf, planIdOf, query, signInAndWait } from "./fixtures";

const rosterTable = (page: Page) => page.getByRole("table", { name: "Patients in your care team" });

async function search(page: Page, q: string) {
  await page.getByLabel("Search patients").fill(q);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(q).replaceAll(".", "\\.")}`));
}

test.describe("the clinician's roster", () => {
  test("searches by name and by date of birth, filters by alert, and says when nothing matches", async ({ page }) => {
    await signInAndWait(page, "maya", /\/clinic$/);
    const table = rosterTable(page);

    await search(page, "ravi");
    await expect(table.getByRole("link", { name: "Ravi Patel" })).toBeVisible();
    await expect(table.getByRole("link", { name: "Jordan Lee" })).toHaveCount(0);

    await search(page, "12/04/1986");
    await expect(table.getByRole("link", { name: "Jordan Lee" })).toBeVisible();
    await expect(table.getByRole("link", { name: "Ravi Patel" })).toHaveCount(0);

    await search(page, "1958-09-30");
    await expect(table.getByRole("link", { name: "Ravi Patel" })).toBeVisible();
    await expect(table.getByRole("link", { name: "Jordan Lee" })).toHaveCount(0);

    await search(page, "nobody-by-this-name");
    await expect(page.getByText("No patients match these filters.")).toBeVisible();
    await page.getByRole("link", { name: "Clear" }).click();
    await expect(page).toHaveURL(/\/clinic$/);

    await page.getByLabel("Alert", { exact: true }).selectOption({ label: "Has contraindication flags" });
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/alert=FLAGGED/);
    await expect(table.getByRole("link", { name: "Ravi Patel" })).toBeVisible();
    await expect(table.getByRole("link", { name: "Jordan Lee" })).toHaveCount(0);
    await expect(page.getByLabel("Alert", { exact: true })).toHaveValue("FLAGGED");
  });

  test("shows a review that is due as a badge and under the Review due filter", async ({ page }) => {
    const planId = await planIdOf(ACCOUNTS.jordan);
    const [before] = await query<{ review: string | null }>(`select "reviewDate"::text as review from "TreatmentPlan" where id = $1`, [planId]);
    await query(`update "TreatmentPlan" set "reviewDate" = current_date - 1 where id = $1`, [planId]);
    try {
      await signInAndWait(page, "maya", /\/clinic$/);
      await expect(page.getByRole("list", { name: "Alerts for Jordan Lee" }).getByText("Review due")).toBeVisible();
      await page.getByLabel("Alert", { exact: true }).selectOption({ label: "Review due" });
      await page.getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL(/alert=REVIEW_DUE/);
      await expect(rosterTable(page).getByRole("link", { name: "Jordan Lee" })).toBeVisible();
      await expect(rosterTable(page).getByRole("link", { name: "Ravi Patel" })).toHaveCount(0);
    } finally {
      await query(`update "TreatmentPlan" set "reviewDate" = $1::date where id = $2`, [before!.review, planId]);
    }
  });

  test("registers a new patient, who then appears in the roster", async ({ page }) => {
    const lastName = `Haddad-${Date.now().toString(36)}`;
    await signInAndWait(page, "maya", /\/clinic$/);
    await page.getByRole("link", { name: "New patient" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "New patient" })).toBeVisible();

    await page.getByRole("button", { name: "Register patient" }).click();
    await expect(page.getByText("First name is required")).toBeVisible();
    await expect(page.getByLabel("First name")).toBeFocused();

    await page.getByLabel("First name").fill("Noor");
    await page.getByLabel("Last name").fill(lastName);
    await page.getByLabel("Date of birth").fill("1991-07-15");
    await page.getByLabel("Email (optional)").fill("not-an-email");
    await page.getByLabel("Osteoporosis").check();
    await page.getByRole("button", { name: "Register patient" }).click();
    await expect(page.getByText("Enter a valid email address")).toBeVisible();
    await expect(page.getByLabel("Email (optional)")).toBeFocused();
    await page.getByLabel("Email (optional)").fill(`noor.${lastName.toLowerCase()}@example.com`);
    await page.getByRole("button", { name: "Register patient" }).click();

    await expect(page.getByRole("heading", { level: 1, name: `Noor ${lastName}` })).toBeVisible();
    await expect(page.getByText("Patient registered. You are their primary clinician.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Contraindication flags" }).getByText("Osteoporosis")).toBeVisible();
    await expect(page.getByText("Dr Maya Chen (primary)")).toBeVisible();

    await page.getByRole("link", { name: "My patients" }).click();
    await search(page, lastName.toLowerCase());
    const row = rosterTable(page).getByRole("row").filter({ has: page.getByRole("link", { name: `Noor ${lastName}` }) });
    await expect(row).toBeVisible();
    await expect(row.getByText("No open plan")).toBeVisible();
    await expect(row.getByText("Osteoporosis")).toBeVisible();
    await search(page, "15/07/1991");
    await expect(rosterTable(page).getByRole("link", { name: `Noor ${lastName}` })).toBeVisible();
  });

  test("new flags list the activities of the current plan they contraindicate; a stale tab gets a conflict and reloads", async ({ browser, page }) => {
    const jordan = await patientIdOf(ACCOUNTS.jordan);
    const planId = await planIdOf(ACCOUNTS.jordan);
    const [before] = await query<{ flags: string }>(`select contraindications::text[]::text as flags from "Patient" where id = $1`, [jordan]);
    try {
      await signInAndWait(page, "maya", /\/clinic$/);
      await page.goto(`/clinic/patients/${jordan}`);
      await page.getByRole("link", { name: "Edit details" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Edit Jordan Lee" })).toBeVisible();
      const stale = await browser.newPage({ storageState: await page.context().storageState() });
      await stale.goto(page.url());

      await page.getByLabel("Needle phobia").check();
      await page.getByRole("button", { name: "Save changes" }).click();
      const conflicts = page.getByRole("region", { name: "Contraindicated treatments in this patient's plan" });
      await expect(conflicts).toBeFocused();
      await expect(conflicts).toContainText("These activities of the current plan Lower back spasm — acute episode are now contraindicated:");
      await expect(conflicts.getByRole("listitem")).toHaveText(["Dry needling (needle phobia)"]);
      await expect(conflicts.getByRole("link", { name: /Review the plan/ })).toHaveAttribute("href", `/clinic/plans/${planId}`);

      // The overview carries the same warning until the plan is reviewed.
      await page.getByRole("link", { name: "Back to the patient" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Jordan Lee" })).toBeVisible();
      await expect(page.getByRole("region", { name: "Contraindicated treatments in this patient's plan" }).getByText("Dry needling")).toBeVisible();

      // The second tab still holds the old version: its save is refused, nothing is overwritten.
      await stale.getByLabel("Pregnancy").check();
      await stale.getByRole("button", { name: "Save changes" }).click();
      await expect(stale.getByText(/changed by someone else/)).toBeVisible();
      await stale.getByRole("button", { name: "Reload" }).click();
      await expect(stale.getByLabel("Needle phobia")).toBeChecked();
      await expect(stale.getByLabel("Pregnancy")).not.toBeChecked();
      const [after] = await query<{ flags: string }>(`select contraindications::text[]::text as flags from "Patient" where id = $1`, [jordan]);
      expect(after!.flags).toBe("{NEEDLE_PHOBIA}");
      await stale.close();
    } finally {
      await query(`update "Patient" set contraindications = $1::text::"Contraindication"[] where id = $2`, [before!.flags, jordan]);
    }
  });

  test("the edit and new-plan pages answer 404 outside the care team and 403 to a patient", async ({ page }) => {
    const ana = await patientIdOf(ACCOUNTS.ana);
    const jordan = await patientIdOf(ACCOUNTS.jordan);
    await signInAndWait(page, "maya", /\/clinic$/);
    for (const path of [`/clinic/patients/${ana}/edit`, `/clinic/patients/${ana}/plans/new`, "/clinic/patients/nope/edit"]) {
      expect((await page.goto(path))?.status(), path).toBe(404);
      await expect(page.getByText("Ana Silva")).toHaveCount(0);
    }
    await page.context().clearCookies();
    await signInAndWait(page, "jordan", /\/my$/);
    for (const path of ["/clinic/patients/new", `/clinic/patients/${jordan}/edit`, `/clinic/patients/${jordan}/plans/new`]) {
      expect((await page.goto(path))?.status(), path).toBe(403);
    }
  });

  test("the roster, the patient form and the new-plan form fit a 375 px phone without sideways scrolling", async ({ page }) => {
    const ravi = await patientIdOf(ACCOUNTS.ravi);
    await page.setViewportSize({ width: 375, height: 800 });
    await signInAndWait(page, "maya", /\/clinic$/);
    for (const path of ["/clinic", "/clinic/patients/new", `/clinic/patients/${ravi}/edit`, `/clinic/patients/${ravi}/plans/new`]) {
      await page.goto(path);
      if (path.endsWith("/plans/new")) {
        await page.getByLabel("Protocol", { exact: true }).selectOption({ label: "Lower back spasm" });
        await expect(page.getByRole("radiogroup", { name: "Decision for Dry needling" })).toBeVisible();
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await page.goto("/clinic");
    await expect(page.getByRole("table", { name: "Patients in your care team" }).getByRole("link", { name: "Ravi Patel" })).toBeVisible();
  });
});
