// Copying a plan (decision 039): care-team scoping of the source plan and the target patient,
// contraindications re-checked against the target, retired treatments left out, what is (not)
// copied, and the audit trail.
import { beforeEach, describe, expect, it } from "vitest";
import { copyPlan, previewPlanCopy } from "@/lib/domain/plans/copy-plan";
import { getPlan } from "@/lib/domain/plans/get-plan";
import type { Contraindication } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { actorFor, auditCount, createClinic, createPatient, createUser, testDb, truncateAll } from "../fixtures/db";

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

async function world(targetFlags: Contraindication[] = ["ANTICOAGULANTS"]) {
  const db = testDb();
  const clinic = await createClinic();
  const other = await createClinic();
  const meUser = await createUser(clinic.id, "CLINICIAN");
  const me = actorFor(meUser);
  const colleagueUser = await createUser(clinic.id, "CLINICIAN");
  const colleague = actorFor(colleagueUser);
  const otherClinic = actorFor(await createUser(other.id, "CLINICIAN"));
  const admin = actorFor(await createUser(clinic.id, "ADMIN"));
  const { patient: source } = await createPatient(clinic.id, { careTeam: [{ clinicianId: meUser.id, isPrimary: true }] });
  const { patient: target } = await createPatient(clinic.id, { careTeam: [{ clinicianId: meUser.id, isPrimary: true }, { clinicianId: colleagueUser.id }], flags: targetFlags });
  // Not on my care team.
  const { patient: stranger } = await createPatient(clinic.id, { careTeam: [{ clinicianId: colleagueUser.id, isPrimary: true }] });
  const item = (name: string, extra: object = {}) =>
    db.catalogItem.create({
      data: { clinicId: clinic.id, name, kind: "EXERCISE", category: "STRENGTH", setting: "BOTH", description: "d", patientInstructions: `How to do ${name}`, status: "ACTIVE", ...extra },
    });
  const bridging = await item("Bridging");
  const needling = await item("Dry needling", { kind: "MODALITY", category: "NEEDLING", setting: "IN_CLINIC", contraindications: ["ANTICOAGULANTS"] });
  const tens = await item("Old TENS", { kind: "MODALITY", category: "ELECTRO_LASER_SHOCKWAVE", setting: "IN_CLINIC" });
  const stopped = await item("Stopped stretch");
  const snap = (i: typeof bridging) => ({ clinicId: clinic.id, catalogItemId: i.id, nameSnapshot: i.name, instructionsSnapshot: i.patientInstructions, kindSnapshot: i.kind, catalogVersionSnapshot: i.version });
  const plan = await db.treatmentPlan.create({
    data: {
      clinicId: clinic.id,
      patientId: source.id,
      clinicianId: meUser.id,
      createdById: meUser.id,
      title: "Lower back spasm",
      condition: "Lower back muscle spasm",
      icd10Code: "M62.830",
      goals: "Walk 30 minutes",
      status: "ACTIVE",
      startDate: new Date("2026-11-01T00:00:00Z"),
      reviewDate: new Date("2026-12-13T00:00:00Z"),
      plannedSessions: 6,
      activities: {
        create: [
          { ...snap(bridging), setting: "HOME", phase: "STRENGTHENING", position: 0, sets: 3, reps: 12, daysPerWeek: 5, status: "ON_HOLD" },
          { ...snap(needling), setting: "IN_CLINIC", phase: "PAIN_RELIEF", position: 1, durationMin: 15 },
          { ...snap(tens), setting: "IN_CLINIC", phase: "PAIN_RELIEF", position: 2, durationMin: 20 },
          { ...snap(stopped), setting: "HOME", phase: "MOBILITY", position: 3, holdSec: 30, daysPerWeek: 7, status: "STOPPED" },
        ],
      },
    },
    include: { activities: { orderBy: { position: "asc" } } },
  });
  const [bridgingA, needlingA, tensA] = plan.activities as [(typeof plan.activities)[number], (typeof plan.activities)[number], (typeof plan.activities)[number]];
  // The source plan's own history: none of it may travel with the copy.
  await db.session.create({ data: { clinicId: clinic.id, planId: plan.id, patientId: source.id, clinicianId: meUser.id, startsAt: new Date("2026-11-03T10:00:00Z"), durationMin: 30, subjective: "Stiff" } });
  await db.homeLog.create({ data: { clinicId: clinic.id, patientId: source.id, planActivityId: bridgingA.id, date: new Date("2026-11-02T00:00:00Z"), done: true } });
  await db.outcomeResponse.create({ data: { clinicId: clinic.id, patientId: source.id, planId: plan.id, instrument: "NPRS", context: "BASELINE", answers: { pain: 6 }, score: 6, recordedById: meUser.id } });
  return { clinic, me, colleague, otherClinic, admin, source, target, stranger, bridging, needling, tens, plan, bridgingA, needlingA, tensA };
}

