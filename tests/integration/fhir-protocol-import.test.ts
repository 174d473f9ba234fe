// Protocol exchange between clinics over FHIR R4 (ADR 051), against a real PostgreSQL: a protocol
// exported from clinic A and imported into clinic B is the same protocol; B's own treatments are
// matched by code or name, the others created as drafts to review; bad input is a FhirImportError
// listing every problem with nothing written; who may export and import; audit events.
import type { ActivityDefinition, Bundle, PlanDefinition } from "@medplum/fhirtypes";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FhirImportError } from "@/lib/domain/fhir-import/errors";
import { exportPlanDefinition } from "@/lib/domain/fhir-import/export-plan-definition";
import { IMPORTED_TAG, importPlanDefinition } from "@/lib/domain/fhir-import/import-plan-definition";
import { createTemplate } from "@/lib/domain/templates/save-template";
import { AppError } from "@/lib/errors";
import { EXTENSIONS } from "@/lib/fhir/systems";
import { actorFor, auditCount, createClinic, createPatient, createUser, testDb, truncateAll } from "../fixtures/db";
import { fhirProblems, loadFhirDefinitions } from "../fixtures/fhir";
import { createCatalogTreatment, itemInput } from "../fixtures/templates";

beforeAll(loadFhirDefinitions, 60_000);

async function world() {
  const a = await createClinic("Clinic A");
  const b = await createClinic("Clinic B");
  const adminA = actorFor(await createUser(a.id, "ADMIN"));
  const clinicianA = actorFor(await createUser(a.id, "CLINICIAN"));
  const adminB = actorFor(await createUser(b.id, "ADMIN"));
  const clinicianB = actorFor(await createUser(b.id, "CLINICIAN"));
  const { patient, portal } = await createPatient(a.id, { careTeam: [{ clinicianId: clinicianA.userId, isPrimary: true }], withPortal: true });
  const patientA = actorFor(portal!, patient.id);
  const db = testDb();
  const stretch = await db.catalogItem.create({
    data: {
      clinicId: a.id, name: "Knee-to-chest stretch", kind: "EXERCISE", category: "STRETCH", setting: "HOME", description: "Gentle lumbar flexion stretch.",
      patientInstructions: "Lie on your back; pull one knee to your chest.", defaultSets: 2, defaultReps: 10, defaultHoldSec: 20, defaultTimesPerDay: 2, defaultDaysPerWeek: 7,
      contraindications: ["PREGNANCY"], equipment: ["Mat"], bodyRegions: ["LOWER_BACK"], conditions: ["low back pain"], tags: ["gentle"], status: "ACTIVE",
    },
  });
  const needling = await db.catalogItem.create({
    data: {
      clinicId: a.id, name: "Dry needling", kind: "MODALITY", category: "NEEDLING", setting: "IN_CLINIC", description: "Trigger point needling.",
      patientInstructions: "Tell your clinician if you feel faint.", defaultDurationMin: 15, contraindications: ["ANTICOAGULANTS", "NEEDLE_PHOBIA"], status: "ACTIVE",
    },
  });
  const bridging = await createCatalogTreatment(a.id, { name: "Bridging", setting: "BOTH" });
  const { id: templateId } = await createTemplate(adminA, {
    name: "Lower back spasm — acute",
    condition: "Muscle spasm of back",
    icd10Code: "M62.830",
    description: "First two weeks.",
    bodyRegions: ["LOWER_BACK"],
    tags: ["acute"],
    items: [
      itemInput(needling.id, { setting: "IN_CLINIC", phase: "PAIN_RELIEF", dose: { durationMin: 15, sets: null, reps: null, holdSec: null, timesPerDay: null, daysPerWeek: null } }),
      itemInput(stretch.id, { setting: "HOME", phase: "MOBILITY", dose: { durationMin: null, sets: 2, reps: 10, holdSec: 20, timesPerDay: 2, daysPerWeek: 5 } }),
      itemInput(bridging.id, { setting: "HOME", phase: "STRENGTHENING", dose: { durationMin: null, sets: 3, reps: 12, holdSec: 5, timesPerDay: 1, daysPerWeek: 3 } }),
      itemInput(stretch.id, { setting: "HOME", phase: "MAINTENANCE", dose: { durationMin: null, sets: 1, reps: 10, holdSec: 20, timesPerDay: 1, daysPerWeek: 3 } }),
    ],
  });
  return { a, b, adminA, clinicianA, patientA, adminB, clinicianB, templateId, catalogA: { stretch, needling, bridging } };
}

