// Reminder times in the patient's time zone (decision 035): a 07:30 reminder stays 07:30 on the
// wall clock on both sides of a daylight-saving change (Europe/London 2026-03-29 and 2026-10-25,
// America/New_York 2026-03-08 and 2026-11-01), a tick every minute finds each day's reminder
// exactly in its window, skipped and repeated times are handled, and nothing goes past midnight.
import { describe, expect, it } from "vitest";
import { DAILY_CATCH_UP_MINUTES, dailyReminderDue, dailyReminderInstant, dayLabel, dueReminderTimes, whenLabel } from "@/lib/domain/notifications/reminder-time";
import { utcToZoned } from "@/lib/domain/schedule/dates";

const at = (iso: string) => new Date(iso);
const MINUTE = 60_000;

/** Every minute from `from` (inclusive) to `to` (exclusive) at which the reminder is due, with its local date. */
function tickEveryMinute(from: string, to: string, time: string, zone: string): { at: string; date: string }[] {
  const due: { at: string; date: string }[] = [];
  for (let t = at(from).getTime(); t < at(to).getTime(); t += MINUTE) {
    const date = dailyReminderDue(new Date(t), time, zone);
    if (date) due.push({ at: new Date(t).toISOString(), date });
  }
  return due;
}

/** The first instant of each local date at which a tick every minute finds the reminder due. */
function firstPerDay(due: { at: string; date: string }[]): Record<string, string> {
  const first: Record<string, string> = {};
  for (const d of due) first[d.date] ??= d.at;
  return first;
}

describe("a 07:30 daily reminder across daylight-saving changes", () => {
  it.each([
    // Europe/London: GMT (UTC+0) → BST (UTC+1) on 2026-03-29 at 01:00 UTC.
    ["Europe/London", "2026-03-28", "2026-03-28T07:30:00.000Z"],
    ["Europe/London", "2026-03-29", "2026-03-29T06:30:00.000Z"],
    ["Europe/London", "2026-03-30", "2026-03-30T06:30:00.000Z"],
    // BST → GMT on 2026-10-25 at 01:00 UTC.
    ["Europe/London", "2026-10-24", "2026-10-24T06:30:00.000Z"],
    ["Europe/London", "2026-10-25", "2026-10-25T07:30:00.000Z"],
    // America/New_York: EST (UTC−5) → EDT (UTC−4) on 2026-03-08; EDT → EST on 2026-11-01.
    ["America/New_York", "2026-03-07", "2026-03-07T12:30:00.000Z"],
    ["America/New_York", "2026-03-08", "2026-03-08T11:30:00.000Z"],
    ["America/New_York", "2026-10-31", "2026-10-31T11:30:00.000Z"],
    ["America/New_York", "2026-11-01", "2026-11-01T12:30:00.000Z"],
  ])("in %s on %s is due at %s (07:30 local)", (zone, date, instant) => {
    const due = dailyReminderInstant(date, "07:30", zone);
    expect(due.toISOString()).toBe(instant);
    expect(utcToZoned(due, zone)).toEqual({ date, time: "07:30" });
  });

  it.each([
    ["Europe/London", "2026-03-27T00:00:00Z", "2026-03-31T00:00:00Z"],
    ["Europe/London", "2026-10-23T00:00:00Z", "2026-10-27T00:00:00Z"],
    ["America/New_York", "2026-03-06T18:00:00Z", "2026-03-10T18:00:00Z"],
    ["America/New_York", "2026-10-30T18:00:00Z", "2026-11-03T18:00:00Z"],
  ])("in %s a tick every minute first finds it at 07:30 local every day (%s … %s)", (zone, from, to) => {
    const due = tickEveryMinute(from, to, "07:30", zone);
    const first = firstPerDay(due);
    expect(Object.keys(first)).toHaveLength(4);
    for (const [date, instant] of Object.entries(first)) expect(utcToZoned(at(instant), zone)).toEqual({ date, time: "07:30" });
    // …and keeps finding it for the catch-up window only (the dedupe key sends it once).
    expect(due).toHaveLength(4 * DAILY_CATCH_UP_MINUTES);
  });
});

