// The clinic calendar (issue 15, decision 038): every clinician's sessions of a day or a week in
// one statement; patient names only for the clinician's own care team ("Busy" otherwise), none
// for admins; nothing of another clinic; cancelled sessions free their slot.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getClinicCalendar } from "@/lib/domain/sessions/calendar";
import { addDays, todayIn, zonedToUtc } from "@/lib/domain/schedule/dates";
import { AppError } from "@/lib/errors";
import { installRecordingDb, recordQueries } from "@/scripts/lib/query-recorder";
import { actorFor, createClinic, createPatient, createUser, testDb, truncateAll } from "../fixtures/db";

const today = () => todayIn("Europe/London");

async function planFor(clinicId: string, patientId: string, clinicianId: string) {
  return testDb().treatmentPlan.create({
    data: { clinicId, patientId, clinicianId, createdById: clinicianId, title: "Plan", condition: "Knee", goals: "Walk", status: "ACTIVE", startDate: new Date(`${today()}T00:00:00Z`), reviewDate: new Date(`${addDays(today(), 60)}T00:00:00Z`), plannedSessions: 6 },
  });
}

async function book(clinicId: string, planId: string, patientId: string, clinicianId: string, date: string, time: string, status: "SCHEDULED" | "CANCELLED" = "SCHEDULED") {
  return testDb().session.create({ data: { clinicId, planId, patientId, clinicianId, startsAt: zonedToUtc(date, time, "Europe/London"), durationMin: 45, status } });
}

async function world(extraPatients = 0) {
  const clinic = await createClinic();
  const maya = await createUser(clinic.id, "CLINICIAN", "Maya Chen");
  const sam = await createUser(clinic.id, "CLINICIAN", "Sam Okafor");
  const admin = await createUser(clinic.id, "ADMIN");
  const { patient: jordan, portal } = await createPatient(clinic.id, { careTeam: [{ clinicianId: maya.id, isPrimary: true }], withPortal: true });
  const { patient: ana } = await createPatient(clinic.id, { careTeam: [{ clinicianId: sam.id, isPrimary: true }] });
  const jordanPlan = await planFor(clinic.id, jordan.id, maya.id);
  const anaPlan = await planFor(clinic.id, ana.id, sam.id);
  const day = addDays(today(), 2);
  const mayaJordan = await book(clinic.id, jordanPlan.id, jordan.id, maya.id, day, "10:00");
  const samAna = await book(clinic.id, anaPlan.id, ana.id, sam.id, day, "10:00");
  // Jordan also sees Sam once (Sam is not on Jordan's care team).
  const samJordan = await book(clinic.id, jordanPlan.id, jordan.id, sam.id, addDays(day, 1), "09:00");
  const cancelled = await book(clinic.id, anaPlan.id, ana.id, sam.id, day, "14:00", "CANCELLED");
  for (let i = 0; i < extraPatients; i++) {
    const { patient } = await createPatient(clinic.id, { careTeam: [{ clinicianId: sam.id }] });
    const plan = await planFor(clinic.id, patient.id, sam.id);
    await book(clinic.id, plan.id, patient.id, sam.id, day, `${String(11 + (i % 8)).padStart(2, "0")}:${i % 2 ? "00" : "45"}`);
  }
  // Another clinic's clinician and session on the same day.
  const other = await createClinic();
  const otherClinician = await createUser(other.id, "CLINICIAN");
  const { patient: otherPatient } = await createPatient(other.id, { careTeam: [{ clinicianId: otherClinician.id }] });
  const otherPlan = await planFor(other.id, otherPatient.id, otherClinician.id);
  const otherSession = await book(other.id, otherPlan.id, otherPatient.id, otherClinician.id, day, "10:00");
  return { clinic, maya: actorFor(maya), sam: actorFor(sam), admin: actorFor(admin), patient: actorFor(portal!, jordan.id), day, mayaJordan, samAna, samJordan, cancelled, otherSession, jordan, ana };
}