/** A protocol as a clinic-independent value: names, condition, facets, and its items in order. */
async function normalised(templateId: string) {
  const t = await testDb().planTemplate.findUniqueOrThrow({
    where: { id: templateId },
    include: { items: { orderBy: { position: "asc" }, include: { catalogItem: true } } },
  });
  return {
    condition: t.condition,
    icd10Code: t.icd10Code,
    description: t.description,
    bodyRegions: t.bodyRegions,
    tags: t.tags,
    items: t.items.map((i) => ({
      position: i.position, name: i.catalogItem.name, setting: i.setting, phase: i.phase,
      dose: [i.durationMin, i.sets, i.reps, i.holdSec, i.timesPerDay, i.daysPerWeek],
    })),
  };
}

async function counts() {
  const db = testDb();
  return { templates: await db.planTemplate.count(), items: await db.planTemplateItem.count(), catalog: await db.catalogItem.count(), audit: await db.auditEvent.count() };
}

async function refused(promise: Promise<unknown>): Promise<FhirImportError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(FhirImportError);
  return error as FhirImportError;
}

const clone = <X>(x: X): X => JSON.parse(JSON.stringify(x)) as X;
const pdOf = (b: Bundle) => b.entry![0]!.resource as PlanDefinition;

let w: Awaited<ReturnType<typeof world>>;
beforeEach(async () => {
  await truncateAll();
  w = await world();
});

