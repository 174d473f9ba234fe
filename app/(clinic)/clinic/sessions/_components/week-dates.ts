// Calendar arithmetic for the week view; dates are ISO strings in the clinic's time zone.
import { addDays, fromIsoDate, utcToZoned, type IsoDate } from "@/lib/domain/schedule/dates";

/** The Monday of the week that contains `date`. */
export function mondayOf(date: IsoDate): IsoDate {
  const weekday = fromIsoDate(date).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** The week view's address for the week containing an instant, in the clinic's time zone. */
export function weekHref(startsAt: string, timeZone: string): string {
  return `/clinic/sessions?week=${mondayOf(utcToZoned(new Date(startsAt), timeZone).date)}`;
}

/** "Mon 14 Dec" for a calendar date. */
export function formatDay(date: IsoDate, options: { year?: boolean } = {}): string {
  return new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: options.year ? "numeric" : undefined, timeZone: "UTC" }).format(fromIsoDate(date));
}

/** "10:00" for an instant in the clinic's time zone. */
export function formatClock(iso: string, timeZone: string): string {
  return utcToZoned(new Date(iso), timeZone).time;
}

/** "10:00–10:45" */
export function formatTimeRange(startsAt: string, durationMin: number, timeZone: string): string {
  const end = new Date(new Date(startsAt).getTime() + durationMin * 60_000).toISOString();
  return `${formatClock(startsAt, timeZone)}–${formatClock(end, timeZone)}`;
}

/** Whether a session's start time has passed (no-show and signing need it). */
export function hasStarted(startsAt: string, now: Date = new Date()): boolean {
  return new Date(startsAt).getTime() <= now.getTime();
}
