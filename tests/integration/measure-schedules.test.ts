// Measure schedules against the real database (issue 16, decision 046): editing a plan's schedule
// (care team only, audited, 409 on a stale version), asks arising from schedules and one-off asks,
// claimAsk consuming exactly one, a clinic-recorded response satisfying a due measure, and the
// overdue list of the dashboard.
import { beforeEach, describe, expect, it } from "vitest";
import { db as appDb, type Tx } from "@/lib/db";
import { listOverdueMeasures } from "@/lib/domain/measures/list-overdue-measures";
import { listPlanMeasures } from "@/lib/domain/measures/list-plan-measures";
import { addMeasureSchedules, askMeasureNow, removeMeasureSchedule } from "@/lib/domain/measures/manage-measures";
import { listMyAsks } from "@/lib/domain/measures/my-asks";
import { claimAsk, openAsks } from "@/lib/domain/portal/asked-measures";
import { addDays, fromIsoDate, todayIn } from "@/lib/domain/schedule/dates";
import { AppError } from "@/lib/errors";
import { actorFor, auditCount, createClinic, createPatient, createUser, testDb, truncateAll } from "../fixtures/db";

const TZ = "Europe/London";
const today = () => todayIn(TZ);
const DAY = 86_400_000;

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

async function world(startDaysAgo = 20) {
  const clinic = await createClinic("Riverside Physio");
  const clinicianUser = await createUser(clinic.id, "CLINICIAN", "Dr Alex Example");
  const outsiderUser = await createUser(clinic.id, "CLINICIAN");
  const adminUser = await createUser(clinic.id, "ADMIN");
  const a = await createPatient(clinic.id, { careTeam: [{ clinicianId: clinicianUser.id, isPrimary: true }], withPortal: true });
  const plan = await testDb().treatmentPlan.create({
    data: {
      clinicId: clinic.id,
      patientId: a.patient.id,
      clinicianId: clinicianUser.id,
      createdById: clinicianUser.id,
      title: "Lower back plan",
      condition: "Lower back muscle spasm",
      goals: "Walk 30 minutes without pain",
      status: "ACTIVE",
      startDate: fromIsoDate(addDays(today(), -startDaysAgo)),
    },
  });
  return {
    clinic,
    plan,
    patient: a.patient,
    clinicianUser,
    clinician: actorFor(clinicianUser),
    outsider: actorFor(outsiderUser),
    admin: actorFor(adminUser),
    me: actorFor(a.portal!, a.patient.id),
  };
}
type World = Awaited<ReturnType<typeof world>>;

const ODI_PRESET = [
  { instrument: "ODI", rule: "AT_START", answeredBy: "PATIENT" },
  { instrument: "ODI", rule: "EVERY_N_WEEKS", everyWeeks: 2, answeredBy: "PATIENT" },
  { instrument: "ODI", rule: "AT_DISCHARGE", answeredBy: "PATIENT" },
] as const;

/** Entries created as if the clinician had added them on the plan's first day. */
async function backdate(w: World) {
  await testDb().measureSchedule.updateMany({ where: { planId: w.plan.id }, data: { createdAt: w.plan.startDate } });
}

function odiResponse(w: World, recordedAt: Date, recordedById: string) {
  return testDb().outcomeResponse.create({
    data: { clinicId: w.clinic.id, patientId: w.patient.id, planId: w.plan.id, instrument: "ODI", context: "INTERIM", answers: {}, score: 20, recordedById, recordedAt },
  });
}

const inTx = <T,>(fn: (tx: Tx) => Promise<T>): Promise<T> => appDb().$transaction(fn);

