// The patient portal against the real database: home logs (one per activity per day, a 7-day
// window), the Today page, self-reported pain and the ODI a clinician asks for, the patient's
// sessions and calendar export, and what the patient may (not) see of plans.
import { randomUUID } from "node:crypto";
import ICAL from "ical.js";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ActivityStatus, PlanStatus, SessionStatus, Setting } from "@/lib/db/generated/enums";
import { getPlan } from "@/lib/domain/plans/get-plan";
import { requestOdi } from "@/lib/domain/plans/request-odi";
import { getPatientHome } from "@/lib/domain/portal/get-patient-home";
import { logHomeActivity, undoHomeLog } from "@/lib/domain/portal/log-home-activity";
import { listMyPlans } from "@/lib/domain/portal/my-plans";
import { exportMyCalendar, listMySessions } from "@/lib/domain/portal/my-sessions";
import { selfReportOdi, selfReportPain } from "@/lib/domain/portal/self-report";
import { addDays, fromIsoDate, todayIn, zonedToUtc } from "@/lib/domain/schedule/dates";
import { AppError } from "@/lib/errors";
import type { TLogHomeActivity } from "@/lib/validation/portal";
import { actorFor, auditCount, createClinic, createPatient, createUser, testDb, truncateAll } from "../fixtures/db";

const TZ = "Europe/London";
const today = () => todayIn(TZ);
const HOUR = 3_600_000;

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

type ActivitySpec = { setting?: Setting; status?: ActivityStatus; overrideReason?: string; daysPerWeek?: number };

async function plan(
  w: { clinicId: string; clinicianId: string },
  patientId: string,
  options: { status?: PlanStatus; title?: string; startDaysAgo?: number; activities?: ActivitySpec[] } = {},
) {
  const db = testDb();
  const item = await db.catalogItem.create({
    data: { clinicId: w.clinicId, name: `Bridging ${randomUUID().slice(0, 8)}`, kind: "EXERCISE", category: "STRENGTH", setting: "BOTH", description: "d", patientInstructions: "Lift your hips.", status: "ACTIVE" },
  });
  const activities = options.activities ?? [{}];
  return db.treatmentPlan.create({
    data: {
      clinicId: w.clinicId,
      patientId,
      clinicianId: w.clinicianId,
      createdById: w.clinicianId,
      title: options.title ?? "Lower back plan",
      condition: "Lower back muscle spasm",
      goals: "Walk 30 minutes without pain",
      status: options.status ?? "ACTIVE",
      startDate: fromIsoDate(addDays(today(), -(options.startDaysAgo ?? 14))),
      activities: {
        create: activities.map((a, position) => ({
          clinicId: w.clinicId,
          catalogItemId: item.id,
          nameSnapshot: `Bridging ${position}`,
          instructionsSnapshot: "Lift your hips.",
          kindSnapshot: "EXERCISE" as const,
          catalogVersionSnapshot: 1,
          setting: a.setting ?? "HOME",
          status: a.status ?? "ACTIVE",
          phase: "STRENGTHENING" as const,
          position,
          sets: 2,
          reps: 10,
          daysPerWeek: a.daysPerWeek ?? 7,
          ...(a.overrideReason ? { overrideReason: a.overrideReason, overriddenFlags: ["PREGNANCY" as const], overriddenById: w.clinicianId, overriddenAt: new Date() } : {}),
        })),
      },
    },
    include: { activities: { orderBy: { position: "asc" } } },
  });
}

async function world() {
  const clinic = await createClinic("Riverside Physio");
  const clinicianUser = await createUser(clinic.id, "CLINICIAN", "Dr Alex Example");
  const outsiderUser = await createUser(clinic.id, "CLINICIAN");
  const a = await createPatient(clinic.id, { careTeam: [{ clinicianId: clinicianUser.id, isPrimary: true }], withPortal: true });
  const b = await createPatient(clinic.id, { careTeam: [{ clinicianId: clinicianUser.id, isPrimary: true }], withPortal: true });
  const base = { clinicId: clinic.id, clinicianId: clinicianUser.id };
  const planA = await plan(base, a.patient.id, { activities: [{}, { setting: "IN_CLINIC" }, { status: "ON_HOLD" }] });
  const planB = await plan(base, b.patient.id);
  const [homeActivity, inClinicActivity, onHoldActivity] = planA.activities;
  return {
    clinic,
    base,
    clinicianUser,
    clinician: actorFor(clinicianUser),
    outsider: actorFor(outsiderUser),
    patientA: a.patient,
    patientB: b.patient,
    portalA: a.portal!,
    me: actorFor(a.portal!, a.patient.id),
    other: actorFor(b.portal!, b.patient.id),
    planA,
    planB,
    homeActivity: homeActivity!,
    inClinicActivity: inClinicActivity!,
    onHoldActivity: onHoldActivity!,
    otherActivity: planB.activities[0]!,
  };
}

type World = Awaited<ReturnType<typeof world>>;

/**
 * logHomeActivity with the optional fields really left out. (TLogHomeActivity, the schema's
 * z.input, types painDuring and difficulty as required `unknown` keys, though the form may omit them.)
 */
type LogInput = Omit<TLogHomeActivity, "painDuring" | "difficulty"> & { painDuring?: unknown; difficulty?: unknown };
const log = (actor: Parameters<typeof logHomeActivity>[0], input: LogInput) => logHomeActivity(actor, input as TLogHomeActivity);

const homeLogCount = () => testDb().homeLog.count();

async function auditActions(where: { actorId?: string; action?: { startsWith: string } }) {
  const rows = await testDb().auditEvent.findMany({ where, orderBy: { at: "asc" }, select: { action: true } });
  return rows.map((r) => r.action);
}

// ---------------------------------------------------------------------------------------------

