// Home adherence and the clinician's alerts, as pure functions of the data.
import { dayNumber, isoFromDayNumber, toIsoDate, utcToZoned, type IsoDate } from "@/lib/domain/schedule/dates";
import { isDueAtOffset } from "@/lib/domain/schedule/rules";
import { changeMeaning } from "@/lib/domain/outcomes/rules";
import { dateTimeFormat } from "@/lib/intl/date-time-format";

export type AdherenceActivity = {
  id: string;
  daysPerWeek: number | null;
  timesPerDay: number | null;
  /** The day the activity's schedule counts from (the plan's start). */
  start: IsoDate;
  /** The first day it was part of the plan (added later than the start → not planned before). */
  from: IsoDate;
};
/**
 * The first day an activity counts as planned: the plan's start, or the day it was added when a
 * clinician added it more than an hour after the plan was written.
 */
export function countsFrom(planStart: IsoDate, planCreatedAt: Date, activityCreatedAt: Date, addedOn: IsoDate): IsoDate {
  const addedLater = activityCreatedAt.getTime() - planCreatedAt.getTime() > 3_600_000;
  return addedLater && addedOn > planStart ? addedOn : planStart;
}

/** A plan's home activities as adherence counts them: each from the day it became part of the plan. */
export function adherenceActivities(
  plan: { startDate: Date; createdAt: Date },
  activities: { id: string; daysPerWeek: number | null; timesPerDay: number | null; createdAt: Date }[],
  timeZone: string,
): AdherenceActivity[] {
  const start = toIsoDate(plan.startDate);
  return activities.map((a) => ({
    id: a.id,
    daysPerWeek: a.daysPerWeek,
    timesPerDay: a.timesPerDay,
    start,
    from: countsFrom(start, plan.createdAt, a.createdAt, utcToZoned(a.createdAt, timeZone).date),
  }));
}

export type AdherenceLog = { activityId: string; date: IsoDate; done: boolean };
export type Adherence = { days: number; planned: number; done: number; ratio: number | null };

/**
 * Done ÷ planned over the `days` days ending today. Each due day of an activity expects
 * max(1, timesPerDay) logs (one per slot, ADR 025): planned adds that many, done adds the day's
 * logs marked done, at most that many. A once-a-day activity so counts one planned and at most
 * one done occurrence per due day; logs on days that were not due do not add to the count.
 */
export function adherence(activities: AdherenceActivity[], logs: AdherenceLog[], today: IsoDate, days: number): Adherence {
  const doneOn = new Map<string, number>();
  for (const l of logs) {
    if (!l.done) continue;
    const key = `${l.activityId}|${l.date}`;
    doneOn.set(key, (doneOn.get(key) ?? 0) + 1);
  }
  // Day numbers once, then integer steps: this runs for every patient on the dashboard.
  const end = dayNumber(today);
  const counted = activities.map((a) => ({ a, from: dayNumber(a.from), start: dayNumber(a.start), expected: Math.max(1, a.timesPerDay ?? 1) }));
  let planned = 0;
  let done = 0;
  for (let day = end - days + 1; day <= end; day++) {
    let date: IsoDate | null = null;
    for (const { a, from, start, expected } of counted) {
      if (day < from || !isDueAtOffset(a, day - start)) continue;
      planned += expected;
      date ??= isoFromDayNumber(day);
      done += Math.min(expected, doneOn.get(`${a.id}|${date}`) ?? 0);
    }
  }
  return { days, planned, done, ratio: planned === 0 ? null : done / planned };
}

export type AlertKind = "HIGH_HOME_PAIN" | "LOW_ADHERENCE" | "REVIEW_OVERDUE" | "NO_MEANINGFUL_CHANGE";
export type Alert = { kind: AlertKind; message: string };

export const HIGH_PAIN = 7;
export const LOW_ADHERENCE = 0.5;
export const SESSIONS_BEFORE_REEVALUATION = 6;

/** The alerts DESIGN asks for, in order of urgency. */
export function alertsFor(input: {
  today: IsoDate;
  homePainLast7Days: number[];
  adherence7: Adherence;
  reviewDate: IsoDate | null;
  completedSessions: number;
  nprs: { baseline: number; latest: number } | null;
  odi: { baseline: number; latest: number } | null;
}): Alert[] {
  const alerts: Alert[] = [];
  const maxPain = Math.max(-1, ...input.homePainLast7Days);
  if (maxPain >= HIGH_PAIN) alerts.push({ kind: "HIGH_HOME_PAIN", message: `Reported pain ${maxPain}/10 at home in the last 7 days` });
  if (input.adherence7.ratio !== null && input.adherence7.ratio < LOW_ADHERENCE) {
    alerts.push({ kind: "LOW_ADHERENCE", message: `Home adherence ${Math.round(input.adherence7.ratio * 100)} % in the last 7 days` });
  }
  if (input.reviewDate && input.reviewDate < input.today) {
    const due = dateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${input.reviewDate}T00:00:00Z`));
    alerts.push({ kind: "REVIEW_OVERDUE", message: `Plan review was due ${due}` });
  }
  if (input.completedSessions >= SESSIONS_BEFORE_REEVALUATION) {
    const improved = (m: { baseline: number; latest: number } | null, instrument: "NPRS" | "ODI") =>
      m !== null && changeMeaning(instrument, m.baseline, m.latest) === "meaningful-improvement";
    if (!improved(input.nprs, "NPRS") && !improved(input.odi, "ODI")) {
      alerts.push({ kind: "NO_MEANINGFUL_CHANGE", message: `No meaningful change in pain or disability after ${input.completedSessions} sessions: re-evaluate` });
    }
  }
  return alerts;
}

/** alertsFor() gives its alerts in this order of urgency. */
const URGENCY: Record<AlertKind, number> = { HIGH_HOME_PAIN: 0, LOW_ADHERENCE: 1, REVIEW_OVERDUE: 2, NO_MEANINGFUL_CHANGE: 3 };

/**
 * Many patients' alerts grouped by patient, the most urgent patient first: by their most urgent
 * alert, then by how many alerts they have, then in the order they came (Array.prototype.sort is
 * stable). Each patient's own alerts keep their order.
 */
export function alertsByUrgency<T extends Alert & { patientId: string }>(alerts: T[]): T[][] {
  const byPatient = new Map<string, T[]>();
  for (const alert of alerts) {
    const list = byPatient.get(alert.patientId);
    if (list) list.push(alert);
    else byPatient.set(alert.patientId, [alert]);
  }
  const rank = (list: T[]) => Math.min(...list.map((a) => URGENCY[a.kind]));
  return [...byPatient.values()].sort((a, b) => rank(a) - rank(b) || b.length - a.length);
}
