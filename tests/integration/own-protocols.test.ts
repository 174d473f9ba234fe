// Saving a plan as a protocol (decision 039): the clinician's own (invisible to every other
// clinician: 404, and names that never leak), proposals an admin approves or declines, starting a
// plan from one's own protocol, and the audit trail.
import { beforeEach, describe, expect, it } from "vitest";
import { createPlan, previewPlanFromTemplate } from "@/lib/domain/plans/create-plan";
import { changeTemplateStatus } from "@/lib/domain/templates/change-template-status";
import { getTemplate } from "@/lib/domain/templates/get-template";
import { listTemplates } from "@/lib/domain/templates/list-templates";
import { listTemplateProposals, reviewTemplateProposal, saveAsTemplate } from "@/lib/domain/templates/own-templates";
import { updateTemplate } from "@/lib/domain/templates/save-template";
import { AppError } from "@/lib/errors";
import { actorFor, auditCount, createClinic, createPatient, createUser, testDb, truncateAll } from "../fixtures/db";
import { itemInput, templateInput } from "../fixtures/templates";

async function rejects(promise: Promise<unknown>, code: AppError["code"]): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.code).toBe(code);
    return error;
  }
  throw new Error(`expected ${code}, but it resolved`);
}

async function world() {
  const db = testDb();
  const clinic = await createClinic();
  const other = await createClinic();
  const meUser = await createUser(clinic.id, "CLINICIAN");
  const me = actorFor(meUser);
  const colleague = actorFor(await createUser(clinic.id, "CLINICIAN"));
  const admin = actorFor(await createUser(clinic.id, "ADMIN"));
  const otherAdmin = actorFor(await createUser(other.id, "ADMIN"));
  const { patient, portal } = await createPatient(clinic.id, { careTeam: [{ clinicianId: meUser.id, isPrimary: true }], withPortal: true });
  const patientActor = actorFor(portal!, patient.id);
  const item = (name: string, extra: object = {}) =>
    db.catalogItem.create({ data: { clinicId: clinic.id, name, kind: "EXERCISE", category: "STRENGTH", setting: "BOTH", description: "d", patientInstructions: `How to do ${name}`, status: "ACTIVE", ...extra } });
  const bridging = await item("Bridging");
  const tens = await item("Old TENS", { kind: "MODALITY", category: "ELECTRO_LASER_SHOCKWAVE", setting: "IN_CLINIC" });
  const snap = (i: typeof bridging) => ({ clinicId: clinic.id, catalogItemId: i.id, nameSnapshot: i.name, instructionsSnapshot: i.patientInstructions, kindSnapshot: i.kind, catalogVersionSnapshot: i.version });
  const plan = await db.treatmentPlan.create({
    data: {
      clinicId: clinic.id,
      patientId: patient.id,
      clinicianId: meUser.id,
      createdById: meUser.id,
      title: "Mrs Example's back plan",
      condition: "Lower back muscle spasm",
      icd10Code: "M62.830",
      goals: "Walk to the shops",
      status: "ACTIVE",
      startDate: new Date("2026-11-01T00:00:00Z"),
      activities: {
        create: [
          { ...snap(bridging), setting: "HOME", phase: "STRENGTHENING", position: 0, sets: 3, reps: 12, daysPerWeek: 5 },
          { ...snap(tens), setting: "IN_CLINIC", phase: "PAIN_RELIEF", position: 1, durationMin: 20 },
        ],
      },
    },
  });
  return { clinic, me, colleague, admin, otherAdmin, patient, patientActor, bridging, tens, plan };
}

