// The dates and instants of a series of sessions (decision 038). Pure: the booking form's preview
// and the domain share it, and unit tests run it without a database.
import { isoWeekdayOf } from "@/lib/validation/sessions";
import { addDays, utcToZoned, zonedToUtc, type IsoDate } from "./dates";

export type SeriesPattern = { date: IsoDate; frequency: "WEEKLY" | "TWICE_WEEKLY"; secondDay?: number; count: number };

/**
 * The series' dates: the first date, then every later date that falls on one of the series'
 * weekdays (the first date's, and for twice weekly the second day), until `count` dates.
 */
export function seriesDates(pattern: SeriesPattern): IsoDate[] {
  const days = new Set([isoWeekdayOf(pattern.date)]);
  if (pattern.frequency === "TWICE_WEEKLY" && pattern.secondDay) days.add(pattern.secondDay);
  const dates: IsoDate[] = [];
  // At most 7 days between two dates of the series: the bound only guards the loop.
  for (let day = pattern.date, steps = 0; dates.length < pattern.count && steps < pattern.count * 7 + 7; day = addDays(day, 1), steps++) {
    if (days.has(isoWeekdayOf(day))) dates.push(day);
  }
  return dates;
}

export type SeriesOccurrence = {
  date: IsoDate;
  /** The wall-clock time asked for, in the clinic's time zone. */
  time: string;
  startsAt: Date;
  /**
   * The wall-clock time the instant has in the clinic's time zone: the time asked for, except on
   * the night clocks go forward, when that time does not exist that day (then the hour after).
   */
  wallTime: string;
};

/** Each date at the same wall-clock time in the clinic's time zone: the UTC instant moves across a DST change, the clock time does not. */
export function seriesOccurrences(pattern: SeriesPattern, time: string, timeZone: string): SeriesOccurrence[] {
  return seriesDates(pattern).map((date) => {
    const startsAt = zonedToUtc(date, time, timeZone);
    return { date, time, startsAt, wallTime: utcToZoned(startsAt, timeZone).time };
  });
}

/** Whether two sessions overlap (touching ends do not). */
export function overlaps(aStart: Date, aMin: number, bStart: Date, bMin: number): boolean {
  return aStart.getTime() < bStart.getTime() + bMin * 60_000 && bStart.getTime() < aStart.getTime() + aMin * 60_000;
}
