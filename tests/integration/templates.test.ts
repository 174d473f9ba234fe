// Protocol templates: create, edit (items replaced with optimistic concurrency), retire/activate,
// read and list, against a real PostgreSQL; who may do what, and one audit event per change.
import { beforeEach, describe, expect, it } from "vitest";
import { changeTemplateStatus } from "@/lib/domain/templates/change-template-status";
import { getTemplate } from "@/lib/domain/templates/get-template";
import { listAssignableCatalogItems } from "@/lib/domain/templates/list-assignable-catalog-items";
import { listTemplates } from "@/lib/domain/templates/list-templates";
import { createTemplate, updateTemplate } from "@/lib/domain/templates/save-template";
import { AppError } from "@/lib/errors";
import { actorFor, auditCount, createClinic, createPatient, createUser, testDb, truncateAll } from "../fixtures/db";
import { createCatalogTreatment, createTemplateRow, itemInput, templateInput, templateState } from "../fixtures/templates";

async function world() {
  const clinic = await createClinic();
  const other = await createClinic();
  const admin = await createUser(clinic.id, "ADMIN");
  const clinician = await createUser(clinic.id, "CLINICIAN");
  const otherAdmin = await createUser(other.id, "ADMIN");
  const otherClinician = await createUser(other.id, "CLINICIAN");
  const { patient, portal } = await createPatient(clinic.id, { careTeam: [{ clinicianId: clinician.id, isPrimary: true }], withPortal: true });
  const catalog = {
    catCow: await createCatalogTreatment(clinic.id, { name: "Cat-cow stretch", setting: "BOTH" }),
    bridging: await createCatalogTreatment(clinic.id, { name: "Bridging", setting: "HOME" }),
    needling: await createCatalogTreatment(clinic.id, { name: "Dry needling", setting: "IN_CLINIC" }),
    retired: await createCatalogTreatment(clinic.id, { name: "Old TENS unit", status: "RETIRED" }),
    draft: await createCatalogTreatment(clinic.id, { name: "Laser (untested)", status: "DRAFT" }),
    otherClinic: await createCatalogTreatment(other.id, { name: "Their stretch" }),
  };
  return {
    clinic,
    other,
    catalog,
    actors: {
      admin: actorFor(admin),
      clinician: actorFor(clinician),
      patient: actorFor(portal!, patient.id),
      otherAdmin: actorFor(otherAdmin),
      otherClinician: actorFor(otherClinician),
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`Expected an AppError, got ${String(error)}`);
  return error;
}

async function expectCode(promise: Promise<unknown>, code: AppError["code"]) {
  expect((await rejection(promise)).code).toBe(code);
}

const templateCount = () => testDb().planTemplate.count();

describe("createTemplate", () => {
  beforeEach(truncateAll);

  it("creates an ACTIVE template with its items in order, normalises the ICD-10 code and writes one audit event", async () => {
    const w = await world();
    const input = templateInput([w.catalog.catCow.id, w.catalog.needling.id, w.catalog.bridging.id], { icd10Code: " m62830 " });
    input.items[1] = itemInput(w.catalog.needling.id, { setting: "IN_CLINIC", phase: "PAIN_RELIEF", dose: { durationMin: 15, sets: null, reps: null, holdSec: null, timesPerDay: null, daysPerWeek: null } });
    const { id, version } = await createTemplate(w.actors.admin, input);
    expect(version).toBe(1);

    const saved = await getTemplate(w.actors.admin, id);
    expect(saved).toMatchObject({ name: input.name, condition: "Lower back muscle spasm", icd10Code: "M62.830", status: "ACTIVE", version: 1 });
    expect(saved.items.map((i) => [i.name, i.position, i.setting, i.phase])).toEqual([
      ["Cat-cow stretch", 0, "HOME", "MOBILITY"],
      ["Dry needling", 1, "IN_CLINIC", "PAIN_RELIEF"],
      ["Bridging", 2, "HOME", "MOBILITY"],
    ]);
    expect(saved.items[1]?.dose).toEqual({ durationMin: 15, sets: null, reps: null, holdSec: null, timesPerDay: null, daysPerWeek: null });
    expect(await auditCount({ action: "template.create", actorId: w.actors.admin.userId })).toBe(1);
    expect(await auditCount()).toBe(1);
    const event = await testDb().auditEvent.findFirstOrThrow({ where: { action: "template.create" } });
    expect(event).toMatchObject({ entityType: "PlanTemplate", entityId: id, clinicId: w.clinic.id, patientId: null });
  });

  it("refuses invalid input with field errors and saves nothing", async () => {
    const w = await world();
    const error = await rejection(
      createTemplate(w.actors.admin, { ...templateInput([]), name: "x", condition: "  ", icd10Code: "123.4", items: [] }),
    );
    expect(error.code).toBe("VALIDATION");
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["condition", "icd10Code", "items", "name"]);
    expect(error.fieldErrors?.items).toEqual(["Add at least one treatment"]);

    const badDose = await rejection(
      createTemplate(w.actors.admin, templateInput([w.catalog.catCow.id], { items: [itemInput(w.catalog.catCow.id, { dose: { durationMin: null, sets: 0, reps: 10, holdSec: null, timesPerDay: null, daysPerWeek: 9 } })] })),
    );
    expect(badDose.fieldErrors).toEqual({ "items.0.dose.sets": ["Sets must be at least 1"], "items.0.dose.daysPerWeek": ["Days per week must be at most 7"] });

    const tooMany = await rejection(createTemplate(w.actors.admin, templateInput(Array.from({ length: 41 }, () => w.catalog.catCow.id))));
    expect(tooMany.fieldErrors?.items).toEqual(["A template holds at most 40 treatments"]);
    expect(await templateCount()).toBe(0);
    expect(await auditCount()).toBe(0);
  });

  it("refuses a retired, draft or other clinic's treatment with a field error naming the item, and saves nothing", async () => {
    const w = await world();
    const input = templateInput([w.catalog.catCow.id, w.catalog.retired.id, w.catalog.draft.id, w.catalog.otherClinic.id]);
    const error = await rejection(createTemplate(w.actors.admin, input));
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors).toEqual({
      "items.1.catalogItemId": ["Treatment 2 (Old TENS unit) is retired in the catalog and cannot be added."],
      "items.2.catalogItemId": ["Treatment 3 (Laser (untested)) is still a draft in the catalog; activate it before adding it."],
      // Another clinic's treatment is not named: its existence is not revealed.
      "items.3.catalogItemId": ["Treatment 4 is not in this clinic's catalog."],
    });
    expect(await templateCount()).toBe(0);
    expect(await testDb().planTemplateItem.count()).toBe(0);
    expect(await auditCount()).toBe(0);
  });

  it("refuses a setting the treatment does not allow (a clinic-only modality as homework)", async () => {
    const w = await world();
    const input = templateInput([w.catalog.needling.id]);
    const error = await rejection(createTemplate(w.actors.admin, input));
    expect(error.fieldErrors).toEqual({ "items.0.setting": ["Treatment 1 (Dry needling) is given in the clinic only."] });
    expect(await templateCount()).toBe(0);
  });

  it("refuses a duplicate name in the same clinic with a field error, but not in another clinic", async () => {
    const w = await world();
    const first = templateInput([w.catalog.catCow.id], { name: "Lower back spasm" });
    await createTemplate(w.actors.admin, first);
    const error = await rejection(createTemplate(w.actors.admin, templateInput([w.catalog.bridging.id], { name: "Lower back spasm" })));
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors).toEqual({ name: ["A template with this name already exists in this clinic."] });
    expect(await templateCount()).toBe(1);
    expect(await auditCount({ action: "template.create" })).toBe(1);

    await createTemplate(w.actors.otherAdmin, templateInput([w.catalog.otherClinic.id], { name: "Lower back spasm" }));
    expect(await templateCount()).toBe(2);
  });

  it("forbids clinicians and patients", async () => {
    const w = await world();
    await expectCode(createTemplate(w.actors.clinician, templateInput([w.catalog.catCow.id])), "FORBIDDEN");
    await expectCode(createTemplate(w.actors.patient, templateInput([w.catalog.catCow.id])), "FORBIDDEN");
    expect(await templateCount()).toBe(0);
    expect(await auditCount()).toBe(0);
  });
});

