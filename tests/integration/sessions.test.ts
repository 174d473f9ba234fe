// Sessions: scheduling with double-booking refusal, draft notes with per-kind parameters, the
// draft's author as its only editor and signer, signing that locks the note and completes the
// session, addenda, outcomes and progress.
import { beforeEach, describe, expect, it } from "vitest";
import { recordOutcome } from "@/lib/domain/outcomes/record-outcome";
import { getProgress } from "@/lib/domain/progress/get-progress";
import { getSession } from "@/lib/domain/sessions/get-session";
import { getClinicianDashboard, listWeekSessions } from "@/lib/domain/sessions/list-sessions";
import { changeSessionStatus, rescheduleSession, scheduleSession } from "@/lib/domain/sessions/scheduling";
import { addSessionAddendum, saveSessionNote, signSessionNote } from "@/lib/domain/sessions/session-note";
import { copyForwardNote } from "@/lib/domain/sessions/copy-forward";
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

async function world() {
  const db = testDb();
  const clinic = await createClinic();
  const clinicianUser = await createUser(clinic.id, "CLINICIAN");
  const clinician = actorFor(clinicianUser);
  const outsider = actorFor(await createUser(clinic.id, "CLINICIAN"));
  const { patient, portal } = await createPatient(clinic.id, { careTeam: [{ clinicianId: clinicianUser.id, isPrimary: true }], withPortal: true });
  const patientActor = actorFor(portal!, patient.id);
  const shock = await db.catalogItem.create({ data: { clinicId: clinic.id, name: "Shock wave therapy", kind: "MODALITY", category: "ELECTRO_LASER_SHOCKWAVE", setting: "IN_CLINIC", description: "d", patientInstructions: "p", status: "ACTIVE" } });
  const bridging = await db.catalogItem.create({ data: { clinicId: clinic.id, name: "Bridging", kind: "EXERCISE", category: "STRENGTH", setting: "HOME", description: "d", patientInstructions: "p", status: "ACTIVE" } });
  const start = addDays(today(), -14);
  const plan = await db.treatmentPlan.create({
    data: {
      clinicId: clinic.id,
      patientId: patient.id,
      clinicianId: clinicianUser.id,
      createdById: clinicianUser.id,
      title: "Plan",
      condition: "Low back pain",
      goals: "Less pain",
      status: "ACTIVE",
      startDate: new Date(`${start}T00:00:00Z`),
      reviewDate: new Date(`${addDays(today(), -1)}T00:00:00Z`),
      plannedSessions: 6,
      activities: {
        create: [
          { clinicId: clinic.id, catalogItemId: shock.id, nameSnapshot: shock.name, instructionsSnapshot: "p", kindSnapshot: "MODALITY", catalogVersionSnapshot: 1, setting: "IN_CLINIC", phase: "PAIN_RELIEF", position: 0, durationMin: 10 },
          { clinicId: clinic.id, catalogItemId: bridging.id, nameSnapshot: bridging.name, instructionsSnapshot: "p", kindSnapshot: "EXERCISE", catalogVersionSnapshot: 1, setting: "HOME", phase: "STRENGTHENING", position: 1, sets: 2, reps: 10, daysPerWeek: 7 },
        ],
      },
    },
    include: { activities: { orderBy: { position: "asc" } } },
  });
  const [shockActivity, bridgingActivity] = plan.activities;
  return { clinic, clinician, outsider, patient, patientActor, plan, shockActivity: shockActivity!, bridgingActivity: bridgingActivity! };
}

async function pastSession(w: Awaited<ReturnType<typeof world>>, daysAgo = 1) {
  return testDb().session.create({
    data: { clinicId: w.clinic.id, planId: w.plan.id, patientId: w.patient.id, clinicianId: w.clinician.userId, startsAt: zonedToUtc(addDays(today(), -daysAgo), "10:00", "Europe/London"), durationMin: 45 },
  });
}

const shockParameters = { device: "SHOCK_WAVE", pulses: 2000, pressureBar: 2.5, frequencyHz: 10, area: "Lumbar paraspinals" };

