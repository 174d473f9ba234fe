// Guideline statements on treatments (issue 16, decision 044): admin CRUD with every version kept,
// stale saves and other clinics refused, the "do not offer" reason enforced and audited when a
// treatment is added or a plan is made from a protocol, the exercise flag, and the report.
import { beforeEach, describe, expect, it } from "vitest";
import { getGuidelineOverrideReport } from "@/lib/domain/guidelines/guideline-override-report";
import { listGuidelineStancesForCondition, listGuidelineStatements } from "@/lib/domain/guidelines/list-guideline-statements";
import { exerciseFlags } from "@/lib/domain/guidelines/rules";
import { createGuidelineStatement, setGuidelineStatementRetired, updateGuidelineStatement } from "@/lib/domain/guidelines/save-guideline-statement";
import { createPlan, previewPlanFromTemplate } from "@/lib/domain/plans/create-plan";
import { getPlan } from "@/lib/domain/plans/get-plan";
import { listPlanHistory } from "@/lib/domain/plans/list-plan-history";
import { addPlanActivity } from "@/lib/domain/plans/plan-activities";
import { AppError } from "@/lib/errors";
import type { TGuidelineStatementCreate } from "@/lib/validation/guidelines";
import { actorFor, auditCount, createClinic, createPatient, createUser, testDb, truncateAll } from "../fixtures/db";

const NO_DOSE = { durationMin: null, sets: null, reps: null, holdSec: null, timesPerDay: null, daysPerWeek: null };

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

// Fixture statements (not the seed's): enough of each stance to exercise the rules.
const fixture = (catalogItemId: string, over: Partial<TGuidelineStatementCreate> = {}): TGuidelineStatementCreate => ({
  catalogItemId,
  condition: "Low Back Pain",
  population: "Fixture adults with low back pain with or without sciatica",
  guideline: "Fixture guideline on back pain (FX1)",
  publisher: "FIX",
  year: 2016,
  recommendation: "1.2.3",
  url: "https://example.org/fx1",
  stance: "DO_NOT_OFFER",
  stanceCondition: null,
  requiresExercise: false,
  quote: "Do not offer fixture therapy.",
  supersededBy: null,
  supersededYear: null,
  lastCheckedOn: "2026-12-01",
  note: null,
  ...over,
});

async function world() {
  const db = testDb();
  const clinic = await createClinic();
  const other = await createClinic();
  const adminUser = await createUser(clinic.id, "ADMIN");
  const admin = actorFor(adminUser);
  const clinicianUser = await createUser(clinic.id, "CLINICIAN", "Dr Fixture Clinician");
  const clinician = actorFor(clinicianUser);
  const otherAdmin = actorFor(await createUser(other.id, "ADMIN"));
  const { patient } = await createPatient(clinic.id, { careTeam: [{ clinicianId: clinicianUser.id, isPrimary: true }] });
  const item = (name: string, extra: object = {}) =>
    db.catalogItem.create({ data: { clinicId: clinic.id, name, kind: "MODALITY", category: "ELECTRO_LASER_SHOCKWAVE", setting: "IN_CLINIC", description: "d", patientInstructions: `About ${name}`, status: "ACTIVE", ...extra } });
  const laser = await item("Fixture laser");
  const mobilisation = await item("Fixture mobilisation", { category: "MANUAL_THERAPY" });
  const bridging = await item("Fixture bridging", { kind: "EXERCISE", category: "STRENGTH", setting: "BOTH" });
  const plan = await db.treatmentPlan.create({
    data: { clinicId: clinic.id, patientId: patient.id, clinicianId: clinicianUser.id, createdById: clinicianUser.id, title: "Back", condition: "Lower back spasm", goals: "Walk", status: "ACTIVE", startDate: new Date("2026-11-01T00:00:00Z"), plannedSessions: 6 },
  });
  return { db, clinic, admin, clinician, clinicianUser, otherAdmin, patient, laser, mobilisation, bridging, plan };
}