describe("measure schedule CRUD", () => {
  beforeEach(truncateAll);

  it("adds the ODI preset (one audit event per entry) and refuses the same entry twice with CONFLICT", async () => {
    const w = await world();
    const { ids } = await addMeasureSchedules(w.clinician, { planId: w.plan.id, entries: [...ODI_PRESET] });
    expect(ids).toHaveLength(3);
    expect(await auditCount({ action: "plan.measure.add", actorId: w.clinician.userId, patientId: w.patient.id })).toBe(3);
    await rejects(addMeasureSchedules(w.clinician, { planId: w.plan.id, entries: [ODI_PRESET[1]] }), "CONFLICT");
    expect(await testDb().measureSchedule.count()).toBe(3);
    // The plan's own version is untouched: the schedule is not the plan's content.
    expect((await testDb().treatmentPlan.findUniqueOrThrow({ where: { id: w.plan.id } })).version).toBe(w.plan.version);
  });

  it("refuses bad entries with VALIDATION and writes nothing", async () => {
    const w = await world();
    const error = await rejects(addMeasureSchedules(w.clinician, { planId: w.plan.id, entries: [{ instrument: "ODI", rule: "EVERY_N_WEEKS", answeredBy: "PATIENT" }] }), "VALIDATION");
    expect(Object.keys(error.fieldErrors ?? {}).join()).toMatch(/everyWeeks/);
    await rejects(addMeasureSchedules(w.clinician, { planId: w.plan.id, entries: [{ instrument: "NPRS", rule: "EACH_SESSION", answeredBy: "PATIENT" }] }), "VALIDATION");
    await rejects(addMeasureSchedules(w.clinician, { planId: w.plan.id, entries: [] }), "VALIDATION");
    expect(await testDb().measureSchedule.count()).toBe(0);
  });

  it("removes with the current version; a stale version is a CONFLICT and changes nothing", async () => {
    const w = await world();
    const { ids } = await addMeasureSchedules(w.clinician, { planId: w.plan.id, entries: [ODI_PRESET[0]] });
    await rejects(removeMeasureSchedule(w.clinician, { planId: w.plan.id, scheduleId: ids[0]!, version: 2, confirm: true }), "CONFLICT");
    expect((await testDb().measureSchedule.findUniqueOrThrow({ where: { id: ids[0]! } })).removedAt).toBeNull();
    await rejects(removeMeasureSchedule(w.clinician, { planId: w.plan.id, scheduleId: ids[0]!, version: 1 } as never), "VALIDATION");
    await removeMeasureSchedule(w.clinician, { planId: w.plan.id, scheduleId: ids[0]!, version: 1, confirm: true });
    const row = await testDb().measureSchedule.findUniqueOrThrow({ where: { id: ids[0]! } });
    expect(row.removedAt).not.toBeNull();
    expect(row.removedById).toBe(w.clinician.userId);
    expect((await listPlanMeasures(w.clinician, w.plan.id)).entries).toEqual([]);
    expect(await auditCount({ action: "plan.measure.remove", patientId: w.patient.id })).toBe(1);
  });

  it("answers NOT_FOUND to a clinician outside the care team (nothing written), FORBIDDEN to an admin and to the patient", async () => {
    const w = await world();
    await rejects(addMeasureSchedules(w.outsider, { planId: w.plan.id, entries: [ODI_PRESET[0]] }), "NOT_FOUND");
    await rejects(askMeasureNow(w.outsider, { planId: w.plan.id, instrument: "RMDQ", requested: true }), "NOT_FOUND");
    await rejects(listPlanMeasures(w.outsider, w.plan.id), "NOT_FOUND");
    expect(await listOverdueMeasures(w.outsider)).toEqual([]);
    await rejects(addMeasureSchedules(w.admin, { planId: w.plan.id, entries: [ODI_PRESET[0]] }), "FORBIDDEN");
    await rejects(addMeasureSchedules(w.me, { planId: w.plan.id, entries: [ODI_PRESET[0]] }), "FORBIDDEN");
    await rejects(listPlanMeasures(w.me, w.plan.id), "FORBIDDEN");
    await rejects(listOverdueMeasures(w.me), "FORBIDDEN");
    expect(await testDb().measureSchedule.count()).toBe(0);
    // The clinic's other clinician could see the plan's existence in no way but the refusal audit.
    expect(await auditCount({ action: "plan.measure.add" })).toBe(0);
  });

  it("refuses changes on a finished plan", async () => {
    const w = await world();
    await testDb().treatmentPlan.update({ where: { id: w.plan.id }, data: { status: "COMPLETED" } });
    await rejects(addMeasureSchedules(w.clinician, { planId: w.plan.id, entries: [ODI_PRESET[0]] }), "VALIDATION");
    await rejects(askMeasureNow(w.clinician, { planId: w.plan.id, instrument: "ODI", requested: true }), "VALIDATION");
  });
});