describe("sessions", () => {
  beforeEach(truncateAll);

  it("schedules at a wall-clock time in the clinic's time zone and refuses double-booking", async () => {
    const w = await world();
    const date = addDays(today(), 3);
    const { id } = await scheduleSession(w.clinician, { planId: w.plan.id, date, time: "10:00", durationMin: 45 });
    const row = await testDb().session.findUniqueOrThrow({ where: { id } });
    expect(row.startsAt.toISOString()).toBe(zonedToUtc(date, "10:00", "Europe/London").toISOString());
    const clash = await rejects(scheduleSession(w.clinician, { planId: w.plan.id, date, time: "10:30", durationMin: 30 }), "VALIDATION");
    expect(clash.fieldErrors?.time?.[0]).toMatch(/already have a session/);
    await expect(scheduleSession(w.clinician, { planId: w.plan.id, date, time: "10:45", durationMin: 30 })).resolves.toHaveProperty("id");
    expect((await listWeekSessions(w.clinician, date)).map((s) => s.startsAt)).toHaveLength(2);
    await rejects(scheduleSession(w.outsider, { planId: w.plan.id, date, time: "14:00", durationMin: 30 }), "NOT_FOUND");
  });

  it("reschedules, cancels and refuses a no-show before the start time", async () => {
    const w = await world();
    const date = addDays(today(), 5);
    const { id } = await scheduleSession(w.clinician, { planId: w.plan.id, date, time: "09:00", durationMin: 30 });
    const moved = await rescheduleSession(w.clinician, { sessionId: id, version: 1, date, time: "11:00", durationMin: 30 });
    await rejects(rescheduleSession(w.clinician, { sessionId: id, version: 1, date, time: "12:00", durationMin: 30 }), "CONFLICT");
    await rejects(changeSessionStatus(w.clinician, { sessionId: id, version: moved.version, status: "NO_SHOW" }), "VALIDATION");
    await changeSessionStatus(w.clinician, { sessionId: id, version: moved.version, status: "CANCELLED", reason: "Patient unwell" });
    expect((await testDb().session.findUniqueOrThrow({ where: { id } })).status).toBe("CANCELLED");
  });

  it("validates performed-treatment parameters per kind of treatment", async () => {
    const w = await world();
    const session = await pastSession(w);
    const bad = await rejects(
      saveSessionNote(w.clinician, { sessionId: session.id, version: 1, painBefore: 6, painAfter: 4, performed: [{ planActivityId: w.shockActivity.id, status: "COMPLETED", parameters: { device: "SHOCK_WAVE", pulses: 50, pressureBar: 9, frequencyHz: 10, area: "L4" } }] }),
      "VALIDATION",
    );
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["performed.0.parameters.pressureBar", "performed.0.parameters.pulses"]);
    const homeOnly = await rejects(
      saveSessionNote(w.clinician, { sessionId: session.id, version: 1, painBefore: 6, painAfter: 4, performed: [{ planActivityId: w.bridgingActivity.id, status: "COMPLETED", parameters: {} }] }),
      "VALIDATION",
    );
    expect(homeOnly.fieldErrors).toHaveProperty(["performed.0.planActivityId"]);
    await rejects(saveSessionNote(w.clinician, { sessionId: session.id, version: 1, painBefore: 11, painAfter: 4 }), "VALIDATION");
    expect((await testDb().session.findUniqueOrThrow({ where: { id: session.id } })).version).toBe(1);
  });

  it("signing locks the note and completes the session in one transaction; nothing can change a signed note", async () => {
    const w = await world();
    const session = await pastSession(w);
    await rejects(signSessionNote(w.clinician, { sessionId: session.id, version: 1 }), "VALIDATION"); // empty note
    const saved = await saveSessionNote(w.clinician, {
      sessionId: session.id,
      version: 1,
      painBefore: 6,
      painAfter: 3,
      subjective: "Pain after gardening",
      assessment: "Improving",
      patientSummary: "Good session",
      performed: [{ planActivityId: w.shockActivity.id, status: "COMPLETED", durationMin: 10, parameters: shockParameters }],
    });
    const signed = await signSessionNote(w.clinician, { sessionId: session.id, version: saved.version });
    const row = await testDb().session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row).toMatchObject({ noteStatus: "SIGNED", status: "COMPLETED", signedById: w.clinician.userId, painBefore: 6, painAfter: 3, version: signed.version });

    const locked = await rejects(saveSessionNote(w.clinician, { sessionId: session.id, version: signed.version, painBefore: 1, painAfter: 1, subjective: "rewritten" }), "CONFLICT");
    expect(locked.message).toMatch(/signed and locked/);
    await rejects(signSessionNote(w.clinician, { sessionId: session.id, version: signed.version + 1 }), "CONFLICT");
    await rejects(rescheduleSession(w.clinician, { sessionId: session.id, version: signed.version + 2, date: today(), time: "12:00", durationMin: 30 }), "CONFLICT");
    const after = await testDb().session.findUniqueOrThrow({ where: { id: session.id } });
    expect(after).toMatchObject({ subjective: "Pain after gardening", painBefore: 6, noteStatus: "SIGNED" });

    await addSessionAddendum(w.clinician, { sessionId: session.id, text: "Pressure was 2.0 bar, not 2.5." });
    const detail = await getSession(w.clinician, session.id);
    expect(detail.addenda).toEqual([expect.objectContaining({ text: "Pressure was 2.0 bar, not 2.5.", authorName: w.clinician.name })]);
    expect(detail.performed[0]).toMatchObject({ status: "COMPLETED", parameters: shockParameters });
    await rejects(getSession(w.outsider, session.id), "NOT_FOUND");
    await rejects(getSession(w.patientActor, session.id), "FORBIDDEN");
  });

  it("only the draft's author edits and signs it; the care team reads it and adds addenda once it is signed", async () => {
    const w = await world();
    const colleagueUser = await createUser(w.clinic.id, "CLINICIAN", "Dr Colleague");
    await testDb().careTeamMember.create({ data: { clinicId: w.clinic.id, patientId: w.patient.id, clinicianId: colleagueUser.id, isPrimary: false } });
    const colleague = actorFor(colleagueUser);
    const session = await pastSession(w);
    const note = { painBefore: 6, painAfter: 3, subjective: "Pain after gardening", performed: [{ planActivityId: w.shockActivity.id, status: "COMPLETED" as const, durationMin: 10, parameters: shockParameters }] };
    const saved = await saveSessionNote(w.clinician, { sessionId: session.id, version: 1, ...note });

    // The colleague sees the draft and whose it is, and cannot change or sign it: 403, not 404.
    const seen = await getSession(colleague, session.id);
    expect(seen).toMatchObject({ noteStatus: "DRAFT", noteAuthorName: w.clinician.name, canEditNote: false, subjective: "Pain after gardening" });
    expect(await getSession(w.clinician, session.id)).toMatchObject({ noteAuthorName: w.clinician.name, canEditNote: true });
    const refused = await rejects(saveSessionNote(colleague, { sessionId: session.id, version: saved.version, ...note, subjective: "Rewritten by a colleague" }), "FORBIDDEN");
    expect(refused.message).toBe(`Only ${w.clinician.name}, who wrote this draft, can edit or sign it.`);
    await rejects(signSessionNote(colleague, { sessionId: session.id, version: saved.version }), "FORBIDDEN");
    // An addendum is for a signed note, whoever asks.
    await rejects(addSessionAddendum(colleague, { sessionId: session.id, text: "Also tender at L4." }), "VALIDATION");
    expect(await testDb().session.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({
      subjective: "Pain after gardening",
      noteStatus: "DRAFT",
      noteAuthorId: w.clinician.userId,
      version: saved.version,
    });

    // The author signs; then the colleague adds an addendum (the clinical norm).
    await signSessionNote(w.clinician, { sessionId: session.id, version: saved.version });
    await expect(addSessionAddendum(colleague, { sessionId: session.id, text: "Also tender at L4." })).resolves.toHaveProperty("id");
    expect((await getSession(w.clinician, session.id)).addenda).toEqual([expect.objectContaining({ authorName: "Dr Colleague" })]);
  });

  it("the first clinician to save a draft becomes its author, whoever the session was booked with", async () => {
    const w = await world();
    const colleagueUser = await createUser(w.clinic.id, "CLINICIAN", "Dr Cover");
    await testDb().careTeamMember.create({ data: { clinicId: w.clinic.id, patientId: w.patient.id, clinicianId: colleagueUser.id, isPrimary: false } });
    const colleague = actorFor(colleagueUser);
    const session = await pastSession(w);
    expect(await getSession(w.clinician, session.id)).toMatchObject({ noteAuthorName: null, canEditNote: true });
    const saved = await saveSessionNote(colleague, { sessionId: session.id, version: 1, painBefore: 5, painAfter: 4, subjective: "Covering today" });
    expect((await testDb().session.findUniqueOrThrow({ where: { id: session.id } })).noteAuthorId).toBe(colleagueUser.id);
    await rejects(saveSessionNote(w.clinician, { sessionId: session.id, version: saved.version, painBefore: 1, painAfter: 1 }), "FORBIDDEN");
    // Someone outside the care team still gets NOT_FOUND: the session's existence is not revealed.
    await rejects(saveSessionNote(w.outsider, { sessionId: session.id, version: saved.version, painBefore: 1, painAfter: 1 }), "NOT_FOUND");
    await saveSessionNote(colleague, { sessionId: session.id, version: saved.version, painBefore: 5, painAfter: 3, subjective: "Covering today", performed: [{ planActivityId: w.shockActivity.id, status: "NOT_DONE", notDoneReason: "Patient declined" }] });
    await signSessionNote(colleague, { sessionId: session.id, version: saved.version + 1 });
    expect(await testDb().session.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({ noteStatus: "SIGNED", signedById: colleagueUser.id, noteAuthorId: colleagueUser.id });
  });

  it("refuses a week outside the app's dates instead of failing on it", async () => {
    // /clinic/sessions?week=9999-12-31 and ?week=0000-01-01 answered 500.
    const w = await world();
    for (const week of ["9999-12-31", "0000-01-01", "2026-02-30", "-000001-01-01"]) await rejects(listWeekSessions(w.clinician, week), "VALIDATION");
    await expect(listWeekSessions(w.clinician, "2200-12-25")).resolves.toEqual([]);
  });

  it("scores outcomes exactly as DESIGN states and refuses an ODI with two sections missing", async () => {
    const w = await world();
    const sections = { painIntensity: 3, personalCare: 1, lifting: 3, walking: 2, sitting: 3, standing: 2, sleeping: 2, sexLife: null, socialLife: 2, travelling: 2 };
    const odi = await recordOutcome(w.clinician, { instrument: "ODI", patientId: w.patient.id, context: "BASELINE", sections });
    expect(odi).toMatchObject({ score: 44.4, band: "severe" });
    await rejects(recordOutcome(w.clinician, { instrument: "ODI", patientId: w.patient.id, context: "INTERIM", sections: { ...sections, travelling: null } }), "VALIDATION");
    const rmdq = await recordOutcome(w.clinician, { instrument: "RMDQ", patientId: w.patient.id, context: "BASELINE", answers: Array.from({ length: 24 }, (_, i) => i < 9) });
    expect(rmdq.score).toBe(9);
    // A patient reports their own pain through the portal's self-report, never as a clinic measure.
    await rejects(recordOutcome(w.patientActor, { instrument: "NPRS", patientId: w.patient.id, context: "BASELINE", pain: 4 }), "FORBIDDEN");
    await rejects(recordOutcome(w.outsider, { instrument: "NPRS", patientId: w.patient.id, context: "INTERIM", pain: 4 }), "NOT_FOUND");
    expect(await testDb().outcomeResponse.count()).toBe(2);
  });

  it("reports pain over time, meaningful change against baseline, adherence and alerts", async () => {
    const w = await world();
    const db = testDb();
    await recordOutcome(w.clinician, { instrument: "NPRS", patientId: w.patient.id, context: "BASELINE", pain: 8 });
    await recordOutcome(w.clinician, { instrument: "NPRS", patientId: w.patient.id, context: "INTERIM", pain: 5 });
    // Bridging is due every day: logged on 3 of the last 7 days, one with pain 7.
    for (const [back, pain] of [[0, 3], [2, 7], [4, 4]] as const) {
      await db.homeLog.create({ data: { clinicId: w.clinic.id, patientId: w.patient.id, planActivityId: w.bridgingActivity.id, date: new Date(`${addDays(today(), -back)}T00:00:00Z`), painDuring: pain, difficulty: 2 } });
    }
    const progress = await getProgress(w.clinician, w.patient.id);
    expect(progress.nprsChange).toEqual({ baseline: 8, latest: 5, change: -3, meaning: "meaningful-improvement" });
    expect(progress.adherence7).toEqual({ days: 7, planned: 7, done: 3, ratio: 3 / 7 });
    expect(progress.adherence28.planned).toBe(15); // the plan started 14 days ago: 15 due days
    expect(progress.pain.filter((p) => p.source === "home").map((p) => p.value)).toEqual([4, 7, 3]);
    expect(progress.alerts.map((a) => a.kind)).toEqual(["HIGH_HOME_PAIN", "LOW_ADHERENCE", "REVIEW_OVERDUE"]);
    const own = await getProgress(w.patientActor, w.patient.id);
    expect(own.adherence7.done).toBe(3);
    await rejects(getProgress(w.outsider, w.patient.id), "NOT_FOUND");

    const dashboard = await getClinicianDashboard(w.clinician);
    expect(dashboard.alerts.map((a) => [a.kind, a.patientId])).toEqual([
      ["HIGH_HOME_PAIN", w.patient.id],
      ["LOW_ADHERENCE", w.patient.id],
      ["REVIEW_OVERDUE", w.patient.id],
    ]);
  });

  it("lists unsigned notes and today's sessions on the dashboard", async () => {
    const w = await world();
    const past = await pastSession(w, 2);
    const todays = await scheduleSession(w.clinician, { planId: w.plan.id, date: today(), time: "23:00", durationMin: 30 });
    const dashboard = await getClinicianDashboard(w.clinician);
    // Run after 23:00 (clinic time), today's 23:00 session has begun and its note is due too.
    const { startsAt } = await testDb().session.findUniqueOrThrow({ where: { id: todays.id }, select: { startsAt: true } });
    expect(dashboard.unsignedNotes.map((s) => s.id).sort()).toEqual((startsAt <= new Date() ? [past.id, todays.id] : [past.id]).sort());
    expect(dashboard.todaySessions.map((s) => s.id)).toEqual([todays.id]);
    expect((await getClinicianDashboard(w.outsider)).unsignedNotes).toEqual([]);
  });
});

