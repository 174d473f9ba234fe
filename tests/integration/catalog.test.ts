// Admin catalog: create, edit (versioned, snapshot-safe), status changes and deletion rules.
import { beforeEach, describe, expect, it } from "vitest";
import { changeCatalogItemStatus, deleteCatalogItem } from "@/lib/domain/catalog/change-catalog-item-status";
import { getCatalogItem } from "@/lib/domain/catalog/get-catalog-item";
import { getCatalogItemUsage } from "@/lib/domain/catalog/usage";
import { createTemplate, updateTemplate } from "@/lib/domain/templates/save-template";
import { getTemplate } from "@/lib/domain/templates/get-template";
import { listCatalogItems } from "@/lib/domain/catalog/list-catalog-items";
import { createCatalogItem, updateCatalogItem } from "@/lib/domain/catalog/save-catalog-item";
import { getPlan } from "@/lib/domain/plans/get-plan";
import { AppError } from "@/lib/errors";
import type { TCatalogItemInput } from "@/lib/validation/catalog";
import { actorFor, auditCount, createClinic, createPatient, createPlan, createUser, testDb, truncateAll } from "../fixtures/db";

const laser: TCatalogItemInput = {
  name: "Low-level laser therapy",
  kind: "MODALITY",
  category: "ELECTRO_LASER_SHOCKWAVE",
  setting: "IN_CLINIC",
  description: "Photobiomodulation over the painful area.",
  patientInstructions: "You will wear protective glasses. The probe feels warm at most.",
  dose: { durationMin: 10, sets: null, reps: null, holdSec: null, timesPerDay: null, daysPerWeek: null },
  contraindications: ["PREGNANCY", "MALIGNANCY"],
  equipment: ["Laser unit", "Protective glasses"],
};

async function setup() {
  const clinic = await createClinic();
  const other = await createClinic();
  const admin = actorFor(await createUser(clinic.id, "ADMIN"));
  const otherAdmin = actorFor(await createUser(other.id, "ADMIN"));
  const clinicianUser = await createUser(clinic.id, "CLINICIAN");
  const clinician = actorFor(clinicianUser);
  const portal = await createPatient(clinic.id, { withPortal: true, careTeam: [{ clinicianId: clinicianUser.id, isPrimary: true }] });
  const patient = actorFor(portal.portal!, portal.patient.id);
  return { clinic, admin, otherAdmin, clinician, clinicianUser, patient, patientRecord: portal.patient };
}

async function rejects(promise: Promise<unknown>, code: AppError["code"]): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    return error as AppError;
  }
  throw new Error(`expected ${code}, but it resolved`);
}

