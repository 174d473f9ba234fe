// Patient/$everything over HTTP (issue 17, ADR 049): a care-team clinician's browser session and an
// API client's bearer token (PATIENT_READ, ADR 047) get the Bundle as application/fhir+json;
// failures answer as OperationOutcome with the right status (401, 403, 404). What the Bundle holds
// and that it is valid R4: tests/integration/fhir-everything.test.ts.
import { createHash, randomBytes, randomInt } from "node:crypto";
import { expect, test, type APIResponse } from "@playwright/test";
import { ACCOUNTS, patientIdOf, query, signInAndWait } from "./fixtures";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** An API client of the demo clinic with these scopes, made as the admin screen would (only the token's SHA-256 stored). */
async function apiClient(scopes: string[]): Promise<string> {
  let tokenId = "";
  for (let i = 0; i < 12; i++) tokenId += BASE62[randomInt(BASE62.length)];
  const token = `rvp_${tokenId}_${randomBytes(32).toString("base64url")}`;
  const hash = createHash("sha256").update(token, "utf8").digest("hex");
  await query(
    `insert into "ApiClient" (id, "clinicId", name, scopes, "tokenId", "tokenHash", "createdById", "expiresAt")
     select $1, u."clinicId", $2, $3::"ApiScope"[], $4, $5, u.id, now() + interval '1 day' from "User" u where u.email = $6`,
    [`c${randomBytes(12).toString("hex")}`, `FHIR e2e ${tokenId}`, scopes, tokenId, hash, ACCOUNTS.admin],
  );
  return token;
}

async function expectOutcome(response: APIResponse, status: number, code: string) {
  expect(response.status()).toBe(status);
  expect(response.headers()["content-type"]).toContain("application/fhir+json");
  const body = await response.json();
  expect(body).toMatchObject({ resourceType: "OperationOutcome", issue: [{ severity: "error", code }] });
}

test("the care team gets the patient's Bundle; another patient's is 404, anonymous 401, as OperationOutcome", async ({ page, request }) => {
  const jordan = await patientIdOf("jordan.lee@example.com");
  const ana = await patientIdOf("ana.silva@example.com");
  await expectOutcome(await request.get(`/api/fhir/Patient/${jordan}/$everything`), 401, "login");

  await signInAndWait(page, "maya", /\/clinic/);
  const response = await page.request.get(`/api/fhir/Patient/${jordan}/$everything`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/fhir+json");
  expect(response.headers()["cache-control"]).toContain("no-store");
  const bundle = await response.json();
  expect(bundle).toMatchObject({ resourceType: "Bundle", type: "searchset", total: 1 });
  const patient = bundle.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === "Patient");
  expect(patient.resource.id).toBe(jordan);
  expect(patient.fullUrl).toMatch(new RegExp(`/api/fhir/Patient/${jordan}$`));
  expect(bundle.entry.some((e: { resource: { resourceType: string } }) => e.resource.resourceType === "CarePlan")).toBe(true);
  // Maya is not in Ana's care team.
  await expectOutcome(await page.request.get(`/api/fhir/Patient/${ana}/$everything`), 404, "not-found");
});

test("an API client with PATIENT_READ gets any patient of its clinic, audited with the client named; without the scope 403", async ({ request }) => {
  const ana = await patientIdOf("ana.silva@example.com");
  const reader = await apiClient(["PATIENT_READ"]);
  const response = await request.get(`/api/fhir/Patient/${ana}/$everything`, { headers: { Authorization: `Bearer ${reader}` } });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/fhir+json");
  expect((await response.json()).entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === "Patient").resource.id).toBe(ana);
  const tokenId = reader.slice(4, 16);
  const events = await query<{ action: string }>(
    `select e.action from "AuditEvent" e join "ApiClient" a on a.id = e."apiClientId" where a."tokenId" = $1 order by e.action`,
    [tokenId],
  );
  expect(events.map((e) => e.action)).toEqual(["api.request", "fhir.patient_everything"]);

  const catalogOnly = await apiClient(["CATALOG_READ"]);
  const refused = await request.get(`/api/fhir/Patient/${ana}/$everything`, { headers: { Authorization: `Bearer ${catalogOnly}` } });
  await expectOutcome(refused, 403, "forbidden");
  expect(refused.headers()["www-authenticate"]).toContain("insufficient_scope");
  await expectOutcome(await request.get(`/api/fhir/Patient/${ana}/$everything`, { headers: { Authorization: "Bearer rvp_nottoken" } }), 401, "login");
});