describe("copy a plan", () => {
  beforeEach(truncateAll);

  it("copies details, activities and doses (not sessions, logs or outcomes) into a DRAFT for the same patient", async () => {
    const w = await world();
    const preview = await previewPlanCopy(w.me, { planId: w.plan.id });
    expect(preview.target.id).toBe(w.source.id);
    expect(preview.items.map((i) => i.name)).toEqual(["Bridging", "Dry needling", "Old TENS"]);
    expect(preview.items.every((i) => i.conflicts.length === 0)).toBe(true);
    const { id, leftOut } = await copyPlan(w.me, { planId: w.plan.id, patientId: w.source.id, startDate: "2027-01-04" });
    expect(leftOut).toEqual([]);
    const copy = await testDb().treatmentPlan.findUniqueOrThrow({
      where: { id },
      include: { activities: { orderBy: { position: "asc" } }, sessions: true, outcomes: true },
    });
    expect(copy).toMatchObject({ status: "DRAFT", patientId: w.source.id, clinicianId: w.me.userId, title: "Lower back spasm", icd10Code: "M62.830", goals: "Walk 30 minutes", plannedSessions: 6 });
    expect(copy.startDate.toISOString().slice(0, 10)).toBe("2027-01-04");
    // Six weeks after the start, as in the original.
    expect(copy.reviewDate?.toISOString().slice(0, 10)).toBe("2027-02-15");
    expect(copy.activities.map((a) => [a.nameSnapshot, a.setting, a.phase, a.sets, a.reps, a.durationMin, a.daysPerWeek, a.status])).toEqual([
      ["Bridging", "HOME", "STRENGTHENING", 3, 12, null, 5, "ACTIVE"],
      ["Dry needling", "IN_CLINIC", "PAIN_RELIEF", null, null, 15, null, "ACTIVE"],
      ["Old TENS", "IN_CLINIC", "PAIN_RELIEF", null, null, 20, null, "ACTIVE"],
    ]);
    expect(copy.sessions).toEqual([]);
    expect(copy.outcomes).toEqual([]);
    expect(await testDb().homeLog.count({ where: { planActivity: { planId: id } } })).toBe(0);
    // The original is untouched.
    expect(await testDb().planActivity.count({ where: { planId: w.plan.id } })).toBe(4);
    expect(await auditCount({ action: "plan.copy", patientId: w.source.id })).toBe(1);
    expect(await auditCount({ action: "plan.copy_source" })).toBe(0);
  });

  it("re-checks contraindications against another patient: conflicts need skip or a reason, else nothing is created", async () => {
    const w = await world(["ANTICOAGULANTS"]);
    const preview = await previewPlanCopy(w.me, { planId: w.plan.id, patientId: w.target.id });
    expect(preview.items.find((i) => i.name === "Dry needling")?.conflicts).toEqual(["ANTICOAGULANTS"]);
    const plansBefore = await testDb().treatmentPlan.count();
    const refused = await rejects(copyPlan(w.me, { planId: w.plan.id, patientId: w.target.id, startDate: "2027-01-04" }), "VALIDATION");
    expect(Object.keys(refused.fieldErrors ?? {})).toEqual([`decisions.${w.needlingA.id}`]);
    // A reason too short is no override.
    await rejects(copyPlan(w.me, { planId: w.plan.id, patientId: w.target.id, startDate: "2027-01-04", decisions: [{ activityId: w.needlingA.id, action: "override", reason: "short" }] }), "VALIDATION");
    expect(await testDb().treatmentPlan.count()).toBe(plansBefore);

    const skipped = await copyPlan(w.me, { planId: w.plan.id, patientId: w.target.id, startDate: "2027-01-04", decisions: [{ activityId: w.needlingA.id, action: "skip" }] });
    const skippedPlan = await getPlan(w.me, skipped.id);
    expect(skippedPlan.patientId).toBe(w.target.id);
    expect(skippedPlan.activities.map((a) => a.name)).toEqual(["Bridging", "Old TENS"]);

    const reason = "Bleeding risk discussed with the GP; INR stable.";
    const overridden = await copyPlan(w.me, { planId: w.plan.id, patientId: w.target.id, startDate: "2027-01-04", decisions: [{ activityId: w.needlingA.id, action: "override", reason }] });
    const needling = await testDb().planActivity.findFirstOrThrow({ where: { planId: overridden.id, catalogItemId: w.needling.id } });
    expect(needling).toMatchObject({ overriddenFlags: ["ANTICOAGULANTS"], overrideReason: reason, overriddenById: w.me.userId });
    // One event per patient record touched, one per override; the preview's are reads.
    expect(await auditCount({ action: "plan.copy", patientId: w.target.id })).toBe(2);
    expect(await auditCount({ action: "plan.copy_source", patientId: w.source.id })).toBe(2);
    expect(await auditCount({ action: "plan.copy_source.read", patientId: w.source.id })).toBe(1);
    expect(await auditCount({ action: "plan.activity.override", patientId: w.target.id })).toBe(1);
    expect(await auditCount({ action: "plan.copy.read", patientId: w.target.id })).toBe(1);
  });

  it("re-checks guideline statements (decision 044): a kept \"do not offer\" treatment needs its own written reason, stored and audited", async () => {
    const w = await world([]);
    await testDb().guidelineStatement.create({
      data: {
        clinicId: w.clinic.id, catalogItemId: w.tens.id, condition: "low back pain", population: "Adults with low back pain", guideline: "Test guideline", publisher: "NICE", year: 2016,
        recommendation: "1.2.11", url: "https://example.org/g", stance: "DO_NOT_OFFER", quote: "Do not offer it.", lastCheckedOn: new Date("2026-12-06T00:00:00Z"),
      },
    });
    const preview = await previewPlanCopy(w.me, { planId: w.plan.id, patientId: w.target.id });
    expect(preview.items.find((i) => i.name === "Old TENS")?.doNotOffer?.map((s) => s.stance)).toEqual(["DO_NOT_OFFER"]);
    expect(preview.items.find((i) => i.name === "Bridging")?.doNotOffer).toEqual([]);
    const plansBefore = await testDb().treatmentPlan.count();
    const refused = await rejects(copyPlan(w.me, { planId: w.plan.id, patientId: w.target.id, startDate: "2027-01-04" }), "VALIDATION");
    expect(Object.keys(refused.fieldErrors ?? {})).toEqual([`guidelineReasons.${w.tensA.id}`]);
    expect(await testDb().treatmentPlan.count()).toBe(plansBefore);

    const skipped = await copyPlan(w.me, { planId: w.plan.id, patientId: w.target.id, startDate: "2027-01-04", decisions: [{ activityId: w.tensA.id, action: "skip" }] });
    expect((await getPlan(w.me, skipped.id)).activities.map((a) => a.name)).toEqual(["Bridging", "Dry needling"]);

    const reason = "Patient reports clear short-term relief; reviewed at 2 weeks.";
    const kept = await copyPlan(w.me, { planId: w.plan.id, patientId: w.target.id, startDate: "2027-01-04", guidelineReasons: [{ activityId: w.tensA.id, reason }] });
    const tens = await testDb().planActivity.findFirstOrThrow({ where: { planId: kept.id, catalogItemId: w.tens.id } });
    expect(tens).toMatchObject({ guidelineOverrideReason: reason, guidelineOverriddenById: w.me.userId });
    expect(tens.guidelineStatementIds).toHaveLength(1);
    expect(await auditCount({ action: "plan.activity.guideline_override", patientId: w.target.id })).toBe(1);
    expect(await auditCount({ action: "plan.activity.override", patientId: w.target.id })).toBe(0);
  });

  it("leaves out treatments retired in the catalog since, with a reason, and snapshots the catalog as it is now", async () => {
    const w = await world([]);
    await testDb().catalogItem.update({ where: { id: w.tens.id }, data: { status: "RETIRED" } });
    await testDb().catalogItem.update({ where: { id: w.bridging.id }, data: { patientInstructions: "New instructions", version: { increment: 1 } } });
    const preview = await previewPlanCopy(w.me, { planId: w.plan.id, patientId: w.target.id });
    expect(preview.leftOut).toEqual([{ activityId: w.tensA.id, name: "Old TENS", reason: "retired in the catalog" }]);
    expect(preview.items.map((i) => i.name)).toEqual(["Bridging", "Dry needling"]);
    const { id, leftOut } = await copyPlan(w.me, { planId: w.plan.id, patientId: w.target.id, startDate: "2027-01-04" });
    expect(leftOut.map((l) => l.name)).toEqual(["Old TENS"]);
    const activities = await testDb().planActivity.findMany({ where: { planId: id }, orderBy: { position: "asc" } });
    expect(activities.map((a) => [a.nameSnapshot, a.position])).toEqual([["Bridging", 0], ["Dry needling", 1]]);
    expect(activities[0]).toMatchObject({ instructionsSnapshot: "New instructions", catalogVersionSnapshot: 2 });
  });

  it("answers NOT_FOUND for a source plan or a target patient outside the care team or clinic, and FORBIDDEN to admins", async () => {
    const w = await world([]);
    const input = { planId: w.plan.id, patientId: w.target.id, startDate: "2027-01-04" };
    const plansBefore = await testDb().treatmentPlan.count();
    // The colleague shares the target patient, not the source plan's patient.
    await rejects(previewPlanCopy(w.colleague, { planId: w.plan.id, patientId: w.target.id }), "NOT_FOUND");
    await rejects(copyPlan(w.colleague, input), "NOT_FOUND");
    // I may not copy into a patient outside my care team.
    await rejects(previewPlanCopy(w.me, { planId: w.plan.id, patientId: w.stranger.id }), "NOT_FOUND");
    await rejects(copyPlan(w.me, { ...input, patientId: w.stranger.id }), "NOT_FOUND");
    await rejects(copyPlan(w.otherClinic, input), "NOT_FOUND");
    await rejects(previewPlanCopy(w.me, { planId: "not an id", patientId: w.target.id }), "NOT_FOUND");
    await rejects(previewPlanCopy(w.me, { planId: w.plan.id, patientId: "../x" }), "NOT_FOUND");
    await rejects(copyPlan(w.admin, input), "FORBIDDEN");
    await rejects(copyPlan(w.me, { ...input, startDate: "tomorrow" }), "VALIDATION");
    expect(await testDb().treatmentPlan.count()).toBe(plansBefore);
    expect(await auditCount({ action: "plan.copy" })).toBe(0);
    expect(await auditCount({ action: "plan.copy.read" })).toBe(0);
  });
});
