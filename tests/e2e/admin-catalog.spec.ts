import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signInAndWait } from "./fixtures";

test.describe("admin keeps the treatment catalog", () => {
  test("an admin creates and activates a treatment, and a clinician then sees it", async ({ browser, page }) => {
    const name = `Kinesio taping ${Date.now()}`;
    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    await page.getByRole("link", { name: "New treatment" }).click();

    // Submitting empty shows field errors next to the fields and saves nothing.
    await page.getByRole("button", { name: "Create treatment" }).click();
    await expect(page.getByText("Name needs at least 2 characters")).toBeVisible();
    await expect(page.getByLabel("Name")).toBeFocused();

    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Kind").selectOption("MODALITY");
    await page.getByLabel("Category").selectOption("MANUAL_THERAPY");
    await page.getByLabel("Setting").selectOption("IN_CLINIC");
    await page.getByLabel("Description (for clinicians)").fill("Elastic tape along the lumbar paraspinals to offload the muscles.");
    await page.getByLabel("Patient instructions").fill("Keep the tape on for up to 3 days. Remove it slowly if your skin itches.");
    await page.getByLabel("Duration (min)").fill("15");
    await page.getByLabel("Days per week").fill("9");
    await page.getByRole("button", { name: "Create treatment" }).click();
    await expect(page.getByText("Days per week must be at most 7")).toBeVisible();
    await page.getByLabel("Days per week").fill("");
    await page.getByLabel("Infection or open wound").check();
    await page.getByLabel("Equipment").fill("Kinesiology tape, Scissors");
    await page.getByRole("button", { name: "Create treatment" }).click();

    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByText("Created as a draft")).toBeVisible();
    await page.getByRole("button", { name: "Activate" }).click();
    await expect(page.getByText(/^Active · version 2/)).toBeVisible();

    const clinician = await browser.newPage();
    await signInAndWait(clinician, "maya", /\/clinic$/);
    await clinician.goto("/clinic/catalog");
    await clinician.getByLabel("Search treatments").fill("Kinesio");
    await clinician.getByRole("button", { name: "Search" }).click();
    await clinician.getByRole("link", { name }).click();
    await expect(clinician.getByText("Keep the tape on for up to 3 days.")).toBeVisible();
    await expect(clinician.getByText("Infection or open wound")).toBeVisible();
    await clinician.close();
  });

  test("a duplicate name is refused next to the name field", async ({ page }) => {
    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    await page.goto("/admin/catalog/new");
    await page.getByLabel("Name").fill("Dry needling");
    await page.getByLabel("Kind").selectOption("MODALITY");
    await page.getByLabel("Category").selectOption("NEEDLING");
    await page.getByLabel("Setting").selectOption("IN_CLINIC");
    await page.getByLabel("Description (for clinicians)").fill("Duplicate.");
    await page.getByLabel("Patient instructions").fill("Duplicate.");
    await page.getByRole("button", { name: "Create treatment" }).click();
    await expect(page.getByText("An item with this name already exists in the catalog.")).toBeVisible();
    await expect(page).toHaveURL(/\/admin\/catalog\/new$/);
  });

  test("retiring asks for confirmation, and an edit from a stale tab gets a conflict with a reload", async ({ browser, page }) => {
    const name = `Retire me ${Date.now()}`;
    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    await page.goto("/admin/catalog/new");
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Kind").selectOption("EXERCISE");
    await page.getByLabel("Category").selectOption("STRETCH");
    await page.getByLabel("Setting").selectOption("HOME");
    await page.getByLabel("Description (for clinicians)").fill("Hamstring stretch.");
    await page.getByLabel("Patient instructions").fill("Hold the stretch gently.");
    await page.getByRole("button", { name: "Create treatment" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const url = page.url();

    const stale = await browser.newPage({ storageState: await page.context().storageState() });
    await stale.goto(url);

    await page.getByLabel("Description (for clinicians)").fill("Edited in the first tab.");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText(/^Saved\./)).toBeVisible();
    await expect(page.getByLabel("Description (for clinicians)")).toHaveValue("Edited in the first tab.");

    await stale.getByLabel("Description (for clinicians)").fill("Edited in the stale tab.");
    await stale.getByRole("button", { name: "Save changes" }).click();
    await expect(stale.getByText(/changed by someone else/)).toBeVisible();
    await stale.getByRole("button", { name: "Reload" }).click();
    await expect(stale.getByLabel("Description (for clinicians)")).toHaveValue("Edited in the first tab.");
    await stale.close();

    await page.getByRole("button", { name: "Activate" }).click();
    await page.getByRole("button", { name: "Retire", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: `Retire ${name}?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByText(/^Active · version/)).toBeVisible();
    await page.getByRole("button", { name: "Retire", exact: true }).click();
    await dialog.getByRole("button", { name: "Retire", exact: true }).click();
    await expect(page.getByText(/^Retired · version/)).toBeVisible();
  });

  test("the audit log shows who changed the catalog, filtered by action", async ({ page }) => {
    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    await page.goto("/admin/audit");
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    await page.getByLabel("Event type").selectOption("auth.sign_in");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/action=auth.sign_in/);
    const table = page.getByRole("table", { name: "Audit events, newest first" });
    await expect(table.getByRole("row").nth(1)).toContainText("Priya Shah");
    await expect(table.getByRole("cell", { name: "patient.read" })).toHaveCount(0);
  });

  // Issue 15 (ADR 040): retiring used to drop a treatment from protocols without a word.
  test("retiring shows the protocols and active plans that use the treatment, and a change in between is a conflict", async ({ browser, page }) => {
    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    await page.getByLabel("Search treatments").fill("Bridging");
    await page.keyboard.press("Enter");
    await page.getByRole("link", { name: "Bridging", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Bridging" })).toBeVisible();
    await page.getByRole("button", { name: "Retire", exact: true }).click();
    const seeded = page.getByRole("dialog", { name: "Retire Bridging?" });
    await expect(seeded.getByRole("link", { name: "Lower back spasm" })).toHaveAttribute("href", /\/admin\/templates\/c[a-z0-9]+$/);
    await expect(seeded.getByRole("heading", { name: /^Active plans: \d+ plans? uses? it$/ })).toBeVisible();
    await expect(seeded.getByText(/^Dr Maya Chen: \d+ plans?$/)).toBeVisible();
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
    await seeded.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByText(/^Active · version/)).toBeVisible();

    // A new treatment nobody uses: the dialog says so; a protocol adopts it before the admin confirms.
    const name = `Usage check ${Date.now()}`;
    await page.goto("/admin/catalog/new");
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Kind").selectOption("EXERCISE");
    await page.getByLabel("Category").selectOption("STRETCH");
    await page.getByLabel("Setting").selectOption("HOME");
    await page.getByLabel("Description (for clinicians)").fill("Piriformis stretch.");
    await page.getByLabel("Patient instructions").fill("Hold the stretch gently.");
    await page.getByRole("button", { name: "Create treatment" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await page.getByRole("button", { name: "Activate" }).click();
    await expect(page.getByText(/^Active · version/)).toBeVisible();
    await page.getByRole("button", { name: "Retire", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: `Retire ${name}?` });
    await expect(dialog.getByRole("heading", { name: "Protocols: none" })).toBeVisible();
    await expect(dialog.getByRole("heading", { name: "Active plans: none" })).toBeVisible();

    const other = await browser.newPage({ storageState: await page.context().storageState() });
    await other.goto("/admin/templates/new");
    await other.getByLabel("Name").fill(`Protocol for ${name}`);
    await other.getByLabel("Condition").fill("Buttock pain");
    await other.getByLabel("Description").fill("Stretching first.");
    await other.getByLabel("Add a treatment").selectOption({ label: name });
    await other.getByRole("button", { name: "Add to template" }).click();
    await other.getByRole("button", { name: "Create template" }).click();
    await expect(other.getByText("Created. Clinicians can open it under Protocols.")).toBeVisible();
    await other.close();

    await dialog.getByRole("button", { name: "Retire", exact: true }).click();
    await expect(page.getByText(/changed since you were shown them/)).toBeVisible();
    await expect(page.getByText(/^Active · version/)).toBeVisible();
    await page.getByRole("button", { name: "Retire", exact: true }).click();
    await expect(dialog.getByRole("link", { name: `Protocol for ${name}` })).toBeVisible();
    await dialog.getByRole("button", { name: "Retire", exact: true }).click();
    await expect(page.getByText(/^Retired · version/)).toBeVisible();
  });
});
