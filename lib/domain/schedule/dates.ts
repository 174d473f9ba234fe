// Calendar dates are ISO strings (YYYY-MM-DD) in the clinic's time zone; PostgreSQL `date`
// columns arrive as UTC midnight and are turned back into the same string.
import { dateTimeFormat } from "@/lib/intl/date-time-format";

const DAY_MS = 86_400_000;

export type IsoDate = string;

export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  return dateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export function toIsoDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

export function fromIsoDate(iso: IsoDate): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  return toIsoDate(new Date(fromIsoDate(iso).getTime() + days * DAY_MS));
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((fromIsoDate(to).getTime() - fromIsoDate(from).getTime()) / DAY_MS);
}

/** Minutes east of UTC that `timeZone` is at `instant`. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = dateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(instant);
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(parts.find((p) => p.type === "timeZoneName")?.value ?? "");
  return match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** The UTC instant of a wall-clock date and time in a time zone (DST-aware). */
export function zonedToUtc(date: IsoDate, time: string, timeZone: string): Date {
  const wall = new Date(`${date}T${time}:00.000Z`).getTime();
  let guess = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
  // Re-check at the guessed instant: the offset can differ across a DST change.
  guess = wall - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
}

/** The wall-clock date and time of an instant in a time zone. */
export function utcToZoned(instant: Date, timeZone: string): { date: IsoDate; time: string } {
  const parts = Object.fromEntries(
    dateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}
