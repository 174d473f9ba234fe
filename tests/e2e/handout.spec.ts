// The PDF handout (decision 031): the patient downloads it from My plan on a phone, the clinician
// from the plan page; the file is a PDF whose text holds the patient, the clinic's phone and every
// current activity with its dose. Its first page is drawn to a PNG beside the other screenshots
// (test-results/screenshots/) for a person to look at the layout.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { expect, test, type Download, type Page } from "@playwright/test";
import { extractText, getDocumentProxy, renderPageAsImage } from "unpdf";
import { describeDose, type Dose } from "@/lib/domain/plans/dto";
import { ACCOUNTS, planIdOf, query, signInAndWait } from "./fixtures";

type CurrentActivity = Dose & { nameSnapshot: string };

async function currentActivities(planId: string): Promise<CurrentActivity[]> {
  return query<CurrentActivity>(
    `select "nameSnapshot", "durationMin", "sets", "reps", "holdSec", "timesPerDay", "daysPerWeek"
       from "PlanActivity" where "planId" = $1 and status in ('ACTIVE', 'ON_HOLD') order by position`,
    [planId],
  );
}

async function download(page: Page): Promise<{ file: Download; bytes: Buffer }> {
  const event = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download handout (PDF)" }).click();
  const file = await event;
  return { file, bytes: await readFile((await file.path())!) };
}

async function checkPdf(bytes: Buffer, planId: string): Promise<void> {
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  const flat = text.replace(/\s+/g, " ");
  expect(flat).toContain("Jordan Lee");
  expect(flat).toContain("Riverside Physio & Chiropractic");
  expect(flat).toContain("020 7946 0321");
  const activities = await currentActivities(planId);
  expect(activities.length).toBeGreaterThan(0);
  for (const a of activities) {
    expect(flat, a.nameSnapshot).toContain(a.nameSnapshot);
    expect(flat, `${a.nameSnapshot}: dose`).toContain(describeDose(a));
  }
}

async function firstPageToPng(bytes: Buffer, name: string): Promise<void> {
  const png = await renderPageAsImage(await getDocumentProxy(new Uint8Array(bytes)), 1, { canvasImport: () => import("@napi-rs/canvas"), scale: 1.5 });
  await mkdir("test-results/screenshots", { recursive: true });
  await writeFile(`test-results/screenshots/${name}`, Buffer.from(png));
}

test.describe("the patient", () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test("downloads the handout from My plan", async ({ page }) => {
    const planId = await planIdOf(ACCOUNTS.jordan);
    await signInAndWait(page, "jordan", /\/my$/);
    await page.goto(`/my/plans/${planId}`);
    const { file, bytes } = await download(page);
    expect(file.suggestedFilename()).toMatch(/^treatment-plan-\d{4}-\d{2}-\d{2}\.pdf$/);
    await checkPdf(bytes, planId);
    await firstPageToPng(bytes, "handout-page-1.png");
  });
});

test("the clinician downloads the handout from the plan page, sent as a private PDF attachment", async ({ page }) => {
  const planId = await planIdOf(ACCOUNTS.jordan);
  await signInAndWait(page, "maya", /\/clinic$/);
  await page.goto(`/clinic/plans/${planId}`);
  const { bytes } = await download(page);
  await checkPdf(bytes, planId);

  const response = await page.request.get(`/api/v1/plans/${planId}/handout`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="treatment-plan-\d{4}-\d{2}-\d{2}\.pdf"$/);
  expect(response.headers()["cache-control"]).toBe("private, no-store");
});
