// A series of sessions (issue 15, decision 038): the preview marks every clash and writes nothing;
// booking is all or none, checks clashes again at write time, keeps to the care team and the
// clinic, and leaves one audit event.
import { beforeEach, describe, expect, it } from "vitest";
import { scheduleSession } from "@/lib/domain/sessions/scheduling";
import { previewSessionSeries, scheduleSessionSeries } from "@/lib/domain/sessions/series";
import { addDays, todayIn, zonedToUtc } from "@/lib/domain/schedule/dates";
import { AppError } from "@/lib/errors";
import { actorFor, createClinic, createPatient, createUser, testDb, truncateAll } from "../fixtures/db";

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

const today = () => todayIn("Europe/London");

async function planFor(clinicId: string, patientId: string, clinicianId: string) {
  return testDb().treatmentPlan.create({
    data: { clinicId, patientId, clinicianId, createdById: clinicianId, title: "Plan", condition: "Knee", goals: "Walk", status: "ACTIVE", startDate: new Date(`${today()}T00:00:00Z`), reviewDate: new Date(`${addDays(today(), 60)}T00:00:00Z`), plannedSessions: 6 },
  });
}

async function world() {
  const clinic = await createClinic();
  const clinicianUser = await createUser(clinic.id, "CLINICIAN");
  const clinician = actorFor(clinicianUser);
  const outsider = actorFor(await createUser(clinic.id, "CLINICIAN"));
  const admin = actorFor(await createUser(clinic.id, "ADMIN"));
  const { patient } = await createPatient(clinic.id, { careTeam: [{ clinicianId: clinicianUser.id, isPrimary: true }] });
  const plan = await planFor(clinic.id, patient.id, clinicianUser.id);
  // Another clinic, its clinician and patient.
  const other = await createClinic();
  const otherClinician = await createUser(other.id, "CLINICIAN");
  const { patient: otherPatient } = await createPatient(other.id, { careTeam: [{ clinicianId: otherClinician.id, isPrimary: true }] });
  const otherPlan = await planFor(other.id, otherPatient.id, otherClinician.id);
  return { clinic, clinician, outsider, admin, patient, plan, otherPlan };
}

const sessionCount = () => testDb().session.count();
const auditCount = (action: string) => testDb().auditEvent.count({ where: { action } });