describe("updateTemplate", () => {
  beforeEach(truncateAll);

  async function withTemplate() {
    const w = await world();
    const created = await createTemplate(w.actors.admin, templateInput([w.catalog.catCow.id, w.catalog.bridging.id], { name: "Posture protocol" }));
    return { ...w, templateId: created.id };
  }

  it("replaces the fields and the whole item list, bumps the version and writes one audit event", async () => {
    const w = await withTemplate();
    const result = await updateTemplate(w.actors.admin, {
      id: w.templateId,
      version: 1,
      name: "Posture protocol (revised)",
      condition: "Postural low back pain",
      icd10Code: "M54.5",
      description: "Revised.",
      items: [
        itemInput(w.catalog.bridging.id, { phase: "STRENGTHENING" }),
        itemInput(w.catalog.needling.id, { setting: "IN_CLINIC", phase: "PAIN_RELIEF" }),
      ],
    });
    expect(result).toEqual({ id: w.templateId, version: 2 });

    const saved = await getTemplate(w.actors.admin, w.templateId);
    expect(saved).toMatchObject({ name: "Posture protocol (revised)", condition: "Postural low back pain", icd10Code: "M54.5", description: "Revised.", version: 2 });
    expect(saved.items.map((i) => [i.name, i.position, i.phase])).toEqual([
      ["Bridging", 0, "STRENGTHENING"],
      ["Dry needling", 1, "PAIN_RELIEF"],
    ]);
    expect(await testDb().planTemplateItem.count({ where: { templateId: w.templateId } })).toBe(2);
    expect(await auditCount({ action: "template.update" })).toBe(1);
    expect(await auditCount()).toBe(2);
  });

  it("refuses a stale version with CONFLICT and changes nothing", async () => {
    const w = await withTemplate();
    const fresh = await getTemplate(w.actors.admin, w.templateId);
    await updateTemplate(w.actors.admin, { ...templateInput([w.catalog.catCow.id], { name: "Edited first" }), id: w.templateId, version: 1 });
    const before = await templateState(w.templateId);

    const error = await rejection(
      updateTemplate(w.actors.admin, { ...templateInput([w.catalog.bridging.id], { name: "Edited from a stale copy" }), id: w.templateId, version: fresh.version }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/changed by someone else/);
    expect(await templateState(w.templateId)).toEqual(before);
    expect(await auditCount({ action: "template.update" })).toBe(1);
  });

  it("lets exactly one of two concurrent saves from the same version win", async () => {
    const w = await withTemplate();
    const results = await Promise.allSettled([
      updateTemplate(w.actors.admin, { ...templateInput([w.catalog.catCow.id], { name: "Save A" }), id: w.templateId, version: 1 }),
      updateTemplate(w.actors.admin, { ...templateInput([w.catalog.bridging.id, w.catalog.catCow.id], { name: "Save B" }), id: w.templateId, version: 1 }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0]!.reason as AppError).code).toBe("CONFLICT");
    const state = await templateState(w.templateId);
    expect(state?.version).toBe(2);
    // The winner's items, not a mix of both saves.
    expect(state?.items.length).toBe(state?.name === "Save A" ? 1 : 2);
    expect(await auditCount({ action: "template.update" })).toBe(1);
  });

  it("refuses invalid input and changes nothing", async () => {
    const w = await withTemplate();
    const before = await templateState(w.templateId);
    const error = await rejection(updateTemplate(w.actors.admin, { ...templateInput([w.catalog.catCow.id], { name: "" }), id: w.templateId, version: 1 }));
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors?.name).toBeDefined();
    expect(await templateState(w.templateId)).toEqual(before);
    expect(await auditCount({ action: "template.update" })).toBe(0);
  });

  it("refuses adding a retired treatment, but keeps one that was retired after it was added", async () => {
    const w = await withTemplate();
    const before = await templateState(w.templateId);
    const error = await rejection(
      updateTemplate(w.actors.admin, { ...templateInput([w.catalog.catCow.id, w.catalog.retired.id]), id: w.templateId, version: 1 }),
    );
    expect(error.fieldErrors).toEqual({ "items.1.catalogItemId": ["Treatment 2 (Old TENS unit) is retired in the catalog and cannot be added."] });
    expect(await templateState(w.templateId)).toEqual(before);

    // Bridging is in the template already; retiring it in the catalog doesn't block an edit.
    await testDb().catalogItem.update({ where: { id: w.catalog.bridging.id }, data: { status: "RETIRED" } });
    const saved = await updateTemplate(w.actors.admin, {
      ...templateInput([w.catalog.bridging.id, w.catalog.catCow.id], { name: "Posture protocol", description: "Now with a note." }),
      id: w.templateId,
      version: 1,
    });
    expect(saved.version).toBe(2);
    expect((await getTemplate(w.actors.admin, w.templateId)).items.map((i) => [i.name, i.catalogStatus])).toEqual([
      ["Bridging", "RETIRED"],
      ["Cat-cow stretch", "ACTIVE"],
    ]);
  });

  it("refuses a duplicate name with a field error", async () => {
    const w = await withTemplate();
    await createTemplate(w.actors.admin, templateInput([w.catalog.catCow.id], { name: "Sciatica" }));
    const error = await rejection(updateTemplate(w.actors.admin, { ...templateInput([w.catalog.catCow.id], { name: "Sciatica" }), id: w.templateId, version: 1 }));
    expect(error.fieldErrors).toEqual({ name: ["A template with this name already exists in this clinic."] });
    expect((await templateState(w.templateId))?.name).toBe("Posture protocol");
  });

  it("forbids clinicians and patients, and answers NOT_FOUND for another clinic's template", async () => {
    const w = await withTemplate();
    const before = await templateState(w.templateId);
    const input = { ...templateInput([w.catalog.catCow.id]), id: w.templateId, version: 1 };
    await expectCode(updateTemplate(w.actors.clinician, input), "FORBIDDEN");
    await expectCode(updateTemplate(w.actors.patient, input), "FORBIDDEN");
    await expectCode(updateTemplate(w.actors.otherAdmin, { ...input, items: [itemInput(w.catalog.otherClinic.id)] }), "NOT_FOUND");
    expect(await templateState(w.templateId)).toEqual(before);
    expect(await auditCount({ action: "template.update" })).toBe(0);
  });
});

