// Calendar dates are ISO strings (YYYY-MM-DD) in the clinic's time zone; PostgreSQL `date`
// columns arrive as UTC midnight and are turned back into the same string.
import { dateTimeFormat } from "@/lib/intl/date-time-format";

export type IsoDate = string;

/** One formatter per time zone for a fixed set of options, found without building a cache key. */
function perZone(locale: string, options: Intl.DateTimeFormatOptions): (timeZone: string) => Intl.DateTimeFormat {
  const byZone = new Map<string, Intl.DateTimeFormat>();
  return (timeZone) => {
    let format = byZone.get(timeZone);
    if (!format) {
      format = dateTimeFormat(locale, { ...options, timeZone });
      byZone.set(timeZone, format);
    }
    return format;
  };
}

const calendarDate = perZone("en-CA", { year: "numeric", month: "2-digit", day: "2-digit" });
const zoneOffset = perZone("en-US", { timeZoneName: "longOffset" });
const wallClock = perZone("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  return calendarDate(timeZone).format(now);
}

export function toIsoDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

export function fromIsoDate(iso: IsoDate): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

// Day arithmetic is integer arithmetic on day numbers, with no Date objects: adherence and the
// dashboard's alerts walk days × activities × patients (thousands of steps per request), and in
// a Next.js server every `new Date(…)` goes through its Date wrapper (its IO tracking), which
// made date objects a visible share of a page's CPU.

/** Days since 1970-01-01 of an ISO date (H. Hinnant's days_from_civil, proleptic Gregorian). */
export function dayNumber(iso: IsoDate): number {
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  const y = Number(iso.slice(0, 4)) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The ISO date of a day number (H. Hinnant's civil_from_days, proleptic Gregorian). */
export function isoFromDayNumber(day: number): IsoDate {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1_460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}`;
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  return isoFromDayNumber(dayNumber(iso) + days);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Minutes east of UTC that `timeZone` is at `instant`. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = zoneOffset(timeZone).formatToParts(instant);
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
    wallClock(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}