describe("session series", () => {
  beforeEach(truncateAll);

  it("previews every occurrence with its clash and writes nothing", async () => {
    const w = await world();
    const first = addDays(today(), 7);
    // The clinician is already busy at 10:30 on the series' third date (another patient's session counts too).
    const { patient: another } = await createPatient(w.clinic.id, { careTeam: [{ clinicianId: w.clinician.userId }] });
    const anotherPlan = await planFor(w.clinic.id, another.id, w.clinician.userId);
    await scheduleSession(w.clinician, { planId: anotherPlan.id, date: addDays(first, 14), time: "10:30", durationMin: 30 });
    const before = await sessionCount();

    const { rows } = await previewSessionSeries(w.clinician, { planId: w.plan.id, date: first, time: "10:00", durationMin: 45, frequency: "WEEKLY", count: 4 });
    expect(rows.map((r) => r.date)).toEqual([first, addDays(first, 7), addDays(first, 14), addDays(first, 21)]);
    expect(rows.map((r) => Boolean(r.clash))).toEqual([false, false, true, false]);
    expect(rows[2]!.clash).toMatch(/^Overlaps your session at .*10:30 \(30 min\)$/);
    expect(rows[0]!.startsAt).toBe(zonedToUtc(first, "10:00", "Europe/London").toISOString());
    expect(await sessionCount()).toBe(before);
    expect(await testDb().auditEvent.count({ where: { action: { startsWith: "session.schedule_series" } } })).toBe(0);
  });

  it("books the non-clashing occurrences all at once, with one audit event naming the plan and patient", async () => {
    const w = await world();
    const first = addDays(today(), 7);
    await scheduleSession(w.clinician, { planId: w.plan.id, date: addDays(first, 3), time: "09:00", durationMin: 60 });
    const input = { planId: w.plan.id, date: first, time: "09:30", durationMin: 30, frequency: "TWICE_WEEKLY" as const, secondDay: ((new Date(`${first}T00:00:00Z`).getUTCDay() + 3) % 7) || 7, count: 4 };
    const { rows } = await previewSessionSeries(w.clinician, input);
    const skip = rows.filter((r) => r.clash).map((r) => r.date);
    expect(skip).toEqual([addDays(first, 3)]);

    // Booking the clash is refused as a whole.
    await rejects(scheduleSessionSeries(w.clinician, input), "CONFLICT");
    expect(await testDb().session.count({ where: { planId: w.plan.id } })).toBe(1);

    const booked = await scheduleSessionSeries(w.clinician, { ...input, skip });
    expect(booked.ids).toHaveLength(3);
    expect(booked.firstDate).toBe(first);
    const sessions = await testDb().session.findMany({ where: { id: { in: booked.ids } }, orderBy: { startsAt: "asc" } });
    expect(sessions.map((s) => [s.status, s.durationMin, s.clinicianId, s.patientId])).toEqual(Array(3).fill(["SCHEDULED", 30, w.clinician.userId, w.patient.id]));
    expect(sessions.map((s) => s.startsAt.toISOString())).toEqual(rows.filter((r) => !r.clash).map((r) => r.startsAt));
    const events = await testDb().auditEvent.findMany({ where: { action: "session.schedule_series" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: w.clinician.userId, entityType: "TreatmentPlan", entityId: w.plan.id, patientId: w.patient.id });
  });

  it("re-checks at write time: a clash booked between preview and confirm refuses the series, nothing written", async () => {
    const w = await world();
    const first = addDays(today(), 10);
    const input = { planId: w.plan.id, date: first, time: "15:00", durationMin: 45, frequency: "WEEKLY" as const, count: 6 };
    const { rows } = await previewSessionSeries(w.clinician, input);
    expect(rows.filter((r) => r.clash)).toHaveLength(0);
    // Meanwhile, in another tab: a session on the fifth date.
    await scheduleSession(w.clinician, { planId: w.plan.id, date: addDays(first, 28), time: "15:30", durationMin: 15 });
    const before = await sessionCount();
    const error = await rejects(scheduleSessionSeries(w.clinician, { ...input, skip: [] }), "CONFLICT");
    expect(error.message).toMatch(/Nothing was booked/);
    expect(await sessionCount()).toBe(before);
    expect(await auditCount("session.schedule_series")).toBe(0);
  });

  it("keeps to the care team and the clinic: another clinician's, another clinic's plan and an admin are refused", async () => {
    const w = await world();
    const input = (planId: string) => ({ planId, date: addDays(today(), 3), time: "11:00", durationMin: 45, frequency: "WEEKLY" as const, count: 3 });
    await rejects(previewSessionSeries(w.outsider, input(w.plan.id)), "NOT_FOUND");
    await rejects(scheduleSessionSeries(w.outsider, input(w.plan.id)), "NOT_FOUND");
    await rejects(previewSessionSeries(w.clinician, input(w.otherPlan.id)), "NOT_FOUND");
    await rejects(scheduleSessionSeries(w.clinician, input(w.otherPlan.id)), "NOT_FOUND");
    await expect(scheduleSessionSeries(w.admin, input(w.plan.id))).rejects.toBeInstanceOf(AppError);
    expect(await sessionCount()).toBe(0);
    expect(await auditCount("session.schedule_series")).toBe(0);
  });

  it("refuses bad input and a closed plan with clear errors, nothing written", async () => {
    const w = await world();
    const base = { planId: w.plan.id, date: addDays(today(), 3), time: "11:00", durationMin: 45, frequency: "WEEKLY" as const, count: 3 };
    expect((await rejects(scheduleSessionSeries(w.clinician, { ...base, count: 40 }), "VALIDATION")).fieldErrors).toHaveProperty("count");
    expect((await rejects(previewSessionSeries(w.clinician, { ...base, frequency: "TWICE_WEEKLY" }), "VALIDATION")).fieldErrors).toHaveProperty("secondDay");
    // Skipping a date that is not in the series, or every date.
    await rejects(scheduleSessionSeries(w.clinician, { ...base, skip: [addDays(base.date, 1)] }), "VALIDATION");
    await rejects(scheduleSessionSeries(w.clinician, { ...base, skip: [base.date, addDays(base.date, 7), addDays(base.date, 14)] }), "VALIDATION");
    await testDb().treatmentPlan.update({ where: { id: w.plan.id }, data: { status: "COMPLETED" } });
    await rejects(scheduleSessionSeries(w.clinician, base), "VALIDATION");
    expect(await sessionCount()).toBe(0);
  });
});
