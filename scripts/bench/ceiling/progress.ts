// lib/domain/progress/get-progress.ts computeProgress(): the same five statements (plan, its home
// activities, completed sessions, home logs, NPRS/ODI scores) and the same pure rules.
import { changeMeaning } from "../../../lib/domain/outcomes/rules";
import { adherence, alertsFor, countsFrom } from "../../../lib/domain/progress/rules";
import { addDays, todayIn, toIsoDate, utcToZoned } from "../../../lib/domain/schedule/dates";
import { planColumns, rows, type Client } from "./db";

type ScorePoint = { date: string; score: number; context: string };
type PainPoint = { date: string; source: string; value: number };

function change(instrument: "NPRS" | "ODI", points: ScorePoint[]) {
  const baseline = points.find((p) => p.context === "BASELINE");
  const latest = points.at(-1);
  if (!baseline || !latest || baseline === latest) return null;
  return { baseline: baseline.score, latest: latest.score, change: Math.round((latest.score - baseline.score) * 10) / 10, meaning: changeMeaning(instrument, baseline.score, latest.score) };
}

type Plan = { id: string; startDate: Date; createdAt: Date; reviewDate: Date | null; plannedSessions: number };

export async function computeProgress(client: Client, clinicId: string, patientId: string, timeZone: string) {
  const today = todayIn(timeZone);
  const [plan] = await rows<Plan>(
    client,
    `SELECT ${planColumns("t")} FROM "TreatmentPlan" t
      WHERE t."clinicId" = $1 AND t."patientId" = $2 AND t."status" IN ('ACTIVE', 'ON_HOLD')
      ORDER BY t."status" ASC, t."startDate" DESC LIMIT 1`,
    [clinicId, patientId],
  );
  const activities = plan
    ? await rows<{ id: string; daysPerWeek: number | null; timesPerDay: number | null; createdAt: Date }>(
        client,
        `SELECT "id", "daysPerWeek", "timesPerDay", "createdAt", "planId" FROM "PlanActivity" WHERE "status" = 'ACTIVE' AND "setting" IN ('HOME', 'BOTH') AND "planId" = $1`,
        [plan.id],
      )
    : [];
  const since = addDays(today, -27);
  const sessions = await rows<{ startsAt: Date; painBefore: number | null; painAfter: number | null }>(
    client,
    `SELECT "id", "startsAt", "painBefore", "painAfter" FROM "Session"
      WHERE "clinicId" = $1 AND "patientId" = $2 AND "status" = 'COMPLETED' ${plan ? `AND "planId" = $3` : ""} ORDER BY "startsAt" ASC`,
    plan ? [clinicId, patientId, plan.id] : [clinicId, patientId],
  );
  const logs = await rows<{ planActivityId: string; date: Date; done: boolean; painDuring: number | null }>(
    client,
    plan
      ? `SELECT h."id", h."planActivityId", h."date", h."done", h."painDuring" FROM "HomeLog" h LEFT JOIN "PlanActivity" j0 ON j0."id" = h."planActivityId"
          WHERE h."clinicId" = $1 AND h."patientId" = $2 AND j0."planId" = $3 AND j0."id" IS NOT NULL ORDER BY h."date" ASC`
      : `SELECT h."id", h."planActivityId", h."date", h."done", h."painDuring" FROM "HomeLog" h WHERE h."clinicId" = $1 AND h."patientId" = $2 ORDER BY h."date" ASC`,
    plan ? [clinicId, patientId, plan.id] : [clinicId, patientId],
  );
  const outcomes = await rows<{ instrument: string; context: string; score: number; recordedAt: Date }>(
    client,
    `SELECT "id", "instrument"::text, "context"::text, "score", "recordedAt" FROM "OutcomeResponse"
      WHERE "clinicId" = $1 AND "patientId" = $2 AND "instrument" IN ('NPRS', 'ODI') ORDER BY "recordedAt" ASC`,
    [clinicId, patientId],
  );

  const pain: PainPoint[] = [];
  for (const s of sessions) {
    const date = utcToZoned(s.startsAt, timeZone).date;
    if (s.painBefore !== null) pain.push({ date, source: "session-before", value: s.painBefore });
    if (s.painAfter !== null) pain.push({ date, source: "session-after", value: s.painAfter });
  }
  const homeByDay = new Map<string, number>();
  for (const l of logs) {
    if (l.painDuring === null) continue;
    const d = toIsoDate(l.date);
    homeByDay.set(d, Math.max(homeByDay.get(d) ?? 0, l.painDuring));
  }
  for (const [date, value] of homeByDay) pain.push({ date, source: "home", value });
  const series = (instrument: string) =>
    outcomes.filter((o) => o.instrument === instrument).map((o) => ({ date: utcToZoned(o.recordedAt, timeZone).date, score: o.score, context: o.context }));
  const nprs = series("NPRS");
  const odi = series("ODI");
  for (const p of nprs) pain.push({ date: p.date, source: "nprs", value: p.score });
  pain.sort((a, b) => a.date.localeCompare(b.date));

  const start = plan ? toIsoDate(plan.startDate) : today;
  const adherenceActivities = plan
    ? activities.map((a) => ({ id: a.id, daysPerWeek: a.daysPerWeek, timesPerDay: a.timesPerDay, start, from: countsFrom(start, plan.createdAt, a.createdAt, utcToZoned(a.createdAt, timeZone).date) }))
    : [];
  const recentLogs = logs.filter((l) => toIsoDate(l.date) >= since).map((l) => ({ activityId: l.planActivityId, date: toIsoDate(l.date), done: l.done }));
  const adherence7 = adherence(adherenceActivities, recentLogs, today, 7);
  const adherence28 = adherence(adherenceActivities, recentLogs, today, 28);
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