describe("changeTemplateStatus", () => {
  beforeEach(truncateAll);

  it("retires and reinstates a template with one audit event each; clinicians stop and start seeing it", async () => {
    const w = await world();
    const { id } = await createTemplate(w.actors.admin, templateInput([w.catalog.catCow.id], { name: "Acute spasm" }));

    expect(await changeTemplateStatus(w.actors.admin, { id, version: 1, status: "RETIRED" })).toEqual({ version: 2 });
    expect(await auditCount({ action: "template.retire" })).toBe(1);
    expect((await listTemplates(w.actors.clinician)).rows).toEqual([]);
    await expectCode(getTemplate(w.actors.clinician, id), "NOT_FOUND");
    expect((await getTemplate(w.actors.admin, id)).status).toBe("RETIRED");

    expect(await changeTemplateStatus(w.actors.admin, { id, version: 2, status: "ACTIVE" })).toEqual({ version: 3 });
    expect(await auditCount({ action: "template.activate" })).toBe(1);
    expect((await listTemplates(w.actors.clinician)).rows.map((r) => r.name)).toEqual(["Acute spasm"]);
    // create, retire, activate, and the clinician's refused read of the retired protocol.
    expect(await auditCount({ action: "access.refused" })).toBe(1);
    expect(await auditCount()).toBe(4);
  });

  it("refuses a stale version and a change to the status it already has, changing nothing", async () => {
    const w = await world();
    const { id } = await createTemplate(w.actors.admin, templateInput([w.catalog.catCow.id]));
    await updateTemplate(w.actors.admin, { ...templateInput([w.catalog.catCow.id]), id, version: 1 });
    await expectCode(changeTemplateStatus(w.actors.admin, { id, version: 1, status: "RETIRED" }), "CONFLICT");
    const already = await rejection(changeTemplateStatus(w.actors.admin, { id, version: 2, status: "ACTIVE" }));
    expect(already.code).toBe("VALIDATION");
    expect(already.message).toBe("This template is already active.");
    expect(await templateState(id)).toMatchObject({ status: "ACTIVE", version: 2 });
    expect(await auditCount({ action: "template.retire" })).toBe(0);
    expect(await auditCount({ action: "template.activate" })).toBe(0);
  });

  it("refuses a status other than active or retired", async () => {
    const w = await world();
    const { id } = await createTemplate(w.actors.admin, templateInput([w.catalog.catCow.id]));
    const error = await rejection(changeTemplateStatus(w.actors.admin, { id, version: 1, status: "DRAFT" as "ACTIVE" }));
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors?.status).toBeDefined();
    expect((await templateState(id))?.status).toBe("ACTIVE");
  });

  it("forbids clinicians and patients, and answers NOT_FOUND for another clinic's template", async () => {
    const w = await world();
    const { id } = await createTemplate(w.actors.admin, templateInput([w.catalog.catCow.id]));
    await expectCode(changeTemplateStatus(w.actors.clinician, { id, version: 1, status: "RETIRED" }), "FORBIDDEN");
    await expectCode(changeTemplateStatus(w.actors.patient, { id, version: 1, status: "RETIRED" }), "FORBIDDEN");
    await expectCode(changeTemplateStatus(w.actors.otherAdmin, { id, version: 1, status: "RETIRED" }), "NOT_FOUND");
    expect(await templateState(id)).toMatchObject({ status: "ACTIVE", version: 1 });
    expect(await auditCount({ action: "template.retire" })).toBe(0);
  });
});