describe("save a plan as a protocol", () => {
  beforeEach(truncateAll);

  it("saves the clinician's own protocol from the plan's treatments, leaving out retired ones, audited with the patient", async () => {
    const w = await world();
    await testDb().catalogItem.update({ where: { id: w.tens.id }, data: { status: "RETIRED" } });
    const { id, leftOut } = await saveAsTemplate(w.me, { planId: w.plan.id, name: "My back protocol", description: "After week 2", visibility: "OWN" });
    expect(leftOut).toEqual([{ name: "Old TENS", reason: "retired in the catalog" }]);
    const row = await testDb().planTemplate.findUniqueOrThrow({ where: { id }, include: { items: true } });
    expect(row).toMatchObject({ ownerId: w.me.userId, nameScope: w.me.userId, proposalStatus: null, status: "ACTIVE", condition: "Lower back muscle spasm", icd10Code: "M62.830" });
    expect(row.items.map((i) => [i.catalogItemId, i.setting, i.phase, i.sets, i.reps, i.daysPerWeek])).toEqual([[w.bridging.id, "HOME", "STRENGTHENING", 3, 12, 5]]);
    expect(await auditCount({ action: "template.save_from_plan", patientId: w.patient.id })).toBe(1);

    // Mine, to me only.
    const mine = await listTemplates(w.me);
    expect(mine.rows.find((r) => r.id === id)).toMatchObject({ mine: true, name: "My back protocol" });
    expect((await getTemplate(w.me, id)).mine).toBe(true);
    expect((await listTemplates(w.colleague)).rows.map((r) => r.id)).not.toContain(id);
    await rejects(getTemplate(w.colleague, id), "NOT_FOUND");
    // Not the admin's to list, open, edit or retire.
    expect((await listTemplates(w.admin)).rows.map((r) => r.id)).not.toContain(id);
    await rejects(getTemplate(w.admin, id), "NOT_FOUND");
    await rejects(updateTemplate(w.admin, { id, version: 1, ...templateInput([w.bridging.id]), items: [itemInput(w.bridging.id)] }), "NOT_FOUND");
    await rejects(changeTemplateStatus(w.admin, { id, version: 1, status: "RETIRED" }), "NOT_FOUND");
  });

  it("starts a plan from one's own protocol; another clinician gets NOT_FOUND for it", async () => {
    const w = await world();
    const { id } = await saveAsTemplate(w.me, { planId: w.plan.id, name: "My back protocol", visibility: "OWN" });
    const preview = await previewPlanFromTemplate(w.me, { patientId: w.patient.id, templateId: id });
    expect(preview.map((p) => p.name)).toEqual(["Bridging", "Old TENS"]);
    const created = await createPlan(w.me, { patientId: w.patient.id, templateId: id, title: "From mine", condition: "Back", icd10Code: null, goals: "Walk", startDate: "2027-01-04", reviewDate: null, plannedSessions: 2 });
    expect(await testDb().planActivity.count({ where: { planId: created.id } })).toBe(2);
    // The colleague joins the patient's care team: the protocol stays invisible to them.
    await testDb().careTeamMember.create({ data: { clinicId: w.clinic.id, patientId: w.patient.id, clinicianId: w.colleague.userId } });
    await rejects(previewPlanFromTemplate(w.colleague, { patientId: w.patient.id, templateId: id }), "NOT_FOUND");
    await rejects(createPlan(w.colleague, { patientId: w.patient.id, templateId: id, title: "Theirs", condition: "Back", icd10Code: null, goals: "Walk", startDate: "2027-01-04", reviewDate: null, plannedSessions: 2 }), "NOT_FOUND");
  });

  it("keeps names unique per clinician only: a clash never reveals another clinician's private protocol", async () => {
    const w = await world();
    await testDb().careTeamMember.create({ data: { clinicId: w.clinic.id, patientId: w.patient.id, clinicianId: w.colleague.userId } });
    await saveAsTemplate(w.me, { planId: w.plan.id, name: "Back protocol", visibility: "OWN" });
    // The colleague may use the same name: no error tells them mine exists.
    await expect(saveAsTemplate(w.colleague, { planId: w.plan.id, name: "Back protocol", visibility: "OWN" })).resolves.toMatchObject({ leftOut: [] });
    // My second one with that name is refused, as a field error.
    const refused = await rejects(saveAsTemplate(w.me, { planId: w.plan.id, name: "Back protocol", visibility: "PROPOSE" }), "VALIDATION");
    expect(refused.fieldErrors?.name).toEqual(["You already have a protocol with this name."]);
    // An admin's clinic protocol of the same name does not clash either.
    await testDb().planTemplate.create({ data: { clinicId: w.clinic.id, name: "Back protocol", condition: "c", description: "" } });
  });

  it("refuses a plan outside the care team (NOT_FOUND), admins and patients (FORBIDDEN), and bad input (VALIDATION)", async () => {
    const w = await world();
    const before = await testDb().planTemplate.count();
    await rejects(saveAsTemplate(w.colleague, { planId: w.plan.id, name: "Theirs", visibility: "OWN" }), "NOT_FOUND");
    await rejects(saveAsTemplate(w.admin, { planId: w.plan.id, name: "Admin's", visibility: "OWN" }), "FORBIDDEN");
    await rejects(saveAsTemplate(w.patientActor, { planId: w.plan.id, name: "Mine", visibility: "OWN" }), "FORBIDDEN");
    await rejects(saveAsTemplate(w.me, { planId: w.plan.id, name: "x", visibility: "OWN" }), "VALIDATION");
    await rejects(saveAsTemplate(w.me, { planId: w.plan.id, name: "Fine name", visibility: "EVERYONE" as "OWN" }), "VALIDATION");
    await testDb().planActivity.updateMany({ where: { planId: w.plan.id }, data: { status: "STOPPED" } });
    await rejects(saveAsTemplate(w.me, { planId: w.plan.id, name: "Empty", visibility: "OWN" }), "VALIDATION");
    expect(await testDb().planTemplate.count()).toBe(before);
    expect(await auditCount({ action: "template.save_from_plan" })).toBe(0);
  });
});