describe("catalog administration", () => {
  beforeEach(truncateAll);

  it("creates a DRAFT item with every field, audited once", async () => {
    const s = await setup();
    const { id } = await createCatalogItem(s.admin, laser);
    const item = await getCatalogItem(s.admin, id);
    expect(item).toMatchObject({ ...laser, status: "DRAFT", version: 1 });
    expect(await auditCount({ action: "catalog.create" })).toBe(1);
  });

  it("refuses invalid input with field errors and saves nothing", async () => {
    const s = await setup();
    const error = await rejects(
      createCatalogItem(s.admin, { ...laser, name: " ", dose: { ...laser.dose, daysPerWeek: 9 }, kind: "SURGERY" as never }),
      "VALIDATION",
    );
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(expect.arrayContaining(["name", "kind", "dose.daysPerWeek"]));
    expect(await testDb().catalogItem.count()).toBe(0);
    expect(await auditCount()).toBe(0);
  });

  it("refuses a duplicate name in the same clinic with a field error, but allows it in another clinic", async () => {
    const s = await setup();
    await createCatalogItem(s.admin, laser);
    const error = await rejects(createCatalogItem(s.admin, laser), "VALIDATION");
    expect(error.fieldErrors?.name?.[0]).toMatch(/already exists/);
    await expect(createCatalogItem(s.otherAdmin, laser)).resolves.toHaveProperty("id");
  });

  it("denies clinicians and patients every management function", async () => {
    const s = await setup();
    const { id } = await createCatalogItem(s.admin, laser);
    for (const actor of [s.clinician, s.patient]) {
      await rejects(createCatalogItem(actor, laser), "FORBIDDEN");
      await rejects(updateCatalogItem(actor, { ...laser, id, version: 1 }), "FORBIDDEN");
      await rejects(changeCatalogItemStatus(actor, { id, version: 1, status: "ACTIVE" }), "FORBIDDEN");
      await rejects(deleteCatalogItem(actor, { id, version: 1 }), "FORBIDDEN");
    }
    await rejects(listCatalogItems(s.patient), "FORBIDDEN");
    expect((await getCatalogItem(s.admin, id)).version).toBe(1);
  });

  it("answers NOT_FOUND for an item of another clinic", async () => {
    const s = await setup();
    const { id } = await createCatalogItem(s.otherAdmin, laser);
    await rejects(getCatalogItem(s.admin, id), "NOT_FOUND");
    await rejects(updateCatalogItem(s.admin, { ...laser, id, version: 1 }), "NOT_FOUND");
    await rejects(changeCatalogItemStatus(s.admin, { id, version: 1, status: "ACTIVE" }), "NOT_FOUND");
  });

  it("bumps the version on edit and keeps the snapshot of plans that already use the item", async () => {
    const s = await setup();
    const { id } = await createCatalogItem(s.admin, laser);
    await changeCatalogItemStatus(s.admin, { id, version: 1, status: "ACTIVE" });
    const plan = await testDb().treatmentPlan.create({
      data: {
        clinicId: s.clinic.id,
        patientId: s.patientRecord.id,
        clinicianId: s.clinicianUser.id,
        createdById: s.clinicianUser.id,
        title: "Plan",
        condition: "Low back pain",
        goals: "Less pain",
        status: "ACTIVE",
        startDate: new Date("2026-11-01T00:00:00Z"),
        activities: {
          create: {
            clinicId: s.clinic.id,
            catalogItemId: id,
            nameSnapshot: laser.name,
            instructionsSnapshot: laser.patientInstructions,
            kindSnapshot: "MODALITY",
            catalogVersionSnapshot: 2,
            setting: "IN_CLINIC",
            phase: "PAIN_RELIEF",
            position: 0,
            durationMin: 10,
          },
        },
      },
    });
    const saved = await updateCatalogItem(s.admin, { ...laser, id, version: 2, name: "Class IV laser", patientInstructions: "New wording." });
    expect(saved.version).toBe(3);
    expect((await getCatalogItem(s.admin, id)).name).toBe("Class IV laser");
    const seenByClinician = await getPlan(s.clinician, plan.id);
    expect(seenByClinician.activities[0]).toMatchObject({ name: laser.name, instructions: laser.patientInstructions });
  });

  it("refuses an edit from a stale version and changes nothing", async () => {
    const s = await setup();
    const { id } = await createCatalogItem(s.admin, laser);
    await updateCatalogItem(s.admin, { ...laser, id, version: 1, description: "First editor" });
    await rejects(updateCatalogItem(s.admin, { ...laser, id, version: 1, description: "Second editor" }), "CONFLICT");
    const item = await getCatalogItem(s.admin, id);
    expect(item).toMatchObject({ description: "First editor", version: 2 });
    expect(await auditCount({ action: "catalog.update" })).toBe(1);
  });

  it("moves DRAFT → ACTIVE → RETIRED → ACTIVE and refuses other transitions", async () => {
    const s = await setup();
    const { id } = await createCatalogItem(s.admin, laser);
    await rejects(changeCatalogItemStatus(s.admin, { id, version: 1, status: "RETIRED" }), "VALIDATION");
    const active = await changeCatalogItemStatus(s.admin, { id, version: 1, status: "ACTIVE" });
    const { fingerprint } = await getCatalogItemUsage(s.admin, id);
    const retired = await changeCatalogItemStatus(s.admin, { id, version: active.version, status: "RETIRED", usage: fingerprint });
    await rejects(changeCatalogItemStatus(s.admin, { id, version: retired.version, status: "DRAFT" }), "VALIDATION");
    await changeCatalogItemStatus(s.admin, { id, version: retired.version, status: "ACTIVE" });
    expect(await auditCount({ action: "catalog.activate" })).toBe(2);
    expect(await auditCount({ action: "catalog.retire" })).toBe(1);
  });

  it("shows clinicians only ACTIVE items, with search and filters", async () => {
    const s = await setup();
    const { id } = await createCatalogItem(s.admin, laser);
    await createCatalogItem(s.admin, { ...laser, name: "Bridging", kind: "EXERCISE", category: "STRENGTH", setting: "HOME", description: "Glute bridge" });
    expect((await listCatalogItems(s.clinician)).total).toBe(0);
    await rejects(getCatalogItem(s.clinician, id), "NOT_FOUND");
    await changeCatalogItemStatus(s.admin, { id, version: 1, status: "ACTIVE" });
    expect((await listCatalogItems(s.clinician)).rows.map((r) => r.name)).toEqual([laser.name]);
    expect((await listCatalogItems(s.admin, { q: "glute" })).rows.map((r) => r.name)).toEqual(["Bridging"]);
    expect((await listCatalogItems(s.admin, { kind: "MODALITY" })).rows.map((r) => r.name)).toEqual([laser.name]);
    expect((await listCatalogItems(s.admin, { status: "DRAFT" })).total).toBe(1);
  });

  it("deletes an unused draft, but never an item in use or an active one", async () => {
    const s = await setup();
    const unused = await createCatalogItem(s.admin, laser);
    await deleteCatalogItem(s.admin, { id: unused.id, version: 1 });
    expect(await testDb().catalogItem.count()).toBe(0);
    expect(await auditCount({ action: "catalog.delete" })).toBe(1);

    const active = await createCatalogItem(s.admin, laser);
    await changeCatalogItemStatus(s.admin, { id: active.id, version: 1, status: "ACTIVE" });
    await rejects(deleteCatalogItem(s.admin, { id: active.id, version: 2 }), "VALIDATION");

    const inTemplate = await createCatalogItem(s.admin, { ...laser, name: "Draft in a template" });
    await testDb().planTemplate.create({
      data: {
        clinicId: s.clinic.id,
        name: "Protocol",
        condition: "Low back pain",
        description: "d",
        items: { create: { clinicId: s.clinic.id, catalogItemId: inTemplate.id, setting: "IN_CLINIC", phase: "PAIN_RELIEF", position: 0 } },
      },
    });
    await rejects(deleteCatalogItem(s.admin, { id: inTemplate.id, version: 1 }), "VALIDATION");
    expect(await testDb().catalogItem.count()).toBe(2);
  });
});

