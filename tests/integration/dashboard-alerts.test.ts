// The dashboard's alerts come from a few set-based queries (care-team-alerts.ts) instead of one
// computeProgress per patient; they must stay exactly what each patient's progress page shows.
// The world covers what the rules look at: which plan counts (newest ACTIVE over ON_HOLD and
// older ones), pain logged on a paused activity, an activity added after the plan was written,
// sessions and logs of another plan, baseline-only scores, ODI-only improvement, no alerts.
import { beforeEach, describe, expect, it } from "vitest";
import { getProgress } from "@/lib/domain/progress/get-progress";
import { changePlanStatus } from "@/lib/domain/plans/update-plan";
import { ALERT_PATIENTS_LIMIT, TODAY_SESSIONS_LIMIT, UNSIGNED_NOTES_LIMIT, getClinicianDashboard } from "@/lib/domain/sessions/list-sessions";
import { addDays, fromIsoDate, todayIn, zonedToUtc } from "@/lib/domain/schedule/dates";
import { actorFor, auditCount, createClinic, createUser, testDb, truncateAll } from "../fixtures/db";

const TZ = "Europe/London";
const today = () => todayIn(TZ);

async function world() {
  const db = testDb();
  const clinic = await createClinic();
  const user = await createUser(clinic.id, "CLINICIAN");
  const clinician = { ...actorFor(user), timeZone: TZ };
  const item = await db.catalogItem.create({ data: { clinicId: clinic.id, name: "Bridging", kind: "EXERCISE", category: "STRENGTH", setting: "HOME", description: "d", patientInstructions: "p", status: "ACTIVE" } });

  async function patient(lastName: string) {
    return db.patient.create({
      data: { clinicId: clinic.id, firstName: "Pat", lastName, dateOfBirth: fromIsoDate("1970-01-01"), careTeam: { create: [{ clinicId: clinic.id, clinicianId: user.id, isPrimary: true }] } },
    });
  }
  async function plan(patientId: string, o: { status?: "DRAFT" | "ACTIVE" | "ON_HOLD" | "COMPLETED"; startDaysAgo: number; reviewDaysAgo?: number; activities?: { paused?: boolean; daysPerWeek?: number; addedDaysAgo?: number }[] }) {
    const start = addDays(today(), -o.startDaysAgo);
    const createdAt = zonedToUtc(start, "08:00", TZ);
    return db.treatmentPlan.create({
      data: {
        clinicId: clinic.id,
        patientId,
        clinicianId: user.id,
        createdById: user.id,
        title: "Plan",
        condition: "Low back pain",
        goals: "Less pain",
        status: o.status ?? "ACTIVE",
        startDate: fromIsoDate(start),
        reviewDate: o.reviewDaysAgo === undefined ? null : fromIsoDate(addDays(today(), -o.reviewDaysAgo)),
        createdAt,
        activities: {
          create: (o.activities ?? [{}]).map((a, position) => ({
            clinicId: clinic.id,
            catalogItemId: item.id,
            nameSnapshot: item.name,
            instructionsSnapshot: "p",
            kindSnapshot: "EXERCISE" as const,
            catalogVersionSnapshot: 1,
            setting: "HOME" as const,
            phase: "STRENGTHENING" as const,
            position,
            daysPerWeek: a.daysPerWeek ?? 7,
            status: a.paused ? ("ON_HOLD" as const) : ("ACTIVE" as const),
            createdAt: a.addedDaysAgo === undefined ? createdAt : zonedToUtc(addDays(today(), -a.addedDaysAgo), "12:00", TZ),
          })),
        },
      },
      include: { activities: { orderBy: { position: "asc" } } },
    });
  }
  async function logs(p: { id: string; patientId: string; activities: { id: string }[] }, activity: number, entries: [daysAgo: number, pain: number | null, done?: boolean][]) {
    await db.homeLog.createMany({
      data: entries.map(([back, pain, done]) => ({ clinicId: clinic.id, patientId: p.patientId, planActivityId: p.activities[activity]!.id, date: fromIsoDate(addDays(today(), -back)), done: done ?? true, painDuring: pain })),
    });
  }
  async function sessions(p: { id: string; patientId: string }, count: number) {
    await db.session.createMany({
      data: Array.from({ length: count }, (_, i) => ({ clinicId: clinic.id, planId: p.id, patientId: p.patientId, clinicianId: user.id, startsAt: zonedToUtc(addDays(today(), -20 + i), "09:00", TZ), durationMin: 30, status: "COMPLETED" as const, noteStatus: "SIGNED" as const })),
    });
  }
  async function score(patientId: string, instrument: "NPRS" | "ODI", context: "BASELINE" | "INTERIM", value: number, daysAgo: number) {
    await db.outcomeResponse.create({
      data: { clinicId: clinic.id, patientId, instrument, context, answers: {}, score: value, recordedById: user.id, recordedAt: zonedToUtc(addDays(today(), -daysAgo), "10:00", TZ) },
    });
  }
  return { clinician, patient, plan, logs, sessions, score };
}