describe("logHomeActivity", () => {
  beforeEach(truncateAll);

  it("creates one row for the activity and day, audited as homelog.create", async () => {
    const w = await world();
    const result = await log(w.me, { planActivityId: w.homeActivity.id, date: today(), done: true, painDuring: 3, difficulty: 2, note: "Felt fine" });
    expect(result).toEqual({ id: expect.any(String), date: today(), slot: 1, done: true, painDuring: 3, difficulty: 2, note: "Felt fine", created: true });
    const rows = await testDb().homeLog.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: result.id,
      clinicId: w.clinic.id,
      patientId: w.patientA.id,
      planActivityId: w.homeActivity.id,
      date: fromIsoDate(today()),
      done: true,
      painDuring: 3,
      difficulty: 2,
      note: "Felt fine",
    });
    expect(await auditActions({ actorId: w.me.userId, action: { startsWith: "homelog." } })).toEqual(["homelog.create"]);
    const audit = await testDb().auditEvent.findFirstOrThrow({ where: { action: "homelog.create" } });
    expect(audit).toMatchObject({ entityType: "HomeLog", entityId: result.id, patientId: w.patientA.id, actorRole: "PATIENT", clinicId: w.clinic.id });
  });

  it("updates the same row when the same activity and day are logged again (homelog.create then homelog.update)", async () => {
    const w = await world();
    const first = await log(w.me, { planActivityId: w.homeActivity.id, date: today(), painDuring: 3, difficulty: 2, note: "Felt fine" });
    expect(await auditActions({ actorId: w.me.userId, action: { startsWith: "homelog." } })).toEqual(["homelog.create"]);
    const second = await log(w.me, { planActivityId: w.homeActivity.id, date: today(), done: false, painDuring: 7, difficulty: null, note: "" });
    expect(second).toEqual({ id: first.id, date: today(), slot: 1, done: false, painDuring: 7, difficulty: null, note: null, created: false });
    const rows = await testDb().homeLog.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first.id, done: false, painDuring: 7, difficulty: null, note: null });
    expect((await auditActions({ actorId: w.me.userId, action: { startsWith: "homelog." } })).sort()).toEqual(["homelog.create", "homelog.update"]);
    expect(await auditCount({ action: "homelog.update", actorId: w.me.userId })).toBe(1);
    const update = await testDb().auditEvent.findFirstOrThrow({ where: { action: "homelog.update" } });
    expect(update.entityId).toBe(first.id);
  });

  it("keeps exactly one row when 20 requests for the same activity and day race", async () => {
    const w = await world();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => log(w.me, { planActivityId: w.homeActivity.id, date: today(), painDuring: i % 11, difficulty: 3 })),
    );
    const rows = await testDb().homeLog.findMany();
    expect(rows).toHaveLength(1);
    expect(new Set(results.map((r) => r.id))).toEqual(new Set([rows[0]!.id]));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await auditCount({ action: "homelog.create" })).toBe(1);
    expect(await auditCount({ action: "homelog.update" })).toBe(19);
    expect(results.map((r) => r.painDuring)).toContain(rows[0]!.painDuring);
  });

  it("refuses a day in the future with VALIDATION and writes nothing", async () => {
    const w = await world();
    const error = await rejects(log(w.me, { planActivityId: w.homeActivity.id, date: addDays(today(), 1) }), "VALIDATION");
    expect(error.fieldErrors).toEqual({ date: ["You can log today or the past 7 days."] });
    expect(await homeLogCount()).toBe(0);
    expect(await auditCount({ action: "homelog.create" })).toBe(0);
  });

  it("refuses a day 8 days back with VALIDATION", async () => {
    const w = await world();
    const error = await rejects(log(w.me, { planActivityId: w.homeActivity.id, date: addDays(today(), -8) }), "VALIDATION");
    expect(error.message).toMatch(/more than 7 days ago/);
    expect(error.fieldErrors).toEqual({ date: ["You can log today or the past 7 days."] });
    expect(await homeLogCount()).toBe(0);
  });

  it("accepts a day exactly 7 days back", async () => {
    const w = await world();
    const day = addDays(today(), -7);
    const result = await log(w.me, { planActivityId: w.homeActivity.id, date: day, done: true });
    expect(result).toMatchObject({ date: day, created: true, done: true, painDuring: null, difficulty: null, note: null });
    const row = await testDb().homeLog.findUniqueOrThrow({ where: { id: result.id } });
    expect(row.date).toEqual(fromIsoDate(day));
  });

  it("answers NOT_FOUND for an activity of another patient's plan", async () => {
    const w = await world();
    await rejects(log(w.me, { planActivityId: w.otherActivity.id, date: today() }), "NOT_FOUND");
    expect(await homeLogCount()).toBe(0);
  });

  it("answers NOT_FOUND for an in-clinic activity", async () => {
    const w = await world();
    await rejects(log(w.me, { planActivityId: w.inClinicActivity.id, date: today() }), "NOT_FOUND");
    expect(await homeLogCount()).toBe(0);
  });

  it("answers NOT_FOUND for an activity of the patient's own DRAFT plan", async () => {
    const w = await world();
    const draft = await plan(w.base, w.patientA.id, { status: "DRAFT" });
    await rejects(log(w.me, { planActivityId: draft.activities[0]!.id, date: today() }), "NOT_FOUND");
    expect(await homeLogCount()).toBe(0);
  });

  it("answers NOT_FOUND for a paused (ON_HOLD) activity, and for an activity of an ON_HOLD plan", async () => {
    const w = await world();
    await rejects(log(w.me, { planActivityId: w.onHoldActivity.id, date: today() }), "NOT_FOUND");
    const paused = await plan(w.base, w.patientA.id, { status: "ON_HOLD" });
    await rejects(log(w.me, { planActivityId: paused.activities[0]!.id, date: today() }), "NOT_FOUND");
    expect(await homeLogCount()).toBe(0);
  });

  it("forbids a clinician (no homelog:write), even for a care-team patient's activity", async () => {
    const w = await world();
    await rejects(log(w.clinician, { planActivityId: w.homeActivity.id, date: today() }), "FORBIDDEN");
    expect(await homeLogCount()).toBe(0);
  });

  it("refuses bad input with VALIDATION and field errors, and writes nothing", async () => {
    const w = await world();
    const ok = { planActivityId: w.homeActivity.id, date: today() };
    const pain = await rejects(log(w.me, { ...ok, painDuring: 11 }), "VALIDATION");
    expect(Object.keys(pain.fieldErrors ?? {})).toEqual(["painDuring"]);
    const difficulty = await rejects(log(w.me, { ...ok, difficulty: 0 }), "VALIDATION");
    expect(Object.keys(difficulty.fieldErrors ?? {})).toEqual(["difficulty"]);
    const fraction = await rejects(log(w.me, { ...ok, painDuring: 2.5 }), "VALIDATION");
    expect(Object.keys(fraction.fieldErrors ?? {})).toEqual(["painDuring"]);
    const extra = await rejects(log(w.me, { ...ok, patientId: w.patientB.id } as LogInput), "VALIDATION");
    expect(extra.fieldErrors?._form?.[0]).toMatch(/patientId/);
    const id = await rejects(log(w.me, { ...ok, planActivityId: "not-an-id" }), "VALIDATION");
    expect(Object.keys(id.fieldErrors ?? {})).toEqual(["planActivityId"]);
    const date = await rejects(log(w.me, { ...ok, date: "26/11/2026" }), "VALIDATION");
    expect(Object.keys(date.fieldErrors ?? {})).toEqual(["date"]);
    const note = await rejects(log(w.me, { ...ok, note: "x".repeat(501) }), "VALIDATION");
    expect(Object.keys(note.fieldErrors ?? {})).toEqual(["note"]);
    expect(await homeLogCount()).toBe(0);
    expect(await auditCount({ actorId: w.me.userId })).toBe(0);
  });

  it("refuses a calendar day that does not exist instead of rolling it over into the next month", async () => {
    const w = await world();
    // On 2 December, "2026-11-31" lies inside the 7-day window by string order; it must not be stored as 1 December.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-02T12:00:00Z") });
    let outcome: unknown;
    try {
      outcome = await log(w.me, { planActivityId: w.homeActivity.id, date: "2026-11-31" }).then(
        (resolved) => ({ resolved }),
        (error: unknown) => ({ rejected: error instanceof AppError ? error.code : String(error) }),
      );
    } finally {
      vi.useRealTimers();
    }
    expect.soft(outcome).toEqual({ rejected: "VALIDATION" });
    expect.soft((await testDb().homeLog.findMany({ select: { date: true } })).map((r) => r.date.toISOString())).toEqual([]);
    // The schema's "Choose a real day" refinement should refuse it before any window check.
    const error = await rejects(log(w.me, { planActivityId: w.homeActivity.id, date: "2026-02-30" }), "VALIDATION");
    expect.soft(error.fieldErrors).toEqual({ date: ["Choose a real day"] });
  });
});