describe("round trip A → FHIR → B", () => {
  it("into a clinic with none of the treatments: the same protocol, every treatment a draft to review, the protocol a draft", async () => {
    const bundle = await exportPlanDefinition(w.adminA, w.templateId);
    for (const e of bundle.entry!) expect(fhirProblems(e.resource!)).toEqual([]);
    const summary = await importPlanDefinition(w.adminB, clone(bundle));
    expect(summary).toMatchObject({ name: "Lower back spasm — acute", renamedFrom: null, items: 4, matched: [] });
    expect(summary.created.map((c) => c.name).sort()).toEqual(["Bridging", "Dry needling", "Knee-to-chest stretch"]);

    const imported = await testDb().planTemplate.findUniqueOrThrow({ where: { id: summary.templateId } });
    expect(imported).toMatchObject({ clinicId: w.b.id, status: "DRAFT", ownerId: null, name: "Lower back spasm — acute" });
    expect(await normalised(summary.templateId)).toEqual(await normalised(w.templateId));

    // The drafts carry everything the catalog item had in A, tagged for review.
    const knee = await testDb().catalogItem.findFirstOrThrow({ where: { clinicId: w.b.id, name: "Knee-to-chest stretch" } });
    const a = w.catalogA.stretch;
    const carried = (c: typeof a) => [c.name, c.kind, c.category, c.setting, c.description, c.patientInstructions, c.defaultDurationMin, c.defaultSets, c.defaultReps, c.defaultHoldSec, c.defaultTimesPerDay, c.defaultDaysPerWeek, c.contraindications, c.equipment, c.bodyRegions, c.conditions];
    expect(carried(knee)).toEqual(carried(a));
    expect(knee).toMatchObject({ status: "DRAFT", clinicId: w.b.id, version: 1 });
    expect(knee.tags.sort()).toEqual([...a.tags, IMPORTED_TAG].sort());
  });

  it("the export cites each treatment's current guideline statements; the import leaves them (B keeps its own evidence review)", async () => {
    // NG59's exercise recommendation as the seed stores it (prisma/seed-data/guideline-statements.ts).
    const EXERCISE_QUOTE = "Consider a group exercise programme (biomechanical, aerobic, mind–body or a combination of approaches) within the NHS for people with a specific episode or flare-up of low back pain with or without sciatica.";
    const statement = {
      clinicId: w.a.id, catalogItemId: w.catalogA.stretch.id, condition: "low back pain", population: "People aged 16 and over with low back pain with or without sciatica",
      guideline: "Low back pain and sciatica in over 16s: assessment and management (NG59)", publisher: "National Institute for Health and Care Excellence (NICE)", year: 2016,
      url: "https://www.nice.org.uk/guidance/ng59", stance: "CONSIDER" as const, lastCheckedOn: new Date("2026-12-05T00:00:00Z"),
    };
    await testDb().guidelineStatement.create({ data: { ...statement, recommendation: "1.2.2", quote: EXERCISE_QUOTE } });
    await testDb().guidelineStatement.create({ data: { ...statement, stance: "RECOMMEND", retiredAt: new Date() } });
    const bundle = await exportPlanDefinition(w.adminA, w.templateId);
    for (const e of bundle.entry!) expect(fhirProblems(e.resource!)).toEqual([]);
    const ads = bundle.entry!.map((e) => e.resource!).filter((r): r is ActivityDefinition => r.resourceType === "ActivityDefinition");
    const stretch = ads.find((a) => a.title === "Knee-to-chest stretch")!;
    expect(stretch.relatedArtifact).toEqual([expect.objectContaining({ type: "citation", label: "1.2.2", url: "https://www.nice.org.uk/guidance/ng59", citation: EXERCISE_QUOTE })]);
    expect(stretch.relatedArtifact![0]!.display).toMatch(/NG59 2016 recommendation 1\.2\.2, low back pain \(People aged 16 and over.*\): Consider$/);
    expect(ads.filter((a) => a.title !== "Knee-to-chest stretch").every((a) => a.relatedArtifact === undefined)).toBe(true);

    const summary = await importPlanDefinition(w.adminB, clone(bundle));
    expect(summary.created.map((c) => c.name).sort()).toEqual(["Bridging", "Dry needling", "Knee-to-chest stretch"]);
    expect(await testDb().guidelineStatement.count({ where: { clinicId: w.b.id } })).toBe(0);
  });

  it("into a clinic that has some treatments: matched by code (any case and spacing) or by exact name, the rest drafts", async () => {
    const kneeB = await createCatalogTreatment(w.b.id, { name: "knee to chest  STRETCH", setting: "HOME" });
    const needlingB = await createCatalogTreatment(w.b.id, { name: "dry needling", setting: "IN_CLINIC" });
    // A draft or retired item of the same name is not a match: the import names its draft apart.
    await createCatalogTreatment(w.b.id, { name: "Bridging", status: "RETIRED" });
    const bundle = clone(await exportPlanDefinition(w.adminA, w.templateId));
    // A sender without our identifier: matched by its name instead.
    for (const e of bundle.entry!) if (e.resource!.resourceType === "ActivityDefinition" && (e.resource as ActivityDefinition).title === "Dry needling") delete (e.resource as ActivityDefinition).identifier;

    const summary = await importPlanDefinition(w.adminB, bundle);
    expect(summary.matched).toEqual(
      expect.arrayContaining([
        { catalogItemId: kneeB.id, name: kneeB.name, by: "code", importedName: "Knee-to-chest stretch" },
        { catalogItemId: needlingB.id, name: "dry needling", by: "code", importedName: "Dry needling" },
      ]),
    );
    expect(summary.created).toEqual([{ catalogItemId: expect.any(String), name: "Bridging (imported)" }]);
    const items = (await normalised(summary.templateId)).items;
    expect(items.map((i) => i.name)).toEqual(["dry needling", kneeB.name, "Bridging (imported)", kneeB.name]);
    const original = (await normalised(w.templateId)).items;
    const steps = (list: typeof items) => list.map((i) => [i.position, i.setting, i.phase, i.dose]);
    expect(steps(items)).toEqual(steps(original));
    expect(await testDb().catalogItem.count({ where: { clinicId: w.b.id } })).toBe(4);
  });

  it("matches by exact name (ignoring case) when the identifier names another code", async () => {
    const needlingB = await createCatalogTreatment(w.b.id, { name: "DRY NEEDLING", setting: "IN_CLINIC" });
    const bundle = clone(await exportPlanDefinition(w.adminA, w.templateId));
    for (const e of bundle.entry!) {
      const ad = e.resource as ActivityDefinition;
      if (ad.title === "Dry needling") ad.identifier = [{ system: "https://riverside-plans.example/fhir/CodeSystem/treatment", value: "trigger-point-needling" }];
    }
    const summary = await importPlanDefinition(w.adminB, bundle);
    expect(summary.matched).toEqual([{ catalogItemId: needlingB.id, name: "DRY NEEDLING", by: "name", importedName: "Dry needling" }]);
  });

  it("a name the clinic already uses gets ' (imported)'; importing twice makes a second copy", async () => {
    const bundle = await exportPlanDefinition(w.adminA, w.templateId);
    const first = await importPlanDefinition(w.adminB, clone(bundle));
    const second = await importPlanDefinition(w.adminB, clone(bundle));
    expect(second.name).toBe("Lower back spasm — acute (imported)");
    expect(second.renamedFrom).toBe("Lower back spasm — acute");
    // The second import finds no ACTIVE treatments (the first made drafts): it makes its own drafts.
    expect(second.created.map((c) => c.name).sort()).toEqual(["Bridging (imported)", "Dry needling (imported)", "Knee-to-chest stretch (imported)"]);
    expect(first.templateId).not.toBe(second.templateId);
  });

  it("back into the same clinic: every treatment matched, nothing created", async () => {
    const summary = await importPlanDefinition(w.adminA, await exportPlanDefinition(w.adminA, w.templateId));
    expect(summary.created).toEqual([]);
    expect(summary.matched.map((m) => m.catalogItemId).sort()).toEqual([w.catalogA.stretch.id, w.catalogA.needling.id, w.catalogA.bridging.id].sort());
    expect(await normalised(summary.templateId)).toEqual(await normalised(w.templateId));
  });
});

