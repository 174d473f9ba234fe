// When a home activity is due. A frequency of n days per week is spread evenly over each
// 7-day week counted from the plan's start (3/week → days 0, 2, 4), so "planned occurrences"
// for adherence and "due today" for the patient come from the same rule.
import { daysBetween, type IsoDate } from "./dates";

export type Frequency = { daysPerWeek: number | null; timesPerDay: number | null };

export function isDueOn(frequency: Frequency, date: IsoDate, start: IsoDate): boolean {
  return isDueAtOffset(frequency, daysBetween(start, date));
}

/** isDueOn for the day `offset` days after the start (negative: before it, never due). */
export function isDueAtOffset(frequency: Frequency, offset: number): boolean {
  if (offset < 0) return false;
  const perWeek = Math.min(7, Math.max(1, frequency.daysPerWeek ?? 7));
  const day = offset % 7;
  return Math.ceil(((day + 1) * perWeek) / 7) > Math.ceil((day * perWeek) / 7);
}

/** Occurrences planned on one day: times per day on a due day, otherwise none. */
export function plannedOccurrences(frequency: Frequency, date: IsoDate, start: IsoDate): number {
  return isDueOn(frequency, date, start) ? Math.max(1, frequency.timesPerDay ?? 1) : 0;
}
