// Progress and alerts computed from the rows the queries return: pure, so the domain functions
// (get-progress.ts, care-team-alerts.ts) and the benchmark's ceiling (scripts/bench/ceiling/)
// run exactly the same rules on exactly the same inputs. No "server-only": no database here.
import { ODI } from "@/lib/clinical/instruments";
import { changeMeaning, type ChangeMeaning } from "@/lib/domain/outcomes/rules";
import { addDays, toIsoDate, utcToZoned, type IsoDate } from "@/lib/domain/schedule/dates";
import { adherence, adherenceActivities, alertsFor, fairChance, type Adherence, type Alert } from "./rules";

export type PainPoint = { date: string; source: "session-before" | "session-after" | "home" | "nprs"; value: number };
export type ScorePoint = { date: string; score: number; context: string };
export type Change = { baseline: number; latest: number; change: number; meaning: ChangeMeaning } | null;

export type Progress = {
  /** How ODI scores are labelled (issue 16, ADR 045). */
  odiLabel: string;
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

type Activity = { id: string; daysPerWeek: number | null; timesPerDay: number | null; createdAt: Date };

/** One patient's progress from the plan in force (or none), its home activities, completed sessions, home logs and NPRS/ODI scores. */
export function progressFromRows(input: {
  patientId: string;
  timeZone: string;
  today: IsoDate;
  plan: { id: string; startDate: Date; createdAt: Date; activatedAt: Date | null; reviewDate: Date | null; plannedSessions: number } | undefined;
  planActivities: Activity[];
  sessions: { startsAt: Date; painBefore: number | null; painAfter: number | null }[];
  logs: { planActivityId: string; date: Date; done: boolean; painDuring: number | null }[];
  outcomes: { instrument: string; context: string; score: number; recordedAt: Date; label?: string | null }[];
}): Progress {
  const { patientId, timeZone, today, plan, sessions, logs, outcomes } = input;
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
  const activities = plan ? adherenceActivities(plan, input.planActivities, timeZone) : [];
  const since = addDays(today, -27);
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
        adherenceFairChance: fairChance(activities, today).fair,
        reviewDate: plan.reviewDate ? toIsoDate(plan.reviewDate) : null,
        completedSessions: sessions.length,
        nprs: nprsChange && { baseline: nprsChange.baseline, latest: nprsChange.latest },
        odi: odiChange && { baseline: odiChange.baseline, latest: odiChange.latest },
      })
    : [];
  // The ODI's label as its latest score was scored (issue 16): "ODI, adapted wording" or, once licensed wording is loaded, "ODI".
  const odiLabel = outcomes.filter((o) => o.instrument === "ODI").at(-1)?.label ?? ODI.label;
  return {
    patientId,
    planId: plan?.id ?? null,
    odiLabel,
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
 * Many patients' alerts from set-based rows: each patient's plan in force with its completed
 * sessions, the plans' home activities, the last week's home logs, and per patient and instrument
 * the first baseline and the latest score. Patients without a plan get no entry.
 */
export function alertsFromRows(input: {
  timeZone: string;
  today: IsoDate;
  plans: { id: string; patientId: string; startDate: Date; createdAt: Date; activatedAt: Date | null; reviewDate: Date | null; completedSessions: number }[];
  activities: (Activity & { planId: string })[];
  logs: { patientId: string; planId: string; planActivityId: string; date: Date; done: boolean; painDuring: number | null }[];
  scores: { kind: "baseline" | "latest"; patientId: string; instrument: "NPRS" | "ODI"; id: string; score: number }[];
}): Map<string, Alert[]> {
  const { timeZone, today, plans } = input;
  const group = <T>(rows: T[], key: (row: T) => string) => {
    const map = new Map<string, T[]>();
    for (const row of rows) {
      const list = map.get(key(row));
      if (list) list.push(row);
      else map.set(key(row), [row]);
    }
    return map;
  };
  const activitiesByPlan = group(input.activities, (a) => a.planId);
  const logsByPatient = group(input.logs, (l) => l.patientId);
  const scoreOf = new Map(input.scores.map((s) => [`${s.patientId}|${s.instrument}|${s.kind}`, s]));
  const scoreChange = (patientId: string, instrument: "NPRS" | "ODI") => {
    const baseline = scoreOf.get(`${patientId}|${instrument}|baseline`);
    const latest = scoreOf.get(`${patientId}|${instrument}|latest`);
    return baseline && latest && baseline.id !== latest.id ? { baseline: baseline.score, latest: latest.score } : null;
  };
  const result = new Map<string, Alert[]>();
  for (const plan of plans) {
    const planLogs = (logsByPatient.get(plan.patientId) ?? []).filter((l) => l.planId === plan.id);
    const recent = planLogs.map((l) => ({ activityId: l.planActivityId, date: toIsoDate(l.date), done: l.done }));
    const activities = adherenceActivities(plan, activitiesByPlan.get(plan.id) ?? [], timeZone);
    result.set(
      plan.patientId,
      alertsFor({
        today,
        homePainLast7Days: planLogs.filter((l) => l.painDuring !== null).map((l) => l.painDuring!),
        adherence7: adherence(activities, recent, today, 7),
        adherenceFairChance: fairChance(activities, today).fair,
        reviewDate: plan.reviewDate ? toIsoDate(plan.reviewDate) : null,
        completedSessions: plan.completedSessions,
        nprs: scoreChange(plan.patientId, "NPRS"),
        odi: scoreChange(plan.patientId, "ODI"),
      }),
    );
  }
  return result;
}
