// Patient/$everything (issue 17, ADR 049) on the demo seed against the real database: the whole
// record of Jordan as a FHIR R4 Bundle, every resource valid against the R4 structure definitions
// and required bindings, every reference resolving inside the Bundle; who may ask (care team, the
// patient themself with what the portal shows them) and who gets 404 / 403; one audit event; a
// fixed number of statements whatever the size of the record.
import type { Bundle, DocumentReference, Observation, Resource } from "@medplum/fhirtypes";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { User } from "@/lib/db/generated/client";
import { getPatientEverything } from "@/lib/domain/fhir/patient-everything";
import { seedDemo } from "@/prisma/seed-data/demo";
import { installRecordingDb, recordQueries } from "@/scripts/lib/query-recorder";
import { actorFor, auditCount, createClinic, createUser, testDb, truncateAll } from "../fixtures/db";
import { fhirProblems, loadFhirDefinitions, unresolvedInBundle } from "../fixtures/fhir";

const LINKS = { base: "https://clinic.example/api/fhir", selfUrl: "https://clinic.example/api/fhir/Patient/x/$everything" };
const codeOf = (promise: Promise<unknown>) => promise.then(() => "OK", (e: { code?: string }) => e.code ?? String(e));
const ofType = <T extends Resource>(bundle: Bundle, type: string) => (bundle.entry ?? []).map((e) => e.resource!).filter((r): r is T => r.resourceType === type);

type Demo = Awaited<ReturnType<typeof seedOnce>>;
let world: Demo;
/** The demo seed, once for the file (it takes a while): the tests below add to it and count deltas. */
async function demo(): Promise<Demo> {
  return world;
}

async function seedOnce() {
  const db = testDb();
  await truncateAll();
  await seedDemo(db, { today: "2026-11-26" });
  const user = (email: string) => db.user.findUniqueOrThrow({ where: { email } });
  const [maya, sam, admin, jordanUser, anaUser] = (await Promise.all(
    ["maya.chen@riverside.example", "sam.okafor@riverside.example", "admin@riverside.example", "jordan.lee@example.com", "ana.silva@example.com"].map(user),
  )) as [User, User, User, User, User];
  const jordan = await db.patient.findFirstOrThrow({ where: { userId: jordanUser.id } });
  const ana = await db.patient.findFirstOrThrow({ where: { userId: anaUser.id } });
  return { db, jordan, ana, mayaUser: maya, maya: actorFor(maya), sam: actorFor(sam), admin: actorFor(admin), jordanActor: actorFor(jordanUser, jordan.id), anaActor: actorFor(anaUser, ana.id), jordanUser };
}

beforeAll(async () => {
  loadFhirDefinitions();
  world = await seedOnce();
}, 300_000);