describe("guideline statements: admin editing", () => {
  beforeEach(truncateAll);

  it("creates, edits, retires and restores with every version kept, audited, and 409 on a stale version", async () => {
    const w = await world();
    const created = await createGuidelineStatement(w.admin, fixture(w.laser.id));
    expect(created.version).toBe(1);
    const saved = await updateGuidelineStatement(w.admin, { ...fixture(w.laser.id, { stance: "CONSIDER", population: "Fixture adults with chronic low back pain" }), id: created.id, version: 1 });
    expect(saved.version).toBe(2);
    // A save from version 1 again would overwrite version 2: refused, nothing written.
    await rejects(updateGuidelineStatement(w.admin, { ...fixture(w.laser.id, { stance: "RECOMMEND" }), id: created.id, version: 1 }), "CONFLICT");
    const retired = await setGuidelineStatementRetired(w.admin, { id: created.id, version: 2, retired: true });
    expect(retired.version).toBe(3);
    await rejects(updateGuidelineStatement(w.admin, { ...fixture(w.laser.id), id: created.id, version: 3 }), "VALIDATION");
    await setGuidelineStatementRetired(w.admin, { id: created.id, version: 3, retired: false });

    const { statements, history } = await listGuidelineStatements(w.admin, w.laser.id);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ condition: "low back pain", stance: "CONSIDER", version: 4, retired: false });
    expect(history[created.id]!.map((r) => [r.version, r.change, r.fields.stance])).toEqual([
      [4, "restore", "CONSIDER"],
      [3, "retire", "CONSIDER"],
      [2, "update", "CONSIDER"],
      [1, "create", "DO_NOT_OFFER"],
    ]);
    expect(history[created.id]![3]!.changedBy).toBe(w.admin.name);
    for (const action of ["catalog.guideline.create", "catalog.guideline.update", "catalog.guideline.retire", "catalog.guideline.restore"]) {
      expect(await auditCount({ action, actorId: w.admin.userId }), action).toBe(1);
    }
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const w = await world();
    const bad = await rejects(createGuidelineStatement(w.admin, fixture(w.laser.id, { stance: "CONSIDER_WITH_CONDITION", quote: null, url: "javascript:alert(1)", supersededBy: "NG59" })), "VALIDATION");
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["quote", "stanceCondition", "supersededYear", "url"]);
    await rejects(createGuidelineStatement(w.admin, { ...fixture(w.laser.id), stance: "MAYBE" } as never), "VALIDATION");
    expect(await w.db.guidelineStatement.count()).toBe(0);
    expect(await auditCount({ action: "catalog.guideline.create" })).toBe(0);
  });

  it("lets clinicians read current statements but not edit; another clinic gets 404", async () => {
    const w = await world();
    const { id } = await createGuidelineStatement(w.admin, fixture(w.laser.id));
    const retiredOne = await createGuidelineStatement(w.admin, fixture(w.laser.id, { publisher: "OLD" }));
    await setGuidelineStatementRetired(w.admin, { id: retiredOne.id, version: 1, retired: true });
    await rejects(createGuidelineStatement(w.clinician, fixture(w.laser.id)), "FORBIDDEN");
    await rejects(updateGuidelineStatement(w.clinician, { ...fixture(w.laser.id), id, version: 1 }), "FORBIDDEN");
    const read = await listGuidelineStatements(w.clinician, w.laser.id);
    expect(read.statements.map((s) => s.id)).toEqual([id]);
    expect(read.history).toEqual({});
    await rejects(updateGuidelineStatement(w.otherAdmin, { ...fixture(w.laser.id), id, version: 1 }), "NOT_FOUND");
    await rejects(setGuidelineStatementRetired(w.otherAdmin, { id, version: 1, retired: true }), "NOT_FOUND");
    await rejects(createGuidelineStatement(w.otherAdmin, fixture(w.laser.id)), "NOT_FOUND");
    await rejects(listGuidelineStatements(w.otherAdmin, w.laser.id), "NOT_FOUND");
    expect((await w.db.guidelineStatement.findUniqueOrThrow({ where: { id } })).version).toBe(1);
  });

  it("answers stances for a plan's condition, grouped by treatment; none for an unmatched condition", async () => {
    const w = await world();
    await createGuidelineStatement(w.admin, fixture(w.laser.id));
    await createGuidelineStatement(w.admin, fixture(w.laser.id, { publisher: "ACP", year: 2017, stance: "CONSIDER" }));
    const back = await listGuidelineStancesForCondition(w.clinician, { condition: "Chronic low back pain" });
    expect(back.conditions).toEqual(["low back pain"]);
    expect(back.byItem[w.laser.id]!.map((s) => s.publisher)).toEqual(["ACP", "FIX"]);
    expect(await listGuidelineStancesForCondition(w.clinician, { condition: "Frozen shoulder", icd10Code: "M75.0" })).toEqual({ conditions: [], byItem: {} });
  });
});

