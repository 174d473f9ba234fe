// The admin's audit-log view: filters, pagination, clinic scoping and access.
import { beforeEach, describe, expect, it } from "vitest";
import { AUDIT_ACTOR_OPTIONS_LIMIT, listAuditEvents, listAuditFilterOptions } from "@/lib/domain/audit/list-audit-events";
import { getPatientOverview } from "@/lib/domain/patients/get-patient-overview";
import { AppError } from "@/lib/errors";
import { actorFor, createClinic, createPatient, createPlan, createUser, testDb, truncateAll } from "../fixtures/db";

describe("audit log view", () => {
  beforeEach(truncateAll);

  async function setup() {
    const clinic = await createClinic();
    const other = await createClinic();
    const admin = actorFor(await createUser(clinic.id, "ADMIN"));
    const clinicianUser = await createUser(clinic.id, "CLINICIAN", "Dr Audit");
    const clinician = actorFor(clinicianUser);
    const a = await createPatient(clinic.id, { careTeam: [{ clinicianId: clinicianUser.id, isPrimary: true }] });
    const b = await createPatient(clinic.id, { careTeam: [{ clinicianId: clinicianUser.id, isPrimary: true }] });
    await createPlan(clinic.id, a.patient.id, clinicianUser.id);
    const otherClinician = await createUser(other.id, "CLINICIAN");
    const c = await createPatient(other.id, { careTeam: [{ clinicianId: otherClinician.id, isPrimary: true }] });
    await getPatientOverview(clinician, a.patient.id);
    await getPatientOverview(clinician, a.patient.id);
    await getPatientOverview(clinician, b.patient.id);
    await getPatientOverview(actorFor(otherClinician), c.patient.id);
    return { clinic, admin, clinician, a: a.patient, b: b.patient };
  }

  it("lists the clinic's events newest first with actor and patient names", async () => {
    const s = await setup();
    const { rows, total } = await listAuditEvents(s.admin, {});
    expect(total).toBe(3);
    expect(rows[0]).toMatchObject({ action: "patient.read", actorName: "Dr Audit", actorRole: "CLINICIAN", patientId: s.b.id });
    expect(rows[0]!.patientName).toContain("Patient");
    expect(rows.map((r) => r.at)).toEqual([...rows.map((r) => r.at)].sort().reverse());
  });

  it("refuses a date range outside the app's dates instead of failing on it", async () => {
    // /admin/audit?to=9999-12-31 answered 500: the day after 9999-12-31 is no date a query takes.
    const s = await setup();
    for (const range of [{ to: "9999-12-31" }, { from: "0000-01-01" }, { from: "2026-02-30" }]) {
      await expect(listAuditEvents(s.admin, range)).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === "VALIDATION");
    }
    expect((await listAuditEvents(s.admin, { from: "1900-01-01", to: "2200-12-31" })).total).toBe(3);
  });

  it("filters by actor, patient, action and date range", async () => {
    const s = await setup();
    expect((await listAuditEvents(s.admin, { patientId: s.a.id })).total).toBe(2);
    expect((await listAuditEvents(s.admin, { actorId: s.clinician.userId })).total).toBe(3);
    expect((await listAuditEvents(s.admin, { actorId: s.admin.userId })).total).toBe(0);
    expect((await listAuditEvents(s.admin, { action: "plan.read" })).total).toBe(0);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
    expect((await listAuditEvents(s.admin, { from: today, to: today })).total).toBe(3);
    expect((await listAuditEvents(s.admin, { to: "2020-01-01" })).total).toBe(0);
    const options = await listAuditFilterOptions(s.admin);
    expect(options.actions).toEqual(["patient.read"]);
    expect(options.actors.map((a) => a.role).sort()).toEqual(["ADMIN", "CLINICIAN"]);
    expect(options.patient).toBeNull();
    const chosen = await listAuditFilterOptions(s.admin, { patientId: s.a.id, actorId: s.clinician.userId });
    expect(chosen.patient).toEqual({ id: s.a.id, name: `${s.a.firstName} ${s.a.lastName}` });
  });

  it("paginates 50 per page", async () => {
    const s = await setup();
    await testDb().auditEvent.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({ clinicId: s.clinic.id, action: "test.bulk", entityType: "Test", entityId: String(i) })),
    });
    const first = await listAuditEvents(s.admin, { page: 1 });
    const second = await listAuditEvents(s.admin, { page: 2 });
    expect(first.rows).toHaveLength(50);
    expect(second.rows).toHaveLength(13);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(63);
  });

  it("offers bounded filter lists: staff (capped), the actions recorded, the chosen actor and patient by name", async () => {
    const s = await setup();
    const db = testDb();
    const staff = Array.from({ length: AUDIT_ACTOR_OPTIONS_LIMIT + 5 }, (_, i) => ({ clinicId: s.clinic.id, role: "CLINICIAN" as const, name: `Staff ${String(i).padStart(3, "0")}`, email: `staff-${i}-${s.clinic.id}@test.example`, passwordHash: "x" }));
    await db.user.createMany({ data: staff });
    const patientUser = await createUser(s.clinic.id, "PATIENT");
    const other = await createClinic();
    await db.auditEvent.createMany({
      data: [
        ...["auth.sign_in", "plan.read", "plan.read", "zz.last"].map((action) => ({ clinicId: s.clinic.id, action, entityType: "Test" })),
        { clinicId: other.id, action: "other.clinic", entityType: "Test" },
      ],
    });
    const options = await listAuditFilterOptions(s.admin);
    expect(options.actors).toHaveLength(AUDIT_ACTOR_OPTIONS_LIMIT);
    expect(options.actors.some((a) => a.role === "PATIENT")).toBe(false);
    expect(options.actions).toEqual(["auth.sign_in", "patient.read", "plan.read", "zz.last"]);
    const chosen = await listAuditFilterOptions(s.admin, { actorId: patientUser.id });
    expect(chosen.actors.at(-1)).toEqual({ id: patientUser.id, name: patientUser.name, role: "PATIENT" });
    // Another clinic's patient is not named.
    expect((await listAuditFilterOptions(s.admin, { patientId: (await createPatient(other.id)).patient.id })).patient).toBeNull();
  });

  it("is for admins only", async () => {
    const s = await setup();
    await expect(listAuditEvents(s.clinician, {})).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === "FORBIDDEN");
    await expect(listAuditFilterOptions(s.clinician)).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === "FORBIDDEN");
  });
});
