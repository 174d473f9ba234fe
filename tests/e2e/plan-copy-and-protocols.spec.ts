// Decision 039: copying a plan for another patient (contraindications re-checked), saving a plan as
// one's own protocol and starting a plan from it, proposing one that an admin approves; axe on the
// new pages.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, patientIdOf, planIdOf, query, signInAndWait } from "./fixtures";

// Each test signs in two or three staff accounts (with their second step) on a shared, busy machine.
test.describe.configure({ timeout: 120_000 });

const REASON = "INR stable at 2.2; superficial needling only, pressure held two minutes.";

async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function dropPlans(ids: string[]) {
  if (ids.length > 0) await query(`delete from "TreatmentPlan" where id = any($1)`, [ids]);
}

test("a clinician copies Jordan's plan for Ravi: the conflicts with Ravi's anticoagulants are decided, nothing of Jordan's history comes along", async ({ page }) => {
  const source = await planIdOf(ACCOUNTS.jordan);
  const ravi = await patientIdOf(ACCOUNTS.ravi);
  const created: string[] = [];
  try {
    await signInAndWait(page, "maya", /\/clinic$/);
    await page.goto(`/clinic/plans/${source}`);
    await page.getByRole("link", { name: "Copy plan" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /^Copy plan: / })).toBeVisible();
    // The same patient by default: Jordan has no contraindications.
    await expect(page.getByRole("heading", { name: "Treatments for Jordan Lee" })).toBeVisible();
    await expect(page.getByRole("radiogroup", { name: /^Decision for/ })).toHaveCount(0);
    const found = await seriousViolations(page, "copy (same patient)");

    await page.getByLabel("Another patient of your care team").fill("Ravi");
    await page.getByRole("button", { name: "Find" }).click();
    await page.getByRole("list", { name: "Matching patients" }).getByRole("link", { name: "Copy for Ravi Patel" }).click();
    await expect(page.getByRole("heading", { name: "Treatments for Ravi Patel" })).toBeVisible();
    const needling = page.getByRole("listitem").filter({ has: page.getByRole("radiogroup", { name: "Decision for Dry needling" }) });
    await expect(needling.getByText("Contraindicated for this patient: Anticoagulants")).toBeVisible();
    found.push(...(await seriousViolations(page, "copy (Ravi)")));
    expect(found).toEqual([]);

    // Undecided conflicts: nothing is created, the first decision gets the focus.
    const before = await query<{ count: number }>(`select count(*)::int as count from "TreatmentPlan" where "patientId" = $1`, [ravi]);
    await page.getByRole("button", { name: "Create draft copy for Ravi Patel" }).click();
    await expect(page.getByText("Please correct the highlighted fields. No plan was created.")).toBeVisible();
    await expect(page.getByRole("radiogroup", { name: /^Decision for/ }).first()).toBeFocused();

    const groups = page.getByRole("radiogroup", { name: /^Decision for/ });
    const names = (await groups.evaluateAll((els) => els.map((el) => el.getAttribute("aria-labelledby") && document.getElementById(el.getAttribute("aria-labelledby")!)?.textContent))).map((t) => t!.replace("Decision for ", ""));
    expect(names).toContain("Dry needling");
    for (const name of names.filter((n) => n !== "Dry needling")) {
      await page.getByRole("radiogroup", { name: `Decision for ${name}` }).getByLabel("Skip this treatment").check();
    }
    await needling.getByLabel("Override with a reason").check();
    await needling.getByLabel("Reason for overriding Dry needling").fill(REASON);
    await page.getByRole("button", { name: "Create draft copy for Ravi Patel" }).click();
    await expect(page).toHaveURL(/\/clinic\/plans\/c[a-z0-9]+$/);
    const copyId = new URL(page.url()).pathname.split("/").pop()!;
    created.push(copyId);

    const [copy] = await query<{ patientId: string; status: string; sessions: number }>(
      `select "patientId", status::text, (select count(*)::int from "Session" s where s."planId" = t.id) as sessions from "TreatmentPlan" t where id = $1`,
      [copyId],
    );
    expect(copy).toEqual({ patientId: ravi, status: "DRAFT", sessions: 0 });
    const activities = await query<{ name: string; reason: string | null }>(`select "nameSnapshot" as name, "overrideReason" as reason from "PlanActivity" where "planId" = $1 order by position`, [copyId]);
    expect(activities.find((a) => a.name === "Dry needling")?.reason).toBe(REASON);
    for (const skipped of names.filter((n) => n !== "Dry needling")) expect(activities.map((a) => a.name)).not.toContain(skipped);
    const after = await query<{ count: number }>(`select count(*)::int as count from "TreatmentPlan" where "patientId" = $1`, [ravi]);
    expect(after[0]!.count).toBe(before[0]!.count + 1);
  } finally {
    await dropPlans(created);
  }
});