describe("getTemplate", () => {
  beforeEach(truncateAll);

  it("joins each item to its treatment; clinicians see only items whose treatment is ACTIVE", async () => {
    const w = await world();
    const template = await createTemplateRow(w.clinic.id, [
      { catalogItemId: w.catalog.catCow.id },
      { catalogItemId: w.catalog.retired.id },
      { catalogItemId: w.catalog.bridging.id, phase: "STRENGTHENING" },
    ]);
    const forAdmin = await getTemplate(w.actors.admin, template.id);
    expect(forAdmin.items.map((i) => [i.name, i.catalogStatus])).toEqual([
      ["Cat-cow stretch", "ACTIVE"],
      ["Old TENS unit", "RETIRED"],
      ["Bridging", "ACTIVE"],
    ]);
    expect(forAdmin.items[0]).toMatchObject({ kind: "EXERCISE", instructions: "Stretch gently.", contraindications: [], catalogSetting: "BOTH" });

    const forClinician = await getTemplate(w.actors.clinician, template.id);
    expect(forClinician.items.map((i) => i.name)).toEqual(["Cat-cow stretch", "Bridging"]);
    // Reading a template is not a change and touches no patient record: nothing is audited.
    expect(await auditCount()).toBe(0);
  });

  it("answers NOT_FOUND outside the clinic or for an id that cannot exist, and FORBIDDEN to patients", async () => {
    const w = await world();
    const template = await createTemplateRow(w.clinic.id, [{ catalogItemId: w.catalog.catCow.id }]);
    await expectCode(getTemplate(w.actors.otherAdmin, template.id), "NOT_FOUND");
    await expectCode(getTemplate(w.actors.otherClinician, template.id), "NOT_FOUND");
    await expectCode(getTemplate(w.actors.admin, "' or 1=1 --"), "NOT_FOUND");
    await expectCode(getTemplate(w.actors.patient, template.id), "FORBIDDEN");
  });
});

