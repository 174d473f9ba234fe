// API clients (issue 17, ADR 047): tokens shown once and stored hashed, expiry, revocation, the
// bearer plumbing of withRoute (scopes, 401/403 with RFC 6750 headers, clinic scoping), audit
// events naming the client, and the rate limit shared by two app processes.
import { fork, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { GET as getPlanRoute } from "@/app/api/v1/plans/[planId]/route";
import { GET as getHandoutRoute } from "@/app/api/v1/plans/[planId]/handout/route";
import { GET as listPatientsRoute } from "@/app/api/v1/patients/route";
import { GET as listPlansRoute } from "@/app/api/v1/plans/route";
import { GET as everythingRoute } from "@/app/api/fhir/Patient/[patientId]/$everything/route";
import { GET as planDefinitionRoute } from "@/app/api/fhir/PlanDefinition/[templateId]/route";
import { POST as importRoute } from "@/app/api/fhir/PlanDefinition/$import/route";
import { GET as mediaRoute } from "@/app/api/v1/media/[mediaId]/route";
import { GET as logoRoute } from "@/app/api/v1/clinic/logo/route";
import { createTemplate } from "@/lib/domain/templates/save-template";
import { createCatalogTreatment, itemInput } from "../fixtures/templates";
import { createApiClient, getApiClient, listApiClients, revokeApiClient } from "@/lib/domain/api-clients/api-clients";
import { listAuditEvents } from "@/lib/domain/audit/list-audit-events";
import { AppError } from "@/lib/errors";
import { actorFor, createClinic, createPatient, createPlan, createUser, testDb, truncateAll } from "../fixtures/db";

type Scope = "PATIENT_READ" | "CATALOG_READ" | "BULK_EXPORT";

async function setup() {
  const clinic = await createClinic();
  const other = await createClinic();
  const adminUser = await createUser(clinic.id, "ADMIN", "Alex Admin");
  const admin = actorFor(adminUser);
  const clinicianUser = await createUser(clinic.id, "CLINICIAN");
  const { patient } = await createPatient(clinic.id, { careTeam: [{ clinicianId: clinicianUser.id, isPrimary: true }] });
  const plan = await createPlan(clinic.id, patient.id, clinicianUser.id);
  const otherClinician = await createUser(other.id, "CLINICIAN");
  const { patient: otherPatient } = await createPatient(other.id, { careTeam: [{ clinicianId: otherClinician.id, isPrimary: true }] });
  const otherPlan = await createPlan(other.id, otherPatient.id, otherClinician.id);
  const otherAdmin = actorFor(await createUser(other.id, "ADMIN"));
  return { clinic, admin, adminUser, clinician: actorFor(clinicianUser), patient, plan, otherPlan, otherAdmin };
}

async function newClient(admin: ReturnType<typeof actorFor>, scopes: Scope[], extra: { name?: string; rateLimitPerMinute?: number; expiresInDays?: number } = {}) {
  return createApiClient(admin, { name: extra.name ?? `Hospital EHR ${Math.random().toString(36).slice(2, 8)}`, description: "", scopes, expiresInDays: extra.expiresInDays ?? 90, rateLimitPerMinute: extra.rateLimitPerMinute ?? 600 });
}

function bearer(url: string, token: string | null, headers: Record<string, string> = {}) {
  return new Request(`http://localhost:3240${url}`, { headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...headers } });
}

const planParams = (planId: string) => ({ params: Promise.resolve({ planId }) });

beforeEach(truncateAll);

