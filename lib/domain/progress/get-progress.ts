import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
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

type ProgressPlan = { id: string; startDate: Date; createdAt: Date; reviewDate: Date | null; plannedSessions: number };

/**
 * Computes progress for one patient, for a caller that already checked access. In SQL, five
 * statements: the overview runs it once and the clinician dashboard once per patient, and as
 * Prisma calls each of the five cost 1–4 ms of CPU (a query plan compiled per call).
 */
export async function computeProgress(tx: Tx, clinicId: string, patientId: string, timeZone: string): Promise<Progress> {
  const today = todayIn(timeZone);
  // The plan in force: active before on hold (the enum's order), then the latest.
  const [plan] = await tx.$queryRaw<ProgressPlan[]>`
    SELECT t."id", t."startDate", t."createdAt", t."reviewDate", t."plannedSessions" FROM "TreatmentPlan" t
     WHERE t."clinicId" = ${clinicId} AND t."patientId" = ${patientId} AND t."status" IN ('ACTIVE', 'ON_HOLD')
     ORDER BY t."status" ASC, t."startDate" DESC
     LIMIT 1`;
  const planActivities = plan
    ? await tx.$queryRaw<{ id: string; daysPerWeek: number | null; timesPerDay: number | null; createdAt: Date }[]>`
        SELECT a."id", a."daysPerWeek", a."timesPerDay", a."createdAt" FROM "PlanActivity" a
         WHERE a."clinicId" = ${clinicId} AND a."planId" = ${plan.id} AND a."status" = 'ACTIVE' AND a."setting" IN ('HOME', 'BOTH')`
    : [];
  const since = addDays(today, -27);
  const sessions = await tx.$queryRaw<{ startsAt: Date; painBefore: number | null; painAfter: number | null }[]>`
    SELECT s."startsAt", s."painBefore", s."painAfter" FROM "Session" s
     WHERE s."clinicId" = ${clinicId} AND s."patientId" = ${patientId} AND s."status" = 'COMPLETED'
       ${plan ? Prisma.sql`AND s."planId" = ${plan.id}` : Prisma.empty}
     ORDER BY s."startsAt"`;
  const logs = await tx.$queryRaw<{ planActivityId: string; date: Date; done: boolean; painDuring: number | null }[]>`
    SELECT h."planActivityId", h."date", h."done", h."painDuring" FROM "HomeLog" h
      ${plan ? Prisma.sql`JOIN "PlanActivity" a ON a."id" = h."planActivityId" AND a."planId" = ${plan.id}` : Prisma.empty}
     WHERE h."clinicId" = ${clinicId} AND h."patientId" = ${patientId}
     ORDER BY h."date"`;
  const outcomes = await tx.$queryRaw<{ instrument: "NPRS" | "ODI"; context: string; score: number; recordedAt: Date }[]>`
    SELECT o."instrument"::text AS "instrument", o."context"::text AS "context", o."score", o."recordedAt" FROM "OutcomeResponse" o
     WHERE o."clinicId" = ${clinicId} AND o."patientId" = ${patientId} AND o."instrument" IN ('NPRS', 'ODI')
     ORDER BY o."recordedAt"`;

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
  const activities = plan ? adherenceActivities(plan, planActivities, timeZone) : [];
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

/**
 * A patient's progress for the care team or the patient: pain over time, ODI, adherence, alerts.
 * Audited once everything was read (a failed read leaves no event; no transaction needed).
 */
export async function getProgress(actor: Actor, patientId: string): Promise<Progress> {
  const patient = patientScope(actor, "outcome:read");
  const found = await db().patient.findFirst({ where: { ...patient, id: patientId }, select: { id: true } });
  if (!found) throw notFound("Patient");
  const progress = await computeProgress(db(), actor.clinicId, found.id, actor.timeZone);
  await recordAuditEvent(db(), { actor, action: "progress.read", entityType: "Patient", entityId: found.id, patientId: found.id });
  return progress;
}