describe("listTemplates", () => {
  beforeEach(truncateAll);

  it("shows clinicians only ACTIVE templates and counts only the items they can see; admins see every status", async () => {
    const w = await world();
    await createTemplateRow(w.clinic.id, [{ catalogItemId: w.catalog.catCow.id }, { catalogItemId: w.catalog.retired.id }], { name: "Acute spasm" });
    await createTemplateRow(w.clinic.id, [{ catalogItemId: w.catalog.catCow.id }], { name: "Old protocol", status: "RETIRED" });
    await createTemplateRow(w.other.id, [{ catalogItemId: w.catalog.otherClinic.id }], { name: "Their protocol" });

    const forClinician = await listTemplates(w.actors.clinician);
    expect(forClinician.rows.map((r) => [r.name, r.itemCount])).toEqual([["Acute spasm", 1]]);
    expect(forClinician.total).toBe(1);
    // A clinician asking for retired templates still only gets active ones.
    expect((await listTemplates(w.actors.clinician, { status: "RETIRED" })).rows.map((r) => r.name)).toEqual(["Acute spasm"]);

    const forAdmin = await listTemplates(w.actors.admin);
    expect(forAdmin.rows.map((r) => [r.name, r.status, r.itemCount])).toEqual([
      ["Acute spasm", "ACTIVE", 2],
      ["Old protocol", "RETIRED", 1],
    ]);
    expect((await listTemplates(w.actors.admin, { status: "RETIRED" })).rows.map((r) => r.name)).toEqual(["Old protocol"]);
    await expectCode(listTemplates(w.actors.patient), "FORBIDDEN");
  });

  it("searches by name, condition and ICD-10 code, and pages by 25", async () => {
    const w = await world();
    await createTemplate(w.actors.admin, templateInput([w.catalog.catCow.id], { name: "Sciatica", condition: "Lumbar radiculopathy", icd10Code: "M54.1" }));
    await createTemplate(w.actors.admin, templateInput([w.catalog.catCow.id], { name: "Acute spasm", condition: "Lower back muscle spasm", icd10Code: "M62.830" }));
    const names = async (q: string) => (await listTemplates(w.actors.clinician, { q })).rows.map((r) => r.name);
    expect(await names("sciat")).toEqual(["Sciatica"]);
    expect(await names("RADICUL")).toEqual(["Sciatica"]);
    expect(await names("m62")).toEqual(["Acute spasm"]);
    expect(await names("nothing like it")).toEqual([]);

    for (let i = 0; i < 24; i++) await createTemplateRow(w.clinic.id, [{ catalogItemId: w.catalog.catCow.id }], { name: `Z protocol ${String(i).padStart(2, "0")}` });
    const first = await listTemplates(w.actors.admin, { page: 1 });
    const second = await listTemplates(w.actors.admin, { page: 2 });
    expect(first.total).toBe(26);
    expect(first.rows).toHaveLength(25);
    expect(second.rows.map((r) => r.name)).toEqual(["Z protocol 23"]);
  });
});