// ---------------------------------------------------------------------------------------------

describe("getPatientHome", () => {
  beforeEach(truncateAll);

  it("lists today's due home activities, with their log once logged", async () => {
    const w = await world();
    const before = await getPatientHome(w.me);
    expect(before.today).toBe(today());
    expect(before.day).toBe(today());
    expect(before.loggableDays).toEqual(Array.from({ length: 8 }, (_, back) => addDays(today(), -back)));
    expect(before.plan?.id).toBe(w.planA.id);
    expect(before.plan?.due.map((a) => [a.id, a.timesOnDay, a.log])).toEqual([[w.homeActivity.id, 1, null]]);
    expect(before.plan?.inClinic.map((a) => a.id)).toEqual([w.inClinicActivity.id]);
    // A paused activity is neither due nor listed.
    expect(JSON.stringify(before.plan)).not.toContain(w.onHoldActivity.id);

    await log(w.me, { planActivityId: w.homeActivity.id, date: today(), done: true, painDuring: 4, difficulty: 3, note: "Stiff" });
    const after = await getPatientHome(w.me);
    expect(after.plan?.due.map((a) => [a.id, a.log])).toEqual([[w.homeActivity.id, { done: true, painDuring: 4, difficulty: 3, note: "Stiff" }]]);
  });

  it("shows the log of a chosen day 3 days back, not today's", async () => {
    const w = await world();
    const day = addDays(today(), -3);
    await log(w.me, { planActivityId: w.homeActivity.id, date: day, done: false, painDuring: 8, difficulty: 5, note: "Too sore" });
    await log(w.me, { planActivityId: w.homeActivity.id, date: today(), done: true, painDuring: 1, difficulty: 1 });
    const home = await getPatientHome(w.me, day);
    expect(home.day).toBe(day);
    expect(home.today).toBe(today());
    expect(home.plan?.due.map((a) => [a.id, a.log])).toEqual([[w.homeActivity.id, { done: false, painDuring: 8, difficulty: 5, note: "Too sore" }]]);
  });

  it("falls back to today for a day outside the 7-day window (or in the future)", async () => {
    const w = await world();
    await log(w.me, { planActivityId: w.homeActivity.id, date: today(), painDuring: 2 });
    for (const requested of [addDays(today(), -8), addDays(today(), 1), "not-a-day"]) {
      const home = await getPatientHome(w.me, requested);
      expect(home.day).toBe(today());
      expect(home.plan?.due[0]?.log).toEqual({ done: true, painDuring: 2, difficulty: null, note: null });
    }
  });

  it("shows the open ODI request and today's self-reported pain", async () => {
    const w = await world();
    expect((await getPatientHome(w.me)).plan?.odiRequestedAt).toBeNull();
    expect((await getPatientHome(w.me)).painToday).toBeNull();
    const { odiRequestedAt } = await requestOdi(w.clinician, { planId: w.planA.id, requested: true });
    await selfReportPain(w.me, { pain: 6 });
    const home = await getPatientHome(w.me);
    expect(odiRequestedAt).not.toBeNull();
    expect(home.plan?.odiRequestedAt).toBe(odiRequestedAt);
    expect(home.painToday).toBe(6);
  });

  it("never shows override reasons to the patient", async () => {
    const w = await world();
    const reason = "Discussed with obstetrician; gentle range only";
    // Started after planB, so it is the active plan the Today page shows.
    const withOverride = await plan(w.base, w.patientB.id, { startDaysAgo: 2, activities: [{ overrideReason: reason }, { setting: "IN_CLINIC", overrideReason: reason }] });
    // The clinician sees the override: the data really carries one.
    const clinicianView = await getPlan(w.clinician, withOverride.id);
    expect(clinicianView.activities.map((a) => a.override)).toEqual([
      { flags: ["PREGNANCY"], reason },
      { flags: ["PREGNANCY"], reason },
    ]);
    const home = await getPatientHome(w.other);
    expect(home.plan?.id).toBe(withOverride.id);
    const activities = [...(home.plan?.due ?? []), ...(home.plan?.notDue ?? []), ...(home.plan?.inClinic ?? [])];
    expect(activities).toHaveLength(2);
    expect(activities.map((a) => a.override)).toEqual([null, null]);
    expect(JSON.stringify(home)).not.toContain("obstetrician");
  });

  it("writes one portal.home.read audit event per call", async () => {
    const w = await world();
    await getPatientHome(w.me);
    expect(await auditCount({ action: "portal.home.read", actorId: w.me.userId, patientId: w.patientA.id })).toBe(1);
    await getPatientHome(w.me, addDays(today(), -2));
    expect(await auditCount({ action: "portal.home.read", actorId: w.me.userId, patientId: w.patientA.id })).toBe(2);
    expect(await auditCount({ action: "portal.home.read" })).toBe(2);
  });
});