describe("dashboard alerts", () => {
  beforeEach(truncateAll);

  it("are, patient by patient, the alerts of computeProgress (the progress page), from one audited read", async () => {
    const w = await world();
    // A: high pain on a paused activity (pain counts, adherence does not), every day done on the other.
    const a = await w.patient("Adams");
    const aPlan = await w.plan(a.id, { startDaysAgo: 30, activities: [{}, { paused: true }] });
    await w.logs(aPlan, 0, [0, 1, 2, 3, 4, 5, 6].map((d) => [d, 2]));
    await w.logs(aPlan, 1, [[3, 8]]);
    // B: the newest ACTIVE plan counts, not an older ACTIVE or an ON_HOLD one; another plan's logs and sessions do not.
    const b = await w.patient("Brown");
    const bOld = await w.plan(b.id, { startDaysAgo: 90, reviewDaysAgo: 60 });
    await w.plan(b.id, { status: "ON_HOLD", startDaysAgo: 5, reviewDaysAgo: 2 });
    const bNew = await w.plan(b.id, { startDaysAgo: 20, activities: [{ daysPerWeek: 3 }] });
    await w.logs(bOld, 0, [[1, 9]]);
    await w.sessions(bOld, 7);
    await w.logs(bNew, 0, [[1, 2, false], [3, 3, false]]);
    // C: an activity added three days ago counts from then; low adherence; review overdue; high pain 7 days ago is old news.
    const c = await w.patient("Clark");
    const cPlan = await w.plan(c.id, { startDaysAgo: 40, reviewDaysAgo: 1, activities: [{}, { addedDaysAgo: 3 }] });
    await w.logs(cPlan, 1, [[0, 1], [1, 1], [2, 1]]);
    await w.logs(cPlan, 0, [[7, 9]]);
    // D: 6 completed sessions, NPRS baseline only (no change to compare) → re-evaluate.
    const d = await w.patient("Davis");
    const dPlan = await w.plan(d.id, { startDaysAgo: 25 });
    await w.sessions(dPlan, 6);
    await w.score(d.id, "NPRS", "BASELINE", 7, 20);
    // E: 6 sessions, NPRS unchanged but ODI meaningfully better → no re-evaluation alert.
    const e = await w.patient("Evans");
    const ePlan = await w.plan(e.id, { startDaysAgo: 25 });
    await w.sessions(ePlan, 6);
    await w.score(e.id, "NPRS", "BASELINE", 6, 20);
    await w.score(e.id, "NPRS", "INTERIM", 6, 2);
    await w.score(e.id, "ODI", "BASELINE", 40, 20);
    await w.score(e.id, "ODI", "INTERIM", 22, 2);
    // F: nothing to say: a plan started two days ago has not given the patient a fair chance yet (ADR 041).
    const f = await w.patient("Fox");
    await w.plan(f.id, { startDaysAgo: 2 });
    // G: only an ON_HOLD plan: not among the dashboard's patients (they need an ACTIVE plan).
    const g = await w.patient("Green");
    await w.plan(g.id, { status: "ON_HOLD", startDaysAgo: 10, reviewDaysAgo: 3 });

    const dashboard = await getClinicianDashboard(w.clinician);
    expect(await auditCount({ action: "dashboard.read" })).toBe(1);
    const expected = [];
    for (const p of [a, b, c, d, e, f]) {
      for (const alert of (await getProgress(w.clinician, p.id)).alerts) expected.push({ ...alert, patientId: p.id, patientName: `${p.firstName} ${p.lastName}` });
    }
    expect(dashboard.alerts).toEqual(expected);
    // The world is not trivial: every kind of alert shows up, and the patients differ.
    expect(new Set(dashboard.alerts.map((x) => x.kind))).toEqual(new Set(["HIGH_HOME_PAIN", "LOW_ADHERENCE", "REVIEW_OVERDUE", "NO_MEANINGFUL_CHANGE"]));
    expect(dashboard.alerts.map((x) => [x.patientId, x.kind])).toEqual([
      [a.id, "HIGH_HOME_PAIN"],
      [b.id, "LOW_ADHERENCE"],
      [c.id, "LOW_ADHERENCE"],
      [c.id, "REVIEW_OVERDUE"],
      [d.id, "LOW_ADHERENCE"],
      [d.id, "NO_MEANINGFUL_CHANGE"],
      [e.id, "LOW_ADHERENCE"],
    ]);
  });

  it("caps its lists and says so: today's sessions, unsigned notes (with the total), patients whose alerts are computed", async () => {
    const w = await world();
    const db = testDb();
    const patients = [];
    for (let i = 0; i < 3; i++) patients.push(await w.patient(`Cap ${i}`));
    const first = await w.plan(patients[0]!.id, { startDaysAgo: 30 });
    const at = (daysAgo: number, minute: number) => new Date(zonedToUtc(addDays(today(), -daysAgo), "00:00", TZ).getTime() + minute * 60_000);
    const row = (startsAt: Date, status: "SCHEDULED" | "CANCELLED") => ({ clinicId: first.clinicId, planId: first.id, patientId: first.patientId, clinicianId: w.clinician.userId, startsAt, durationMin: 5, status });
    // Today: cancelled sessions do not block a slot, so a day can hold more than fits in it.
    await db.session.createMany({ data: Array.from({ length: TODAY_SESSIONS_LIMIT + 1 }, (_, i) => row(at(0, i % 1400), "CANCELLED")) });
    await db.session.createMany({ data: Array.from({ length: UNSIGNED_NOTES_LIMIT + 5 }, (_, i) => row(at(3, 8 * 60 + i * 5), "SCHEDULED")) });
    const dashboard = await getClinicianDashboard(w.clinician);
    expect(dashboard.todaySessions).toHaveLength(TODAY_SESSIONS_LIMIT);
    expect(dashboard.unsignedNotes).toHaveLength(UNSIGNED_NOTES_LIMIT);
    expect(dashboard.unsignedTotal).toBe(UNSIGNED_NOTES_LIMIT + 5);
    expect(dashboard.capped).toEqual({ todaySessions: true, alertPatients: false });
  });

  it("computes alerts for at most ALERT_PATIENTS_LIMIT patients with an active plan, by name", async () => {
    const w = await world();
    const db = testDb();
    const clinicId = (await db.user.findUniqueOrThrow({ where: { id: w.clinician.userId } })).clinicId;
    const ids = Array.from({ length: ALERT_PATIENTS_LIMIT + 1 }, (_, i) => `cap${String(i).padStart(21, "0")}`);
    await db.patient.createMany({ data: ids.map((id, i) => ({ id, clinicId, firstName: "Pat", lastName: `Many ${String(i).padStart(3, "0")}`, dateOfBirth: fromIsoDate("1970-01-01") })) });
    await db.careTeamMember.createMany({ data: ids.map((patientId) => ({ clinicId, patientId, clinicianId: w.clinician.userId, isPrimary: true })) });
    await db.treatmentPlan.createMany({
      data: ids.map((patientId) => ({ clinicId, patientId, clinicianId: w.clinician.userId, createdById: w.clinician.userId, title: "Plan", condition: "c", goals: "g", status: "ACTIVE" as const, startDate: fromIsoDate(addDays(today(), -10)), reviewDate: fromIsoDate(addDays(today(), -1)) })),
    });
    const dashboard = await getClinicianDashboard(w.clinician);
    expect(dashboard.capped.alertPatients).toBe(true);
    // Every plan's review is overdue: one alert per patient, for the first 200 by name.
    expect(dashboard.alerts.map((a) => a.patientId)).toEqual(ids.slice(0, ALERT_PATIENTS_LIMIT));
  });

  it("wait until the patient has had a fair chance: no low-adherence alert for a plan activated today, even one started weeks ago (ADR 041)", async () => {
    const w = await world();
    const db = testDb();
    const p = await w.patient("Newly");
    // Written three weeks ago, left in draft, activated today: the patient saw it for the first time today.
    const draft = await w.plan(p.id, { status: "DRAFT", startDaysAgo: 21 });
    const before = new Date();
    await changePlanStatus(w.clinician, { planId: draft.id, version: draft.version, status: "ACTIVE" });
    const activated = await db.treatmentPlan.findUniqueOrThrow({ where: { id: draft.id } });
    expect(activated.activatedAt!.getTime()).toBeGreaterThanOrEqual(before.getTime());

    const alertsNow = async () => ({
      dashboard: (await getClinicianDashboard(w.clinician)).alerts.filter((a) => a.patientId === p.id).map((a) => a.kind),
      progress: (await getProgress(w.clinician, p.id)).alerts.map((a) => a.kind),
    });
    expect(await alertsNow()).toEqual({ dashboard: [], progress: [] });
    // Adherence counts from activation: today's one occurrence, not three weeks of draft days.
    expect((await getProgress(w.clinician, p.id)).adherence7).toMatchObject({ planned: 1, done: 0 });

    // Two days later (two ended days, two due days): still no alert.
    const activatedDaysAgo = (days: number) =>
      db.treatmentPlan.update({ where: { id: draft.id }, data: { activatedAt: zonedToUtc(addDays(today(), -days), "09:30", TZ) } });
    await activatedDaysAgo(2);
    expect(await alertsNow()).toEqual({ dashboard: [], progress: [] });
    // Three days later with nothing done: the patient has had a fair chance, both places say so.
    await activatedDaysAgo(3);
    expect(await alertsNow()).toEqual({ dashboard: ["LOW_ADHERENCE"], progress: ["LOW_ADHERENCE"] });
    expect((await getProgress(w.clinician, p.id)).alerts[0]!.message).toBe("Home adherence 0 % in the last 7 days");
  });
});
