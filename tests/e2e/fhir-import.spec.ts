// Protocol exchange over FHIR R4 (issue 17, decision 051), through the running app: an admin
// downloads a protocol as FHIR, imports it from a file and reads the summary; bad input lists each
// problem and saves nothing; the API answers 400/422/403 with an OperationOutcome.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import type { ActivityDefinition, Bundle, OperationOutcome, PlanDefinition } from "@medplum/fhirtypes";
import { query, signInAndWait } from "./fixtures";

async function noSeriousAxeViolations(page: Page) {
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
}

const created = { templates: [] as string[], items: [] as string[] };

test.afterAll(async () => {
  // The imports are drafts no other spec expects: removed (the template's steps go with it).
  if (created.templates.length) await query(`delete from "PlanTemplate" where id = any($1)`, [created.templates]);
  if (created.items.length) await query(`delete from "CatalogItem" where id = any($1)`, [created.items]);
});

async function seedProtocolId(): Promise<string> {
  const [row] = await query<{ id: string }>(`select t.id from "PlanTemplate" t where t."ownerId" is null and t.status = 'ACTIVE'
       and not exists (select 1 from "PlanTemplateItem" ti join "CatalogItem" c on c.id = ti."catalogItemId" where ti."templateId" = t.id and c.status <> 'ACTIVE')
     order by t.name limit 1`);
  return row!.id;
}

test.describe("importing a protocol from FHIR", () => {
  test("an admin downloads a protocol, imports the file, and reads what was matched and what is a draft to review", async ({ page }) => {
    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    const id = await seedProtocolId();
    const exported = await page.request.get(`/api/fhir/PlanDefinition/${id}`);
    expect(exported.status()).toBe(200);
    expect(exported.headers()["content-type"]).toContain("application/fhir+json");
    const bundle = (await exported.json()) as Bundle;
    expect(bundle.resourceType).toBe("Bundle");
    const pd = bundle.entry![0]!.resource as PlanDefinition;
    // One treatment this clinic does not have: it becomes a draft to review.
    const ad = bundle.entry![1]!.resource as ActivityDefinition;
    const newName = `Imported probe ${Date.now()}`;
    ad.title = newName;
    delete ad.identifier;
    const adCount = bundle.entry!.length - 1;

    await page.goto("/admin/templates");
    await page.getByRole("link", { name: "Import a protocol from another clinic (FHIR)" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Import a protocol" })).toBeVisible();
    await noSeriousAxeViolations(page);
    await page.getByLabel("Choose a file").setInputFiles({ name: "protocol.fhir.json", mimeType: "application/fhir+json", buffer: Buffer.from(JSON.stringify(bundle)) });
    await expect(page.getByLabel("Or paste the FHIR JSON")).toHaveValue(/"PlanDefinition"/);
    await page.getByRole("button", { name: "Import protocol" }).click();

    const done = page.getByRole("region", { name: /^Imported/ });
    await expect(done.getByRole("heading", { name: `Imported “${pd.title} (imported)” as a draft` })).toBeVisible();
    await expect(done.getByText(`${adCount - 1} matched to your catalog · 1 created as drafts to review`)).toBeVisible();
    await expect(done.getByRole("link", { name: newName })).toBeVisible();
    await noSeriousAxeViolations(page);

    const [template] = await query<{ id: string; status: string }>(`select id, status::text from "PlanTemplate" where name = $1`, [`${pd.title} (imported)`]);
    const [item] = await query<{ id: string; status: string; tags: string[] }>(`select id, status::text, tags from "CatalogItem" where name = $1`, [newName]);
    created.templates.push(template!.id);
    created.items.push(item!.id);
    expect(template!.status).toBe("DRAFT");
    expect(item).toMatchObject({ status: "DRAFT", tags: expect.arrayContaining(["imported"]) });

    await done.getByRole("link", { name: "Open the protocol" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `${pd.title} (imported)` })).toBeVisible();
    await expect(page.getByText("Draft · version 1")).toBeVisible();
  });

  test("invalid FHIR lists each problem, focused, and saves nothing", async ({ page }) => {
    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    const [before] = await query<{ n: number }>(`select count(*)::int as n from "PlanTemplate"`);
    await page.goto("/admin/templates/import");
    await page.getByLabel("Or paste the FHIR JSON").fill(
      JSON.stringify({ resourceType: "PlanDefinition", status: "final", title: "X", action: [{ definitionCanonical: "#missing" }] }),
    );
    await page.getByRole("button", { name: "Import protocol" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Nothing was imported" });
    await expect(alert).toBeVisible();
    await expect(alert.getByRole("listitem")).toHaveCount(4);
    await expect(alert.getByText(/status "final" is not in the required value set/)).toBeVisible();
    await expect(alert.getByText("#missing does not resolve", { exact: false })).toBeVisible();
    await noSeriousAxeViolations(page);

    await page.getByLabel("Or paste the FHIR JSON").fill("not json at all");
    await page.getByRole("button", { name: "Import protocol" }).click();
    await expect(page.getByRole("alert").getByText("This is not JSON", { exact: false })).toBeVisible();
    const [after] = await query<{ n: number }>(`select count(*)::int as n from "PlanTemplate"`);
    expect(after!.n).toBe(before!.n);
  });

  test("the API: 400 for text that is not JSON, 422 with every issue, 403 for a clinician; each an OperationOutcome", async ({ page, baseURL }) => {
    await signInAndWait(page, "admin", /\/admin\/catalog$/);
    const post = (data: string) => page.request.post("/api/fhir/PlanDefinition/$import", { data, headers: { "Content-Type": "application/fhir+json", Origin: baseURL! } });
    const notJson = await post("{nope");
    expect(notJson.status()).toBe(400);
    expect(((await notJson.json()) as OperationOutcome).resourceType).toBe("OperationOutcome");
    const wrong = await post(JSON.stringify({ resourceType: "Bundle", type: "collection", entry: [{ resource: { resourceType: "PlanDefinition", status: "active", action: [{ definitionCanonical: "https://x.example/AD/1" }] } }] }));
    expect(wrong.status()).toBe(422);
    expect(wrong.headers()["content-type"]).toContain("application/fhir+json");
    const outcome = (await wrong.json()) as OperationOutcome;
    expect(outcome.issue.map((i) => i.code).sort()).toEqual(["not-found", "required", "required"]);

    const clinician = await page.context().browser()!.newPage();
    await signInAndWait(clinician, "maya", /\/clinic$/);
    const refused = await clinician.request.post("/api/fhir/PlanDefinition/$import", { data: "{}", headers: { "Content-Type": "application/fhir+json", Origin: baseURL! } });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as OperationOutcome).issue[0]!.code).toBe("forbidden");
    await clinician.close();
  });
});
