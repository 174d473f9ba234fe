// What the clinician's patient pages read beyond the plan builder: the edit form's details
// (with the version a save starts from) and the flag conflicts, each with the plan it is in.
import { beforeEach, describe, expect, it } from "vitest";
import { locateFlagConflicts } from "@/lib/domain/patients/flag-conflicts";
import { getPatientDetails } from "@/lib/domain/patients/get-patient-details";
import { getPatientOverview } from "@/lib/domain/patients/get-patient-overview";
import { updatePatient } from "@/lib/domain/patients/save-patient";
import { createPlan } from "@/lib/domain/plans/create-plan";
import { addPlanActivity, changePlanActivityStatus } from "@/lib/domain/plans/plan-activities";
import { changePlanStatus } from "@/lib/domain/plans/update-plan";
import type { Contraindication } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { actorFor, auditCount, createClinic, createPatient, createUser, testDb, truncateAll } from "../fixtures/db";

const needlingDose = { durationMin: 15, sets: null, reps: null, holdSec: null, timesPerDay: null, daysPerWeek: null };
const details = { title: "Lower back spasm", condition: "Lower back muscle spasm", icd10Code: "M62.830", goals: "Sit through a working day", startDate: "2026-11-20", reviewDate: null, plannedSessions: 6 };

async function rejects(promise: Promise<unknown>, code: AppError["code"]): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

async function world() {
  const clinic = await createClinic();
  const other = await createClinic();
  const clinician = await createUser(clinic.id, "CLINICIAN");
  const inTeam = actorFor(clinician);
  const outsideTeam = actorFor(await createUser(clinic.id, "CLINICIAN"));
  const otherClinic = actorFor(await createUser(other.id, "CLINICIAN"));
  const admin = actorFor(await createUser(clinic.id, "ADMIN"));
  const { patient, portal } = await createPatient(clinic.id, { careTeam: [{ clinicianId: clinician.id, isPrimary: true }], withPortal: true });
  const patientActor = actorFor(portal!, patient.id);
  const needling = await testDb().catalogItem.create({
    data: {
      clinicId: clinic.id,
      name: "Dry needling",
      kind: "MODALITY",
      category: "NEEDLING",
      setting: "IN_CLINIC",
      description: "d",
      patientInstructions: "i",
      contraindications: ["ANTICOAGULANTS", "NEEDLE_PHOBIA"],
      status: "ACTIVE",
    },
  });
  // An ACTIVE plan with dry needling, assigned while the patient had no flags.
  const plan = await createPlan(inTeam, { patientId: patient.id, ...details });
  const added = await addPlanActivity(inTeam, { planId: plan.id, version: plan.version, catalogItemId: needling.id, setting: "IN_CLINIC", phase: "PAIN_RELIEF", dose: needlingDose });
  const active = await changePlanStatus(inTeam, { planId: plan.id, version: added.version, status: "ACTIVE" });
  return { clinic, inTeam, outsideTeam, otherClinic, admin, patient, patientActor, needling, planId: plan.id, planVersion: active.version, activityId: added.activityId };
}

async function setFlags(w: Awaited<ReturnType<typeof world>>, contraindications: Contraindication[]) {
  const current = await testDb().patient.findUniqueOrThrow({ where: { id: w.patient.id } });
  return updatePatient(w.inTeam, {
    patientId: w.patient.id,
    version: current.version,
    firstName: current.firstName,
    lastName: current.lastName,
    dateOfBirth: "1980-05-05",
    email: null,
    phone: null,
    contraindications,
  });
}

