// Plan builder: scoping of every plan function, contraindication checks and overrides,
// lifecycle, optimistic concurrency, snapshots and history.
import { beforeEach, describe, expect, it } from "vitest";
import { createPlan, previewPlanFromTemplate } from "@/lib/domain/plans/create-plan";
import { getPlan } from "@/lib/domain/plans/get-plan";
import { listPlanHistory } from "@/lib/domain/plans/list-plan-history";
import { addPlanActivity, changePlanActivityStatus, movePlanActivity, movePlanActivityTo, updatePlanActivity } from "@/lib/domain/plans/plan-activities";
import { changePlanStatus, updatePlanDetails } from "@/lib/domain/plans/update-plan";
import { createPatient as createPatientFn, updatePatient } from "@/lib/domain/patients/save-patient";
import { listCareTeamPatients } from "@/lib/domain/patients/list-care-team-patients";
import { getPatientHome } from "@/lib/domain/portal/get-patient-home";
import { AppError } from "@/lib/errors";
import type { Contraindication } from "@/lib/db/generated/enums";
import { actorFor, auditCount, createClinic, createPatient, createUser, testDb, truncateAll } from "../fixtures/db";

const dose = { durationMin: null, sets: 2, reps: 10, holdSec: null, timesPerDay: 1, daysPerWeek: 5 };
const details = { title: "Lower back spasm plan", condition: "Lower back muscle spasm", icd10Code: "M62.830", goals: "Walk 30 minutes without pain", startDate: "2026-11-20", reviewDate: "2026-12-20", plannedSessions: 8 };

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

async function world(flags: Contraindication[] = ["ANTICOAGULANTS"]) {
  const db = testDb();
  const clinic = await createClinic();
  const other = await createClinic();
  const inTeamUser = await createUser(clinic.id, "CLINICIAN");
  const inTeam = actorFor(inTeamUser);
  const outsideTeam = actorFor(await createUser(clinic.id, "CLINICIAN"));
  const otherClinic = actorFor(await createUser(other.id, "CLINICIAN"));
  const admin = actorFor(await createUser(clinic.id, "ADMIN"));
  const { patient, portal } = await createPatient(clinic.id, { careTeam: [{ clinicianId: inTeamUser.id, isPrimary: true }], withPortal: true, flags });
  const patientActor = actorFor(portal!, patient.id);
  const item = (name: string, contraindications: Contraindication[], extra: object = {}) =>
    db.catalogItem.create({
      data: { clinicId: clinic.id, name, kind: "EXERCISE", category: "STRENGTH", setting: "HOME", description: "d", patientInstructions: `How to do ${name}`, contraindications, status: "ACTIVE", ...extra },
    });
  const bridging = await item("Bridging", []);
  const needling = await item("Dry needling", ["ANTICOAGULANTS", "NEEDLE_PHOBIA"], { kind: "MODALITY", category: "NEEDLING", setting: "IN_CLINIC" });
  const retired = await item("Old TENS", [], { status: "RETIRED" });
  const template = await db.planTemplate.create({
    data: {
      clinicId: clinic.id,
      name: "Lower back spasm",
      condition: "Lower back muscle spasm",
      description: "Protocol",
      items: {
        create: [
          { clinicId: clinic.id, catalogItemId: bridging.id, setting: "HOME", phase: "STRENGTHENING", position: 0, sets: 2, reps: 10, daysPerWeek: 5 },
          { clinicId: clinic.id, catalogItemId: needling.id, setting: "IN_CLINIC", phase: "PAIN_RELIEF", position: 1, durationMin: 15 },
          { clinicId: clinic.id, catalogItemId: retired.id, setting: "IN_CLINIC", phase: "PAIN_RELIEF", position: 2, durationMin: 10 },
        ],
      },
    },
    include: { items: { orderBy: { position: "asc" } } },
  });
  return { clinic, inTeam, outsideTeam, otherClinic, admin, patient, patientActor, bridging, needling, retired, template };
}

