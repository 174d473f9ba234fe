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

/**
 * The first day the patient could follow the plan: its start, or the day (in the clinic's time
 * zone) it last became ACTIVE when that is later. Before activation the patient does not see the
 * plan (a DRAFT is the clinician's), so those days are not the patient's to miss. A plan without
 * an activation time (written ACTIVE by the seed or an import, or activated before activatedAt
 * was recorded with no audit event to tell when) counts from its start, as before.
 */
export function activeFrom(plan: { startDate: Date; activatedAt: Date | null }, timeZone: string): IsoDate {
  const start = toIsoDate(plan.startDate);
  if (!plan.activatedAt) return start;
  const activated = utcToZoned(plan.activatedAt, timeZone).date;
  return activated > start ? activated : start;
}

/**
 * A plan's home activities as adherence counts them: each from the day it became part of the plan,
 * and never before the plan became active (activeFrom).
 */
export function adherenceActivities(
  plan: { startDate: Date; createdAt: Date; activatedAt: Date | null },
  activities: { id: string; daysPerWeek: number | null; timesPerDay: number | null; createdAt: Date }[],
  timeZone: string,
): AdherenceActivity[] {
  const start = toIsoDate(plan.startDate);
  const active = activeFrom(plan, timeZone);
  return activities.map((a) => {
    const from = countsFrom(start, plan.createdAt, a.createdAt, utcToZoned(a.createdAt, timeZone).date);
    return { id: a.id, daysPerWeek: a.daysPerWeek, timesPerDay: a.timesPerDay, start, from: from > active ? from : active };
  });
}

/**
 * The fair-chance rule for the low-adherence alert (ADR 041). A product rule, not a clinical
 * guideline: no alert until, counting the day the plan became active as the first, at least
 * MIN_DAYS_ACTIVE days have ended (today, still under way, does not count) AND at least
 * MIN_DUE_DAYS of those ended days had a home activity due. So a plan activated today never
 * alerts; a plan activated Monday with a daily activity can alert from Thursday; a plan whose only
 * home activity is weekly waits for its third due day.
 */
export const FAIR_CHANCE = { MIN_DAYS_ACTIVE: 3, MIN_DUE_DAYS: 3 } as const;

export type FairChance = { daysEnded: number; dueDaysEnded: number; fair: boolean };

export function fairChance(activities: AdherenceActivity[], today: IsoDate): FairChance {
  if (activities.length === 0) return { daysEnded: 0, dueDaysEnded: 0, fair: false };
  const end = dayNumber(today);
  const counted = activities.map((a) => ({ a, from: dayNumber(a.from), start: dayNumber(a.start) }));
  const first = Math.min(...counted.map((c) => c.from));
  const daysEnded = Math.max(0, end - first);
  // Stops at the threshold: a year-old plan costs MIN_DUE_DAYS steps, not 365.
  let dueDaysEnded = 0;
  for (let day = first; day < end && dueDaysEnded < FAIR_CHANCE.MIN_DUE_DAYS; day++) {
    if (counted.some(({ a, from, start }) => day >= from && isDueAtOffset(a, day - start))) dueDaysEnded++;
  }
  return { daysEnded, dueDaysEnded, fair: daysEnded >= FAIR_CHANCE.MIN_DAYS_ACTIVE && dueDaysEnded >= FAIR_CHANCE.MIN_DUE_DAYS };
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
  /** fairChance(): false holds back the low-adherence alert (ADR 041). */
  adherenceFairChance: boolean;
  reviewDate: IsoDate | null;
  completedSessions: number;
  nprs: { baseline: number; latest: number } | null;
  odi: { baseline: number; latest: number } | null;
}): Alert[] {
  const alerts: Alert[] = [];
  const maxPain = Math.max(-1, ...input.homePainLast7Days);
  if (maxPain >= HIGH_PAIN) alerts.push({ kind: "HIGH_HOME_PAIN", message: `Reported pain ${maxPain}/10 at home in the last 7 days` });
  if (input.adherenceFairChance && input.adherence7.ratio !== null && input.adherence7.ratio < LOW_ADHERENCE) {
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
