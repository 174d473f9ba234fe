// Issue 15 (ADR 040): the catalog and the protocols are searched by body region, condition and
// tag, not only by name: the admin lists, the clinician's add-activity panel and protocol picker.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, patientIdOf, query, signInAndWait } from "./fixtures";

async function severe(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(", ")}`);
}

const rowNames = (page: Page, table: string) => page.getByRole("table", { name: table }).getByRole("rowheader").allTextContents();

test.describe("searching by body region, condition and tag", () => {
  test("an admin filters the catalog and the protocols by region, condition and tag, and edits a treatment's facets", async ({ page }) => {
    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    await page.getByLabel("Body region").selectOption({ label: "Neck" });
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/region=NECK/);
    expect(await rowNames(page, "Treatments in the catalog")).toEqual(["Posture correction"]);
    expect(await severe(page)).toEqual([]);

    // A condition, typed whole in any case.
    await page.goto("/admin/catalog?q=Muscle+Spasm");
    const spasm = await rowNames(page, "Treatments in the catalog");
    expect(spasm).toContain("Dry needling");
    expect(spasm).not.toContain("Bridging");

    // A tag is a link that filters by it.
    await page.goto("/admin/catalog");
    await page.getByRole("row", { name: /^Posture correction/ }).getByRole("link", { name: "Tag: #desk workers" }).click();
    await expect(page.getByText("Tagged #desk workers")).toBeVisible();
    expect((await rowNames(page, "Treatments in the catalog")).sort()).toEqual(["Education: lifting and posture", "Posture correction"]);

    // Facets are edited on the treatment: a new one tagged for the knee is found by them.
    const name = `Step-ups ${Date.now()}`;
    await page.goto("/admin/catalog/new");
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Kind").selectOption("EXERCISE");
    await page.getByLabel("Category").selectOption("STRENGTH");
    await page.getByLabel("Setting").selectOption("HOME");
    await page.getByLabel("Description (for clinicians)").fill("Step up onto a low step.");
    await page.getByLabel("Patient instructions").fill("Step up slowly, then down.");
    await page.getByLabel("Knee").check();
    await page.getByLabel("Conditions").fill("Knee pain, knee pain");
    await page.getByLabel("Tags").fill("Strength, Home");
    await page.getByRole("button", { name: "Create treatment" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByLabel("Knee")).toBeChecked();
    await expect(page.getByLabel("Conditions")).toHaveValue("knee pain");
    await expect(page.getByLabel("Tags")).toHaveValue("strength, home");
    await page.goto("/admin/catalog?region=KNEE");
    expect(await rowNames(page, "Treatments in the catalog")).toEqual([name]);

    // Protocols: the seeded Lower back spasm protocol is found by region and by tag.
    await page.goto("/admin/templates");
    await page.getByLabel("Body region").selectOption({ label: "Lower back" });
    await page.getByRole("button", { name: "Search" }).click();
    expect(await rowNames(page, "Protocol templates")).toContain("Lower back spasm");
    await page.goto("/admin/templates?region=KNEE");
    await expect(page.getByText("No templates match these filters.")).toBeVisible();
    await page.goto("/admin/templates?q=spasm");
    await page.getByRole("row", { name: /^Lower back spasm/ }).getByRole("link", { name: "Tag: #acute" }).click();
    expect(await rowNames(page, "Protocol templates")).toContain("Lower back spasm");
    expect(await severe(page)).toEqual([]);
  });

  test("a clinician finds treatments by body region on the plan page and protocols by condition or region when starting a plan", async ({ page }) => {
    const jordan = await patientIdOf(ACCOUNTS.jordan);
    const [plan] = await query<{ id: string }>(`select id from "TreatmentPlan" where "patientId" = $1 and status = 'ACTIVE' limit 1`, [jordan]);
    if (!plan) throw new Error("Jordan has no active plan");
    await signInAndWait(page, "maya", /\/clinic$/);
    await page.goto(`/clinic/plans/${plan.id}`);
    await page.getByLabel("Body region").selectOption({ label: "Neck" });
    const matches = page.getByRole("list", { name: "Matching treatments" }).getByRole("button");
    await expect(matches).toHaveCount(1);
    await expect(matches.first()).toContainText("Posture correction");
    await expect(page.getByText("1 matching treatment.")).toBeVisible();
    // A condition typed whole, narrowed by the region.
    await page.getByLabel("Search the catalog").fill("muscle spasm");
    await expect(matches).toHaveCount(0);
    await expect(page.getByText("No active treatments match “muscle spasm” in Neck.")).toBeVisible();
    await page.getByLabel("Body region").selectOption({ label: "Any region" });
    await expect(matches.filter({ hasText: "Dry needling" })).toHaveCount(1);

    const ravi = await patientIdOf(ACCOUNTS.ravi);
    await page.goto(`/clinic/patients/${ravi}/plans/new`);
    const picker = page.getByLabel("Protocol", { exact: true });
    await page.getByLabel("Find a protocol").fill("lumbar");
    await expect(picker.getByRole("option", { name: "Lower back spasm" })).toHaveCount(1);
    await page.getByLabel("Body region").selectOption({ label: "Knee" });
    await expect(picker.getByRole("option", { name: "Lower back spasm" })).toHaveCount(0);
    await expect(picker.getByRole("option", { name: "No protocol matches: change the filter…" })).toHaveCount(1);
    await page.getByLabel("Body region").selectOption({ label: "Lower back" });
    await picker.selectOption({ label: "Lower back spasm" });
    await expect(page.getByLabel("Title")).toHaveValue("Lower back spasm");
    expect(await severe(page)).toEqual([]);

    await page.goto("/clinic/protocols?region=LOWER_BACK");
    await expect(page.getByRole("list", { name: "Protocols" }).getByRole("link", { name: "Lower back spasm", exact: true })).toBeVisible();
    await page.goto("/clinic/protocols?region=KNEE");
    await expect(page.getByText("No protocols match this search.")).toBeVisible();
  });
});