describe("guideline statements: choosing a 'do not offer' treatment", () => {
  beforeEach(truncateAll);

  it("add-activity refuses without a reason (nothing written), stores and audits it with one", async () => {
    const w = await world();
    const { id: statementId } = await createGuidelineStatement(w.admin, fixture(w.laser.id));
    const add = (reason: string | null, version: number) =>
      addPlanActivity(w.clinician, { planId: w.plan.id, version, catalogItemId: w.laser.id, setting: "IN_CLINIC", phase: "PAIN_RELIEF", dose: { ...NO_DOSE, durationMin: 10 }, guidelineOverrideReason: reason });
    const refused = await rejects(add(null, 1), "VALIDATION");
    expect(refused.fieldErrors?.guidelineOverrideReason?.[0]).toContain("FIX FX1 2016 says do not offer Fixture laser for low back pain");
    await rejects(add("too short", 1), "VALIDATION");
    expect(await w.db.planActivity.count()).toBe(0);
    expect((await w.db.treatmentPlan.findUniqueOrThrow({ where: { id: w.plan.id } })).version).toBe(1);

    const { activityId } = await add("Patient tried exercise twice; short trial agreed", 1);
    const row = await w.db.planActivity.findUniqueOrThrow({ where: { id: activityId } });
    expect(row).toMatchObject({ guidelineStatementIds: [statementId], guidelineOverrideReason: "Patient tried exercise twice; short trial agreed", guidelineOverriddenById: w.clinician.userId });
    expect(row.guidelineOverriddenAt).toBeInstanceOf(Date);
    expect(await auditCount({ action: "plan.activity.guideline_override", patientId: w.patient.id })).toBe(1);
    expect(await auditCount({ action: "plan.activity.add", patientId: w.patient.id })).toBe(1);

    const plan = await getPlan(w.clinician, w.plan.id);
    expect(plan.activities[0]!.guidelineOverride).toMatchObject({ reason: "Patient tried exercise twice; short trial agreed", statementIds: [statementId], byName: "Dr Fixture Clinician" });
    const history = await listPlanHistory(w.clinician, w.plan.id);
    expect(history.find((e) => e.action === "plan.activity.guideline_override")).toMatchObject({ activityName: "Fixture laser", reason: "Patient tried exercise twice; short trial agreed" });
  });

  it("needs no reason for a superseded or retired statement, another condition, or a 'consider'", async () => {
    const w = await world();
    await createGuidelineStatement(w.admin, fixture(w.laser.id, { supersededBy: "FX2", supersededYear: 2020 }));
    const retired = await createGuidelineStatement(w.admin, fixture(w.laser.id, { publisher: "RET" }));
    await setGuidelineStatementRetired(w.admin, { id: retired.id, version: 1, retired: true });
    await createGuidelineStatement(w.admin, fixture(w.laser.id, { publisher: "ACP", stance: "CONSIDER" }));
    await createGuidelineStatement(w.admin, fixture(w.laser.id, { publisher: "NECK", condition: "neck pain" }));
    const { activityId } = await addPlanActivity(w.clinician, { planId: w.plan.id, version: 1, catalogItemId: w.laser.id, setting: "IN_CLINIC", phase: "PAIN_RELIEF", dose: { ...NO_DOSE, durationMin: 10 } });
    expect((await w.db.planActivity.findUniqueOrThrow({ where: { id: activityId } })).guidelineOverrideReason).toBeNull();
    expect(await auditCount({ action: "plan.activity.guideline_override" })).toBe(0);
  });

  it("create-from-protocol asks for a reason per 'do not offer' item: refused without, skip or reason accepted", async () => {
    const w = await world();
    await createGuidelineStatement(w.admin, fixture(w.laser.id));
    const template = await w.db.planTemplate.create({
      data: {
        clinicId: w.clinic.id,
        name: "Fixture back protocol",
        condition: "Lower back spasm",
        description: "d",
        items: {
          create: [
            { clinicId: w.clinic.id, catalogItemId: w.laser.id, setting: "IN_CLINIC", phase: "PAIN_RELIEF", position: 0, durationMin: 10 },
            { clinicId: w.clinic.id, catalogItemId: w.bridging.id, setting: "HOME", phase: "STRENGTHENING", position: 1, sets: 3, reps: 10, daysPerWeek: 5 },
          ],
        },
      },
      include: { items: { orderBy: { position: "asc" } } },
    });
    const laserItem = template.items[0]!;
    const preview = await previewPlanFromTemplate(w.clinician, { patientId: w.patient.id, templateId: template.id });
    expect(preview.map((p) => [p.name, p.doNotOffer?.length])).toEqual([["Fixture laser", 1], ["Fixture bridging", 0]]);
    // Typed condition outside the guideline: nothing to decide.
    expect((await previewPlanFromTemplate(w.clinician, { patientId: w.patient.id, templateId: template.id, condition: "Frozen shoulder" }))[0]!.doNotOffer).toEqual([]);

    const base = { patientId: w.patient.id, templateId: template.id, title: "From protocol", condition: "Chronic low back pain", icd10Code: null, goals: "Walk", startDate: "2026-12-01", reviewDate: null, plannedSessions: 6 };
    const refused = await rejects(createPlan(w.clinician, base), "VALIDATION");
    expect(Object.keys(refused.fieldErrors ?? {})).toEqual([`guidelineReasons.${laserItem.id}`]);
    expect(await w.db.treatmentPlan.count()).toBe(1);

    const skipped = await createPlan(w.clinician, { ...base, decisions: [{ templateItemId: laserItem.id, action: "skip" }] });
    expect((await getPlan(w.clinician, skipped.id)).activities.map((a) => a.name)).toEqual(["Fixture bridging"]);

    const kept = await createPlan(w.clinician, { ...base, guidelineReasons: [{ templateItemId: laserItem.id, reason: "Specialist asked for a laser trial" }] });
    const activities = (await getPlan(w.clinician, kept.id)).activities;
    expect(activities[0]!.guidelineOverride?.reason).toBe("Specialist asked for a laser trial");
    expect(activities[1]!.guidelineOverride).toBeNull();
    expect(await auditCount({ action: "plan.activity.guideline_override", patientId: w.patient.id })).toBe(1);
    expect(await auditCount({ action: "plan.activity.override" })).toBe(0);
  });
});