test("a clinician saves a plan as their own protocol and starts Ravi's plan from it; another clinician gets 404 on it", async ({ browser, page }) => {
  const source = await planIdOf(ACCOUNTS.jordan);
  const ravi = await patientIdOf(ACCOUNTS.ravi);
  const name = `Maya's lumbar protocol ${Date.now()}`;
  const createdPlans: string[] = [];
  let templateId = "";
  try {
    await signInAndWait(page, "maya", /\/clinic$/);
    await page.goto(`/clinic/plans/${source}`);
    await page.getByRole("link", { name: "Save as protocol" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /^Save as protocol: / })).toBeVisible();
    expect(await seriousViolations(page, "save-as-template")).toEqual([]);

    await page.getByLabel("Protocol name").fill("x");
    await page.getByRole("button", { name: "Save protocol" }).click();
    await expect(page.getByText("Name needs at least 2 characters")).toBeVisible();
    await expect(page.getByLabel("Protocol name")).toBeFocused();
    await page.getByLabel("Protocol name").fill(name);
    await page.getByLabel("Description (optional)").fill("Acute lumbar spasm, my usual progression.");
    await expect(page.getByLabel("My own protocol")).toBeChecked();
    await page.getByRole("button", { name: "Save protocol" }).click();
    await expect(page.getByText(`Saved “${name}” as your own protocol.`)).toBeVisible();
    await page.getByRole("link", { name: "Open the protocol" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByText("Mine", { exact: true })).toBeVisible();
    templateId = new URL(page.url()).pathname.split("/").pop()!;

    // Ravi's new plan from it: listed as Mine, the conflicts asked for as with any protocol.
    await page.goto(`/clinic/patients/${ravi}/plans/new`);
    await page.getByLabel("Protocol", { exact: true }).selectOption({ label: `${name} (Mine)` });
    await expect(page.getByLabel("Title")).toHaveValue(name);
    const groups = page.getByRole("radiogroup", { name: /^Decision for/ });
    await expect(groups.first()).toBeVisible();
    for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).getByLabel("Skip this treatment").check();
    await page.getByLabel("Goals").fill("Pain at rest below 3/10 within six weeks.");
    await page.getByRole("button", { name: "Create draft plan" }).click();
    await expect(page).toHaveURL(/\/clinic\/plans\/c[a-z0-9]+$/);
    const planId = new URL(page.url()).pathname.split("/").pop()!;
    createdPlans.push(planId);
    const [plan] = await query<{ templateId: string }>(`select "templateId" from "TreatmentPlan" where id = $1`, [planId]);
    expect(plan!.templateId).toBe(templateId);

    // Sam never sees Maya's own protocol.
    const sam = await browser.newPage();
    await signInAndWait(sam, "sam", /\/clinic$/);
    expect((await sam.goto(`/clinic/protocols/${templateId}`))?.status()).toBe(404);
    await sam.goto("/clinic/protocols");
    await expect(sam.getByRole("link", { name })).toHaveCount(0);
    await sam.close();
  } finally {
    await dropPlans(createdPlans);
    if (templateId) await query(`delete from "PlanTemplate" where id = $1`, [templateId]);
  }
});

test("a clinician proposes a protocol; the admin approves it and every clinician sees it", async ({ browser, page }) => {
  const source = await planIdOf(ACCOUNTS.jordan);
  const name = `Proposed lumbar protocol ${Date.now()}`;
  let templateId = "";
  try {
    await signInAndWait(page, "maya", /\/clinic$/);
    await page.goto(`/clinic/plans/${source}/save-as-template`);
    await page.getByLabel("Protocol name").fill(name);
    await page.getByLabel("Propose to the clinic's protocols").check();
    await page.getByRole("button", { name: "Save protocol" }).click();
    await expect(page.getByText(/and proposed it to the clinic/)).toBeVisible();
    await page.getByRole("link", { name: "Open the protocol" }).click();
    await expect(page.getByText("Proposed to the clinic, awaiting an administrator's answer.")).toBeVisible();
    templateId = new URL(page.url()).pathname.split("/").pop()!;

    // axe needs a page of a context of its own.
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await signInAndWait(admin, "admin", /\/admin\/catalog$/);
    await admin.goto("/admin/templates");
    const proposal = admin.getByRole("list", { name: "Proposed protocols" }).getByRole("listitem").filter({ has: admin.getByRole("heading", { name }) });
    await expect(proposal.getByText(/proposed by Dr Maya Chen/)).toBeVisible();
    await proposal.getByRole("button", { name: "Approve…" }).click();
    expect(await seriousViolations(admin, "admin templates with a proposal")).toEqual([]);
    await expect(proposal.getByLabel("Name in the clinic's protocols")).toHaveValue(name);
    await proposal.getByRole("button", { name: "Approve as a clinic protocol" }).click();
    await expect(admin.getByRole("list", { name: "Proposed protocols" }).getByRole("heading", { name })).toHaveCount(0);
    await admin.reload();
    await expect(admin.getByRole("table").getByRole("link", { name })).toBeVisible();
    await adminContext.close();

    const [row] = await query<{ ownerId: string | null; proposalStatus: string }>(`select "ownerId", "proposalStatus"::text as "proposalStatus" from "PlanTemplate" where id = $1`, [templateId]);
    expect(row).toEqual({ ownerId: null, proposalStatus: "APPROVED" });
    const sam = await browser.newPage();
    await signInAndWait(sam, "sam", /\/clinic$/);
    expect((await sam.goto(`/clinic/protocols/${templateId}`))?.status()).toBe(200);
    await expect(sam.getByRole("heading", { level: 1, name })).toBeVisible();
    await sam.close();
  } finally {
    if (templateId) await query(`delete from "PlanTemplate" where id = $1`, [templateId]);
  }
});