// Issue 15: retiring used to drop the treatment from protocols without a word. The admin is now
// shown what uses it and confirms that list; a change in between is a CONFLICT (ADR 040).
describe("retiring a treatment that protocols and active plans use", () => {
  beforeEach(truncateAll);

  async function world() {
    const s = await setup();
    const plan = await createPlan(s.clinic.id, s.patientRecord.id, s.clinicianUser.id);
    const itemId = plan.activities[0]!.catalogItemId;
    const item = { catalogItemId: itemId, setting: "HOME" as const, phase: "STRENGTHENING" as const, dose: laser.dose };
    const template = await createTemplate(s.admin, { name: "Lower back spasm", condition: "Low back pain", icd10Code: null, description: "Protocol.", items: [item] });
    return { ...s, plan, itemId, item, template };
  }

  it("lists the protocols by name and the active plans per clinician, with a fingerprint", async () => {
    const w = await world();
    const usage = await getCatalogItemUsage(w.admin, w.itemId);
    expect(usage.templates).toEqual([{ id: w.template.id, name: "Lower back spasm", status: "ACTIVE" }]);
    expect(usage.activePlans).toEqual({ total: 1, byClinician: [{ clinicianName: w.clinicianUser.name, plans: 1 }] });
    expect(usage.fingerprint).toMatch(/^[\w-]{32}$/);
    // Nothing of a patient is in it: no plan title, condition or patient name.
    expect(JSON.stringify(usage)).not.toMatch(/Lower back plan|muscle spasm|Bridging/);
    // A completed plan no longer counts.
    await testDb().treatmentPlan.update({ where: { id: w.plan.id }, data: { status: "COMPLETED" } });
    const after = await getCatalogItemUsage(w.admin, w.itemId);
    expect(after.activePlans.total).toBe(0);
    expect(after.fingerprint).not.toBe(usage.fingerprint);
  });

  it("refuses to retire without the confirmed usage, and on a stale one changes nothing (CONFLICT)", async () => {
    const w = await world();
    const { version } = await testDb().catalogItem.findUniqueOrThrow({ where: { id: w.itemId } });
    // Before the fix a bare status change retired it: now the admin must have been shown the usage.
    await rejects(changeCatalogItemStatus(w.admin, { id: w.itemId, version, status: "RETIRED" }), "VALIDATION");
    const shown = await getCatalogItemUsage(w.admin, w.itemId);
    // Another admin adds the treatment to a second protocol meanwhile.
    await createTemplate(w.admin, { name: "Sciatica", condition: "Sciatica", icd10Code: null, description: "Protocol.", items: [w.item] });
    await rejects(changeCatalogItemStatus(w.admin, { id: w.itemId, version, status: "RETIRED", usage: shown.fingerprint }), "CONFLICT");
    expect((await testDb().catalogItem.findUniqueOrThrow({ where: { id: w.itemId } })).status).toBe("ACTIVE");
    expect(await auditCount({ action: "catalog.retire" })).toBe(0);
    const fresh = await getCatalogItemUsage(w.admin, w.itemId);
    expect(fresh.templates.map((t) => t.name)).toEqual(["Lower back spasm", "Sciatica"]);
    await changeCatalogItemStatus(w.admin, { id: w.itemId, version, status: "RETIRED", usage: fresh.fingerprint });
    expect(await auditCount({ action: "catalog.retire" })).toBe(1);
  });

  it("keeps the retired treatment in protocols (marked, hidden from clinicians) and in active plans", async () => {
    const w = await world();
    const { version } = await testDb().catalogItem.findUniqueOrThrow({ where: { id: w.itemId } });
    const { fingerprint } = await getCatalogItemUsage(w.admin, w.itemId);
    await changeCatalogItemStatus(w.admin, { id: w.itemId, version, status: "RETIRED", usage: fingerprint });
    const forAdmin = await getTemplate(w.admin, w.template.id);
    expect(forAdmin.items.map((i) => [i.catalogItemId, i.catalogStatus])).toEqual([[w.itemId, "RETIRED"]]);
    expect((await getTemplate(w.clinician, w.template.id)).items).toEqual([]);
    // Saving the protocol again keeps it (it was there before it was retired).
    await updateTemplate(w.admin, { id: w.template.id, version: forAdmin.version, name: forAdmin.name, condition: forAdmin.condition, icd10Code: null, description: forAdmin.description, items: [w.item] });
    expect((await getTemplate(w.admin, w.template.id)).items).toHaveLength(1);
    const plan = await getPlan(w.clinician, w.plan.id);
    expect(plan.activities.map((a) => a.status)).toEqual(["ACTIVE"]);
  });

  it("answers NOT_FOUND for another clinic's treatment and FORBIDDEN to clinicians", async () => {
    const w = await world();
    await rejects(getCatalogItemUsage(w.otherAdmin, w.itemId), "NOT_FOUND");
    await rejects(getCatalogItemUsage(w.clinician, w.itemId), "FORBIDDEN");
    await rejects(getCatalogItemUsage(w.admin, "not an id"), "NOT_FOUND");
  });
});