describe("creating, listing and revoking API clients", () => {
  it("returns the token once, stores only its SHA-256, and audits the creation", async () => {
    const s = await setup();
    const { client, token } = await newClient(s.admin, ["PATIENT_READ", "CATALOG_READ"], { name: "Hospital EHR" });
    expect(token).toMatch(/^rvp_[0-9A-Za-z]{12}_[A-Za-z0-9_-]{43}$/);
    expect(client).toMatchObject({ name: "Hospital EHR", status: "active", scopes: ["PATIENT_READ", "CATALOG_READ"], createdByName: "Alex Admin", rateLimitPerMinute: 600 });
    const row = await testDb().apiClient.findUniqueOrThrow({ where: { id: client.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    // The secret is nowhere in the row, nor in what the list or the details page get.
    const secret = token.slice(17);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(JSON.stringify(await listApiClients(s.admin))).not.toContain(secret);
    expect(JSON.stringify(await getApiClient(s.admin, client.id))).not.toContain(secret);
    const days = (row.expiresAt.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(days).toBe(90);
    const events = await testDb().auditEvent.findMany({ where: { action: "apiclient.create" } });
    expect(events).toMatchObject([{ actorId: s.adminUser.id, entityType: "ApiClient", entityId: client.id }]);
    expect(JSON.stringify(events)).not.toContain(secret);
  });

  it("refuses bad input with field errors and writes nothing: no scope, a year and a day, a taken name", async () => {
    const s = await setup();
    const base = { name: "Backup job", description: "", scopes: ["BULK_EXPORT"], expiresInDays: 30, rateLimitPerMinute: 600 };
    for (const bad of [{ scopes: [] }, { scopes: ["WRITE_EVERYTHING"] }, { expiresInDays: 366 }, { expiresInDays: 0 }, { rateLimitPerMinute: 0 }, { name: "" }]) {
      const error = await createApiClient(s.admin, { ...base, ...bad } as never).catch((e: unknown) => e);
      expect(error, JSON.stringify(bad)).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("VALIDATION");
    }
    expect(await testDb().apiClient.count()).toBe(0);
    await createApiClient(s.admin, base as never);
    const duplicate = await createApiClient(s.admin, base as never).catch((e: AppError) => e);
    expect(duplicate).toMatchObject({ code: "VALIDATION", fieldErrors: { name: [expect.stringContaining("Backup job")] } });
    expect(await testDb().apiClient.count()).toBe(1);
  });

  it("is for admins only, and another clinic's client is not found", async () => {
    const s = await setup();
    await expect(newClient(s.clinician, ["PATIENT_READ"])).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listApiClients(s.clinician)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { client } = await newClient(s.admin, ["PATIENT_READ"]);
    await expect(getApiClient(s.otherAdmin, client.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(revokeApiClient(s.otherAdmin, { id: client.id, version: client.version })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await listApiClients(s.otherAdmin)).toEqual([]);
  });

  it("revoking is audited, refuses a second revocation and a stale version", async () => {
    const s = await setup();
    const { client } = await newClient(s.admin, ["PATIENT_READ"]);
    await expect(revokeApiClient(s.admin, { id: client.id, version: client.version + 1 })).rejects.toMatchObject({ code: "CONFLICT" });
    const revoked = await revokeApiClient(s.admin, { id: client.id, version: client.version });
    expect(revoked).toMatchObject({ status: "revoked", revokedByName: "Alex Admin" });
    await expect(revokeApiClient(s.admin, { id: client.id, version: revoked.version })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await testDb().auditEvent.count({ where: { action: "apiclient.revoke", entityId: client.id } })).toBe(1);
  });
});

describe("a bearer token on GET /api/v1/plans/<id>", () => {
  it("with PATIENT_READ reads the plan as the client, audited with the client named and no user", async () => {
    const s = await setup();
    const { client, token } = await newClient(s.admin, ["PATIENT_READ"], { name: "Hospital EHR" });
    const res = await getPlanRoute(bearer(`/api/v1/plans/${s.plan.id}`, token), planParams(s.plan.id));
    expect(res.status).toBe(200);
    expect((await res.json()).id).toBe(s.plan.id);
    const events = await testDb().auditEvent.findMany({ where: { clinicId: s.clinic.id, apiClientId: client.id }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.action).sort()).toEqual(["api.request", "plan.read"]);
    for (const e of events) expect(e).toMatchObject({ actorId: null, actorRole: null, apiClientId: client.id });
    expect(events.find((e) => e.action === "plan.read")).toMatchObject({ patientId: s.patient.id, entityId: s.plan.id });
    expect(events.find((e) => e.action === "api.request")?.detail).toEqual({ method: "GET", path: `/api/v1/plans/${s.plan.id}`, status: 200 });
    // The audit log says who: the client by name.
    const { rows } = await listAuditEvents(s.admin, { action: "plan.read" });
    expect(rows[0]!.sentence).toMatch(/^API client ‘Hospital EHR’ /);
    expect(rows[0]!.actorName).toBe("API client ‘Hospital EHR’");
    // …as does the client's own page, with its last use.
    const details = await getApiClient(s.admin, client.id);
    expect(details.usage.map((u) => u.action).sort()).toEqual(["api.request", "plan.read"]);
    expect(details.lastUsedAt).not.toBeNull();
  });

  it("answers 404 for another clinic's plan, as for one that does not exist", async () => {
    const s = await setup();
    const { token } = await newClient(s.admin, ["PATIENT_READ"]);
    const res = await getPlanRoute(bearer(`/api/v1/plans/${s.otherPlan.id}`, token), planParams(s.otherPlan.id));
    expect(res.status).toBe(404);
    expect(await testDb().auditEvent.count({ where: { action: "plan.read" } })).toBe(0);
  });

  it("answers 403 insufficient_scope to a token without PATIENT_READ", async () => {
    const s = await setup();
    for (const scopes of [["CATALOG_READ"], ["BULK_EXPORT"], ["CATALOG_READ", "BULK_EXPORT"]] as Scope[][]) {
      const { token } = await newClient(s.admin, scopes);
      const res = await getPlanRoute(bearer(`/api/v1/plans/${s.plan.id}`, token), planParams(s.plan.id));
      expect(res.status, scopes.join()).toBe(403);
      expect(res.headers.get("www-authenticate")).toBe('Bearer error="insufficient_scope", scope="PATIENT_READ"');
    }
    expect(await testDb().auditEvent.count({ where: { action: "plan.read" } })).toBe(0);
  });

  it("answers 401 invalid_token, saying nothing more, to a wrong, malformed, revoked or expired token", async () => {
    const s = await setup();
    const good = await newClient(s.admin, ["PATIENT_READ"]);
    const revoked = await newClient(s.admin, ["PATIENT_READ"]);
    await revokeApiClient(s.admin, { id: revoked.client.id, version: revoked.client.version });
    const expired = await newClient(s.admin, ["PATIENT_READ"]);
    await testDb().apiClient.update({ where: { id: expired.client.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const wrongSecret = `${good.token.slice(0, 17)}${"A".repeat(43)}`;
    const bodies = new Set<string>();
    for (const token of [wrongSecret, "rvp_nope", "", revoked.token, expired.token, `${good.token}x`]) {
      const res = await getPlanRoute(bearer(`/api/v1/plans/${s.plan.id}`, token), planParams(s.plan.id));
      expect(res.status, token).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
      bodies.add(await res.text());
    }
    expect(bodies.size).toBe(1);
    expect(await testDb().auditEvent.count({ where: { action: "plan.read" } })).toBe(0);
    // Known clients' refused tokens leave an event naming them; unknown ones leave none.
    const refused = await testDb().auditEvent.findMany({ where: { action: "api.token_refused" } });
    expect(refused.map((e) => e.apiClientId).sort()).toEqual([revoked.client.id, expired.client.id].sort());
  });

  it("a route that declares no API scope answers any bearer token 401", async () => {
    const s = await setup();
    const { token } = await newClient(s.admin, ["PATIENT_READ", "CATALOG_READ", "BULK_EXPORT"]);
    const res = await getHandoutRoute(bearer(`/api/v1/plans/${s.plan.id}/handout`, token), planParams(s.plan.id));
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
  });
});

describe("a bearer token on the lists, FHIR and the routes that take none", () => {
  const noParams = { params: Promise.resolve({}) };

  it("lists the whole clinic's patients and plans (no care team) with PATIENT_READ, never another clinic's, each request audited", async () => {
    const s = await setup();
    // A patient in no one's care team: a system reads the clinic, not a care team.
    const { patient: unassigned } = await createPatient(s.clinic.id);
    const { client, token } = await newClient(s.admin, ["PATIENT_READ"]);
    const patients = await listPatientsRoute(bearer("/api/v1/patients?limit=50", token), noParams);
    expect(patients.status).toBe(200);
    const ids = ((await patients.json()) as { data: { id: string }[] }).data.map((p) => p.id);
    expect(ids.sort()).toEqual([s.patient.id, unassigned.id].sort());
    const plans = await listPlansRoute(bearer("/api/v1/plans", token), noParams);
    expect(((await plans.json()) as { data: { id: string }[] }).data.map((p) => p.id)).toEqual([s.plan.id]);
    const requests = await testDb().auditEvent.findMany({ where: { apiClientId: client.id, action: "api.request" } });
    expect(requests.map((e) => (e.detail as { path: string }).path).sort()).toEqual(["/api/v1/patients", "/api/v1/plans"]);
    // Without the scope: 403 insufficient_scope, nothing listed.
    const { token: catalogOnly } = await newClient(s.admin, ["CATALOG_READ"]);
    const refused = await listPatientsRoute(bearer("/api/v1/patients", catalogOnly), noParams);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("www-authenticate")).toBe('Bearer error="insufficient_scope", scope="PATIENT_READ"');
  });

  it("reads Patient/$everything with PATIENT_READ; another clinic's client gets 404", async () => {
    const s = await setup();
    const { token } = await newClient(s.admin, ["PATIENT_READ"]);
    const params = { params: Promise.resolve({ patientId: s.patient.id }) };
    const res = await everythingRoute(bearer(`/api/fhir/Patient/${s.patient.id}/$everything`, token), params);
    expect(res.status).toBe(200);
    const bundle = (await res.json()) as { resourceType: string; entry: { resource: { resourceType: string; id: string } }[] };
    expect(bundle.resourceType).toBe("Bundle");
    expect(bundle.entry.some((e) => e.resource.resourceType === "Patient" && e.resource.id === s.patient.id)).toBe(true);
    const { token: theirs } = await newClient(s.otherAdmin, ["PATIENT_READ"]);
    const foreign = await everythingRoute(bearer(`/api/fhir/Patient/${s.patient.id}/$everything`, theirs), { params: Promise.resolve({ patientId: s.patient.id }) });
    expect(foreign.status).toBe(404);
    expect((await foreign.json()).resourceType).toBe("OperationOutcome");
  });

  it("exports a protocol as FHIR with CATALOG_READ (Read catalog: treatments and protocols); PATIENT_READ alone is 403", async () => {
    const s = await setup();
    const bridging = await createCatalogTreatment(s.clinic.id, { name: "Bridging", setting: "BOTH" });
    const { id: templateId } = await createTemplate(s.admin, {
      name: "Core basics", condition: "Low back pain", icd10Code: null, description: "", bodyRegions: [], tags: [],
      items: [itemInput(bridging.id, { setting: "HOME", phase: "STRENGTHENING", dose: { durationMin: null, sets: 3, reps: 12, holdSec: 5, timesPerDay: 1, daysPerWeek: 3 } })],
    });
    const params = () => ({ params: Promise.resolve({ templateId }) });
    const { token } = await newClient(s.admin, ["CATALOG_READ"]);
    const res = await planDefinitionRoute(bearer(`/api/fhir/PlanDefinition/${templateId}`, token), params());
    expect(res.status).toBe(200);
    expect(((await res.json()) as { entry: { resource: { resourceType: string } }[] }).entry.map((e) => e.resource.resourceType).sort()).toEqual(["ActivityDefinition", "PlanDefinition"]);
    const { token: patientRead } = await newClient(s.admin, ["PATIENT_READ"]);
    const refused = await planDefinitionRoute(bearer(`/api/fhir/PlanDefinition/${templateId}`, patientRead), params());
    expect(refused.status).toBe(403);
    expect(refused.headers.get("www-authenticate")).toBe('Bearer error="insufficient_scope", scope="CATALOG_READ"');
  });

  it("the protocol import, the media route and the logo take no token: 401 invalid_token before anything is read", async () => {
    const s = await setup();
    const { token } = await newClient(s.admin, ["PATIENT_READ", "CATALOG_READ", "BULK_EXPORT"]);
    const before = await testDb().planTemplate.count();
    const imported = await importRoute(
      new Request("http://localhost:3240/api/fhir/PlanDefinition/$import", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/fhir+json", origin: "http://localhost:3240" }, body: "{}" }),
    );
    expect(imported.status).toBe(401);
    expect(imported.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    expect((await imported.json()).resourceType).toBe("OperationOutcome");
    expect(await testDb().planTemplate.count()).toBe(before);
    const media = await mediaRoute(bearer(`/api/v1/media/c${"0".repeat(24)}`, token), { params: Promise.resolve({ mediaId: `c${"0".repeat(24)}` }) });
    expect(media.status).toBe(401);
    expect(media.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    const logo = await logoRoute(bearer("/api/v1/clinic/logo", token));
    expect(logo.status).toBe(401);
    expect(logo.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After once the client's requests of the minute are used", async () => {
    const s = await setup();
    const { token } = await newClient(s.admin, ["PATIENT_READ"], { rateLimitPerMinute: 3 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res = await getPlanRoute(bearer(`/api/v1/plans/${s.plan.id}`, token), planParams(s.plan.id));
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get("retry-after");
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // 3 a minute: the next request in about 20 s.
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(20);
    // Refused requests read nothing.
    expect(await testDb().auditEvent.count({ where: { action: "plan.read" } })).toBe(3);
  });

  it("refills over time: the bucket a minute later is full again", async () => {
    const s = await setup();
    const { client, token } = await newClient(s.admin, ["PATIENT_READ"], { rateLimitPerMinute: 2 });
    await testDb().apiClient.update({ where: { id: client.id }, data: { rateTokens: 0, rateUpdatedAt: new Date(Date.now() - 61_000) } });
    const first = await getPlanRoute(bearer(`/api/v1/plans/${s.plan.id}`, token), planParams(s.plan.id));
    const second = await getPlanRoute(bearer(`/api/v1/plans/${s.plan.id}`, token), planParams(s.plan.id));
    const third = await getPlanRoute(bearer(`/api/v1/plans/${s.plan.id}`, token), planParams(s.plan.id));
    expect([first.status, second.status, third.status]).toEqual([200, 200, 429]);
  });

  describe("shared by two app processes", () => {
    const children: ChildProcess[] = [];
    afterAll(() => {
      for (const child of children) if (child.exitCode === null) child.send({ stop: true });
    });

    function startChild(): Promise<ChildProcess> {
      const child = fork(path.resolve("tests/fixtures/api-rate-worker.ts"), [], {
        execPath: path.resolve("node_modules/.bin/tsx"),
        execArgv: ["--conditions=react-server"],
        env: process.env,
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      children.push(child);
      return new Promise((resolve, reject) => {
        child.once("error", reject);
        child.once("exit", (code) => reject(new Error(`worker exited with ${code} before it was ready`)));
        child.once("message", () => resolve(child));
      });
    }

    type Answer = { admitted: number; limited: number; other: number; retryAfter: number[]; otherErrors: string[] };
    const run = (child: ChildProcess, token: string, times: number) =>
      new Promise<Answer>((resolve) => {
        child.once("message", (answer) => resolve(answer as Answer));
        child.send({ token, times });
      });

    it("admits the bucket's size in all, whichever process the requests reach", async () => {
      const s = await setup();
      const { token } = await newClient(s.admin, ["PATIENT_READ"], { rateLimitPerMinute: 20 });
      const [a, b] = await Promise.all([startChild(), startChild()]);
      const started = Date.now();
      // Process A uses 15 of the 20; process B then finds only what is left (an in-memory limit
      // would give it 20 of its own).
      const first = await run(a, token, 15);
      const second = await run(b, token, 15);
      // Then both at once: hardly anything is left for either.
      const [third, fourth] = await Promise.all([run(a, token, 10), run(b, token, 10)]);
      const seconds = (Date.now() - started) / 1000;
      const all = [first, second, third, fourth];
      expect(all.flatMap((r) => r.otherErrors)).toEqual([]);
      // 20 a minute refills one every 3 s while this runs.
      const refill = Math.ceil(seconds / 3);
      expect(first.admitted).toBe(15);
      expect(second.admitted).toBeGreaterThanOrEqual(5);
      expect(second.admitted).toBeLessThanOrEqual(5 + refill);
      expect(third.admitted + fourth.admitted).toBeLessThanOrEqual(refill);
      expect(all.reduce((n, r) => n + r.admitted, 0)).toBeLessThanOrEqual(20 + refill);
      expect(all.reduce((n, r) => n + r.admitted + r.limited, 0)).toBe(50);
      for (const r of all.flatMap((x) => x.retryAfter)) expect(r).toBeGreaterThanOrEqual(1);
    }, 60_000);
  });
});