describe("patient details for the edit form", () => {
  beforeEach(truncateAll);

  it("gives the care team the details with the version a save starts from, audited as one read", async () => {
    const w = await world();
    const before = await auditCount({ action: "patient.read", patientId: w.patient.id });
    const details = await getPatientDetails(w.inTeam, w.patient.id);
    expect(details).toMatchObject({ id: w.patient.id, firstName: "Test", lastName: w.patient.lastName, dateOfBirth: "1980-05-05", flags: [], version: w.patient.version });
    expect(await auditCount({ action: "patient.read", patientId: w.patient.id })).toBe(before + 1);

    const saved = await setFlags(w, ["OSTEOPOROSIS"]);
    expect((await getPatientDetails(w.inTeam, w.patient.id)).version).toBe(saved.version);
    expect((await getPatientDetails(w.inTeam, w.patient.id)).flags).toEqual(["OSTEOPOROSIS"]);
  });

  it("is not found outside the care team or clinic, and forbidden to admins and patients", async () => {
    const w = await world();
    const before = await auditCount({ action: "patient.read" });
    await rejects(getPatientDetails(w.outsideTeam, w.patient.id), "NOT_FOUND");
    await rejects(getPatientDetails(w.otherClinic, w.patient.id), "NOT_FOUND");
    await rejects(getPatientDetails(w.inTeam, "not-an-id"), "NOT_FOUND");
    await rejects(getPatientDetails(w.admin, w.patient.id), "FORBIDDEN");
    await rejects(getPatientDetails(w.patientActor, w.patient.id), "FORBIDDEN");
    expect(await auditCount({ action: "patient.read" })).toBe(before);
  });
});

describe("flag conflicts with their plans", () => {
  beforeEach(truncateAll);

  it("puts the conflicts of the current flags on the overview, with one audit event per read", async () => {
    const w = await world();
    expect((await getPatientOverview(w.inTeam, w.patient.id)).flagConflicts).toEqual([]);

    await setFlags(w, ["NEEDLE_PHOBIA", "PREGNANCY"]);
    const reads = await auditCount({ action: "patient.read", patientId: w.patient.id });
    const all = await auditCount({ patientId: w.patient.id });
    const overview = await getPatientOverview(w.inTeam, w.patient.id);
    expect(overview.flagConflicts).toEqual([
      { activityId: w.activityId, activityName: "Dry needling", flags: ["NEEDLE_PHOBIA"], plan: { id: w.planId, title: "Lower back spasm", status: "ACTIVE" } },
    ]);
    // Exactly one event for the read, and it is the patient read.
    expect(await auditCount({ patientId: w.patient.id })).toBe(all + 1);
    expect(await auditCount({ action: "patient.read", patientId: w.patient.id })).toBe(reads + 1);

    // A stopped activity is no longer in force: nothing left to review.
    await changePlanActivityStatus(w.inTeam, { planId: w.planId, version: w.planVersion, activityId: w.activityId, status: "STOPPED" });
    expect((await getPatientOverview(w.inTeam, w.patient.id)).flagConflicts).toEqual([]);
  });

  it("locates the plan of each conflict a save reported, for the care team only", async () => {
    const w = await world();
    const saved = await setFlags(w, ["ANTICOAGULANTS"]);
    expect(saved.conflicts).toHaveLength(1);
    expect(await locateFlagConflicts(w.inTeam, w.patient.id, saved.conflicts)).toEqual([
      { ...saved.conflicts[0], plan: { id: w.planId, title: "Lower back spasm", status: "ACTIVE" } },
    ]);
    expect(await locateFlagConflicts(w.inTeam, w.patient.id, [])).toEqual([]);
    await rejects(locateFlagConflicts(w.outsideTeam, w.patient.id, saved.conflicts), "NOT_FOUND");
    await rejects(locateFlagConflicts(w.otherClinic, w.patient.id, saved.conflicts), "NOT_FOUND");
    await rejects(locateFlagConflicts(w.admin, w.patient.id, saved.conflicts), "FORBIDDEN");

    // An activity of another patient is never attached, even when the caller passes its id.
    const { patient: other } = await createPatient(w.clinic.id, { careTeam: [{ clinicianId: w.inTeam.userId }] });
    expect(await locateFlagConflicts(w.inTeam, other.id, saved.conflicts)).toEqual([]);
  });
});