describe("guideline statements: exercise flag and report", () => {
  beforeEach(truncateAll);

  it("flags a 'consider only with exercise' treatment until the plan has an active exercise", async () => {
    const w = await world();
    await createGuidelineStatement(
      w.admin,
      fixture(w.mobilisation.id, { stance: "CONSIDER_WITH_CONDITION", stanceCondition: "only as part of a treatment package including exercise", requiresExercise: true }),
    );
    await addPlanActivity(w.clinician, { planId: w.plan.id, version: 1, catalogItemId: w.mobilisation.id, setting: "IN_CLINIC", phase: "PAIN_RELIEF", dose: { ...NO_DOSE, durationMin: 10 } });
    const flagsNow = async () => {
      const plan = await getPlan(w.clinician, w.plan.id);
      const stances = await listGuidelineStancesForCondition(w.clinician, { condition: plan.condition, icd10Code: plan.icd10Code });
      return exerciseFlags({ activities: plan.activities.map((a) => ({ catalogItemId: a.catalogItemId, name: a.name, kind: a.kind, status: a.status })), statements: Object.values(stances.byItem).flat(), conditions: stances.conditions });
    };
    expect((await flagsNow()).map((f) => f.message)).toEqual(["FIX FX1 2016 advises Fixture mobilisation only as part of a treatment package including exercise; this plan has no active exercise."]);
    await addPlanActivity(w.clinician, { planId: w.plan.id, version: 2, catalogItemId: w.bridging.id, setting: "HOME", phase: "STRENGTHENING", dose: { ...NO_DOSE, sets: 3, reps: 10, daysPerWeek: 5 } });
    expect(await flagsNow()).toEqual([]);
  });

  it("counts choices against 'do not offer' per treatment with reasons and clinicians, no patient names, in the date range; audited", async () => {
    const w = await world();
    await createGuidelineStatement(w.admin, fixture(w.laser.id));
    const second = await w.db.treatmentPlan.create({
      data: { clinicId: w.clinic.id, patientId: w.patient.id, clinicianId: w.clinicianUser.id, createdById: w.clinicianUser.id, title: "Back 2", condition: "Lumbago", goals: "Walk", status: "ACTIVE", startDate: new Date("2026-11-01T00:00:00Z"), plannedSessions: 6 },
    });
    for (const [planId, reason] of [[w.plan.id, "First reason for the laser"], [second.id, "Second reason for the laser"]] as const) {
      await addPlanActivity(w.clinician, { planId, version: 1, catalogItemId: w.laser.id, setting: "IN_CLINIC", phase: "PAIN_RELIEF", dose: { ...NO_DOSE, durationMin: 10 }, guidelineOverrideReason: reason });
    }
    // One from long ago, outside a range ending today.
    await w.db.planActivity.updateMany({ where: { planId: second.id }, data: { guidelineOverriddenAt: new Date("2025-01-10T12:00:00Z") } });

    const report = await getGuidelineOverrideReport(w.admin, {});
    expect(report.total).toBe(1);
    expect(report.rows).toEqual([
      { catalogItemId: w.laser.id, treatment: "Fixture laser", count: 1, reasons: [expect.objectContaining({ reason: "First reason for the laser", clinicianName: "Dr Fixture Clinician", sources: ["FIX FX1 2016"] })] },
    ]);
    const all = await getGuidelineOverrideReport(w.admin, { from: "2025-01-01", to: report.to });
    expect(all.rows[0]!.count).toBe(2);
    expect(all.rows[0]!.reasons.map((r) => r.reason)).toEqual(["First reason for the laser", "Second reason for the laser"]);
    expect(JSON.stringify(all)).not.toContain(w.patient.lastName);
    expect(await auditCount({ action: "report.guideline_overrides.read", actorId: w.admin.userId })).toBe(2);

    await rejects(getGuidelineOverrideReport(w.clinician, {}), "FORBIDDEN");
    await rejects(getGuidelineOverrideReport(w.admin, { from: "2026-12-10", to: "2026-12-01" }), "VALIDATION");
    // Another clinic's admin sees none of it.
    expect((await getGuidelineOverrideReport(w.otherAdmin, { from: "2025-01-01" })).total).toBe(0);
  });
});
