// The admin's audit-log view: filters, pagination, clinic scoping and access.
import { beforeEach, describe, expect, it } from "vitest";
import { AUDIT_ACTOR_OPTIONS_LIMIT, AUDIT_PAGE_SIZE, listAuditEvents, listAuditFilterOptions } from "@/lib/domain/audit/list-audit-events";
import { plural } from "@/lib/intl/plural";
import { installRecordingDb, recordQueries } from "@/scripts/lib/query-recorder";
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

  /** A clinic with named people and records, and events about them as the app records them. */
  async function namedWorld() {
    const db = testDb();
    const clinic = await createClinic();
    const admin = actorFor(await createUser(clinic.id, "ADMIN", "Priya Admin"));
    const sam = await createUser(clinic.id, "CLINICIAN", "Sam Rivera");
    const { patient: jordan } = await createPatient(clinic.id, { careTeam: [{ clinicianId: sam.id, isPrimary: true }], flags: ["PREGNANCY"] });
    await db.patient.update({ where: { id: jordan.id }, data: { firstName: "Jordan", lastName: "Lee" } });
    const plan = await createPlan(clinic.id, jordan.id, sam.id);
    const session = await db.session.create({
      data: { clinicId: clinic.id, planId: plan.id, patientId: jordan.id, clinicianId: sam.id, startsAt: new Date("2026-11-12T09:00:00Z"), durationMin: 30, status: "COMPLETED", noteStatus: "SIGNED" },
    });
    const item = await db.catalogItem.findFirstOrThrow({ where: { clinicId: clinic.id } });
    const override = await db.planActivity.create({
      data: {
        clinicId: clinic.id, planId: plan.id, catalogItemId: item.id, nameSnapshot: "Ultrasound", instructionsSnapshot: "i", kindSnapshot: "MODALITY",
        catalogVersionSnapshot: 1, setting: "IN_CLINIC", phase: "PAIN_RELIEF", position: 5,
        overriddenFlags: ["PREGNANCY"], overrideReason: "Lumbar area away from the abdomen, agreed with the obstetrician", overriddenById: sam.id, overriddenAt: new Date(),
      },
    });
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 12, 10, minute));
    const event = (minute: number, action: string, entityType: string, entityId: string | null, patientId: string | null = jordan.id, actorId: string | null = sam.id) =>
      ({ clinicId: clinic.id, actorId, actorRole: actorId ? ("CLINICIAN" as const) : null, action, entityType, entityId, patientId, at: at(minute) });
    await db.auditEvent.createMany({
      data: [
        event(1, "session.note.sign", "Session", session.id),
        event(2, "plan.activity.override", "PlanActivity", override.id),
        event(3, "patient.read", "Patient", jordan.id),
        event(4, "plan.status.active", "TreatmentPlan", plan.id),
        event(5, "auth.lockout", "User", sam.id, null, null),
        event(6, "catalog.retire", "CatalogItem", item.id, null),
        event(7, "session.read", "Session", "gone-session-id"),
      ],
    });
    return { clinic, admin, sam, jordan, plan, session, item };
  }

  it("says each event in words, with names instead of ids, and shows a contraindication override's reason", async () => {
    const w = await namedWorld();
    const { rows, total } = await listAuditEvents({ ...w.admin, timeZone: "Europe/London" }, {});
    expect(total).toBe(7);
    const byAction = new Map(rows.map((r) => [r.action, r]));
    // Plans are named by their start date: a title carries the condition, which admins do not read.
    const started = `plan starting ${new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(w.plan.startDate)}`;
    expect(rows.map((r) => r.sentence).join(" ")).not.toContain(w.plan.title);
    expect(byAction.get("session.note.sign")!.sentence).toBe("Sam Rivera signed a session note for Jordan Lee: session on 12 Nov 2026, 09:00.");
    expect(byAction.get("plan.activity.override")!.sentence).toBe(`Sam Rivera added an activity despite a contraindication for Jordan Lee: “Ultrasound” in the ${started}.`);
    expect(byAction.get("plan.activity.override")!.overrideReason).toBe("pregnancy: Lumbar area away from the abdomen, agreed with the obstetrician");
    expect(byAction.get("patient.read")!.sentence).toBe("Sam Rivera viewed a patient's record: Jordan Lee.");
    expect(byAction.get("plan.status.active")!.sentence).toBe(`Sam Rivera activated a plan for Jordan Lee: ${started}.`);
    expect(byAction.get("auth.lockout")!.sentence).toBe("Account locked after failed sign-ins: Sam Rivera.");
    expect(byAction.get("catalog.retire")!.sentence).toBe(`Sam Rivera retired a treatment: “${w.item.name}”.`);
    // A record that no longer exists (or was never this clinic's) is not named, and no id is shown.
    expect(byAction.get("session.read")!.sentence).toBe("Sam Rivera viewed a session for Jordan Lee.");
    for (const r of rows) {
      expect(r.sentence).not.toContain(w.session.id);
      expect(r.sentence).not.toContain(w.plan.id);
      if (r.action !== "plan.activity.override") expect(r.overrideReason).toBeNull();
    }
  });

  it("names records of its own clinic only", async () => {
    const w = await namedWorld();
    const other = await createClinic();
    const otherAdmin = actorFor(await createUser(other.id, "ADMIN"));
    // The other clinic's admin sees no event, and an event of theirs pointing at this clinic's session stays unnamed.
    await testDb().auditEvent.create({ data: { clinicId: other.id, action: "session.read", entityType: "Session", entityId: w.session.id, patientId: w.jordan.id } });
    const { rows } = await listAuditEvents(otherAdmin, {});
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sentence).toBe("Someone not signed in viewed a session.");
  });

  it("costs a bounded number of statements, the same for 7 events as for 43 of many kinds and patients", async () => {
    const w = await namedWorld();
    const restore = installRecordingDb();
    try {
      const few = await recordQueries(() => listAuditEvents(w.admin, {}));
      const db = testDb();
      const extra = [];
      for (let i = 0; i < 12; i++) {
        const { patient } = await createPatient(w.clinic.id);
        const plan = await createPlan(w.clinic.id, patient.id, w.sam.id);
        extra.push({ clinicId: w.clinic.id, actorId: w.sam.id, action: "plan.read", entityType: "TreatmentPlan", entityId: plan.id, patientId: patient.id });
        extra.push({ clinicId: w.clinic.id, actorId: w.sam.id, action: "patient.read", entityType: "Patient", entityId: patient.id, patientId: patient.id });
        extra.push({ clinicId: w.clinic.id, actorId: w.sam.id, action: "catalog.update", entityType: "CatalogItem", entityId: plan.id, patientId: null });
      }
      await db.auditEvent.createMany({ data: extra });
      const many = await recordQueries(() => listAuditEvents(w.admin, {}));
      expect(many.result.rows).toHaveLength(43);
      expect(AUDIT_PAGE_SIZE).toBeGreaterThanOrEqual(43);
      expect(many.recording.statements.length).toBe(few.recording.statements.length);
      // Events and their actors, the count, patients, and one per kind of record (7 kinds here).
      expect(many.recording.statements.length).toBeLessThanOrEqual(12);
    } finally {
      await restore();
    }
  });

  it("counts in words with the right plural", () => {
    expect(plural(1, "matching event")).toBe("1 matching event");
    expect(plural(0, "matching event")).toBe("0 matching events");
    expect(plural(1200, "event")).toBe("1,200 events");
  });
});
