// The care team's progress view on the seeded lower-back-spasm patient (Jordan): pain and ODI
// charts with their text alternatives, meaning labels against baseline, adherence and sessions.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { patientIdOf, planIdOf, query, signInAndWait } from "./fixtures";

const JORDAN = "jordan.lee@example.com";

/** The body rows of a data table as arrays of cell texts ("–none" for an empty cell). */
function tableRows(table: Locator): Promise<string[][]> {
  return table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => (c.textContent ?? "").trim())));
}

async function openProgress(page: Page): Promise<void> {
  const patientId = await patientIdOf(JORDAN);
  await page.goto(`/clinic/progress/${patientId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Progress" })).toBeVisible();
}

test("the care team sees pain and ODI charts with text alternatives, meaning labels and adherence", async ({ page }) => {
  await signInAndWait(page, "maya", /\/clinic$/);
  await openProgress(page);

  // Pain chart: a recharts SVG with one line per source, a text legend, a summary sentence.
  const pain = page.getByRole("region", { name: "Pain over time" });
  await expect(pain.locator("svg.recharts-surface")).toBeVisible();
  await expect(pain.locator("path.recharts-line-curve")).toHaveCount(4);
  await expect(pain.getByRole("img", { name: /^Chart\. Pain before treatment went from 7 to \d+ out of 10 over \d+ sessions/ })).toBeVisible();
  await expect(pain.getByRole("list", { name: "Legend" }).getByRole("listitem")).toHaveText([
    "Session, before treatment",
    "Session, after treatment",
    "At home (highest that day)",
    "NPRS score",
  ]);

  // Its data table, behind a disclosure: the first session's pain went 7 → 5 (seed), NPRS 7 then 4.
  const painTable = pain.getByRole("table", { name: "Pain scores 0–10 by date" });
  await expect(painTable).toBeHidden();
  await pain.getByText("Show the data as a table").click();
  await expect(painTable).toBeVisible();
  const painRows = await tableRows(painTable);
  const sessionRows = painRows.filter((r) => r[1] !== "–none");
  expect(sessionRows[0]?.slice(1, 3)).toEqual(["7", "5"]);
  expect(painRows.filter((r) => r[4] !== "–none").map((r) => r[4])).toEqual(["7", "4"]);
  expect(painRows.some((r) => /^\d+$/.test(r[3] ?? ""))).toBe(true);

  // Meaning against baseline, by DESIGN's thresholds.
  const change = page.getByRole("region", { name: "Change since baseline" });
  await expect(change.getByText("Pain down 3 points since baseline (7 → 4): meaningful improvement")).toBeVisible();
  await expect(change.getByText("ODI down 17.7 points since baseline (44.4 → 26.7 %): meaningful improvement")).toBeVisible();

  // ODI chart: band limits labelled on the chart, scores and bands in the table.
  const odi = page.getByRole("region", { name: "Disability (ODI, adapted wording)" });
  await expect(odi.locator("svg.recharts-surface")).toBeVisible();
  for (const band of ["minimal", "moderate", "severe", "crippling"]) await expect(odi.locator("svg text", { hasText: band })).toHaveCount(1);
  await odi.getByText("Show the data as a table").click();
  // The table renders on the disclosure's first opening (decision 052): wait for it before reading.
  const odiTable = odi.getByRole("table", { name: "ODI, adapted wording scores by date, with band" });
  await expect(odiTable).toBeVisible();
  const odiRows = await tableRows(odiTable);
  expect(odiRows.map((r) => r.slice(1))).toEqual([
    ["44.4", "severe", "Baseline"],
    ["26.7", "moderate", "Interim"],
  ]);

  // Adherence: "done of planned (percent)" for 7 and 28 days, done matching the home logs.
  const home = page.getByRole("region", { name: "Home adherence" });
  const [done7] = await query<{ n: number }>(
    `select count(*)::int as n from "HomeLog" h join "Patient" p on p.id = h."patientId" join "Clinic" c on c.id = p."clinicId"
     where p.email = $1 and h.done and h.date >= (now() at time zone c.timezone)::date - 6`,
    [JORDAN],
  );
  for (const [name, days] of [["Last 7 days", 7], ["Last 28 days", 28]] as const) {
    const meter = home.getByRole("meter", { name });
    await expect(meter).toBeVisible();
    const text = (await meter.getAttribute("aria-valuetext")) ?? "";
    const match = /^(\d+) of (\d+) planned \((\d+) %\)$/.exec(text);
    expect(match, `${days}-day adherence "${text}"`).not.toBeNull();
    const [, done, planned, percent] = match!.map(Number);
    expect(percent).toBe(Math.round((done! / planned!) * 100));
    await expect(meter).toHaveAttribute("aria-valuenow", String(percent));
    await expect(home.getByText(text, { exact: true })).toBeVisible();
    if (days === 7) expect(done).toBe(done7!.n);
  }

  // In-clinic sessions done of planned, against the database.
  const [plan] = await query<{ done: number; planned: number }>(
    `select (select count(*)::int from "Session" s where s."planId" = t.id and s.status = 'COMPLETED') as done, t."plannedSessions" as planned
     from "TreatmentPlan" t join "Patient" p on p.id = t."patientId" where p.email = $1 and t.status = 'ACTIVE'`,
    [JORDAN],
  );
  await expect(page.getByRole("region", { name: "In-clinic sessions" }).getByText(`${plan!.done} of ${plan!.planned} planned`)).toBeVisible();

  // The screenshot shows the view as it first appears: close both tables again.
  await pain.getByText("Show the data as a table").click();
  await odi.getByText("Show the data as a table").click();
  await expect(painTable).toBeHidden();
  await page.screenshot({ path: "test-results/screenshots/progress-view.png", fullPage: true });
});

test("on a 375 px phone the charts fit the screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signInAndWait(page, "maya", /\/clinic$/);
  await openProgress(page);
  for (const name of ["Pain over time", "Disability (ODI, adapted wording)"]) {
    const svg = page.getByRole("region", { name }).locator("svg.recharts-surface");
    await expect(svg).toBeVisible();
    const box = await svg.boundingBox();
    expect(box!.width).toBeGreaterThan(250);
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: "test-results/screenshots/progress-view-375.png", fullPage: true });
});

test("a clinician outside the patient's care team gets 404", async ({ page }) => {
  const ana = await patientIdOf("ana.silva@example.com");
  await signInAndWait(page, "maya", /\/clinic$/);
  const outside = await page.goto(`/clinic/progress/${ana}`);
  expect(outside?.status()).toBe(404);
  await expect(page.getByRole("region", { name: "Pain over time" })).toHaveCount(0);
});

test("a patient gets 403 for the care team's progress page, even their own", async ({ page }) => {
  await signInAndWait(page, "jordan", /\/my$/);
  const response = await page.goto(`/clinic/progress/${await patientIdOf(JORDAN)}`);
  expect(response?.status()).toBe(403);
});

test("the progress page is reached from the patient page and the plan page, names the patient, and passes axe", async ({ page }) => {
  const patientId = await patientIdOf(JORDAN);
  const planId = await planIdOf(JORDAN);
  await signInAndWait(page, "maya", /\/clinic$/);
  await page.goto(`/clinic/patients/${patientId}`);
  await page.getByRole("link", { name: "Open the progress page" }).click();
  await expect(page).toHaveURL(`/clinic/progress/${patientId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Progress — Jordan Lee");

  await page.goto(`/clinic/plans/${planId}`);
  await page.getByRole("region", { name: "Progress", exact: true }).getByRole("link", { name: "Open the progress page" }).click();
  await expect(page).toHaveURL(`/clinic/progress/${patientId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Progress — Jordan Lee");
  await expect(page.getByRole("region", { name: "Pain over time" })).toBeVisible();

  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});