describe("Patient/$everything for the care team", () => {
  it("returns Jordan's whole record, valid resource by resource, every reference resolving, one audit event", async () => {
    const w = await demo();
    // An override and an addendum, which the demo does not have, and an RMDQ the patient filled in.
    const needling = await w.db.planActivity.findFirstOrThrow({ where: { plan: { patientId: w.jordan.id, status: "ACTIVE" }, setting: "IN_CLINIC" } });
    await w.db.planActivity.update({ where: { id: needling.id }, data: { overriddenFlags: ["ANTICOAGULANTS"], overrideReason: "Reviewed with GP", overriddenById: w.mayaUser.id, overriddenAt: new Date() } });
    const signed = await w.db.session.findFirstOrThrow({ where: { patientId: w.jordan.id, noteStatus: "SIGNED" }, orderBy: { startsAt: "asc" } });
    await w.db.sessionAddendum.create({ data: { clinicId: w.jordan.clinicId, sessionId: signed.id, authorId: w.mayaUser.id, text: "Correction: flexion 45%." } });
    await w.db.outcomeResponse.create({ data: { clinicId: w.jordan.clinicId, patientId: w.jordan.id, instrument: "RMDQ", context: "INTERIM", answers: { items: [true, true, ...Array(22).fill(false)] }, score: 2, recordedById: w.jordanUser.id } });

    const before = await auditCount({ action: "fhir.patient_everything" });
    const bundle = await getPatientEverything(w.maya, w.jordan.id, LINKS);
    expect(await auditCount({ action: "fhir.patient_everything" })).toBe(before + 1);
    const event = await w.db.auditEvent.findFirstOrThrow({ where: { action: "fhir.patient_everything", actorId: w.maya.userId }, orderBy: { at: "desc" } });
    expect(event).toMatchObject({ entityType: "Patient", entityId: w.jordan.id, patientId: w.jordan.id, actorId: w.maya.userId });
    expect(event.detail).toEqual({ resources: bundle.entry!.length });

    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "searchset", total: 1 });
    const problems = [fhirProblems(bundle), ...bundle.entry!.map((e) => fhirProblems(e.resource!))].flat();
    expect(problems).toEqual([]);
    expect(unresolvedInBundle(bundle)).toEqual([]);

    const count = (type: string) => bundle.entry!.filter((e) => e.resource!.resourceType === type).length;
    // Demo: an active plan and a draft; 6 completed sessions with signed notes + 3 scheduled; 3
    // treatments each; NPRS/ODI twice; pain before/after on each completed session.
    expect(count("Patient")).toBe(1);
    expect(count("CarePlan")).toBe(2);
    expect(count("Encounter")).toBe(9);
    expect(count("Procedure")).toBe(18);
    expect(count("DocumentReference")).toBe(7);
    expect(count("Provenance")).toBe(7);
    expect(count("QuestionnaireResponse")).toBe(3);
    expect(count("Observation")).toBe(5 + 12);
    expect(count("Organization")).toBe(1);
    expect(count("Practitioner")).toBeGreaterThanOrEqual(2);
    const obs = ofType<Observation>(bundle, "Observation");
    expect(obs.filter((o) => o.code.coding?.some((c) => c.system === "http://loinc.org" && c.code === "72514-3")).length).toBe(2 + 12);
    expect(obs.filter((o) => o.code.coding?.some((c) => c.code === "97909-6")).length).toBe(2);
    // The patient's own RMDQ names the Patient as performer.
    expect(obs.find((o) => o.code.coding?.some((c) => c.code === "RMDQ"))?.performer).toEqual([{ reference: `Patient/${w.jordan.id}` }]);
    const note = ofType<DocumentReference>(bundle, "DocumentReference").find((d) => d.id === `${signed.id}-note`)!;
    expect(Buffer.from(note.content[0]!.attachment.data!, "base64").toString("utf8")).toContain("Subjective:\nReports lower back pain 7/10");
    // Stable ids: our own ids, the same in a second export.
    const again = await getPatientEverything(w.maya, w.jordan.id, LINKS);
    expect(again.entry!.map((e) => e.fullUrl)).toEqual(bundle.entry!.map((e) => e.fullUrl));
    expect(bundle.entry!.every((e) => e.resource!.resourceType === "Questionnaire" || typeof e.resource!.meta?.lastUpdated === "string")).toBe(true);
  });

  it("costs the same number of statements for a small record as for a large one", async () => {
    const w = await demo();
    const restore = installRecordingDb();
    try {
      const large = await recordQueries(() => getPatientEverything(w.maya, w.jordan.id, LINKS));
      const small = await recordQueries(() => getPatientEverything(w.sam, w.ana.id, LINKS));
      expect(large.result.entry!.length).toBeGreaterThan(3 * small.result.entry!.length);
      expect(large.recording.statements.length).toBe(small.recording.statements.length);
      // The scoped patient lookup, 8 record reads, 7 clinic reads (clinic, staff, protocols with their
      // items and the items' names, catalog items with their guideline statements), the audit event.
      expect(large.recording.statements.length).toBeLessThanOrEqual(17);
    } finally {
      await restore();
    }
  });
});

describe("Patient/$everything for the patient themself", () => {
  it("holds what the portal shows them: no draft plan, no notes, treatments, override or clinician pain scores", async () => {
    const w = await demo();
    const bundle = await getPatientEverything(w.jordanActor, w.jordan.id, LINKS);
    expect([...bundle.entry!.map((e) => fhirProblems(e.resource!)).flat(), ...unresolvedInBundle(bundle)]).toEqual([]);
    const types = new Set<string>(bundle.entry!.map((e) => e.resource!.resourceType));
    for (const hidden of ["DocumentReference", "Procedure", "Provenance", "Flag"]) expect(types.has(hidden), hidden).toBe(false);
    expect(bundle.entry!.filter((e) => e.resource!.resourceType === "CarePlan").map((e) => (e.resource as { status: string }).status)).toEqual(["active"]);
    expect(ofType<Observation>(bundle, "Observation").every((o) => !o.id!.includes("-pain-"))).toBe(true);
    expect(JSON.stringify(bundle)).not.toContain("Lumbar flexion");
    expect(await auditCount({ action: "fhir.patient_everything", actorId: w.jordanActor.userId })).toBe(1);
  });
});

describe("Patient/$everything refuses", () => {
  it("404 (audited as refused) for another patient, a clinician outside the care team, another clinic; 403 for an admin", async () => {
    const w = await demo();
    const outsider = actorFor(await createUser(w.jordan.clinicId, "CLINICIAN"));
    const other = await createClinic();
    const elsewhere = actorFor(await createUser(other.id, "CLINICIAN"));
    const cases: [string, Actor, string][] = [
      ["another patient", w.anaActor, "NOT_FOUND"],
      ["a clinician outside the care team", outsider, "NOT_FOUND"],
      ["a clinician of another clinic", elsewhere, "NOT_FOUND"],
      ["an admin (no clinical access)", w.admin, "FORBIDDEN"],
    ];
    const before = await auditCount({ action: "fhir.patient_everything" });
    for (const [who, actor, expected] of cases) expect(await codeOf(getPatientEverything(actor, w.jordan.id, LINKS)), who).toBe(expected);
    expect(await codeOf(getPatientEverything(w.maya, "cnotapatient000000000000", LINKS))).toBe("NOT_FOUND");
    expect(await auditCount({ action: "fhir.patient_everything" })).toBe(before);
    expect(await auditCount({ action: "access.refused", actorId: outsider.userId })).toBe(1);
  });
});

