// The outcome scores export (decision 048): an admin downloads the clinic's scores as CSV,
// de-identified by default (no names, pseudonyms, shifted dates) or with names, and the downloads
// show in the audit log.
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { parseCsv } from "../fixtures/csv";
import { signInAndWait } from "./fixtures";

async function download(page: Page): Promise<{ name: string; lines: string[][] }> {
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download CSV" }).click();
  const file = await downloading;
  const text = readFileSync((await file.path())!, "utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  // The instrument label ("ODI, adapted wording") holds a comma: read the file as CSV.
  return { name: file.suggestedFilename(), lines: parseCsv(text.slice(1)) };
}

test("an admin downloads the outcome scores de-identified by default, then with names, and both downloads are logged", async ({ page }) => {
  // A sign-in, two downloads and the audit log: more than the default budget on a busy machine.
  test.slow();
  await signInAndWait(page, "admin", /\/admin\/catalog$/);
  await page.getByRole("link", { name: "Outcome scores" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Outcome scores export" })).toBeVisible();
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  const deidentified = page.getByRole("checkbox", { name: "De-identified" });
  await expect(deidentified).toBeChecked();
  const anonymous = await download(page);
  expect(anonymous.name).toMatch(/^outcome-scores-deidentified-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(anonymous.lines[0]).toEqual(["Patient pseudonym", "Instrument", "Context", "Score", "Band", "Recorded (shifted date)", "Instrument label"]);
  const rows = anonymous.lines.slice(1);
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) {
    expect(r[0]).toMatch(/^P-[0-9A-F]{8}$/);
    expect(r[5]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }
  const all = anonymous.lines.flat().join(" ");
  expect(all).not.toMatch(/Jordan|Lee|Ravi|Patel|Ana|Silva/);

  // With names: the same scores, each with its patient's name and id and the real day.
  await deidentified.uncheck();
  await page.getByLabel("Instrument").selectOption("NPRS");
  const named = await download(page);
  expect(named.name).toMatch(/^outcome-scores-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(named.lines[0]).toEqual(["Patient", "Patient id", "Instrument", "Context", "Score", "Band", "Recorded (clinic date)", "Instrument label"]);
  expect(named.lines.slice(1).length).toBeGreaterThan(0);
  for (const r of named.lines.slice(1)) expect(r[2]).toBe("NPRS");
  expect(named.lines.slice(1).map((r) => r[0])).toContain("Jordan Lee");

  await page.goto("/admin/audit?action=outcome.export");
  const summary = page.getByText(/\d[\d,]* matching events?\./);
  await expect(summary).toBeVisible();
  const count = Number((await summary.textContent())!.match(/(\d[\d,]*) matching event/)![1]!.replaceAll(",", ""));
  expect(count).toBeGreaterThanOrEqual(2);
});

test("on a 375 px phone the export form fits the screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signInAndWait(page, "admin", /\/admin\/catalog$/);
  await page.goto("/admin/outcomes");
  const form = page.getByRole("form", { name: "Export outcome scores" });
  await expect(form).toBeVisible();
  const box = await form.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(375);
});