describe("copy forward (decision 037)", () => {
  beforeEach(truncateAll);

  async function signedNote(w: Awaited<ReturnType<typeof world>>, daysAgo: number, subjective: string, objective: string) {
    const startsAt = zonedToUtc(addDays(today(), -daysAgo), "10:00", "Europe/London");
    return testDb().session.create({
      data: {
        clinicId: w.clinic.id, planId: w.plan.id, patientId: w.patient.id, clinicianId: w.clinician.userId, startsAt, durationMin: 45,
        status: "COMPLETED", noteStatus: "SIGNED", signedAt: startsAt, signedById: w.clinician.userId, noteAuthorId: w.clinician.userId, subjective, objective,
      },
    });
  }

  it("copies the last signed note's subjective and objective (an audited read), marks them until edited, and refuses to sign while one is unedited", async () => {
    const w = await world();
    const older = await signedNote(w, 6, "Older subjective", "Older objective");
    const last = await signedNote(w, 3, "Last subjective", "Last objective");
    const draft = await pastSession(w, 1);
    await rejects(copyForwardNote(w.outsider, { sessionId: draft.id }), "NOT_FOUND");

    const copy = await copyForwardNote(w.clinician, { sessionId: draft.id });
    expect(copy).toMatchObject({ fromSessionId: last.id, subjective: "Last subjective", objective: "Last objective" });
    expect(await testDb().auditEvent.count({ where: { action: "session.note.copy_forward", entityId: last.id, patientId: w.patient.id } })).toBe(1);

    const note = { sessionId: draft.id, painBefore: 4, painAfter: 2, assessment: "Settling", performed: [{ planActivityId: w.shockActivity.id, status: "NOT_DONE" as const, notDoneReason: "Declined today" }] };
    // Claiming a copy of a note that is not the last signed one is refused; nothing changes.
    await rejects(saveSessionNote(w.clinician, { ...note, version: draft.version, subjective: "Older subjective", copiedFrom: { sessionId: older.id, sections: ["subjective"] } }), "VALIDATION");
    // Only text still equal to the source is marked: the objective was already rewritten.
    const saved = await saveSessionNote(w.clinician, {
      ...note,
      version: draft.version,
      subjective: "Last subjective",
      objective: "Measured today",
      copiedFrom: { sessionId: last.id, sections: ["subjective", "objective"] },
    });
    expect((await getSession(w.clinician, draft.id)).copied).toMatchObject({ fromSessionId: last.id, sections: { subjective: "Last subjective" } });
    const refused = await rejects(signSessionNote(w.clinician, { sessionId: draft.id, version: saved.version }), "VALIDATION");
    expect(refused.message).toMatch(/^Subjective is still as copied from the last signed note/);

    // Edited (no claim sent): the mark goes, and the note signs.
    const edited = await saveSessionNote(w.clinician, { ...note, version: saved.version, subjective: "Last subjective; better on waking today", objective: "Measured today" });
    expect((await testDb().session.findUniqueOrThrow({ where: { id: draft.id } })).copiedFrom).toBeNull();
    await signSessionNote(w.clinician, { sessionId: draft.id, version: edited.version });
    expect((await testDb().session.findUniqueOrThrow({ where: { id: draft.id } })).noteStatus).toBe("SIGNED");
  });

  it("has nothing to copy without an earlier signed note in the plan", async () => {
    const w = await world();
    const draft = await pastSession(w, 1);
    await rejects(copyForwardNote(w.clinician, { sessionId: draft.id }), "VALIDATION");
    expect(await testDb().auditEvent.count({ where: { action: "session.note.copy_forward" } })).toBe(0);
  });
});
