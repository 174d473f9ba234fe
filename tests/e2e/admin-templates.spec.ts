import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInAndWait } from "./fixtures";

async function addTreatment(page: Page, name: string) {
  await page.getByLabel("Add a treatment").selectOption({ label: name });
  await page.getByRole("button", { name: "Add to template" }).click();
}

test.describe("admin keeps the protocol templates", () => {
  test("an admin builds a template from active treatments and a clinician then reads it", async ({ browser, page }) => {
    const name = `Desk worker back care ${Date.now()}`;
    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Protocols" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Protocol templates" })).toBeVisible();
    await page.getByRole("link", { name: "New template" }).click();

    // Submitting empty shows errors next to the fields and saves nothing.
    await page.getByRole("button", { name: "Create template" }).click();
    await expect(page.getByText("Name needs at least 2 characters")).toBeVisible();
    await expect(page.getByText("Add at least one treatment")).toBeVisible();
    await expect(page.getByLabel("Name")).toBeFocused();

    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Condition").fill("Postural low back pain");
    await page.getByLabel("ICD-10 code (optional)").fill("m545");
    await page.getByLabel("Description").fill("For desk workers: restore movement first, then build support for the lower back.");

    await addTreatment(page, "Bridging");
    await addTreatment(page, "Cat-cow stretch");
    const bridging = page.getByRole("group", { name: "1. Bridging" });
    // The dose starts from the catalog's default for the treatment.
    await expect(bridging.getByLabel("Sets")).toHaveValue("2");
    await expect(bridging.getByLabel("Reps")).toHaveValue("10");
    await expect(bridging.getByLabel("Days per week")).toHaveValue("5");
    await bridging.getByLabel("Phase").selectOption("STRENGTHENING");
    await page.getByRole("group", { name: "2. Cat-cow stretch" }).getByLabel("Phase").selectOption("MOBILITY");

    // Reorder from the keyboard: focus follows the moved item.
    await page.getByRole("group", { name: "2. Cat-cow stretch" }).getByRole("button", { name: /^Move up/ }).press("Enter");
    const catCow = page.getByRole("group", { name: "1. Cat-cow stretch" });
    await expect(catCow.getByRole("button", { name: /^Move down/ })).toBeFocused();

    const bridgingNow = page.getByRole("group", { name: "2. Bridging" });
    await bridgingNow.getByLabel("Days per week").fill("9");
    await page.getByRole("button", { name: "Create template" }).click();
    await expect(bridgingNow.getByText("Days per week must be at most 7")).toBeVisible();
    await expect(bridgingNow.getByLabel("Days per week")).toBeFocused();
    await bridgingNow.getByLabel("Days per week").fill("5");
    await page.getByRole("button", { name: "Create template" }).click();

    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByText("Created. Clinicians can open it under Protocols.")).toBeVisible();
    const preview = page.getByRole("region", { name: "Clinician preview" });
    await expect(preview.getByText("Postural low back pain · ICD-10 M54.5")).toBeVisible();
    await expect(preview.getByRole("heading", { name: "Mobility" })).toBeVisible();

    const clinician = await browser.newPage();
    await signInAndWait(clinician, "maya", /\/clinic$/);
    await clinician.goto("/clinic/protocols");
    await clinician.getByLabel("Search protocols").fill("Desk worker");
    await clinician.getByRole("button", { name: "Search" }).click();
    await clinician.getByRole("link", { name }).click();
    await expect(clinician.getByRole("heading", { level: 1, name })).toBeVisible();
    const mobility = clinician.getByRole("region", { name: "Mobility" });
    const strengthening = clinician.getByRole("region", { name: "Strengthening" });
    await expect(mobility.getByText("Cat-cow stretch")).toBeVisible();
    await expect(strengthening.getByText("Bridging")).toBeVisible();
    await expect(strengthening.getByText("2 × 10 reps, hold 5 s · 5 days a week")).toBeVisible();
    await expect(strengthening.getByText("Contraindicated with: Acute fracture")).toBeVisible();
    await clinician.close();
  });

  test("the seeded Lower back spasm template is editable, and clinicians see the edit", async ({ browser, page }) => {
    const note = `Reviewed by the clinical lead on run ${Date.now()}.`;
    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    await page.goto("/admin/templates");
    await page.getByRole("link", { name: "Lower back spasm", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Lower back spasm" })).toBeVisible();
    await expect(page.getByRole("group", { name: "4. Dry needling" })).toBeVisible();

    const description = page.getByLabel("Description");
    await description.fill(`${await description.inputValue()} ${note}`);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText(/^Saved\./)).toBeVisible();
    await expect(page.getByRole("region", { name: "Clinician preview" }).getByText(note)).toBeVisible();

    await page.reload();
    await expect(page.getByLabel("Description")).toHaveValue(new RegExp(`${note.replaceAll(".", "\\.")}$`));

    const clinician = await browser.newPage();
    await signInAndWait(clinician, "maya", /\/clinic$/);
    await clinician.goto("/clinic/protocols");
    await clinician.getByRole("link", { name: "Lower back spasm", exact: true }).click();
    await expect(clinician.getByText(note)).toBeVisible();
    await expect(clinician.getByRole("region", { name: "Pain relief" }).getByText("Dry needling")).toBeVisible();
    await clinician.close();
  });

  test("a stale tab gets a conflict with Reload, and retiring asks first and hides the template from clinicians", async ({ browser, page }) => {
    const name = `Retire me ${Date.now()}`;
    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    await page.goto("/admin/templates/new");
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Condition").fill("Lumbar strain");
    await addTreatment(page, "Cat-cow stretch");
    await page.getByRole("button", { name: "Create template" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const url = page.url();

    const stale = await browser.newPage({ storageState: await page.context().storageState() });
    await stale.goto(url);

    await page.getByLabel("Condition").fill("Lumbar strain, first tab");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText(/^Saved\./)).toBeVisible();

    await stale.getByLabel("Condition").fill("Lumbar strain, stale tab");
    await stale.getByRole("button", { name: "Save changes" }).click();
    await expect(stale.getByText(/changed by someone else/)).toBeVisible();
    await stale.getByRole("button", { name: "Reload" }).click();
    await expect(stale.getByLabel("Condition")).toHaveValue("Lumbar strain, first tab");
    await stale.close();

    await page.getByRole("button", { name: "Retire template" }).click();
    const dialog = page.getByRole("dialog", { name: `Retire ${name}?` });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByText(/^Status: Active/)).toBeVisible();
    await page.getByRole("button", { name: "Retire template" }).click();
    await dialog.getByRole("button", { name: "Retire" }).click();
    await expect(page.getByText("Retired. Clinicians no longer see this template.")).toBeVisible();
    await expect(page.getByText(/^Retired · version 3/)).toBeVisible();

    const clinician = await browser.newPage();
    await signInAndWait(clinician, "maya", /\/clinic$/);
    const response = await clinician.goto(url.replace(/\/admin\/templates\//, "/clinic/protocols/").replace(/\?.*$/, ""));
    expect(response?.status()).toBe(404);
    await clinician.goto("/clinic/protocols");
    await expect(clinician.getByRole("link", { name: "Lower back spasm", exact: true })).toBeVisible();
    await expect(clinician.getByText(name)).toHaveCount(0);
    await clinician.close();
  });

  test("clinicians and patients cannot open the template admin; patients cannot open protocols", async ({ page }) => {
    await signInAndWait(page, "maya", /\/clinic$/);
    for (const path of ["/admin/templates", "/admin/templates/new"]) {
      expect((await page.goto(path))?.status()).toBe(403);
    }
    await page.context().clearCookies();
    await signInAndWait(page, "jordan", /\/my$/);
    for (const path of ["/admin/templates", "/clinic/protocols"]) {
      expect((await page.goto(path))?.status()).toBe(403);
    }
  });

  // Issue 15 (ADR 040): reorder by dragging (or the keyboard) and save from a bar that stays on
  // screen, on a protocol long enough that its end is far below the first screen.
  test("the editor reorders by keyboard and by mouse, and saves from the sticky bar with the version check", async ({ browser, page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const name = `Drag order ${Date.now()}`;
    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    await page.goto("/admin/templates/new");
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Condition").fill("Lumbar strain");
    await page.getByLabel("Description").fill("Mobility first, then strength.");
    const treatments = ["Cat-cow stretch", "Bridging", "Child's pose stretch", "Foam-roller release", "Posture correction", "Core strengthening program"];
    for (const t of treatments) await addTreatment(page, t);
    await page.getByRole("button", { name: "Create template" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const legends = () => page.locator("form li[data-item-key] > fieldset > legend").allTextContents();
    expect(await legends()).toEqual(treatments.map((t, i) => `${i + 1}. ${t}`));

    // At the top of a long form the save bar is on screen, saying nothing is unsaved.
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(2000);
    const bar = page.getByRole("region", { name: "Save" });
    await expect(bar.getByRole("button", { name: "Save changes" })).toBeInViewport();
    await expect(bar.getByText("All changes saved")).toBeVisible();

    // Keyboard: pick Bridging up with Space, two places down with the arrow keys, drop with Space.
    const handle = (t: string) => page.getByRole("button", { name: `Reorder ${t}`, exact: true });
    await handle("Bridging").focus();
    await page.keyboard.press("Space");
    // The live region says it was picked up, then at once where it is.
    await expect(page.getByText(/^Bridging is over place 2 of 6\.$/)).toBeAttached();
    await page.keyboard.press("ArrowDown");
    await expect(page.getByText(/^Bridging is over place 3 of 6\.$/)).toBeAttached();
    await page.keyboard.press("ArrowDown");
    await expect(page.getByText(/^Bridging is over place 4 of 6\.$/)).toBeAttached();
    await page.keyboard.press("Space");
    await expect.poll(legends).toEqual(["1. Cat-cow stretch", "2. Child's pose stretch", "3. Foam-roller release", "4. Bridging", "5. Posture correction", "6. Core strengthening program"]);
    await expect(bar.getByText("Unsaved changes")).toBeVisible();

    // Mouse: drag Core strengthening program (last) onto Posture correction's place, away from the
    // window's edges (where dragging scrolls the page).
    await page.setViewportSize({ width: 1280, height: 1400 });
    const posture = page.getByRole("group", { name: "5. Posture correction" });
    await posture.evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - 350));
    const from = await handle("Core strengthening program").boundingBox();
    const to = await posture.boundingBox();
    const core = await page.getByRole("group", { name: "6. Core strengthening program" }).boundingBox();
    if (!from || !to || !core) throw new Error("no layout");
    const x = from.x + from.width / 2;
    const y = from.y + from.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x, y - 20, { steps: 5 });
    await page.mouse.move(x, y - (core.y - to.y), { steps: 25 });
    await page.mouse.up();
    const dragged = ["1. Cat-cow stretch", "2. Child's pose stretch", "3. Foam-roller release", "4. Bridging", "5. Core strengthening program", "6. Posture correction"];
    await expect.poll(legends).toEqual(dragged);

    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

    // Ctrl+S from anywhere in the form saves; the order survives a reload.
    await page.getByLabel("Name").focus();
    await page.keyboard.press("Control+s");
    await expect(bar.getByText("All changes saved")).toBeVisible();
    await expect(page.getByText(/^Saved\./)).toBeVisible();
    await page.reload();
    await expect.poll(legends).toEqual(dragged);

    // A reorder saved from a stale tab is a conflict: nothing is overwritten.
    const stale = await browser.newPage({ storageState: await page.context().storageState() });
    await stale.goto(page.url());
    await page.getByRole("group", { name: "2. Child's pose stretch" }).getByRole("button", { name: /^Move up/ }).click();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText(/^Saved\./)).toBeVisible();
    await stale.getByRole("group", { name: "6. Posture correction" }).getByRole("button", { name: /^Move up/ }).click();
    await stale.getByRole("button", { name: "Save changes" }).click();
    await expect(stale.getByText(/changed by someone else/)).toBeVisible();
    await stale.close();
  });
});
