// When a plan's scheduled outcome measures fall due, and whether they were answered (issue 16,
// decision 046). Pure: dates are ISO calendar dates in the clinic's time zone, computed by the
// caller from instants with todayIn(clinicTimeZone, instant).
import type { Instrument, MeasureRespondent, MeasureRule, OutcomeContext, PlanStatus } from "@/lib/enums";
import { addDays, dayNumber, type IsoDate } from "@/lib/domain/schedule/dates";

/** An answer counts for an occurrence from this many days before its due date (decision 046). */
export const EARLY_DAYS = 3;
/** The discharge measure is asked, and counts, from this many days before the plan's end date. */
export const DISCHARGE_EARLY_DAYS = 7;

export type MeasureEntry = {
  id: string;
  instrument: Instrument;
  rule: MeasureRule;
  everyWeeks: number | null;
  answeredBy: MeasureRespondent;
  createdAt: Date;
  /** createdAt as a date in the clinic's time zone. */
  createdOn: IsoDate;
};

export type PlanFacts = { startDate: IsoDate; endDate: IsoDate | null; status: PlanStatus };

export type ResponseFact = { instrument: Instrument; recordedAt: Date; recordedOn: IsoDate; context: OutcomeContext };

export type Occurrence = {
  dueDate: IsoDate;
  /** The day the patient is asked (= dueDate, or a week earlier for the discharge measure). */
  askFrom: IsoDate;
  /** First day an answer counts; ONCE counts from the instant of the ask instead. */
  windowStart: IsoDate;
  /** First day an answer no longer counts (the next occurrence's window), null: open-ended. */
  windowEnd: IsoDate | null;
};

export type EntryStatus = {
  /** The occurrence in force today (the latest one already asked), if any. */
  current: Occurrence | null;
  /** The next due date after today, if the rule has one. */
  nextDue: IsoDate | null;
  /** The date of the latest answer that satisfied one of this entry's occurrences. */
  lastAnsweredOn: IsoDate | null;
  /** The current occurrence is asked and not answered. */
  open: boolean;
  /** Open and past its due date: overdue since the first unanswered occurrence of the trailing run. */
  overdueSince: IsoDate | null;
  /** The entry waits for a fact the plan lacks (a discharge measure on a plan without an end date). */
  note: "no-end-date" | null;
};

function isoMax(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/** Every occurrence of an entry due on or before `until` (EACH_SESSION has none: sessions drive it). */
export function occurrences(entry: MeasureEntry, plan: PlanFacts, until: IsoDate): Occurrence[] {
  switch (entry.rule) {
    case "AT_START": {
      // Added after the start, the baseline is asked from the day it was added.
      const due = isoMax(plan.startDate, entry.createdOn);
      return due <= until ? [{ dueDate: due, askFrom: due, windowStart: addDays(plan.startDate, -EARLY_DAYS), windowEnd: null }] : [];
    }
    case "ONCE":
      return entry.createdOn <= until ? [{ dueDate: entry.createdOn, askFrom: entry.createdOn, windowStart: entry.createdOn, windowEnd: null }] : [];
    case "AT_DISCHARGE": {
      if (!plan.endDate) return [];
      const askFrom = addDays(plan.endDate, -DISCHARGE_EARLY_DAYS);
      return askFrom <= until ? [{ dueDate: plan.endDate, askFrom, windowStart: askFrom, windowEnd: null }] : [];
    }
    case "EVERY_N_WEEKS": {
      const step = 7 * (entry.everyWeeks ?? 0);
      if (step <= 0) return [];
      // Week 0 is the start measure's job; occurrences due before the entry existed are not asked;
      // none after the plan's end date (the discharge measure's job).
      const last = plan.endDate && plan.endDate < until ? plan.endDate : until;
      const out: Occurrence[] = [];
      const from = dayNumber(entry.createdOn);
      for (let due = addDays(plan.startDate, step); due <= last; due = addDays(due, step)) {
        if (dayNumber(due) < from) continue;
        out.push({ dueDate: due, askFrom: due, windowStart: addDays(due, -EARLY_DAYS), windowEnd: addDays(due, step - EARLY_DAYS) });
      }
      return out;
    }
    case "EACH_SESSION":
      return [];
  }
}

function nextDueAfter(entry: MeasureEntry, plan: PlanFacts, today: IsoDate): IsoDate | null {
  switch (entry.rule) {
    case "AT_START": {
      const due = isoMax(plan.startDate, entry.createdOn);
      return due > today ? due : null;
    }
    case "AT_DISCHARGE":
      return plan.endDate && addDays(plan.endDate, -DISCHARGE_EARLY_DAYS) > today ? plan.endDate : null;
    case "EVERY_N_WEEKS": {
      const step = 7 * (entry.everyWeeks ?? 0);
      if (step <= 0) return null;
      const elapsed = dayNumber(today) - dayNumber(plan.startDate);
      const k = Math.max(1, Math.floor(elapsed / step) + 1);
      let due = addDays(plan.startDate, k * step);
      while (due < entry.createdOn) due = addDays(due, step);
      return plan.endDate && due > plan.endDate ? null : due;
    }
    default:
      return null;
  }
}

/** The answer that satisfies an occurrence, if any: same instrument, inside its window. */
export function satisfyingAnswer(entry: MeasureEntry, occ: Occurrence, responses: readonly ResponseFact[]): ResponseFact | null {
  for (const r of responses) {
    if (r.instrument !== entry.instrument) continue;
    if (entry.rule === "ONCE" ? r.recordedAt >= entry.createdAt : r.recordedOn >= occ.windowStart && (occ.windowEnd === null || r.recordedOn < occ.windowEnd)) return r;
    // A response recorded as the discharge measure counts for it whenever it was taken.
    if (entry.rule === "AT_DISCHARGE" && r.context === "DISCHARGE") return r;
  }
  return null;
}

/**
 * Where one schedule entry stands today. An occurrence is answered when the patient's answer
 * claimed it (`claimed` holds its due date) or when any response of the instrument on the plan
 * falls in its window, whoever recorded it. Only an ACTIVE plan asks.
 */
export function entryStatus(entry: MeasureEntry, plan: PlanFacts, responses: readonly ResponseFact[], claimed: ReadonlySet<IsoDate>, today: IsoDate): EntryStatus {
  const note = entry.rule === "AT_DISCHARGE" && !plan.endDate ? "no-end-date" : null;
  const all = occurrences(entry, plan, today).filter((o) => o.askFrom <= today);
  let lastAnsweredOn: IsoDate | null = null;
  const answered = all.map((o) => {
    const answer = satisfyingAnswer(entry, o, responses);
    if (answer && (!lastAnsweredOn || answer.recordedOn > lastAnsweredOn)) lastAnsweredOn = answer.recordedOn;
    return claimed.has(o.dueDate) || answer !== null;
  });
  const current = all.at(-1) ?? null;
  const open = plan.status === "ACTIVE" && current !== null && !answered.at(-1);
  let overdueSince: IsoDate | null = null;
  if (open && current!.dueDate < today) {
    let i = all.length - 1;
    while (i > 0 && !answered[i - 1]) i--;
    overdueSince = all[i]!.dueDate;
  }
  return { current, nextDue: nextDueAfter(entry, plan, today), lastAnsweredOn, open, overdueSince, note };
}