// ---------------------------------------------------------------------------------------------

describe("selfReportPain", () => {
  beforeEach(truncateAll);

  it("creates an INTERIM NPRS recorded by the patient user on the active plan, then updates it the same day", async () => {
    const w = await world();
    const first = await selfReportPain(w.me, { pain: 4 });
    expect(first).toEqual({ id: expect.any(String), pain: 4, updated: false });
    const row = await testDb().outcomeResponse.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({ clinicId: w.clinic.id, patientId: w.patientA.id, planId: w.planA.id, instrument: "NPRS", context: "INTERIM", score: 4, answers: { pain: 4 }, recordedById: w.portalA.id, band: null, sessionId: null });

    const second = await selfReportPain(w.me, { pain: "7" });
    expect(second).toEqual({ id: first.id, pain: 7, updated: true });
    const rows = await testDb().outcomeResponse.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first.id, score: 7, answers: { pain: 7 } });
    expect(await auditCount({ action: "outcome.self_report.nprs", actorId: w.me.userId })).toBe(1);
    expect(await auditCount({ action: "outcome.self_report.nprs.update", actorId: w.me.userId })).toBe(1);
  });

  it("keeps one row when the same report is submitted twice at once", async () => {
    const w = await world();
    const results = await Promise.all([selfReportPain(w.me, { pain: 5 }), selfReportPain(w.me, { pain: 5 }), selfReportPain(w.me, { pain: 6 })]);
    expect(await testDb().outcomeResponse.count()).toBe(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => !r.updated)).toHaveLength(1);
  });

  it("refuses 11 with VALIDATION and writes nothing", async () => {
    const w = await world();
    const error = await rejects(selfReportPain(w.me, { pain: 11 }), "VALIDATION");
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(["pain"]);
    await rejects(selfReportPain(w.me, { pain: -1 }), "VALIDATION");
    await rejects(selfReportPain(w.me, { pain: "" }), "VALIDATION");
    expect(await testDb().outcomeResponse.count()).toBe(0);
  });

  it("forbids a clinician", async () => {
    const w = await world();
    await rejects(selfReportPain(w.clinician, { pain: 3 }), "FORBIDDEN");
    expect(await testDb().outcomeResponse.count()).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------

// 3+2+4+1+2+3+1+(missing)+2+1 = 19 of 9 answered sections → 19 / 45 × 100 = 42.2 → severe.
const nineSections = { painIntensity: 3, personalCare: 2, lifting: 4, walking: 1, sitting: 2, standing: 3, sleeping: 1, sexLife: null, socialLife: 2, travelling: 1 };

describe("requestOdi and selfReportOdi", () => {
  beforeEach(truncateAll);

  it("lets a care-team clinician ask for an ODI (audited) and withdraw it", async () => {
    const w = await world();
    const before = Date.now();
    const { odiRequestedAt } = await requestOdi(w.clinician, { planId: w.planA.id, requested: true });
    const row = await testDb().treatmentPlan.findUniqueOrThrow({ where: { id: w.planA.id } });
    expect(row.odiRequestedAt?.toISOString()).toBe(odiRequestedAt);
    expect(row.odiRequestedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.version).toBe(w.planA.version);
    const audit = await testDb().auditEvent.findFirstOrThrow({ where: { action: "plan.odi_request" } });
    expect(audit).toMatchObject({ actorId: w.clinician.userId, entityType: "TreatmentPlan", entityId: w.planA.id, patientId: w.patientA.id });

    expect(await requestOdi(w.clinician, { planId: w.planA.id, requested: false })).toEqual({ odiRequestedAt: null });
    expect((await testDb().treatmentPlan.findUniqueOrThrow({ where: { id: w.planA.id } })).odiRequestedAt).toBeNull();
    expect(await auditCount({ action: "plan.odi_request.withdraw", actorId: w.clinician.userId })).toBe(1);
  });

  it("answers NOT_FOUND to a clinician outside the care team", async () => {
    const w = await world();
    await rejects(requestOdi(w.outsider, { planId: w.planA.id, requested: true }), "NOT_FOUND");
    expect((await testDb().treatmentPlan.findUniqueOrThrow({ where: { id: w.planA.id } })).odiRequestedAt).toBeNull();
    expect(await auditCount({ action: "plan.odi_request" })).toBe(0);
  });

  it("forbids a patient from asking for an ODI", async () => {
    const w = await world();
    await rejects(requestOdi(w.me, { planId: w.planA.id, requested: true }), "FORBIDDEN");
    expect((await testDb().treatmentPlan.findUniqueOrThrow({ where: { id: w.planA.id } })).odiRequestedAt).toBeNull();
  });

  it("refuses a request on a DRAFT plan with VALIDATION", async () => {
    const w = await world();
    const draft = await plan(w.base, w.patientA.id, { status: "DRAFT" });
    await rejects(requestOdi(w.clinician, { planId: draft.id, requested: true }), "VALIDATION");
    expect((await testDb().treatmentPlan.findUniqueOrThrow({ where: { id: draft.id } })).odiRequestedAt).toBeNull();
  });

  it("stores the patient's answer scored per DESIGN (one section missing allowed) and closes the request", async () => {
    const w = await world();
    await requestOdi(w.clinician, { planId: w.planA.id, requested: true });
    const result = await selfReportOdi(w.me, { planId: w.planA.id, sections: nineSections });
    expect(result).toEqual({ id: expect.any(String), score: 42.2, band: "severe" });
    const row = await testDb().outcomeResponse.findUniqueOrThrow({ where: { id: result.id } });
    expect(row).toMatchObject({ instrument: "ODI", context: "INTERIM", score: 42.2, band: "severe", planId: w.planA.id, patientId: w.patientA.id, recordedById: w.portalA.id, answers: nineSections });
    expect((await testDb().treatmentPlan.findUniqueOrThrow({ where: { id: w.planA.id } })).odiRequestedAt).toBeNull();
    expect(await auditCount({ action: "outcome.self_report.odi", actorId: w.me.userId })).toBe(1);
    expect((await getPatientHome(w.me)).plan?.odiRequestedAt).toBeNull();
  });

  it("scores all ten answered sections over 50 (sum 35 → 70, crippling)", async () => {
    const w = await world();
    await requestOdi(w.clinician, { planId: w.planA.id, requested: true });
    const all = { painIntensity: 4, personalCare: 3, lifting: 5, walking: 3, sitting: 4, standing: 4, sleeping: 3, sexLife: 3, socialLife: 3, travelling: 3 };
    expect(await selfReportOdi(w.me, { planId: w.planA.id, sections: all })).toMatchObject({ score: 70, band: "crippling" });
  });

  it("refuses a second answer to the same request with CONFLICT", async () => {
    const w = await world();
    await requestOdi(w.clinician, { planId: w.planA.id, requested: true });
    await selfReportOdi(w.me, { planId: w.planA.id, sections: nineSections });
    await rejects(selfReportOdi(w.me, { planId: w.planA.id, sections: nineSections }), "CONFLICT");
    expect(await testDb().outcomeResponse.count({ where: { instrument: "ODI" } })).toBe(1);
  });

  it("stores one answer when two submissions race", async () => {
    const w = await world();
    await requestOdi(w.clinician, { planId: w.planA.id, requested: true });
    const settled = await Promise.allSettled([selfReportOdi(w.me, { planId: w.planA.id, sections: nineSections }), selfReportOdi(w.me, { planId: w.planA.id, sections: nineSections })]);
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    const failed = settled.find((s) => s.status === "rejected");
    expect(failed?.status === "rejected" && failed.reason instanceof AppError && failed.reason.code).toBe("CONFLICT");
    expect(await testDb().outcomeResponse.count({ where: { instrument: "ODI" } })).toBe(1);
  });

  it("refuses two missing sections with VALIDATION and leaves the request open", async () => {
    const w = await world();
    const { odiRequestedAt } = await requestOdi(w.clinician, { planId: w.planA.id, requested: true });
    const error = await rejects(selfReportOdi(w.me, { planId: w.planA.id, sections: { ...nineSections, travelling: null } }), "VALIDATION");
    expect(error.fieldErrors?.sections?.[0]).toMatch(/2 sections missing/);
    expect((await testDb().treatmentPlan.findUniqueOrThrow({ where: { id: w.planA.id } })).odiRequestedAt?.toISOString()).toBe(odiRequestedAt);
    expect(await testDb().outcomeResponse.count()).toBe(0);
  });

  it("answers NOT_FOUND for another patient's plan id, and leaves that request open", async () => {
    const w = await world();
    const { odiRequestedAt } = await requestOdi(w.clinician, { planId: w.planB.id, requested: true });
    await rejects(selfReportOdi(w.me, { planId: w.planB.id, sections: nineSections }), "NOT_FOUND");
    expect((await testDb().treatmentPlan.findUniqueOrThrow({ where: { id: w.planB.id } })).odiRequestedAt?.toISOString()).toBe(odiRequestedAt);
    expect(await testDb().outcomeResponse.count()).toBe(0);
  });

  it("answers CONFLICT when no request is open", async () => {
    const w = await world();
    await rejects(selfReportOdi(w.me, { planId: w.planA.id, sections: nineSections }), "CONFLICT");
    expect(await testDb().outcomeResponse.count()).toBe(0);
  });

  it("forbids a clinician from answering for the patient", async () => {
    const w = await world();
    await requestOdi(w.clinician, { planId: w.planA.id, requested: true });
    await rejects(selfReportOdi(w.clinician, { planId: w.planA.id, sections: nineSections }), "FORBIDDEN");
    expect(await testDb().outcomeResponse.count()).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------

async function session(
  w: World,
  options: { patientId?: string; planId?: string; startsAt: Date; status?: SessionStatus; durationMin?: number; noteStatus?: "DRAFT" | "SIGNED"; patientSummary?: string; subjective?: string; assessment?: string },
) {
  return testDb().session.create({
    data: {
      clinicId: w.clinic.id,
      planId: options.planId ?? w.planA.id,
      patientId: options.patientId ?? w.patientA.id,
      clinicianId: w.clinicianUser.id,
      startsAt: options.startsAt,
      durationMin: options.durationMin ?? 45,
      status: options.status ?? "SCHEDULED",
      noteStatus: options.noteStatus ?? "DRAFT",
      patientSummary: options.patientSummary ?? null,
      subjective: options.subjective ?? null,
      assessment: options.assessment ?? null,
    },
  });
}

const daysFromNow = (days: number, time = "10:00") => zonedToUtc(addDays(today(), days), time, TZ);

describe("listMySessions", () => {
  beforeEach(truncateAll);

  it("splits visits still ahead (soonest first, cancelled ones included) from past ones (newest first)", async () => {
    const w = await world();
    const later = await session(w, { startsAt: daysFromNow(10) });
    const soon = await session(w, { startsAt: daysFromNow(2) });
    const yesterday = await session(w, { startsAt: daysFromNow(-1), status: "COMPLETED" });
    const lastMonth = await session(w, { startsAt: daysFromNow(-30), status: "NO_SHOW" });
    const missed = await session(w, { startsAt: new Date(Date.now() - 2 * HOUR) }); // still SCHEDULED, but over
    const cancelledFuture = await session(w, { startsAt: daysFromNow(5), status: "CANCELLED" });
    const mine = await listMySessions(w.me);
    // A cancelled visit still ahead stays under "coming up" with its status, so the patient sees it.
    expect(mine.upcoming.map((s) => [s.id, s.status])).toEqual([
      [soon.id, "SCHEDULED"],
      [cancelledFuture.id, "CANCELLED"],
      [later.id, "SCHEDULED"],
    ]);
    expect(mine.past.map((s) => s.id)).toEqual([missed.id, yesterday.id, lastMonth.id]);
    expect(mine).toMatchObject({ page: 1, pageCount: 1, pastTotal: 3 });
    expect(mine.upcoming[0]).toEqual({
      id: soon.id,
      startsAt: daysFromNow(2).toISOString(),
      durationMin: 45,
      clinicianName: "Dr Alex Example",
      status: "SCHEDULED",
      planTitle: "Lower back plan",
      summary: null,
    });
    expect(await auditCount({ action: "portal.sessions.read", actorId: w.me.userId, patientId: w.patientA.id })).toBe(1);
  });

  it("shows the patient summary only once the note is signed", async () => {
    const w = await world();
    const signed = await session(w, { startsAt: daysFromNow(-2), status: "COMPLETED", noteStatus: "SIGNED", patientSummary: "Keep walking daily" });
    const draft = await session(w, { startsAt: daysFromNow(-1), status: "COMPLETED", noteStatus: "DRAFT", patientSummary: "Draft words" });
    const { past } = await listMySessions(w.me);
    expect(past.map((s) => [s.id, s.summary])).toEqual([
      [draft.id, null],
      [signed.id, "Keep walking daily"],
    ]);
  });

  it("hides the title of a DRAFT plan", async () => {
    const w = await world();
    const draft = await plan(w.base, w.patientA.id, { status: "DRAFT", title: "Secret draft title" });
    const s = await session(w, { planId: draft.id, startsAt: daysFromNow(3) });
    const { upcoming } = await listMySessions(w.me);
    expect(upcoming.map((x) => [x.id, x.planTitle])).toEqual([[s.id, null]]);
    expect(JSON.stringify(upcoming)).not.toContain("Secret draft title");
  });

  it("returns exactly the patient-facing fields, never the SOAP note", async () => {
    const w = await world();
    await session(w, { startsAt: daysFromNow(-1), status: "COMPLETED", noteStatus: "SIGNED", subjective: "SECRET-SOAP", assessment: "SECRET-ASSESSMENT", patientSummary: "Well done" });
    await session(w, { startsAt: daysFromNow(1), subjective: "SECRET-SOAP" });
    const mine = await listMySessions(w.me);
    const keys = ["clinicianName", "durationMin", "id", "planTitle", "startsAt", "status", "summary"];
    for (const s of [...mine.upcoming, ...mine.past]) expect(Object.keys(s).sort()).toEqual(keys);
    expect(mine.upcoming).toHaveLength(1);
    expect(mine.past).toHaveLength(1);
    expect(JSON.stringify(mine)).not.toMatch(/SECRET/);
  });

  it("never shows another patient's sessions", async () => {
    const w = await world();
    const mineUpcoming = await session(w, { startsAt: daysFromNow(1) });
    await session(w, { patientId: w.patientB.id, planId: w.planB.id, startsAt: daysFromNow(1, "12:00") });
    await session(w, { patientId: w.patientB.id, planId: w.planB.id, startsAt: daysFromNow(-1), status: "COMPLETED" });
    const mine = await listMySessions(w.me);
    expect(mine.upcoming.map((s) => s.id)).toEqual([mineUpcoming.id]);
    expect(mine.past).toEqual([]);
    expect(mine.pastTotal).toBe(0);
  });

  it("pages the past 20 at a time (25 → 20 + 5), clamping out-of-range pages", async () => {
    const w = await world();
    const past = [];
    for (let i = 1; i <= 25; i++) past.push(await session(w, { startsAt: daysFromNow(-i), status: "COMPLETED" }));
    const newestFirst = past.map((s) => s.id); // day -1, -2, … -25
    const page1 = await listMySessions(w.me, 1);
    expect(page1).toMatchObject({ page: 1, pageCount: 2, pastTotal: 25 });
    expect(page1.past.map((s) => s.id)).toEqual(newestFirst.slice(0, 20));
    const page2 = await listMySessions(w.me, 2);
    expect(page2).toMatchObject({ page: 2, pageCount: 2, pastTotal: 25 });
    expect(page2.past.map((s) => s.id)).toEqual(newestFirst.slice(20));
    expect((await listMySessions(w.me, 99)).page).toBe(2);
    expect((await listMySessions(w.me, 0)).page).toBe(1);
  });

  it("answers NOT_FOUND to a clinician (the portal is the patient's own record only)", async () => {
    const w = await world();
    await session(w, { startsAt: daysFromNow(1) });
    await rejects(listMySessions(w.clinician), "NOT_FOUND");
    expect(await auditCount({ action: "portal.sessions.read" })).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------

function parseIcs(body: string) {
  const calendar = new ICAL.Component(ICAL.parse(body));
  return calendar.getAllSubcomponents("vevent").map((c) => ({ event: new ICAL.Event(c), status: c.getFirstPropertyValue("status") }));
}

describe("exportMyCalendar", () => {
  beforeEach(truncateAll);

  it("exports every upcoming session as one VEVENT with its exact UTC start", async () => {
    const w = await world();
    const a = await session(w, { startsAt: daysFromNow(3, "09:30"), durationMin: 30 });
    const b = await session(w, { startsAt: daysFromNow(1, "14:15"), durationMin: 60 });
    await session(w, { startsAt: daysFromNow(-1), status: "COMPLETED" });
    await session(w, { startsAt: daysFromNow(2), status: "CANCELLED" });
    await session(w, { patientId: w.patientB.id, planId: w.planB.id, startsAt: daysFromNow(2) });
    const file = await exportMyCalendar(w.me);
    expect(file.filename).toBe("riverside-physio-appointments.ics");
    const events = parseIcs(file.body);
    expect(events.map((e) => e.event.uid)).toEqual([`session-${b.id}@clinic-plans`, `session-${a.id}@clinic-plans`]);
    expect(events.map((e) => e.event.startDate.toJSDate().toISOString())).toEqual([b.startsAt.toISOString(), a.startsAt.toISOString()]);
    expect(events.map((e) => e.event.endDate.toJSDate().getTime())).toEqual([b.startsAt.getTime() + 60 * 60_000, a.startsAt.getTime() + 30 * 60_000]);
    expect(events.map((e) => e.status)).toEqual(["CONFIRMED", "CONFIRMED"]);
    expect(events.map((e) => e.event.summary)).toEqual(["Appointment with Dr Alex Example", "Appointment with Dr Alex Example"]);
    expect(events.map((e) => e.event.location)).toEqual(["Riverside Physio", "Riverside Physio"]);
    expect(await auditCount({ action: "portal.calendar.export", actorId: w.me.userId, patientId: w.patientA.id })).toBe(1);
  });

  it("exports one session by id, a cancelled one as STATUS:CANCELLED", async () => {
    const w = await world();
    const cancelled = await session(w, { startsAt: daysFromNow(4, "11:00"), status: "CANCELLED" });
    await session(w, { startsAt: daysFromNow(5) });
    const file = await exportMyCalendar(w.me, cancelled.id);
    expect(file.filename).toBe("riverside-physio-appointment.ics");
    const events = parseIcs(file.body);
    expect(events).toHaveLength(1);
    expect(events[0]?.event.uid).toBe(`session-${cancelled.id}@clinic-plans`);
    expect(events[0]?.event.startDate.toJSDate().toISOString()).toBe(cancelled.startsAt.toISOString());
    expect(events[0]?.status).toBe("CANCELLED");
    const audit = await testDb().auditEvent.findFirstOrThrow({ where: { action: "portal.calendar.export" } });
    expect(audit).toMatchObject({ entityType: "Session", entityId: cancelled.id, patientId: w.patientA.id });
  });

  it("carries the clinic's address in LOCATION and its phone in DESCRIPTION, escaped and folded (decision 030)", async () => {
    const w = await world();
    await testDb().clinic.update({
      where: { id: w.clinic.id },
      data: { address: "Unit 4, The Old Mill; Back Lane\nRiverside RV1 2AB\nA very long line that pushes the property past seventy-five octets", phone: "+44 20 7946 0321" },
    });
    await session(w, { startsAt: daysFromNow(2, "10:00") });
    const file = await exportMyCalendar(w.me);
    const [event] = parseIcs(file.body);
    expect(event?.event.location).toBe("Riverside Physio, Unit 4, The Old Mill; Back Lane, Riverside RV1 2AB, A very long line that pushes the property past seventy-five octets");
    expect(event?.event.description).toMatch(/\nClinic phone: \+44 20 7946 0321$/);
    // RFC 5545: commas and semicolons escaped, the line folded at 75 octets with CRLF + space.
    const unfolded = file.body.replace(/\r\n /g, "");
    expect(unfolded).toContain("LOCATION:Riverside Physio\\, Unit 4\\, The Old Mill\\; Back Lane\\, Riverside RV1 2AB\\, A very long line");
    expect(unfolded).toContain("\\nClinic phone: +44 20 7946 0321");
    for (const line of file.body.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });

  it("answers NOT_FOUND for another patient's session id", async () => {
    const w = await world();
    const theirs = await session(w, { patientId: w.patientB.id, planId: w.planB.id, startsAt: daysFromNow(2) });
    await rejects(exportMyCalendar(w.me, theirs.id), "NOT_FOUND");
    await rejects(exportMyCalendar(w.clinician, theirs.id), "NOT_FOUND");
    expect(await auditCount({ action: "portal.calendar.export" })).toBe(0);
  });

  it("carries no plan title and no SOAP text", async () => {
    const w = await world();
    const titled = await plan(w.base, w.patientA.id, { title: "Lumbar spasm PLAN-TITLE-XYZ" });
    const s = await session(w, { planId: titled.id, startsAt: daysFromNow(2), subjective: "SECRET-SOAP", assessment: "SECRET-SOAP-ASSESSMENT", patientSummary: "SECRET-SUMMARY" });
    await session(w, { startsAt: daysFromNow(3), subjective: "SECRET-SOAP" });
    const all = await exportMyCalendar(w.me);
    const one = await exportMyCalendar(w.me, s.id);
    expect(parseIcs(all.body)).toHaveLength(2);
    for (const body of [all.body, one.body]) {
      expect(body).not.toContain("PLAN-TITLE-XYZ");
      expect(body).not.toContain("Lower back plan");
      expect(body).not.toContain("SECRET");
      expect(body).not.toContain("spasm");
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe("listMyPlans", () => {
  beforeEach(truncateAll);

  it("shows ACTIVE, ON_HOLD and COMPLETED plans, never DRAFT, CANCELLED or ENTERED_IN_ERROR", async () => {
    const w = await world(); // planA: ACTIVE, started 14 days ago
    const onHold = await plan(w.base, w.patientA.id, { status: "ON_HOLD", title: "On hold", startDaysAgo: 20 });
    const completedOld = await plan(w.base, w.patientA.id, { status: "COMPLETED", title: "Done long ago", startDaysAgo: 400 });
    const completedRecent = await plan(w.base, w.patientA.id, { status: "COMPLETED", title: "Done recently", startDaysAgo: 100 });
    for (const status of ["DRAFT", "CANCELLED", "ENTERED_IN_ERROR"] as const) await plan(w.base, w.patientA.id, { status, title: `Hidden ${status}` });
    const rows = await listMyPlans(w.me);
    expect(rows.map((r) => [r.id, r.status])).toEqual([
      [w.planA.id, "ACTIVE"],
      [onHold.id, "ON_HOLD"],
      [completedRecent.id, "COMPLETED"],
      [completedOld.id, "COMPLETED"],
    ]);
    expect(rows[0]).toEqual({ id: w.planA.id, title: "Lower back plan", status: "ACTIVE", clinicianName: "Dr Alex Example", startDate: addDays(today(), -14), reviewDate: null });
    expect(JSON.stringify(rows)).not.toContain("Hidden");
    expect(rows.map((r) => r.id)).not.toContain(w.planB.id);
    expect(await auditCount({ action: "portal.plans.read", actorId: w.me.userId })).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------

describe("getPlan as the patient", () => {
  beforeEach(truncateAll);

  it("nulls the override of every activity even when the activity carries an override reason", async () => {
    const w = await world();
    const reason = "Cleared by GP for gentle loading";
    const overridden = await plan(w.base, w.patientB.id, { activities: [{ overrideReason: reason }, { setting: "IN_CLINIC", overrideReason: reason }, {}] });
    const asClinician = await getPlan(w.clinician, overridden.id);
    expect(asClinician.activities.map((a) => a.override)).toEqual([{ flags: ["PREGNANCY"], reason }, { flags: ["PREGNANCY"], reason }, null]);
    const asPatient = await getPlan(w.other, overridden.id);
    expect(asPatient.activities.map((a) => [a.id, a.override])).toEqual(overridden.activities.map((a) => [a.id, null]));
    expect(JSON.stringify(asPatient)).not.toContain("Cleared by GP");
  });
});

describe("home logs of an activity done several times a day (ADR 025)", () => {
  beforeEach(truncateAll);

  async function thriceDaily() {
    const w = await world();
    await testDb().planActivity.update({ where: { id: w.homeActivity.id }, data: { timesPerDay: 3, daysPerWeek: 7 } });
    return w;
  }
  const slots = (planActivityId: string) => testDb().homeLog.findMany({ where: { planActivityId }, orderBy: { slot: "asc" }, select: { slot: true } }).then((r) => r.map((x) => x.slot));

  it("logs slot after slot, and Today shows how many of the day's slots are done", async () => {
    const w = await thriceDaily();
    await log(w.me, { planActivityId: w.homeActivity.id, date: today(), slot: 1 });
    await log(w.me, { planActivityId: w.homeActivity.id, date: today(), slot: 2, painDuring: 4 });
    expect(await slots(w.homeActivity.id)).toEqual([1, 2]);
    const home = await getPatientHome(w.me);
    expect(home.plan?.due.find((a) => a.id === w.homeActivity.id)).toMatchObject({ timesOnDay: 3, slotsDone: 2, lastSlot: 2 });
  });

  it("refuses a slot beyond the dose with 422 and nothing saved", async () => {
    const w = await thriceDaily();
    const error = await rejects(log(w.me, { planActivityId: w.homeActivity.id, date: today(), slot: 4 }), "VALIDATION");
    expect(error.status).toBe(422);
    expect(error.fieldErrors?.slot).toBeDefined();
    expect(await homeLogCount()).toBe(0);
  });

  it("refuses slot n while slot n − 1 of that day is not logged (409, nothing saved)", async () => {
    const w = await thriceDaily();
    const error = await rejects(log(w.me, { planActivityId: w.homeActivity.id, date: today(), slot: 2 }), "CONFLICT");
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/Log time 1 of that day first/);
    expect(await homeLogCount()).toBe(0);
  });

  it("keeps a once-a-day activity to slot 1 (slot 2 is 422)", async () => {
    const w = await world();
    await testDb().planActivity.update({ where: { id: w.homeActivity.id }, data: { timesPerDay: null } });
    await log(w.me, { planActivityId: w.homeActivity.id, date: today() });
    await rejects(log(w.me, { planActivityId: w.homeActivity.id, date: today(), slot: 2 }), "VALIDATION");
    expect(await slots(w.homeActivity.id)).toEqual([1]);
  });

  it("is idempotent: a double tap on the same slot keeps one row", async () => {
    const w = await thriceDaily();
    const [a, b] = await Promise.all([1, 1].map((slot) => log(w.me, { planActivityId: w.homeActivity.id, date: today(), slot })));
    expect(a!.id).toBe(b!.id);
    expect(await slots(w.homeActivity.id)).toEqual([1]);
  });

  it("undoes the last slot only: a double tap removes one, a stale slot is 409, audited as homelog.undo", async () => {
    const w = await thriceDaily();
    for (const slot of [1, 2]) await log(w.me, { planActivityId: w.homeActivity.id, date: today(), slot });
    await rejects(undoHomeLog(w.me, { planActivityId: w.homeActivity.id, date: today(), slot: 1 }), "CONFLICT");
    const results = await Promise.all([2, 2].map((slot) => undoHomeLog(w.me, { planActivityId: w.homeActivity.id, date: today(), slot })));
    expect(results.map((r) => r.removed).sort()).toEqual([false, true]);
    expect(await slots(w.homeActivity.id)).toEqual([1]);
    expect(await auditCount({ action: "homelog.undo", actorId: w.me.userId })).toBe(1);
  });

  it("refuses another patient's activity as not found", async () => {
    const w = await thriceDaily();
    await log(w.me, { planActivityId: w.homeActivity.id, date: today() });
    await rejects(undoHomeLog(w.other, { planActivityId: w.homeActivity.id, date: today(), slot: 1 }), "NOT_FOUND");
    expect(await slots(w.homeActivity.id)).toEqual([1]);
  });
});
