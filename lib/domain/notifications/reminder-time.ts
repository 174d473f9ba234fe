// When reminders are due, in the patient's time zone (decision 035). Pure: unit-tested across
// daylight-saving changes. Wall-clock times are "HH:MM"; instants are UTC Dates.
import { utcToZoned, zonedToUtc, type IsoDate } from "@/lib/domain/schedule/dates";
import { dateTimeFormat } from "@/lib/intl/date-time-format";

/**
 * How long after the chosen time a daily reminder may still go out when the tick that should
 * have sent it did not run (every app process down, a deploy): 3 hours, and never past the
 * patient's local midnight (a reminder about yesterday's exercises is noise).
 */
export const DAILY_CATCH_UP_MINUTES = 180;

/** Appointment reminders go for sessions starting between 23 and 24 hours from the tick. */
export const APPOINTMENT_WINDOW = { fromHours: 23, toHours: 24 } as const;

const MINUTE = 60_000;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const timeOf = (minutes: number) => `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;

/**
 * The instant a daily reminder set for `time` is due on `localDate` in `timeZone`. A time that does
 * not exist that day (the hour skipped when clocks go forward) is due when the clock has passed it
 * (01:30 on a night that jumps from 01:00 to 02:00 → 02:30 local); a time that happens twice (clocks
 * going back) is due at one of its two occurrences, and the dedupe key (one per local date) makes
 * sure only one reminder is ever sent for the day.
 */
export function dailyReminderInstant(localDate: IsoDate, time: string, timeZone: string): Date {
  return zonedToUtc(localDate, time, timeZone);
}

/**
 * Whether a reminder set for `time` is due now: its instant today (the patient's local date) has
 * come and is less than the catch-up window old. Returns the local date it is for, else null.
 */
export function dailyReminderDue(now: Date, time: string, timeZone: string, catchUpMinutes = DAILY_CATCH_UP_MINUTES): IsoDate | null {
  const { date } = utcToZoned(now, timeZone);
  const due = dailyReminderInstant(date, time, timeZone).getTime();
  // A skipped time just before midnight would fall on the next day: never past local midnight.
  if (utcToZoned(new Date(due), timeZone).date !== date) return null;
  return due <= now.getTime() && now.getTime() - due < catchUpMinutes * MINUTE ? date : null;
}

/**
 * Every "HH:MM" whose daily reminder is due at `now` in `timeZone` (dailyReminderDue for each),
 * with the local date: what the tick asks the database for, one entry per zone. Only the times
 * from (local time − window − 1 h) to (local time + 1 h) are candidates (the hours cover a skipped
 * hour and, after clocks go back, the first pass through the repeated one), so this checks at most
 * ~300 times per zone.
 */
export function dueReminderTimes(now: Date, timeZone: string, catchUpMinutes = DAILY_CATCH_UP_MINUTES): { localDate: IsoDate; times: string[] } {
  const local = utcToZoned(now, timeZone);
  const nowMinutes = minutesOf(local.time);
  const times: string[] = [];
  for (let m = Math.max(0, nowMinutes - catchUpMinutes - 60); m <= Math.min(1439, nowMinutes + 60); m++) {
    const time = timeOf(m);
    if (dailyReminderDue(now, time, timeZone, catchUpMinutes) === local.date) times.push(time);
  }
  return { localDate: local.date, times };
}

const dayFormat = (timeZone: string) => dateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone });
const timeFormat = (timeZone: string) => dateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });

/** "Saturday 5 December": a local date as the daily reminder names it. */
export function dayLabel(localDate: IsoDate): string {
  // Noon UTC of the date is that date in UTC; format it in UTC so no zone moves it.
  return dayFormat("UTC").format(new Date(`${localDate}T12:00:00.000Z`));
}

/** "Tuesday 8 December at 10:00": an appointment's start in the patient's time zone. */
export function whenLabel(instant: Date, timeZone: string): string {
  return `${dayFormat(timeZone).format(instant)} at ${timeFormat(timeZone).format(instant)}`;
}
