import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db";
import { changeMeaning, type ChangeMeaning } from "@/lib/domain/outcomes/rules";
import { addDays, todayIn, toIsoDate, utcToZoned } from "@/lib/domain/schedule/dates";
import { notFound } from "@/lib/errors";
import { adherence, adherenceActivities, alertsFor, type Adherence, type Alert } from "./rules";

export type PainPoint = { date: string; source: "session-before" | "session-after" | "home" | "nprs"; value: number };
export type ScorePoint = { date: string; score: number; context: string };
export type Change = { baseline: number; latest: number; change: number; meaning: ChangeMeaning } | null;

export type Progress = {
  patientId: string;
  planId: string | null;
  pain: PainPoint[];
  nprs: ScorePoint[];
  odi: ScorePoint[];
  nprsChange: Change;
  odiChange: Change;
  adherence7: Adherence;
  adherence28: Adherence;
  sessionsDone: number;
  sessionsPlanned: number;
  alerts: Alert[];
};

function change(instrument: "NPRS" | "ODI", points: ScorePoint[]): Change {
  const baseline = points.find((p) => p.context === "BASELINE");
  const latest = points.at(-1);
  if (!baseline || !latest || baseline === latest) return null;
  return { baseline: baseline.score, latest: latest.score, change: Math.round((latest.score - baseline.score) * 10) / 10, meaning: changeMeaning(instrument, baseline.score, latest.score) };
}

/** Computes progress for one patient inside a transaction that already checked access. */
export async function computeProgress(tx: Tx, clinicId: string, patientId: string, timeZone: string): Promise<Progress> {
  const today = todayIn(timeZone);
  const plan = await tx.treatmentPlan.findFirst({
    where: { clinicId, patientId, status: { in: ["ACTIVE", "ON_HOLD"] } },
    orderBy: [{ status: "asc" }, { startDate: "desc" }],
    include: { activities: { where: { status: "ACTIVE", setting: { in: ["HOME", "BOTH"] } }, select: { id: true, daysPerWeek: true, timesPerDay: true, createdAt: true } } },
  });
  const since = addDays(today, -27);
  const [sessions, logs, outcomes] = [
    await tx.session.findMany({
      where: { clinicId, patientId, status: "COMPLETED", ...(plan ? { planId: plan.id } : {}) },
      orderBy: { startsAt: "asc" },
      select: { startsAt: true, painBefore: true, painAfter: true },
    }),
    await tx.homeLog.findMany({
      where: { clinicId, patientId, ...(plan ? { planActivity: { planId: plan.id } } : {}) },
      orderBy: { date: "asc" },
      select: { planActivityId: true, date: true, done: true, painDuring: true },
    }),
    await tx.outcomeResponse.findMany({
      where: { clinicId, patientId, instrument: { in: ["NPRS", "ODI"] } },
      orderBy: { recordedAt: "asc" },
      select: { instrument: true, context: true, score: true, recordedAt: true },
    }),
  ];

  const pain: PainPoint[] = [];
  for (const s of sessions) {
    const date = utcToZoned(s.startsAt, timeZone).date;
    if (s.painBefore !== null) pain.push({ date, source: "session-before", value: s.painBefore });
    if (s.painAfter !== null) pain.push({ date, source: "session-after", value: s.painAfter });
  }
  // One home point per day: the highest pain reported that day.
  const homeByDay = new Map<string, number>();
  for (const l of logs) {
    if (l.painDuring === null) continue;
    const d = toIsoDate(l.date);
    homeByDay.set(d, Math.max(homeByDay.get(d) ?? 0, l.painDuring));
  }
  for (const [date, value] of homeByDay) pain.push({ date, source: "home", value });
  const series = (instrument: "NPRS" | "ODI") =>
    outcomes.filter((o) => o.instrument === instrument).map((o) => ({ date: utcToZoned(o.recordedAt, timeZone).date, score: o.score, context: o.context }));
  const nprs = series("NPRS");
  const odi = series("ODI");
  for (const p of nprs) pain.push({ date: p.date, source: "nprs", value: p.score });
  pain.sort((a, b) => a.date.localeCompare(b.date));

  // Activities added after the plan was written count from the day they were added.
  const activities = plan ? adherenceActivities(plan, plan.activities, timeZone) : [];
  const recentLogs = logs.filter((l) => toIsoDate(l.date) >= since).map((l) => ({ activityId: l.planActivityId, date: toIsoDate(l.date), done: l.done }));
  const adherence7 = adherence(activities, recentLogs, today, 7);
  const adherence28 = adherence(activities, recentLogs, today, 28);
  const nprsChange = change("NPRS", nprs);
  const odiChange = change("ODI", odi);
  const weekAgo = addDays(today, -6);
  const alerts = plan
    ? alertsFor({
        today,
        homePainLast7Days: logs.filter((l) => l.painDuring !== null && toIsoDate(l.date) >= weekAgo).map((l) => l.painDuring!),
        adherence7,
        reviewDate: plan.reviewDate ? toIsoDate(plan.reviewDate) : null,
        completedSessions: sessions.length,
        nprs: nprsChange && { baseline: nprsChange.baseline, latest: nprsChange.latest },
        odi: odiChange && { baseline: odiChange.baseline, latest: odiChange.latest },
      })
    : [];
  return {
    patientId,
    planId: plan?.id ?? null,
    pain,
    nprs,
    odi,
    nprsChange,
    odiChange,
    adherence7,
    adherence28,
    sessionsDone: sessions.length,
    sessionsPlanned: plan?.plannedSessions ?? 0,
    alerts,
  };
}

/** A patient's progress for the care team or the patient: pain over time, ODI, adherence, alerts. Audited. */
export async function getProgress(actor: Actor, patientId: string): Promise<Progress> {
  const patient = patientScope(actor, "outcome:read");
  return db().$transaction(async (tx) => {
    const found = await tx.patient.findFirst({ where: { ...patient, id: patientId }, select: { id: true } });
    if (!found) throw notFound("Patient");
    await recordAuditEvent(tx, { actor, action: "progress.read", entityType: "Patient", entityId: found.id, patientId: found.id });
    return computeProgress(tx, actor.clinicId, found.id, actor.timeZone);
  });
}