describe("invalid input: 422 with every problem, nothing written", () => {
  async function expectNothingWritten(input: unknown, check: (e: FhirImportError) => void) {
    const before = await counts();
    check(await refused(importPlanDefinition(w.adminB, input)));
    expect(await counts()).toEqual(before);
  }

  it("a resource that is not a protocol, or not FHIR at all", async () => {
    await expectNothingWritten({ resourceType: "Patient", id: "x" }, (e) => expect(e.outcome.issue).toEqual([expect.objectContaining({ code: "not-supported" })]));
    await expectNothingWritten("just text", (e) => expect(e.outcome.issue).toEqual([expect.objectContaining({ code: "structure" })]));
  });

  it("missing required element, bad binding, unresolved canonical and a dose out of range: four issues", async () => {
    const bundle = clone(await exportPlanDefinition(w.adminA, w.templateId));
    const pd = pdOf(bundle);
    pd.status = "final" as PlanDefinition["status"];
    pd.action![0]!.definitionCanonical = "https://elsewhere.example/ActivityDefinition/gone";
    pd.action![1]!.extension!.find((e) => e.url === EXTENSIONS.dose)!.extension!.find((e) => e.url === "reps")!.valueInteger = 1000;
    delete (bundle.entry![2]!.resource as ActivityDefinition).usage;
    await expectNothingWritten(bundle, (e) => {
      expect(e.outcome.resourceType).toBe("OperationOutcome");
      expect(e.outcome.issue.map((i) => i.code).sort()).toEqual(["code-invalid", "not-found", "required", "value"]);
      for (const issue of e.outcome.issue) {
        expect(issue.severity).toBe("error");
        expect(issue.diagnostics).toBeTruthy();
        expect(issue.expression?.[0]).toMatch(/^Bundle\.entry\[\d\]\.resource/);
      }
      expect(e.message).toBe("The FHIR input has 4 problems. Nothing was imported.");
    });
  });

  it("structural problems (medplum): missing status, unknown element", async () => {
    const bundle = clone(await exportPlanDefinition(w.adminA, w.templateId));
    delete (pdOf(bundle) as Partial<PlanDefinition>).status;
    (bundle.entry![1]!.resource as unknown as Record<string, unknown>).favourite = true;
    await expectNothingWritten(bundle, (e) => expect(e.outcome.issue.map((i) => i.expression?.[0]).sort()).toEqual(["Bundle.entry[0].resource.status", "Bundle.entry[1].resource.favourite"]));
  });

  it("a treatment the clinic has only in the clinic, scheduled as homework: refused after matching, the drafts made so far rolled back", async () => {
    await createCatalogTreatment(w.b.id, { name: "Bridging", setting: "IN_CLINIC" });
    await expectNothingWritten(await exportPlanDefinition(w.adminA, w.templateId), (e) =>
      expect(e.outcome.issue).toEqual([expect.objectContaining({ code: "business-rule", expression: ["PlanDefinition.action[2]"] })]),
    );
  });
});