describe("clinic calendar", () => {
  beforeEach(truncateAll);

  it("day view: a column per clinician; names only for the actor's care team, Busy otherwise; no other clinic, no cancelled", async () => {
    const w = await world();
    const cal = await getClinicCalendar(w.maya, { view: "day", date: w.day });
    expect(cal.days).toEqual([w.day]);
    expect(cal.clinicians.map((c) => c.name)).toEqual(["Maya Chen", "Sam Okafor"]);
    const byId = new Map(cal.sessions.map((s) => [s.id, s]));
    expect(byId.get(w.mayaJordan.id)?.patientName).toBe(`${w.jordan.firstName} ${w.jordan.lastName}`);
    // Sam's patient Ana is not Maya's: her session shows as Busy.
    expect(byId.get(w.samAna.id)?.patientName).toBeNull();
    expect(byId.has(w.cancelled.id)).toBe(false);
    expect(byId.has(w.otherSession.id)).toBe(false);
    expect(byId.has(w.samJordan.id)).toBe(false); // the next day
    // Nothing of Ana anywhere in what Maya gets.
    expect(JSON.stringify(cal)).not.toContain(w.ana.lastName);
  });

  it("week view: Monday to Sunday; a patient of the actor's care team is named even with another clinician", async () => {
    const w = await world();
    const cal = await getClinicCalendar(w.maya, { view: "week", date: w.day });
    expect(cal.days).toHaveLength(7);
    expect(new Date(`${cal.start}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(cal.days).toContain(w.day);
    const samJordan = cal.sessions.find((s) => s.id === w.samJordan.id);
    if (cal.days.includes(addDays(w.day, 1))) expect(samJordan?.patientName).toBe(`${w.jordan.firstName} ${w.jordan.lastName}`);
    const sams = await getClinicCalendar(w.sam, { view: "week", date: w.day });
    expect(sams.sessions.find((s) => s.id === w.mayaJordan.id)?.patientName).toBeNull();
    expect(sams.sessions.find((s) => s.id === w.samAna.id)?.patientName).toBe(`${w.ana.firstName} ${w.ana.lastName}`);
  });

  it("admins see every clinician's occupancy and no patient; patients are refused; one audit event for a clinician", async () => {
    const w = await world();
    const cal = await getClinicCalendar(w.admin, { view: "day", date: w.day });
    expect(cal.sessions.map((s) => s.id).sort()).toEqual([w.mayaJordan.id, w.samAna.id].sort());
    expect(cal.sessions.every((s) => s.patientName === null)).toBe(true);
    await expect(getClinicCalendar(w.patient, { view: "day", date: w.day })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getClinicCalendar(w.maya, { view: "day", date: "2026-02-31" })).rejects.toBeInstanceOf(AppError);
    await expect(getClinicCalendar(w.maya, { view: "month" as "day", date: w.day })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await testDb().auditEvent.count({ where: { action: "session.calendar.read" } })).toBe(0);
    await getClinicCalendar(w.maya, { view: "week", date: w.day });
    expect(await testDb().auditEvent.findMany({ where: { action: "session.calendar.read" }, select: { actorId: true, patientId: true } })).toEqual([{ actorId: w.maya.userId, patientId: null }]);
  });

  it("a week across the clocks going back has its 7 days and the sessions at their clock times", async () => {
    const clinic = await createClinic();
    const maya = await createUser(clinic.id, "CLINICIAN", "Maya Chen");
    const { patient } = await createPatient(clinic.id, { careTeam: [{ clinicianId: maya.id }] });
    const plan = await planFor(clinic.id, patient.id, maya.id);
    // British Summer Time ends Sunday 31 October 2027: Monday 25 to Sunday 31 October.
    const sunday = await book(clinic.id, plan.id, patient.id, maya.id, "2027-10-31", "23:30");
    const nextMonday = await book(clinic.id, plan.id, patient.id, maya.id, "2027-11-01", "00:15");
    const cal = await getClinicCalendar(actorFor(maya), { view: "week", date: "2027-10-28" });
    expect(cal.days).toEqual(["2027-10-25", "2027-10-26", "2027-10-27", "2027-10-28", "2027-10-29", "2027-10-30", "2027-10-31"]);
    expect(cal.sessions.map((s) => s.id)).toEqual([sunday.id]);
    expect(cal.sessions[0]!.startsAt).toBe("2027-10-31T23:30:00.000Z");
    expect(nextMonday.startsAt.toISOString()).toBe("2027-11-01T00:15:00.000Z");
  });
});

describe("clinic calendar statement budget", () => {
  let restore: () => Promise<void>;
  beforeAll(() => {
    restore = installRecordingDb();
  });
  afterAll(async () => {
    await restore();
  });

  it("one statement for the range (and the audit event), the same on ten times the sessions", async () => {
    const counts: number[] = [];
    for (const extra of [1, 12]) {
      await truncateAll();
      const w = await world(extra);
      const { result, recording } = await recordQueries(() => getClinicCalendar(w.maya, { view: "day", date: w.day }));
      expect(result.sessions.length).toBe(2 + extra);
      counts.push(recording.statements.length);
      expect(recording.statements.filter((s) => /"Session"/.test(s.sql))).toHaveLength(1);
      const admin = await recordQueries(() => getClinicCalendar(w.admin, { view: "week", date: w.day }));
      expect(admin.recording.statements).toHaveLength(1);
    }
    expect(counts[0]).toBe(2);
    expect(counts[1]).toBe(counts[0]);
  });
});