describe("asks from schedules and one-off requests", () => {
  beforeEach(truncateAll);

  it("the ODI preset added at the start: the start ODI and the 2-week ODI are asked as one ODI, overdue", async () => {
    const w = await world(20);
    await addMeasureSchedules(w.clinician, { planId: w.plan.id, entries: [...ODI_PRESET] });
    await backdate(w);
    const asks = await inTx((tx) => openAsks(tx, w.plan.id, new Date()));
    expect(asks).toEqual([{ instrument: "ODI", askedAt: expect.any(Date), reason: "scheduled" }]);
    const measures = await listPlanMeasures(w.clinician, w.plan.id);
    const byRule = Object.fromEntries(measures.entries.map((e) => [e.rule, e]));
    expect(byRule.AT_START).toMatchObject({ open: true, overdueSince: addDays(today(), -20) });
    expect(byRule.EVERY_N_WEEKS).toMatchObject({ open: true, overdueSince: addDays(today(), -6), nextDue: addDays(today(), 8) });
    expect(byRule.AT_DISCHARGE).toMatchObject({ open: false, note: "no-end-date" });
    const mine = await listMyAsks(w.me);
    expect(mine?.asks).toEqual([{ instrument: "ODI", reason: "scheduled", dueDate: addDays(today(), -20), overdue: true }]);
  });

  it("claimAsk consumes exactly one ask: a second claim, and a racing one, get false", async () => {
    const w = await world(20);
    await addMeasureSchedules(w.clinician, { planId: w.plan.id, entries: [ODI_PRESET[1]] });
    await backdate(w);
    const now = new Date();
    const results = await Promise.all([inTx((tx) => claimAsk(tx, w.plan.id, "ODI", now)), inTx((tx) => claimAsk(tx, w.plan.id, "ODI", now))]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await testDb().measureOccurrence.count()).toBe(1);
    expect(await inTx((tx) => claimAsk(tx, w.plan.id, "ODI", now))).toBe(false);
    expect(await inTx((tx) => openAsks(tx, w.plan.id, now))).toEqual([]);
    // Nothing was asked for the RMDQ.
    expect(await inTx((tx) => claimAsk(tx, w.plan.id, "RMDQ", now))).toBe(false);
  });

  it("an ODI recorded in the clinic within the window satisfies the due measure; one from before the window does not", async () => {
    const w = await world(20);
    await addMeasureSchedules(w.clinician, { planId: w.plan.id, entries: [ODI_PRESET[1]] });
    await backdate(w);
    // Due 6 days ago (start + 14); the window opened 3 days before that.
    await odiResponse(w, new Date(Date.now() - 12 * DAY), w.clinicianUser.id);
    expect((await inTx((tx) => openAsks(tx, w.plan.id, new Date()))).map((a) => a.instrument)).toEqual(["ODI"]);
    expect(await listOverdueMeasures(w.clinician)).toEqual([
      { planId: w.plan.id, patientId: w.patient.id, patientName: expect.any(String), instrument: "ODI", answeredBy: "PATIENT", overdueSince: addDays(today(), -6) },
    ]);
    await odiResponse(w, new Date(Date.now() - 2 * DAY), w.clinicianUser.id);
    expect(await inTx((tx) => openAsks(tx, w.plan.id, new Date()))).toEqual([]);
    expect(await inTx((tx) => claimAsk(tx, w.plan.id, "ODI", new Date()))).toBe(false);
    expect(await listOverdueMeasures(w.clinician)).toEqual([]);
    const [entry] = (await listPlanMeasures(w.clinician, w.plan.id)).entries;
    expect(entry).toMatchObject({ open: false, lastAnsweredOn: todayIn(TZ, new Date(Date.now() - 2 * DAY)) });
  });

  it("a clinician-answered entry is not asked of the patient but shows overdue to the care team only", async () => {
    const w = await world(20);
    await addMeasureSchedules(w.clinician, { planId: w.plan.id, entries: [{ instrument: "RMDQ", rule: "AT_START", answeredBy: "CLINICIAN" }, { instrument: "NPRS", rule: "EACH_SESSION", answeredBy: "CLINICIAN" }] });
    await backdate(w);
    expect(await inTx((tx) => openAsks(tx, w.plan.id, new Date()))).toEqual([]);
    expect((await listOverdueMeasures(w.clinician)).map((o) => [o.instrument, o.answeredBy])).toEqual([["RMDQ", "CLINICIAN"]]);
    expect(await listOverdueMeasures(w.clinician, { patientId: w.patient.id })).toHaveLength(1);
    expect(await listOverdueMeasures(w.outsider)).toEqual([]);
    expect(await listOverdueMeasures(w.outsider, { patientId: w.patient.id })).toEqual([]);
  });

  it("a plan on hold asks nothing and shows nothing overdue", async () => {
    const w = await world(20);
    await addMeasureSchedules(w.clinician, { planId: w.plan.id, entries: [...ODI_PRESET] });
    await backdate(w);
    await testDb().treatmentPlan.update({ where: { id: w.plan.id }, data: { status: "ON_HOLD" } });
    expect(await inTx((tx) => openAsks(tx, w.plan.id, new Date()))).toEqual([]);
    expect(await listOverdueMeasures(w.clinician)).toEqual([]);
  });

  it("Ask now: any instrument but NPRS, once (asking again neither duplicates nor nags), withdrawable; the patient's answer claims it", async () => {
    const w = await world(20);
    const first = await askMeasureNow(w.clinician, { planId: w.plan.id, instrument: "PSFS", requested: true });
    const again = await askMeasureNow(w.clinician, { planId: w.plan.id, instrument: "PSFS", requested: true });
    expect(again).toEqual(first);
    expect(await testDb().measureSchedule.count({ where: { rule: "ONCE", removedAt: null } })).toBe(1);
    expect(await testDb().outboundMessage.count({ where: { kind: "questionnaire_requested" } })).toBeLessThanOrEqual(1);
    await rejects(askMeasureNow(w.clinician, { planId: w.plan.id, instrument: "NPRS" as never, requested: true }), "VALIDATION");
    expect((await listMyAsks(w.me))?.asks).toEqual([{ instrument: "PSFS", reason: "requested", dueDate: today(), overdue: false }]);
    expect(await inTx((tx) => claimAsk(tx, w.plan.id, "PSFS", new Date()))).toBe(true);
    expect(await inTx((tx) => claimAsk(tx, w.plan.id, "PSFS", new Date()))).toBe(false);
    // Withdrawn before an answer: no ask remains.
    await askMeasureNow(w.clinician, { planId: w.plan.id, instrument: "RMDQ", requested: true });
    await askMeasureNow(w.clinician, { planId: w.plan.id, instrument: "RMDQ", requested: false });
    expect(await inTx((tx) => openAsks(tx, w.plan.id, new Date()))).toEqual([]);
    expect(await auditCount({ action: "plan.measure.ask.withdraw" })).toBe(1);
  });

  it("an open ODI request written before decision 046 (the column alone) is still asked and claimed once", async () => {
    const w = await world(20);
    await testDb().treatmentPlan.update({ where: { id: w.plan.id }, data: { odiRequestedAt: new Date(Date.now() - DAY) } });
    expect(await inTx((tx) => openAsks(tx, w.plan.id, new Date()))).toEqual([{ instrument: "ODI", askedAt: expect.any(Date), reason: "requested" }]);
    expect(await inTx((tx) => claimAsk(tx, w.plan.id, "ODI", new Date()))).toBe(true);
    expect((await testDb().treatmentPlan.findUniqueOrThrow({ where: { id: w.plan.id } })).odiRequestedAt).toBeNull();
    expect(await inTx((tx) => claimAsk(tx, w.plan.id, "ODI", new Date()))).toBe(false);
  });
});
