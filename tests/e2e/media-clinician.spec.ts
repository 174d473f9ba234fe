// Decision 029: a clinician attaches pictures to one patient's activity from the plan page (the
// capture input a phone films with), edits a caption, reorders and removes one after confirming;
// the patient then opens them on Today in the lightbox (tap, arrow keys, swipe, Escape, focus back
// on the picture tapped). axe on the plan page and on Today with the dialog open.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { ACCOUNTS, planIdOf, query, signInAndWait } from "./fixtures";

let activityId = "";

test.afterAll(async () => {
  // The rows only: other specs compare table fingerprints. The files stay under .data/media.
  if (activityId) await query(`delete from "ActivityMedia" where "activityId" = $1 and "altText" like 'Clinic:%'`, [activityId]);
});

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}) ${v.nodes.map((n) => n.html).join(", ")}`);
}

test("a clinician attaches, edits, reorders and removes a patient's pictures; the patient enlarges them on Today", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const planId = await planIdOf(ACCOUNTS.ana);
  const [row] = await query<{ id: string }>(`select a.id from "PlanActivity" a join "CatalogItem" i on i.id = a."catalogItemId" where a."planId" = $1 and i.name = 'Cat-cow stretch'`, [planId]);
  activityId = row!.id;

  await signInAndWait(page, "sam", /\/clinic/);
  await page.goto(`/clinic/plans/${planId}`);
  const activity = page.locator(`li[data-activity-id="${activityId}"]`);
  const panel = activity.locator("details[data-media-panel]");
  await expect(panel).not.toHaveAttribute("open");
  await panel.getByText("Pictures and videos").click();
  const file = panel.getByLabel("Picture or video (or film one now)");
  await expect(file).toHaveAttribute("capture", "environment");
  await expect(file).toHaveAttribute("accept", "video/*,image/*");

  // Bytes that are no picture: the server's message is shown and nothing is stored.
  await file.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not a picture at all") });
  await panel.getByLabel("Alt text (required for a picture)").fill("Clinic: nothing");
  await panel.getByRole("button", { name: "Upload" }).click();
  await expect(panel.getByText("Upload a JPEG, PNG, WebP or AVIF picture, or an MP4 (H.264) or WebM video.")).toBeVisible();

  for (const [alt, colour] of [["Clinic: start", "#a86"], ["Clinic: end", "#68a"], ["Clinic: spare", "#8a6"]] as const) {
    const picture = await sharp({ create: { width: 600, height: 400, channels: 3, background: colour } }).png().toBuffer();
    await file.setInputFiles({ name: "step.png", mimeType: "image/png", buffer: picture });
    await panel.getByLabel("Alt text (required for a picture)").fill(alt);
    await panel.getByRole("button", { name: "Upload" }).click();
    await expect(panel.getByRole("img", { name: alt })).toBeVisible();
  }
  const order = async () => (await query<{ altText: string }>(`select "altText" from "ActivityMedia" where "activityId" = $1 order by position, "createdAt"`, [activityId])).map((r) => r.altText);
  expect(await order()).toEqual(["Clinic: start", "Clinic: end", "Clinic: spare"]);

  // The caption of "end", then "end" moves up (announced) and "spare" goes after a confirmation.
  const end = panel.getByRole("listitem").filter({ has: page.getByRole("img", { name: "Clinic: end" }) });
  await end.getByRole("button", { name: "Edit text" }).click();
  await end.getByLabel("Step caption").fill("Step 2: round the back");
  await end.getByRole("button", { name: "Save" }).click();
  await expect(panel.getByText("Step 2: round the back")).toBeVisible();
  await panel.getByRole("button", { name: 'Move "Clinic: end" up' }).click();
  await expect(panel.getByText("Moved to position 1 of 3.")).toBeVisible();
  await expect.poll(order).toEqual(["Clinic: end", "Clinic: start", "Clinic: spare"]);

  page.once("dialog", (dialog) => dialog.dismiss());
  await panel.getByRole("button", { name: 'Remove picture "Clinic: spare"' }).click();
  await expect(panel.getByRole("img", { name: "Clinic: spare" })).toBeVisible();
  page.once("dialog", (dialog) => dialog.accept());
  await panel.getByRole("button", { name: 'Remove picture "Clinic: spare"' }).click();
  await expect(panel.getByRole("img", { name: "Clinic: spare" })).toHaveCount(0);
  await expect.poll(order).toEqual(["Clinic: end", "Clinic: start"]);

  expect(await seriousViolations(page)).toEqual([]);

  // Ana's Today: the pictures after the catalog's, each a link to its large rendition.
  const anaContext = await browser.newContext(); // axe needs a page of a context of its own
  const ana = await anaContext.newPage();
  await signInAndWait(ana, "ana", /\/my$/);
  const catCow = ana.getByRole("article", { name: "Cat-cow stretch" });
  const pictures = catCow.getByRole("list", { name: "Pictures" }).getByRole("img");
  const count = await pictures.count();
  const names = await pictures.evaluateAll((imgs) => imgs.map((img) => img.getAttribute("alt")));
  const at = names.indexOf("Clinic: end");
  expect(names.slice(at)).toEqual(["Clinic: end", "Clinic: start"]);
  const link = catCow.getByRole("link", { name: "Clinic: end (enlarge)" });
  await expect(link).toHaveAttribute("href", /\/api\/v1\/media\/c[a-z0-9]+\?w=1280&f=webp$/);

  await link.click();
  const dialog = ana.getByRole("dialog", { name: "Enlarged picture" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(`${at + 1} of ${count}`)).toBeVisible();
  await expect(dialog.getByRole("img", { name: "Clinic: end" })).toBeVisible();
  await expect(dialog.getByText("Step 2: round the back")).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
  expect(await seriousViolations(ana)).toEqual([]);

  await ana.keyboard.press("ArrowRight");
  await expect(dialog.getByText(`${at + 2} of ${count}`)).toBeVisible();
  await expect(dialog.getByRole("img", { name: "Clinic: start" })).toBeVisible();

  // A swipe to the right goes back (pointer events: a mouse drag here, a finger on a phone).
  const big = dialog.getByRole("img", { name: "Clinic: start" });
  const box = (await big.boundingBox())!;
  await ana.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await ana.mouse.down();
  await ana.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2, { steps: 5 });
  await ana.mouse.up();
  await expect(dialog.getByRole("img", { name: "Clinic: end" })).toBeVisible();
  await expect(dialog.getByText(`${at + 1} of ${count}`)).toBeVisible();

  await ana.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(link).toBeFocused();
  await anaContext.close();
});
