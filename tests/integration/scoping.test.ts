// Care-team, clinic and own-record scoping of the domain functions, with their audit events.
import { beforeEach, describe, expect, it } from "vitest";
import { getPatientOverview } from "@/lib/domain/patients/get-patient-overview";
import { listCareTeamPatients } from "@/lib/domain/patients/list-care-team-patients";
import { getPlan } from "@/lib/domain/plans/get-plan";
import { getPatientHome } from "@/lib/domain/portal/get-patient-home";
import { listCatalogItems } from "@/lib/domain/catalog/list-catalog-items";
import { AppError } from "@/lib/errors";
import { actorFor, auditCount, createClinic, createPatient, createPlan, createUser, truncateAll } from "../fixtures/db";

async function world() {
  const clinic = await createClinic();
  const other = await createClinic();
  const inTeam = await createUser(clinic.id, "CLINICIAN");
  const outsideTeam = await createUser(clinic.id, "CLINICIAN");
  const otherClinic = await createUser(other.id, "CLINICIAN");
  const admin = await createUser(clinic.id, "ADMIN");
  const a = await createPatient(clinic.id, { careTeam: [{ clinicianId: inTeam.id, isPrimary: true }], withPortal: true });
  const b = await createPatient(clinic.id, { careTeam: [{ clinicianId: outsideTeam.id, isPrimary: true }], withPortal: true });
  const planA = await createPlan(clinic.id, a.patient.id, inTeam.id);
  const draftA = await createPlan(clinic.id, a.patient.id, inTeam.id, { status: "DRAFT" });
  const planB = await createPlan(clinic.id, b.patient.id, outsideTeam.id);
  return {
    clinic,
    planA,
    draftA,
    planB,
    patientA: a.patient,
    actors: {
      inTeam: actorFor(inTeam),
      outsideTeam: actorFor(outsideTeam),
      otherClinic: actorFor(otherClinic),
      admin: actorFor(admin),
      patientA: actorFor(a.portal!, a.patient.id),
      patientB: actorFor(b.portal!, b.patient.id),
    },
  };
}

async function expectCode(promise: Promise<unknown>, code: AppError["code"]) {
  await expect(promise).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === code);
}

describe("care-team, clinic and own-record scoping", () => {
  beforeEach(truncateAll);

  it("lets a clinician in the care team read the patient's record and audits the read", async () => {
    const w = await world();
    const overview = await getPatientOverview(w.actors.inTeam, w.patientA.id);
    expect(overview.id).toBe(w.patientA.id);
    expect(overview.activePlan?.id).toBe(w.planA.id);
    expect(await auditCount({ action: "patient.read", actorId: w.actors.inTeam.userId, patientId: w.patientA.id })).toBe(1);
  });

  it("answers NOT_FOUND to a clinician outside the care team, and to a clinician of another clinic", async () => {
    const w = await world();
    await expectCode(getPatientOverview(w.actors.outsideTeam, w.patientA.id), "NOT_FOUND");
    await expectCode(getPatientOverview(w.actors.otherClinic, w.patientA.id), "NOT_FOUND");
    await expectCode(getPlan(w.actors.outsideTeam, w.planA.id), "NOT_FOUND");
    await expectCode(getPlan(w.actors.otherClinic, w.planA.id), "NOT_FOUND");
    expect(await auditCount({ action: "patient.read" })).toBe(0);
  });

  it("lists only the clinician's own care-team patients", async () => {
    const w = await world();
    const mine = await listCareTeamPatients(w.actors.inTeam);
    expect(mine.rows.map((r) => r.id)).toEqual([w.patientA.id]);
    expect(mine.total).toBe(1);
    expect(mine.rows[0]?.isPrimary).toBe(true);
    const otherClinic = await listCareTeamPatients(w.actors.otherClinic);
    expect(otherClinic.rows).toEqual([]);
  });

  it("lets a patient read their own active plan but not a draft, and not another patient's plan", async () => {
    const w = await world();
    const plan = await getPlan(w.actors.patientA, w.planA.id);
    expect(plan.activities).toHaveLength(1);
    expect(await auditCount({ action: "plan.read", actorId: w.actors.patientA.userId })).toBe(1);
    await expectCode(getPlan(w.actors.patientA, w.draftA.id), "NOT_FOUND");
    await expectCode(getPlan(w.actors.patientA, w.planB.id), "NOT_FOUND");
    await expectCode(getPlan(w.actors.patientB, w.planA.id), "NOT_FOUND");
  });

  it("shows a patient's home with today's due home activities", async () => {
    const w = await world();
    const home = await getPatientHome(w.actors.patientA);
    expect(home.plan?.id).toBe(w.planA.id);
    expect(home.plan?.due.map((a) => a.id)).toEqual([w.planA.activities[0]!.id]);
    expect(home.plan?.due[0]?.log).toBeNull();
  });

  it("refuses a patient the clinic's record of them, their own included (their view is the portal)", async () => {
    // It used to answer a patient actor for their own id: draft plans, every session, the care
    // team's outcome trends. Only the page's role check stood in the way.
    const w = await world();
    await expectCode(getPatientOverview(w.actors.patientA, w.patientA.id), "FORBIDDEN");
    await expectCode(getPatientOverview(w.actors.patientB, w.patientA.id), "FORBIDDEN");
    expect(await auditCount({ action: "patient.read" })).toBe(0);
  });

  it("forbids areas of another role", async () => {
    const w = await world();
    await expectCode(getPatientOverview(w.actors.admin, w.patientA.id), "FORBIDDEN");
    await expectCode(getPlan(w.actors.admin, w.planA.id), "FORBIDDEN");
    await expectCode(listCatalogItems(w.actors.patientA), "FORBIDDEN");
    await expectCode(getPatientHome(w.actors.inTeam), "FORBIDDEN");
  });

  it("shows clinicians only ACTIVE catalog items and admins every status", async () => {
    const w = await world();
    const { testDb } = await import("../fixtures/db");
    await testDb().catalogItem.create({
      data: { clinicId: w.clinic.id, name: "Draft laser", kind: "MODALITY", category: "ELECTRO_LASER_SHOCKWAVE", setting: "IN_CLINIC", description: "d", patientInstructions: "p" },
    });
    const forClinician = await listCatalogItems(w.actors.inTeam);
    const forAdmin = await listCatalogItems(w.actors.admin);
    expect(forClinician.rows.every((r) => r.status === "ACTIVE")).toBe(true);
    expect(forAdmin.total).toBe(forClinician.total + 1);
    const otherClinic = await listCatalogItems(w.actors.otherClinic);
    expect(otherClinic.total).toBe(0);
  });

  it("refuses an actor whose scope values are missing instead of widening the query", async () => {
    const w = await world();
    await expectCode(getPatientOverview({ ...w.actors.inTeam, clinicId: "" }, w.patientA.id), "UNAUTHENTICATED");
    await expectCode(getPlan({ ...w.actors.patientA, patientId: null }, w.planA.id), "FORBIDDEN");
  });
});