// Issue 15 (ADR 040): the catalog is found by body region, condition and tag, not only by name.
describe("catalog facets", () => {
  beforeEach(truncateAll);

  it("saves regions, conditions and tags normalised, keeps them when an update leaves them out, and searches by them", async () => {
    const s = await setup();
    const { id } = await createCatalogItem(s.admin, { ...laser, bodyRegions: ["LOWER_BACK"], conditions: ["Low back pain", " low back pain "], tags: ["Electrotherapy"] });
    const other = await createCatalogItem(s.admin, { ...laser, name: "Neck stretch", bodyRegions: ["NECK"], conditions: ["neck pain"], tags: ["stretch"] });
    expect(await getCatalogItem(s.admin, id)).toMatchObject({ bodyRegions: ["LOWER_BACK"], conditions: ["low back pain"], tags: ["electrotherapy"] });

    // An update without the facet fields keeps them (before: every save rewrote every column).
    const saved = await updateCatalogItem(s.admin, { ...laser, id, version: 1, description: "Edited" });
    expect(await getCatalogItem(s.admin, id)).toMatchObject({ description: "Edited", bodyRegions: ["LOWER_BACK"], conditions: ["low back pain"], tags: ["electrotherapy"] });

    for (const item of [{ id, version: saved.version }, { id: other.id, version: 1 }]) await changeCatalogItemStatus(s.admin, { ...item, status: "ACTIVE" });
    const names = async (filters: Parameters<typeof listCatalogItems>[1]) => (await listCatalogItems(s.clinician, filters)).rows.map((r) => r.name);
    expect(await names({ region: "LOWER_BACK" })).toEqual([laser.name]);
    expect(await names({ q: "Low Back Pain" })).toEqual([laser.name]);
    expect(await names({ tag: "stretch" })).toEqual(["Neck stretch"]);
    expect(await names({ q: "electrotherapy", region: "NECK" })).toEqual([]);
    expect(await names({ region: "KNEE" })).toEqual([]);
    expect(await names({ q: "back pain" })).toEqual([]);

    await updateCatalogItem(s.admin, { ...laser, id, version: saved.version + 1, bodyRegions: [], conditions: [], tags: [] });
    expect(await getCatalogItem(s.admin, id)).toMatchObject({ bodyRegions: [], conditions: [], tags: [] });
  });

  it("refuses unknown regions and too many or too long conditions, saving nothing", async () => {
    const s = await setup();
    const region = await rejects(createCatalogItem(s.admin, { ...laser, bodyRegions: ["SPLEEN" as never] }), "VALIDATION");
    expect(Object.keys(region.fieldErrors ?? {}).some((k) => k.startsWith("bodyRegions"))).toBe(true);
    const many = await rejects(createCatalogItem(s.admin, { ...laser, conditions: Array.from({ length: 21 }, (_, i) => `condition ${i}`) }), "VALIDATION");
    expect(Object.keys(many.fieldErrors ?? {}).some((k) => k.startsWith("conditions"))).toBe(true);
    await rejects(createCatalogItem(s.admin, { ...laser, tags: ["x".repeat(41)] }), "VALIDATION");
    expect(await testDb().catalogItem.count()).toBe(0);
  });
});