describe("proposals to the clinic's protocols", () => {
  beforeEach(truncateAll);

  it("an approved proposal becomes a clinic protocol every clinician sees; audited", async () => {
    const w = await world();
    const { id } = await saveAsTemplate(w.me, { planId: w.plan.id, name: "Proposed back protocol", visibility: "PROPOSE" });
    expect(await auditCount({ action: "template.propose", patientId: w.patient.id })).toBe(1);
    // Pending: still mine only, and in the admin's proposals.
    expect((await listTemplates(w.me)).rows.find((r) => r.id === id)).toMatchObject({ mine: true, proposalStatus: "PENDING" });
    await rejects(getTemplate(w.colleague, id), "NOT_FOUND");
    const proposals = await listTemplateProposals(w.admin);
    expect(proposals.map((p) => [p.name, p.ownerName, p.items.length])).toEqual([["Proposed back protocol", expect.any(String), 2]]);
    expect(await listTemplateProposals(w.otherAdmin)).toEqual([]);
    await rejects(listTemplateProposals(w.me), "FORBIDDEN");

    await rejects(reviewTemplateProposal(w.otherAdmin, { id, version: 1, decision: "APPROVE" }), "NOT_FOUND");
    await rejects(reviewTemplateProposal(w.me, { id, version: 1, decision: "APPROVE" }), "FORBIDDEN");
    await rejects(reviewTemplateProposal(w.admin, { id, version: 7, decision: "APPROVE" }), "CONFLICT");
    await reviewTemplateProposal(w.admin, { id, version: 1, decision: "APPROVE" });
    const row = await testDb().planTemplate.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ ownerId: null, nameScope: "", proposalStatus: "APPROVED", reviewedById: w.admin.userId, version: 2 });
    expect((await getTemplate(w.colleague, id)).mine).toBe(false);
    expect((await listTemplates(w.admin)).rows.map((r) => r.id)).toContain(id);
    expect(await listTemplateProposals(w.admin)).toEqual([]);
    // Answered once.
    await rejects(reviewTemplateProposal(w.admin, { id, version: 2, decision: "DECLINE", reason: "Changed my mind" }), "VALIDATION");
    expect(await auditCount({ action: "template.proposal.approve", actorId: w.admin.userId })).toBe(1);
  });

  it("approval under a clashing clinic name is a field error; the admin approves it under another name", async () => {
    const w = await world();
    await testDb().planTemplate.create({ data: { clinicId: w.clinic.id, name: "Back protocol", condition: "c", description: "" } });
    const { id } = await saveAsTemplate(w.me, { planId: w.plan.id, name: "Back protocol", visibility: "PROPOSE" });
    const refused = await rejects(reviewTemplateProposal(w.admin, { id, version: 1, decision: "APPROVE" }), "VALIDATION");
    expect(refused.fieldErrors?.name?.[0]).toMatch(/already has a protocol with this name/);
    expect((await testDb().planTemplate.findUniqueOrThrow({ where: { id } })).proposalStatus).toBe("PENDING");
    await reviewTemplateProposal(w.admin, { id, version: 1, decision: "APPROVE", name: "Back protocol (Dr Me)" });
    expect(await testDb().planTemplate.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "Back protocol (Dr Me)", ownerId: null });
  });

  it("a declined proposal stays the clinician's own and tells them why", async () => {
    const w = await world();
    const { id } = await saveAsTemplate(w.me, { planId: w.plan.id, name: "Proposed back protocol", visibility: "PROPOSE" });
    await rejects(reviewTemplateProposal(w.admin, { id, version: 1, decision: "DECLINE", reason: "no" }), "VALIDATION");
    await reviewTemplateProposal(w.admin, { id, version: 1, decision: "DECLINE", reason: "We already have the lumbar protocol." });
    const mine = await getTemplate(w.me, id);
    expect(mine).toMatchObject({ mine: true, proposalStatus: "DECLINED", proposalNote: "We already have the lumbar protocol." });
    await rejects(getTemplate(w.colleague, id), "NOT_FOUND");
    await rejects(getTemplate(w.admin, id), "NOT_FOUND");
    // A private protocol that was never proposed is NOT_FOUND to the admin's review.
    const own = await saveAsTemplate(w.me, { planId: w.plan.id, name: "Quiet one", visibility: "OWN" });
    await rejects(reviewTemplateProposal(w.admin, { id: own.id, version: 1, decision: "APPROVE" }), "NOT_FOUND");
    expect(await auditCount({ action: "template.proposal.decline", actorId: w.admin.userId })).toBe(1);
  });
});
