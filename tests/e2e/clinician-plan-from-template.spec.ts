import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, patientIdOf, query, signInAndWait } from "./fixtures";

const OVERRIDE_REASON = "INR stable at 2.2 on apixaban; superficial needling only, pressure held two minutes.";

async function planCount(patientId: string): Promise<number> {
  const [row] = await query<{ count: number }>(`select count(*)::int as count from "TreatmentPlan" where "patientId" = $1`, [patientId]);
  return row!.count;
}

/** The plan page belongs to the plan screens; only its activate control and visible text are relied on here. */
async function activate(page: Page) {
  await page.getByRole("button", { name: /activate/i }).click();
  const dialog = page.getByRole("dialog");
  const asked = await dialog.waitFor({ state: "visible", timeout: 2_000 }).then(
    () => true,
    () => false,
  );
  if (asked) await dialog.getByRole("button", { name: /activate|confirm/i }).click();
}

// The main scenario: a protocol turned into a plan for a patient on anticoagulants.
test("a clinician builds a plan from the Lower back spasm protocol for Ravi, is stopped at dry needling, overrides it, activates the plan, and Ravi sees it at home", async ({ browser, page }) => {
  const ravi = await patientIdOf(ACCOUNTS.ravi);
  const plansBefore = await planCount(ravi);
  const [open] = await query<{ count: number }>(`select count(*)::int as count from "TreatmentPlan" where "patientId" = $1 and status in ('ACTIVE', 'ON_HOLD')`, [ravi]);
  expect(open!.count, "the seeded Ravi has no plan in force (one active plan per patient)").toBe(0);
  const title = `Lower back spasm — anticoagulated ${Date.now()}`;

  await signInAndWait(page, "maya", /\/clinic$/);
  await page.getByRole("table", { name: "Patients in your care team" }).getByRole("link", { name: "Ravi Patel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ravi Patel" })).toBeVisible();
  await page.getByRole("link", { name: "New plan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New plan for Ravi Patel" })).toBeVisible();

  // Choosing the protocol prefills the details and checks every treatment against Ravi's flags.
  await page.getByLabel("Protocol", { exact: true }).selectOption({ label: "Lower back spasm" });
  await expect(page.getByLabel("Title")).toHaveValue("Lower back spasm");
  await expect(page.getByLabel("Condition")).toHaveValue("Lower back muscle spasm");
  await expect(page.getByLabel("ICD-10 code (optional)")).toHaveValue("M62.830");
  const needling = page.getByRole("listitem").filter({ has: page.getByRole("radiogroup", { name: "Decision for Dry needling" }) });
  await expect(needling.getByText("Contraindicated for this patient: Anticoagulants")).toBeVisible();
  await expect(page.getByRole("radiogroup", { name: /^Decision for/ })).toHaveCount(3);

  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Goals").fill("Pain at rest below 3/10 within six weeks; back to gardening without spasms.");
  await page.getByLabel("Planned in-clinic sessions").fill("6");
  await page.getByRole("radiogroup", { name: "Decision for Deep tissue massage" }).getByLabel("Skip this treatment").check();
  await page.getByRole("radiogroup", { name: "Decision for Chiropractic adjustment" }).getByLabel("Skip this treatment").check();

  // No decision for dry needling: nothing is created and the explanation stands next to it.
  await page.getByRole("button", { name: "Create draft plan" }).click();
  await expect(needling.getByText("Choose: skip Dry needling, or override it with a reason.")).toBeVisible();
  await expect(page.getByRole("radiogroup", { name: "Decision for Dry needling" })).toBeFocused();
  await expect(page).toHaveURL(/\/plans\/new$/);

  // An override needs a real reason.
  await needling.getByLabel("Override with a reason").check();
  await needling.getByLabel("Reason for overriding Dry needling").fill("ok");
  await page.getByRole("button", { name: "Create draft plan" }).click();
  await expect(needling.getByText("Write a reason of at least 10 characters to override Dry needling.")).toBeVisible();
  await expect(needling.getByLabel("Reason for overriding Dry needling")).toBeFocused();
  expect(await planCount(ravi)).toBe(plansBefore);

  await needling.getByLabel("Reason for overriding Dry needling").fill(OVERRIDE_REASON);
  await page.getByRole("button", { name: "Create draft plan" }).click();
  await expect(page).toHaveURL(/\/clinic\/plans\/c[a-z0-9]+$/);
  const planId = new URL(page.url()).pathname.split("/").pop()!;

  const [created] = await query<{ status: string; title: string }>(`select status::text, title from "TreatmentPlan" where id = $1`, [planId]);
  expect(created).toEqual({ status: "DRAFT", title });
  const activities = await query<{ name: string; reason: string | null }>(
    `select "nameSnapshot" as name, "overrideReason" as reason from "PlanActivity" where "planId" = $1 order by position`,
    [planId],
  );
  expect(activities.map((a) => a.name)).not.toContain("Deep tissue massage");
  expect(activities.map((a) => a.name)).not.toContain("Chiropractic adjustment");
  expect(activities.find((a) => a.name === "Dry needling")?.reason).toBe(OVERRIDE_REASON);
  expect(activities).toHaveLength(11);

  // The plan page shows the activities and the override, then the plan is activated.
  await expect(page.getByText("Dry needling").first()).toBeVisible();
  await expect(page.getByText(OVERRIDE_REASON).first()).toBeVisible();
  await expect(page.getByText("Child's pose stretch").first()).toBeVisible();
  await activate(page);
  await expect(page.getByRole("button", { name: /activate/i })).toHaveCount(0);
  await expect.poll(async () => (await query<{ status: string }>(`select status::text from "TreatmentPlan" where id = $1`, [planId]))[0]?.status).toBe("ACTIVE");

  // Ravi signs in on his own device and finds today's home routine from the new plan.
  const patientContext = await browser.newContext();
  const home = await patientContext.newPage();
  await signInAndWait(home, "ravi", /\/my$/);
  const today = home.getByRole("region", { name: "Your home routine today" });
  await expect(today.getByRole("link", { name: title })).toBeVisible();
  await expect(today.getByRole("heading", { name: "Child's pose stretch" })).toBeVisible();
  await expect(today.getByRole("heading", { name: "Cat-cow stretch" })).toBeVisible();
  await expect(home.getByRole("region", { name: "Treatments at the clinic" }).getByText("Dry needling")).toBeVisible();
  await expect(home.getByText("Deep tissue massage")).toHaveCount(0);
  await patientContext.close();
});