describe("who may", () => {
  it("export: the clinic's staff; not its patients (403), not another clinic (404)", async () => {
    await expect(exportPlanDefinition(w.clinicianA, w.templateId)).resolves.toMatchObject({ resourceType: "Bundle", type: "collection" });
    await expect(exportPlanDefinition(w.patientA, w.templateId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(exportPlanDefinition(w.adminB, w.templateId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(exportPlanDefinition(w.clinicianB, w.templateId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("export: another clinician's own protocol is 404, one's own is exported", async () => {
    const other = actorFor(await createUser(w.a.id, "CLINICIAN"));
    await testDb().planTemplate.update({ where: { id: w.templateId }, data: { ownerId: w.clinicianA.userId, nameScope: w.clinicianA.userId } });
    await expect(exportPlanDefinition(other, w.templateId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(exportPlanDefinition(w.clinicianA, w.templateId)).resolves.toMatchObject({ resourceType: "Bundle" });
  });

  it("import: admins only (clinicians and patients 403), before the input is even read", async () => {
    const before = await counts();
    for (const actor of [w.clinicianB, w.patientA]) {
      const error = await importPlanDefinition(actor, { resourceType: "Patient" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("FORBIDDEN");
    }
    expect(await counts()).toEqual(before);
  });
});

describe("audit", () => {
  it("export: one template.export_fhir; import: one template.import_fhir with counts and one catalog.import_draft per draft", async () => {
    const bundle = await exportPlanDefinition(w.adminA, w.templateId);
    expect(await auditCount({ action: "template.export_fhir", actorId: w.adminA.userId })).toBe(1);
    const summary = await importPlanDefinition(w.adminB, bundle);
    const events = await testDb().auditEvent.findMany({ where: { actorId: w.adminB.userId }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.action).sort()).toEqual(["catalog.import_draft", "catalog.import_draft", "catalog.import_draft", "template.import_fhir"]);
    const event = events.find((e) => e.action === "template.import_fhir")!;
    expect(event).toMatchObject({ clinicId: w.b.id, entityType: "PlanTemplate", entityId: summary.templateId, patientId: null });
    expect(event.detail).toEqual({ items: 4, matched: 0, created: 3, source: pdOf(bundle).url });
  });
});
