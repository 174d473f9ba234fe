// Measure schedules (issue 16, decision 046): Maya adds the ODI preset on Jordan's plan, Jordan
// sees the ODI asked on Today (phone), and an overdue measure shows on Maya's dashboard. Puts the
// seed back afterwards (the seed's one-off ODI ask stays, as seeded).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, planIdOf, query, signInAndWait } from "./fixtures";

async function noSeriousAxe(page: Page) {
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
}

/** Removes what these tests add: every entry on Jordan's plan but the seed's one-off ODI ask. */
async function restore() {
  const planId = await planIdOf(ACCOUNTS.jordan);
  await query(`delete from "MeasureOccurrence" where "planId" = $1 and "scheduleId" in (select id from "MeasureSchedule" where "planId" = $1 and rule <> 'ONCE')`, [planId]);
  await query(`delete from "MeasureSchedule" where "planId" = $1 and rule <> 'ONCE'`, [planId]);
}

test.describe("measure schedules", () => {
  test.beforeAll(restore);
  test.afterAll(restore);

  test("Maya adds the ODI preset; Jordan sees the ODI due; an overdue measure shows on Maya's dashboard", async ({ page, browser }) => {
    test.setTimeout(90_000);
    const planId = await planIdOf(ACCOUNTS.jordan);
    await signInAndWait(page, "maya", /\/clinic$/);
    await page.goto(`/clinic/plans/${planId}`);
    const measures = page.getByRole("region", { name: "Measures" });
    await measures.getByRole("button", { name: "Add: ODI at start, every 2 weeks and at discharge (patient, at home)" }).click();
    await expect(measures.getByText("Added: ODI at start, every 2 weeks and at discharge (patient, at home).")).toBeVisible();
    await expect(measures.getByText("Oswestry (ODI, adapted wording) · Every 2 weeks", { exact: true })).toBeVisible();
    await expect(measures.getByText("Oswestry (ODI, adapted wording) · At discharge", { exact: true })).toBeVisible();
    await expect(measures.getByText(/^Next due \d+ \w+ \d{4}$/)).toBeVisible();
    // Adding the same preset again is refused and adds nothing.
    await measures.getByRole("button", { name: "Add: ODI at start, every 2 weeks and at discharge (patient, at home)" }).click();
    await expect(measures.getByText("This measure is already scheduled on the plan. Nothing was added.")).toBeVisible();
    const [row] = await query<{ n: number }>(`select count(*)::int as n from "MeasureSchedule" where "planId" = $1 and rule <> 'ONCE' and "removedAt" is null`, [planId]);
    expect(row?.n).toBe(3);
    await noSeriousAxe(page);

    // An RMDQ at the start, to be answered in session, added as if on the plan's first day: overdue.
    const one = measures.getByRole("form", { name: "Schedule a measure" });
    await one.getByLabel("Measure", { exact: true }).selectOption("RMDQ");
    await one.getByLabel("Who answers", { exact: true }).selectOption("CLINICIAN");
    await measures.getByRole("button", { name: "Schedule the measure" }).click();
    await expect(measures.getByText("The measure was added to the plan.")).toBeVisible();
    await query(`update "MeasureSchedule" s set "createdAt" = t."startDate" from "TreatmentPlan" t where t.id = s."planId" and s."planId" = $1 and s.instrument = 'RMDQ'`, [planId]);
    await page.goto("/clinic");
    const overdue = page.getByRole("region", { name: "Measures overdue" });
    await expect(overdue.getByRole("link", { name: /^Jordan Lee: Roland-Morris \(RMDQ\) overdue since \d+ \w+ \d{4} \(in session\)$/ })).toBeVisible();
    await noSeriousAxe(page);

    // Jordan, on a phone, is asked for the ODI.
    const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    const jordan = await phone.newPage();
    await signInAndWait(jordan, "jordan", /\/my$/);
    const asks = jordan.getByRole("region", { name: "Your clinician asks you to fill in" });
    const odi = asks.getByRole("link", { name: /^Oswestry \(ODI, adapted wording\) — due/ });
    await expect(odi).toHaveAttribute("href", "/my/questionnaire/odi");
    // The RMDQ is the clinician's, in session: not asked at home.
    await expect(asks.getByRole("link", { name: /Roland-Morris/ })).toHaveCount(0);
    expect(await jordan.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await noSeriousAxe(jordan);
    await phone.close();

    // Removing asks for confirmation first.
    await page.goto(`/clinic/plans/${planId}`);
    await measures.getByRole("button", { name: "Remove: Roland-Morris (RMDQ) · At the start" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
    await expect(measures.getByText("The measure was removed.")).toBeVisible();
    await expect(measures.getByText("Roland-Morris (RMDQ) · At the start", { exact: true })).toHaveCount(0);
  });
});