describe("listAssignableCatalogItems", () => {
  beforeEach(truncateAll);

  it("offers admins only the clinic's ACTIVE treatments, with their default dose", async () => {
    const w = await world();
    const items = await listAssignableCatalogItems(w.actors.admin);
    expect(items.map((i) => i.name)).toEqual(["Bridging", "Cat-cow stretch", "Dry needling"]);
    expect(items[0]).toMatchObject({ setting: "HOME", defaultDose: { reps: 10, daysPerWeek: 7, sets: null } });
    await expectCode(listAssignableCatalogItems(w.actors.clinician), "FORBIDDEN");
    await expectCode(listAssignableCatalogItems(w.actors.patient), "FORBIDDEN");
  });
});

// Issue 15 (ADR 040): protocols are found by body region and tag, not only by name.
describe("protocol facets", () => {
  beforeEach(truncateAll);

  it("saves regions and tags (tags trimmed, lowercased, de-duplicated), keeps them when an update leaves them out, and filters by them", async () => {
    const w = await world();
    const back = await createTemplate(w.actors.admin, {
      ...templateInput([w.catalog.catCow.id], { name: "Lower back spasm" }),
      bodyRegions: ["LOWER_BACK", "LOWER_BACK"],
      tags: [" Acute ", "acute", "Lumbar", ""],
    });
    await createTemplate(w.actors.admin, { ...templateInput([w.catalog.catCow.id], { name: "Stiff neck" }), bodyRegions: ["NECK"], tags: ["desk workers"] });
    await createTemplate(w.actors.admin, templateInput([w.catalog.catCow.id], { name: "No facets" }));
    expect(await getTemplate(w.actors.admin, back.id)).toMatchObject({ bodyRegions: ["LOWER_BACK"], tags: ["acute", "lumbar"] });

    // An update without the facet fields (an older client) keeps them; an empty list clears them.
    const kept = await updateTemplate(w.actors.admin, { ...templateInput([w.catalog.catCow.id], { name: "Lower back spasm", condition: "Changed" }), id: back.id, version: back.version });
    expect(await getTemplate(w.actors.admin, back.id)).toMatchObject({ condition: "Changed", bodyRegions: ["LOWER_BACK"], tags: ["acute", "lumbar"] });

    const names = async (actor: typeof w.actors.admin, filters: Parameters<typeof listTemplates>[1]) => (await listTemplates(actor, filters)).rows.map((r) => r.name);
    expect(await names(w.actors.clinician, { region: "LOWER_BACK" })).toEqual(["Lower back spasm"]);
    expect(await names(w.actors.clinician, { tag: "desk workers" })).toEqual(["Stiff neck"]);
    expect(await names(w.actors.clinician, { q: "LUMBAR" })).toEqual(["Lower back spasm"]);
    expect(await names(w.actors.clinician, { region: "KNEE" })).toEqual([]);
    expect((await listTemplates(w.actors.clinician, { region: "NECK" })).rows[0]).toMatchObject({ bodyRegions: ["NECK"], tags: ["desk workers"] });
    // Another clinic's admin sees none of them.
    expect(await names(w.actors.otherAdmin, { region: "LOWER_BACK" })).toEqual([]);

    await updateTemplate(w.actors.admin, { ...templateInput([w.catalog.catCow.id], { name: "Lower back spasm" }), id: back.id, version: kept.version, bodyRegions: [], tags: [] });
    expect(await getTemplate(w.actors.admin, back.id)).toMatchObject({ bodyRegions: [], tags: [] });
  });

  it("refuses an unknown region or an over-long tag with a field error and saves nothing", async () => {
    const w = await world();
    const badRegion = await rejection(createTemplate(w.actors.admin, { ...templateInput([w.catalog.catCow.id]), bodyRegions: ["SPLEEN" as never] }));
    expect(badRegion.code).toBe("VALIDATION");
    expect(Object.keys(badRegion.fieldErrors ?? {}).some((k) => k.startsWith("bodyRegions"))).toBe(true);
    const longTag = await rejection(createTemplate(w.actors.admin, { ...templateInput([w.catalog.catCow.id]), tags: ["x".repeat(41)] }));
    expect(Object.keys(longTag.fieldErrors ?? {}).some((k) => k.startsWith("tags"))).toBe(true);
    expect(await templateCount()).toBe(0);
  });
});
