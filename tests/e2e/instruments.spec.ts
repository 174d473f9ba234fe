// Outcome instruments as data (issue 16, ADR 045): the admin lists the clinic's instruments, reads
// the ODI's adapted wording, is refused malformed licensed wording (nothing changes), loads
// well-formed wording (a new version, labelled "ODI"), and the patient's questionnaire page for a
// PSFS nobody asked for says so. Axe on every page. The seed is put back afterwards.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ODI_SECTIONS } from "@/lib/clinical/odi-sections";
import { CLINIC } from "@/prisma/seed-data/demo";
import { query, signInAndWait } from "./fixtures";

async function noSeriousAxe(page: Page) {
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
}

const odiVersions = async () =>
  query<{ version: number; label: string }>(
    `select d.version, d.label from "InstrumentDefinition" d join "Clinic" c on c.id = d."clinicId" where c.slug = $1 and d.code = 'ODI' order by d.version`,
    [CLINIC.slug],
  );

test.describe("outcome instruments", () => {
  test.afterEach(async () => {
    // Put the seed back: only the shipped version 1 of the demo clinic's ODI.
    await query(`delete from "InstrumentDefinition" d using "Clinic" c where c.id = d."clinicId" and c.slug = $1 and d.code = 'ODI' and d.version > 1`, [CLINIC.slug]);
  });

  test("an admin loads licensed ODI wording: malformed is refused and changes nothing, well-formed becomes version 2 labelled ODI", async ({ page }) => {
    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    await page.getByRole("link", { name: "Instruments" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Outcome instruments" })).toBeVisible();
    const odiRow = page.getByRole("row", { name: /Oswestry Disability Index/ });
    await expect(odiRow).toContainText("ODI, adapted wording");
    await expect(page.getByRole("row", { name: /Patient-Specific Functional Scale/ })).toContainText("higher is better");
    await noSeriousAxe(page);

    await odiRow.getByRole("link", { name: "Oswestry Disability Index" }).click();
    await expect(page).toHaveURL(/\/admin\/instruments\/odi$/);
    await expect(page.getByText("Right now my pain is as bad as I can imagine.")).toBeVisible();
    await expect(page.getByText(/10 points or 30 % of baseline/)).toBeVisible();
    await noSeriousAxe(page);

    const form = page.getByRole("form", { name: "Load licensed ODI wording" });
    const wording = {
      licenceReference: "E2E licence 42",
      sections: Object.fromEntries(ODI_SECTIONS.map((s) => [s, { prompt: `Licensed question ${s}`, statements: [0, 1, 2, 3, 4, 5].map((n) => `Licensed ${s} ${n}`) }])),
    };
    // Five statements in one section: refused, nothing changes.
    const bad = { ...wording, sections: { ...wording.sections, lifting: { prompt: "Lifting", statements: ["a", "b", "c", "d", "e"] } } };
    await form.getByLabel("Wording (JSON)").fill(JSON.stringify(bad));
    await form.getByLabel(/The clinic holds a licence/).check();
    await form.getByRole("button", { name: "Load licensed wording" }).click();
    await expect(form.getByText(/Nothing was changed\./)).toBeVisible();
    await expect(form.getByText(/sections\.lifting\.statements: Exactly six statements/)).toBeVisible();
    expect(await odiVersions()).toEqual([{ version: 1, label: "ODI, adapted wording" }]);

    await form.getByLabel("Wording (JSON)").fill(JSON.stringify(wording));
    await form.getByRole("button", { name: "Load licensed wording" }).click();
    await expect(form.getByText("Loaded as version 2: scores are now labelled “ODI”.")).toBeVisible();
    expect(await odiVersions()).toEqual([
      { version: 1, label: "ODI, adapted wording" },
      { version: 2, label: "ODI" },
    ]);
    await expect(page.getByText(/^5: Licensed painIntensity 5$/)).toBeVisible();
    await expect(page.getByRole("region", { name: "Versions" })).toContainText("licence E2E licence 42");
    const [audit] = await query<{ n: number }>(`select count(*)::int as n from "AuditEvent" where action = 'instrument.licensed_wording.load'`);
    expect(audit!.n).toBeGreaterThanOrEqual(1);
    await page.goto("/admin/instruments");
    await expect(page.getByRole("row", { name: /Oswestry Disability Index/ })).toContainText("Licensed wording");
  });

  test("the patient's PSFS page says when nothing is asked, on a phone, without axe violations", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signInAndWait(page, "ana", /\/my$/);
    await page.goto("/my/questionnaire/psfs");
    await expect(page.getByRole("heading", { level: 1, name: "Activities that are hard for you" })).toBeVisible();
    await expect(page.getByText("There is no PSFS for you to fill in right now.", { exact: false })).toBeVisible();
    await noSeriousAxe(page);
    expect((await page.goto("/my/questionnaire/nprs"))?.status()).toBe(404);
    await page.goto("/my/questionnaire");
    await expect(page.getByRole("heading", { level: 1, name: "Questionnaires" })).toBeVisible();
    await noSeriousAxe(page);
    await context.close();
  });
});