describe("dailyReminderDue", () => {
  const zone = "Europe/London";
  it("is not due a minute early, is due at the time and until the catch-up window ends", () => {
    expect(dailyReminderDue(at("2026-03-29T06:29:00Z"), "07:30", zone)).toBeNull();
    expect(dailyReminderDue(at("2026-03-29T06:30:00Z"), "07:30", zone)).toBe("2026-03-29");
    expect(dailyReminderDue(at("2026-03-29T09:29:00Z"), "07:30", zone)).toBe("2026-03-29");
    expect(dailyReminderDue(at("2026-03-29T09:30:00Z"), "07:30", zone)).toBeNull();
  });

  it("never goes past the patient's local midnight", () => {
    // 23:30 in New York: due at 23:30 and 23:59, not at 00:10 the next day (inside 3 h, but another day).
    expect(dailyReminderDue(at("2026-12-06T04:30:00Z"), "23:30", "America/New_York")).toBe("2026-12-05");
    expect(dailyReminderDue(at("2026-12-06T04:59:00Z"), "23:30", "America/New_York")).toBe("2026-12-05");
    expect(dailyReminderDue(at("2026-12-06T05:10:00Z"), "23:30", "America/New_York")).toBeNull();
  });

  it("sends a time the clocks skip once, when the clock has passed it (01:30 on 2026-03-29 → 02:30 BST)", () => {
    const due = tickEveryMinute("2026-03-28T23:00:00Z", "2026-03-29T06:00:00Z", "01:30", zone);
    const first = firstPerDay(due);
    expect(Object.keys(first)).toEqual(["2026-03-29"]);
    expect(utcToZoned(at(first["2026-03-29"]!), zone)).toEqual({ date: "2026-03-29", time: "02:30" });
  });

  it("finds a time that happens twice (01:30 on 2026-10-25) for one local date only", () => {
    const due = tickEveryMinute("2026-10-24T22:00:00Z", "2026-10-25T06:00:00Z", "01:30", zone);
    expect(new Set(due.map((d) => d.date))).toEqual(new Set(["2026-10-25"]));
    expect(due).toHaveLength(DAILY_CATCH_UP_MINUTES);
  });

  it("follows the zone it is given: the same instant is 18:00 in London and 13:00 in New York", () => {
    const now = at("2026-12-05T18:00:00Z");
    expect(dailyReminderDue(now, "18:00", "Europe/London")).toBe("2026-12-05");
    expect(dailyReminderDue(now, "18:00", "America/New_York")).toBeNull();
    expect(dailyReminderDue(now, "13:00", "America/New_York")).toBe("2026-12-05");
  });
});

describe("dueReminderTimes (what the tick asks the database for)", () => {
  const allTimes = Array.from({ length: 1440 }, (_, m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);
  it.each([
    ["Europe/London", "2026-12-05T18:07:00Z"],
    ["Europe/London", "2026-03-29T02:15:00Z"],
    ["Europe/London", "2026-10-25T01:45:00Z"],
    ["America/New_York", "2026-03-08T07:40:00Z"],
    ["America/New_York", "2026-11-01T06:20:00Z"],
    ["Asia/Kolkata", "2026-12-05T00:05:00Z"],
    ["Pacific/Chatham", "2026-04-05T03:00:00Z"],
  ])("in %s at %s lists exactly the times a brute-force check finds", (zone, iso) => {
    const now = at(iso);
    const expected = allTimes.filter((t) => dailyReminderDue(now, t, zone) !== null);
    const { localDate, times } = dueReminderTimes(now, zone);
    expect(times).toEqual(expected);
    expect(localDate).toBe(utcToZoned(now, zone).date);
  });
});

describe("labels", () => {
  it("name the day and the appointment's local time", () => {
    expect(dayLabel("2026-12-05")).toBe("Saturday 5 December");
    expect(whenLabel(at("2026-12-08T10:00:00Z"), "Europe/London")).toBe("Tuesday 8 December at 10:00");
    expect(whenLabel(at("2026-12-08T10:00:00Z"), "America/New_York")).toBe("Tuesday 8 December at 05:00");
    // Summer time: the same wall-clock hour is another UTC hour.
    expect(whenLabel(at("2026-07-07T09:00:00Z"), "Europe/London")).toBe("Tuesday 7 July at 10:00");
  });
});