describe("plan builder", () => {
  beforeEach(truncateAll);

  it("creates a blank DRAFT plan for a care-team patient, audited", async () => {
    const w = await world([]);
    const { id, version } = await createPlan(w.inTeam, { patientId: w.patient.id, ...details });
    const plan = await getPlan(w.inTeam, id);
    expect(plan).toMatchObject({ status: "DRAFT", title: details.title, icd10Code: "M62.830", plannedSessions: 8, version });
    expect(plan.activities).toEqual([]);
    expect(await auditCount({ action: "plan.create", patientId: w.patient.id })).toBe(1);
  });

  it("answers NOT_FOUND to every plan function for a clinician outside the care team or clinic", async () => {
    const w = await world([]);
    const { id, version } = await createPlan(w.inTeam, { patientId: w.patient.id, ...details });
    const { activityId, version: v2 } = await addPlanActivity(w.inTeam, { planId: id, version, catalogItemId: w.bridging.id, setting: "HOME", phase: "STRENGTHENING", dose });
    for (const outsider of [w.outsideTeam, w.otherClinic]) {
      await rejects(createPlan(outsider, { patientId: w.patient.id, ...details }), "NOT_FOUND");
      await rejects(previewPlanFromTemplate(outsider, { patientId: w.patient.id, templateId: w.template.id }), "NOT_FOUND");
      await rejects(getPlan(outsider, id), "NOT_FOUND");
      await rejects(updatePlanDetails(outsider, { planId: id, version: v2, ...details }), "NOT_FOUND");
      await rejects(addPlanActivity(outsider, { planId: id, version: v2, catalogItemId: w.bridging.id, setting: "HOME", phase: "STRENGTHENING", dose }), "NOT_FOUND");
      await rejects(updatePlanActivity(outsider, { planId: id, version: v2, activityId, setting: "HOME", phase: "MOBILITY", dose }), "NOT_FOUND");
      await rejects(changePlanActivityStatus(outsider, { planId: id, version: v2, activityId, status: "ON_HOLD" }), "NOT_FOUND");
      await rejects(movePlanActivity(outsider, { planId: id, version: v2, activityId, direction: "down" }), "NOT_FOUND");
      await rejects(changePlanStatus(outsider, { planId: id, version: v2, status: "ACTIVE" }), "NOT_FOUND");
      await rejects(listPlanHistory(outsider, id), "NOT_FOUND");
    }
    // Admins and patients have no write access to plans at all.
    await rejects(createPlan(w.admin, { patientId: w.patient.id, ...details }), "FORBIDDEN");
    await rejects(changePlanStatus(w.patientActor, { planId: id, version: v2, status: "ACTIVE" }), "FORBIDDEN");
    const plan = await getPlan(w.inTeam, id);
    expect(plan).toMatchObject({ status: "DRAFT", version: v2 });
  });

  it("refuses a contraindicated treatment without a reason, and stores and audits an override with one", async () => {
    const w = await world(["ANTICOAGULANTS"]);
    const { id, version } = await createPlan(w.inTeam, { patientId: w.patient.id, ...details });
    const refused = await rejects(
      addPlanActivity(w.inTeam, { planId: id, version, catalogItemId: w.needling.id, setting: "IN_CLINIC", phase: "PAIN_RELIEF", dose: { ...dose, sets: null, reps: null, daysPerWeek: null, timesPerDay: null, durationMin: 15 } }),
      "VALIDATION",
    );
    expect(refused.message).toMatch(/Dry needling is contraindicated for this patient \(anticoagulants\)/);
    await rejects(
      addPlanActivity(w.inTeam, { planId: id, version, catalogItemId: w.needling.id, setting: "IN_CLINIC", phase: "PAIN_RELIEF", overrideReason: "short", dose: { ...dose, durationMin: 15 } }),
      "VALIDATION",
    );
    expect((await getPlan(w.inTeam, id)).activities).toHaveLength(0);
    expect((await getPlan(w.inTeam, id)).version).toBe(version);

    const reason = "INR stable at 2.1, superficial needling only, pressure held 2 minutes";
    const added = await addPlanActivity(w.inTeam, { planId: id, version, catalogItemId: w.needling.id, setting: "IN_CLINIC", phase: "PAIN_RELIEF", overrideReason: reason, dose: { durationMin: 15, sets: null, reps: null, holdSec: null, timesPerDay: null, daysPerWeek: null } });
    const plan = await getPlan(w.inTeam, id);
    expect(plan.activities[0]).toMatchObject({ name: "Dry needling", override: { flags: ["ANTICOAGULANTS"], reason } });
    const row = await testDb().planActivity.findUniqueOrThrow({ where: { id: added.activityId } });
    expect(row.overriddenById).toBe(w.inTeam.userId);
    expect(await auditCount({ action: "plan.activity.override", patientId: w.patient.id })).toBe(1);
  });

  it("runs the same check on every template item: refuses until each conflict is skipped or overridden", async () => {
    const w = await world(["ANTICOAGULANTS"]);
    const [bridgingItem, needlingItem, retiredItem] = w.template.items;
    const preview = await previewPlanFromTemplate(w.inTeam, { patientId: w.patient.id, templateId: w.template.id });
    expect(preview.map((p) => [p.name, p.conflicts])).toEqual([["Bridging", []], ["Dry needling", ["ANTICOAGULANTS"]]]);

    const refused = await rejects(createPlan(w.inTeam, { patientId: w.patient.id, templateId: w.template.id, ...details }), "VALIDATION");
    expect(Object.keys(refused.fieldErrors ?? {})).toEqual([`decisions.${needlingItem!.id}`]);
    expect(await testDb().treatmentPlan.count()).toBe(0);

    const skipped = await createPlan(w.inTeam, { patientId: w.patient.id, templateId: w.template.id, decisions: [{ templateItemId: needlingItem!.id, action: "skip" }], ...details });
    expect((await getPlan(w.inTeam, skipped.id)).activities.map((a) => a.name)).toEqual(["Bridging"]);

    const overridden = await createPlan(w.inTeam, {
      patientId: w.patient.id,
      templateId: w.template.id,
      decisions: [{ templateItemId: needlingItem!.id, action: "override", reason: "Haematologist cleared light needling" }],
      ...details,
    });
    const plan = await getPlan(w.inTeam, overridden.id);
    expect(plan.activities.map((a) => [a.name, a.override?.flags ?? []])).toEqual([["Bridging", []], ["Dry needling", ["ANTICOAGULANTS"]]]);
    expect(plan.activities.find((a) => a.name === "Bridging")?.dose).toMatchObject({ sets: 2, reps: 10, daysPerWeek: 5 });
    expect(bridgingItem && retiredItem).toBeTruthy();
    expect(await auditCount({ action: "plan.activity.override" })).toBe(1);
  });

  it("keeps the snapshot of name and instructions when the catalog changes later", async () => {
    const w = await world([]);
    const { id, version } = await createPlan(w.inTeam, { patientId: w.patient.id, ...details });
    await addPlanActivity(w.inTeam, { planId: id, version, catalogItemId: w.bridging.id, setting: "HOME", phase: "STRENGTHENING", dose });
    await testDb().catalogItem.update({ where: { id: w.bridging.id }, data: { name: "Glute bridge", patientInstructions: "New text", version: { increment: 1 } } });
    const plan = await getPlan(w.inTeam, id);
    expect(plan.activities[0]).toMatchObject({ name: "Bridging", instructions: "How to do Bridging" });
  });

  it("refuses an incomplete home dose with field errors", async () => {
    const w = await world([]);
    const { id, version } = await createPlan(w.inTeam, { patientId: w.patient.id, ...details });
    const error = await rejects(
      addPlanActivity(w.inTeam, { planId: id, version, catalogItemId: w.bridging.id, setting: "HOME", phase: "STRENGTHENING", dose: { ...dose, daysPerWeek: null } }),
      "VALIDATION",
    );
    expect(error.fieldErrors).toHaveProperty(["dose.daysPerWeek"]);
  });

  it("moves through the lifecycle, asking for a reason where required, and only non-drafts reach the patient", async () => {
    const w = await world([]);
    const created = await createPlan(w.inTeam, { patientId: w.patient.id, ...details });
    const id = created.id;
    let version = created.version;
    await rejects(changePlanStatus(w.inTeam, { planId: id, version, status: "ACTIVE" }), "VALIDATION"); // no activities yet
    ({ version } = await addPlanActivity(w.inTeam, { planId: id, version, catalogItemId: w.bridging.id, setting: "HOME", phase: "STRENGTHENING", dose }));
    await rejects(getPlan(w.patientActor, id), "NOT_FOUND");
    ({ version } = await changePlanStatus(w.inTeam, { planId: id, version, status: "ACTIVE" }));
    expect((await getPlan(w.patientActor, id)).status).toBe("ACTIVE");
    expect((await getPatientHome(w.patientActor)).plan?.id).toBe(id);

    const noReason = await rejects(changePlanStatus(w.inTeam, { planId: id, version, status: "ON_HOLD" }), "VALIDATION");
    expect(noReason.fieldErrors).toHaveProperty("reason");
    ({ version } = await changePlanStatus(w.inTeam, { planId: id, version, status: "ON_HOLD", reason: "Patient travelling for two weeks" }));
    ({ version } = await changePlanStatus(w.inTeam, { planId: id, version, status: "ACTIVE" }));
    ({ version } = await changePlanStatus(w.inTeam, { planId: id, version, status: "COMPLETED" }));
    await rejects(changePlanStatus(w.inTeam, { planId: id, version, status: "ACTIVE" }), "VALIDATION");
    await rejects(addPlanActivity(w.inTeam, { planId: id, version, catalogItemId: w.bridging.id, setting: "HOME", phase: "STRENGTHENING", dose }), "VALIDATION");
    ({ version } = await changePlanStatus(w.inTeam, { planId: id, version, status: "ENTERED_IN_ERROR", reason: "Wrong patient selected" }));
    await rejects(getPlan(w.patientActor, id), "NOT_FOUND");
    const history = await listPlanHistory(w.inTeam, id);
    expect(history.map((h) => h.action)).toEqual([
      "plan.status.entered_in_error",
      "plan.status.completed",
      "plan.status.active",
      "plan.status.on_hold",
      "plan.status.active",
      "plan.activity.add",
      "plan.create",
    ]);
    expect(history.find((h) => h.action === "plan.activity.add")?.activityName).toBe("Bridging");
  });

  it("lets only one plan be active per patient", async () => {
    const w = await world([]);
    const a = await createPlan(w.inTeam, { patientId: w.patient.id, ...details });
    const b = await createPlan(w.inTeam, { patientId: w.patient.id, ...details, title: "Second plan" });
    const va = await addPlanActivity(w.inTeam, { planId: a.id, version: a.version, catalogItemId: w.bridging.id, setting: "HOME", phase: "STRENGTHENING", dose });
    const vb = await addPlanActivity(w.inTeam, { planId: b.id, version: b.version, catalogItemId: w.bridging.id, setting: "HOME", phase: "STRENGTHENING", dose });
    await changePlanStatus(w.inTeam, { planId: a.id, version: va.version, status: "ACTIVE" });
    const error = await rejects(changePlanStatus(w.inTeam, { planId: b.id, version: vb.version, status: "ACTIVE" }), "VALIDATION");
    expect(error.message).toMatch(/already active/);
  });

  it("refuses a save from a stale version and changes nothing; concurrent saves let exactly one through", async () => {
    const w = await world([]);
    const { id, version } = await createPlan(w.inTeam, { patientId: w.patient.id, ...details });
    await updatePlanDetails(w.inTeam, { planId: id, version, ...details, goals: "First editor's goals" });
    await rejects(updatePlanDetails(w.inTeam, { planId: id, version, ...details, goals: "Second editor's goals" }), "CONFLICT");
    await rejects(addPlanActivity(w.inTeam, { planId: id, version, catalogItemId: w.bridging.id, setting: "HOME", phase: "STRENGTHENING", dose }), "CONFLICT");
    const plan = await getPlan(w.inTeam, id);
    expect(plan).toMatchObject({ goals: "First editor's goals", version: version + 1 });
    expect(plan.activities).toHaveLength(0);

    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => updatePlanDetails(w.inTeam, { planId: id, version: plan.version, ...details, goals: `Concurrent ${i}` })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const conflicts = results.filter((r) => r.status === "rejected" && r.reason instanceof AppError && r.reason.code === "CONFLICT");
    expect(conflicts).toHaveLength(9);
    expect((await getPlan(w.inTeam, id)).version).toBe(plan.version + 1);
  });

  it("pauses, resumes, removes and reorders activities; removed ones leave the patient's view", async () => {
    const w = await world([]);
    const created = await createPlan(w.inTeam, { patientId: w.patient.id, ...details });
    const id = created.id;
    let version = created.version;
    const first = await addPlanActivity(w.inTeam, { planId: id, version, catalogItemId: w.bridging.id, setting: "HOME", phase: "STRENGTHENING", dose });
    const wrongSetting = await rejects(addPlanActivity(w.inTeam, { planId: id, version: first.version, catalogItemId: w.bridging.id, setting: "IN_CLINIC", phase: "MOBILITY", dose }), "VALIDATION");
    expect(wrongSetting.fieldErrors?.setting?.[0]).toMatch(/done at home only/);
    const second = await addPlanActivity(w.inTeam, { planId: id, version: first.version, catalogItemId: w.bridging.id, setting: "HOME", phase: "MOBILITY", dose });
    ({ version } = await movePlanActivity(w.inTeam, { planId: id, version: second.version, activityId: second.activityId, direction: "up" }));
    expect((await getPlan(w.inTeam, id)).activities.map((a) => a.id)).toEqual([second.activityId, first.activityId]);
    ({ version } = await changePlanActivityStatus(w.inTeam, { planId: id, version, activityId: first.activityId, status: "ON_HOLD" }));
    ({ version } = await changePlanActivityStatus(w.inTeam, { planId: id, version, activityId: first.activityId, status: "ACTIVE" }));
    ({ version } = await changePlanActivityStatus(w.inTeam, { planId: id, version, activityId: second.activityId, status: "STOPPED" }));
    await rejects(changePlanActivityStatus(w.inTeam, { planId: id, version, activityId: second.activityId, status: "ACTIVE" }), "VALIDATION");
    ({ version } = await changePlanStatus(w.inTeam, { planId: id, version, status: "ACTIVE" }));
    expect((await getPlan(w.patientActor, id)).activities.map((a) => a.id)).toEqual([first.activityId]);
  });

  // Issue 15 (ADR 040): drag and drop moves an activity to any place in one version-checked save.
  it("moves an activity to any place in the order, version-checked, and refuses a place outside the list", async () => {
    const w = await world([]);
    const created = await createPlan(w.inTeam, { patientId: w.patient.id, ...details });
    let version = created.version;
    const ids: string[] = [];
    for (const phase of ["PAIN_RELIEF", "MOBILITY", "STRENGTHENING", "MAINTENANCE"] as const) {
      const added = await addPlanActivity(w.inTeam, { planId: created.id, version, catalogItemId: w.bridging.id, setting: "HOME", phase, dose });
      ids.push(added.activityId);
      version = added.version;
    }
    const order = async () => (await getPlan(w.inTeam, created.id)).activities.map((a) => ids.indexOf(a.id));
    const stale = version;
    ({ version } = await movePlanActivityTo(w.inTeam, { planId: created.id, version, activityId: ids[3]!, toIndex: 0 }));
    expect(await order()).toEqual([3, 0, 1, 2]);
    ({ version } = await movePlanActivityTo(w.inTeam, { planId: created.id, version, activityId: ids[0]!, toIndex: 3 }));
    expect(await order()).toEqual([3, 1, 2, 0]);
    // A move from the version before is a concurrent edit: nothing moves.
    await rejects(movePlanActivityTo(w.inTeam, { planId: created.id, version: stale, activityId: ids[1]!, toIndex: 0 }), "CONFLICT");
    await rejects(movePlanActivityTo(w.inTeam, { planId: created.id, version, activityId: ids[1]!, toIndex: 4 }), "VALIDATION");
    await rejects(movePlanActivityTo(w.inTeam, { planId: created.id, version, activityId: ids[1]!, toIndex: -1 }), "VALIDATION");
    expect(await order()).toEqual([3, 1, 2, 0]);
    expect((await getPlan(w.inTeam, created.id)).version).toBe(version);
    await rejects(movePlanActivityTo(w.outsideTeam, { planId: created.id, version, activityId: ids[1]!, toIndex: 0 }), "NOT_FOUND");
  });

  it("shows which activities in force the patient's new flags contraindicate", async () => {
    const w = await world([]);
    const { id, version } = await createPlan(w.inTeam, { patientId: w.patient.id, ...details });
    await addPlanActivity(w.inTeam, { planId: id, version, catalogItemId: w.needling.id, setting: "IN_CLINIC", phase: "PAIN_RELIEF", dose: { durationMin: 15, sets: null, reps: null, holdSec: null, timesPerDay: null, daysPerWeek: null } });
    const patient = await testDb().patient.findUniqueOrThrow({ where: { id: w.patient.id } });
    const result = await updatePatient(w.inTeam, {
      patientId: w.patient.id,
      version: patient.version,
      firstName: patient.firstName,
      lastName: patient.lastName,
      dateOfBirth: "1980-05-05",
      email: null,
      phone: null,
      contraindications: ["NEEDLE_PHOBIA", "PREGNANCY"],
    });
    expect(result.conflicts).toEqual([{ activityId: expect.any(String), activityName: "Dry needling", flags: ["NEEDLE_PHOBIA"] }]);
    await rejects(updatePatient(w.inTeam, { patientId: w.patient.id, version: patient.version, firstName: "X", lastName: "Y", dateOfBirth: "1980-05-05", email: null, phone: null, contraindications: [] }), "CONFLICT");
    await rejects(updatePatient(w.outsideTeam, { patientId: w.patient.id, version: result.version, firstName: "X", lastName: "Y", dateOfBirth: "1980-05-05", email: null, phone: null, contraindications: [] }), "NOT_FOUND");
  });

  it("registers a patient with the creator as primary clinician, and the roster searches, filters and pages", async () => {
    const w = await world([]);
    const created = await createPatientFn(w.inTeam, { firstName: "Nia", lastName: "Okoro", dateOfBirth: "1990-02-03", email: "nia@example.com", phone: null, contraindications: ["OSTEOPOROSIS"] });
    const team = await testDb().careTeamMember.findMany({ where: { patientId: created.id } });
    expect(team).toEqual([expect.objectContaining({ clinicianId: w.inTeam.userId, isPrimary: true })]);
    await rejects(createPatientFn(w.admin, { firstName: "A", lastName: "B", dateOfBirth: "1990-02-03", email: null, phone: null, contraindications: [] }), "FORBIDDEN");
    await rejects(createPatientFn(w.inTeam, { firstName: "A", lastName: "B", dateOfBirth: "2999-01-01", email: null, phone: null, contraindications: [] }), "VALIDATION");

    expect((await listCareTeamPatients(w.inTeam)).total).toBe(2);
    expect((await listCareTeamPatients(w.inTeam, { q: "okoro" })).rows.map((r) => r.name)).toEqual(["Nia Okoro"]);
    expect((await listCareTeamPatients(w.inTeam, { q: "03/02/1990" })).rows.map((r) => r.name)).toEqual(["Nia Okoro"]);
    expect((await listCareTeamPatients(w.inTeam, { alert: "FLAGGED" })).rows.map((r) => r.name)).toEqual(["Nia Okoro"]);
    expect((await listCareTeamPatients(w.inTeam, { planStatus: "NONE" })).total).toBe(2);
    expect((await listCareTeamPatients(w.outsideTeam)).total).toBe(0);

    // Sorted by next session: a patient with a session tomorrow comes first.
    const plan = await createPlan(w.inTeam, { patientId: created.id, ...details });
    await testDb().session.create({ data: { clinicId: w.clinic.id, planId: plan.id, patientId: created.id, clinicianId: w.inTeam.userId, startsAt: new Date(Date.now() + 86_400_000), durationMin: 30 } });
    const sorted = await listCareTeamPatients(w.inTeam);
    expect(sorted.rows[0]?.name).toBe("Nia Okoro");
    expect(sorted.rows[0]?.activePlan?.status).toBe("DRAFT");
    expect((await listCareTeamPatients(w.inTeam, { planStatus: "DRAFT" })).total).toBe(1);
  });
});
