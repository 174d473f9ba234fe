// A series of sessions (decision 038): its dates, weekly and twice weekly, at the same clock time
// in the clinic's time zone across daylight-saving changes, and the form's validation.
import { describe, expect, it } from "vitest";
import { overlaps, seriesDates, seriesOccurrences } from "@/lib/domain/schedule/series";
import { isoWeekdayOf, ZSessionSeries } from "@/lib/validation/sessions";

const PLAN = "cmplan00000000000000000000"; // a well-formed cuid

describe("seriesDates", () => {
  it("weekly: the same weekday N times, the first date included", () => {
    expect(seriesDates({ date: "2027-01-04", frequency: "WEEKLY", count: 4 })).toEqual(["2027-01-04", "2027-01-11", "2027-01-18", "2027-01-25"]);
  });

  it("twice weekly: the first date's weekday and the second day, in date order, N in all", () => {
    // Monday 4 Jan 2027 and Thursdays: Mon, Thu, Mon, Thu, Mon.
    expect(seriesDates({ date: "2027-01-04", frequency: "TWICE_WEEKLY", secondDay: 4, count: 5 })).toEqual(["2027-01-04", "2027-01-07", "2027-01-11", "2027-01-14", "2027-01-18"]);
    // A second day earlier in the week than the first date: Thu 7 Jan, then Mon 11, Thu 14, Mon 18.
    expect(seriesDates({ date: "2027-01-07", frequency: "TWICE_WEEKLY", secondDay: 1, count: 4 })).toEqual(["2027-01-07", "2027-01-11", "2027-01-14", "2027-01-18"]);
  });

  it("crosses month and year ends and a leap day", () => {
    expect(seriesDates({ date: "2027-12-22", frequency: "WEEKLY", count: 3 })).toEqual(["2027-12-22", "2027-12-29", "2028-01-05"]);
    expect(seriesDates({ date: "2028-02-22", frequency: "WEEKLY", count: 2 })).toEqual(["2028-02-22", "2028-02-29"]);
  });

  it("twice weekly without a second day is weekly (validation refuses it before)", () => {
    expect(seriesDates({ date: "2027-01-04", frequency: "TWICE_WEEKLY", count: 2 })).toEqual(["2027-01-04", "2027-01-11"]);
  });
});

describe("seriesOccurrences across daylight saving", () => {
  it("keeps 10:00 London time when the clocks go forward (UTC 10:00 → 09:00)", () => {
    // British Summer Time starts Sunday 28 March 2027.
    const rows = seriesOccurrences({ date: "2027-03-22", frequency: "WEEKLY", count: 3 }, "10:00", "Europe/London");
    expect(rows.map((r) => r.startsAt.toISOString())).toEqual(["2027-03-22T10:00:00.000Z", "2027-03-29T09:00:00.000Z", "2027-04-05T09:00:00.000Z"]);
    expect(rows.every((r) => r.wallTime === "10:00")).toBe(true);
  });

  it("keeps 09:30 New York time when the clocks go back (UTC 13:30 → 14:30)", () => {
    // US daylight time ends Sunday 7 November 2027.
    const rows = seriesOccurrences({ date: "2027-11-04", frequency: "TWICE_WEEKLY", secondDay: 1, count: 3 }, "09:30", "America/New_York");
    expect(rows.map((r) => [r.date, r.startsAt.toISOString()])).toEqual([
      ["2027-11-04", "2027-11-04T13:30:00.000Z"],
      ["2027-11-08", "2027-11-08T14:30:00.000Z"],
      ["2027-11-11", "2027-11-11T14:30:00.000Z"],
    ]);
  });

  it("marks a time that does not exist on the night clocks go forward", () => {
    // 01:30 on Sunday 28 March 2027 does not exist in London (01:00 → 02:00).
    const rows = seriesOccurrences({ date: "2027-03-21", frequency: "WEEKLY", count: 2 }, "01:30", "Europe/London");
    expect(rows[0]!.wallTime).toBe("01:30");
    expect(rows[1]!.wallTime).not.toBe("01:30");
  });
});

describe("overlaps", () => {
  const at = (iso: string) => new Date(iso);
  it("overlapping sessions clash, touching ends do not", () => {
    expect(overlaps(at("2027-01-04T10:00:00Z"), 45, at("2027-01-04T10:30:00Z"), 30)).toBe(true);
    expect(overlaps(at("2027-01-04T10:00:00Z"), 45, at("2027-01-04T10:45:00Z"), 30)).toBe(false);
    expect(overlaps(at("2027-01-04T10:45:00Z"), 30, at("2027-01-04T10:00:00Z"), 45)).toBe(false);
    expect(overlaps(at("2027-01-04T09:00:00Z"), 240, at("2027-01-04T10:00:00Z"), 5)).toBe(true);
  });
});

describe("ZSessionSeries", () => {
  const base = { planId: PLAN, date: "2027-01-04", time: "10:00", durationMin: 45, frequency: "WEEKLY", count: 6 };
  const errorsOf = (input: object) => {
    const r = ZSessionSeries.safeParse(input);
    return r.success ? null : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };

  it("accepts a weekly and a twice-weekly series, numbers from form strings", () => {
    expect(errorsOf(base)).toBeNull();
    expect(errorsOf({ ...base, frequency: "TWICE_WEEKLY", secondDay: "4", count: "26" })).toBeNull();
    expect(ZSessionSeries.parse({ ...base, count: "2", secondDay: "" })).toMatchObject({ count: 2, secondDay: undefined, skip: [] });
  });

  it("refuses a bad number of sessions with a clear message", () => {
    expect(errorsOf({ ...base, count: 1 })).toEqual(["count: At least 2 sessions"]);
    expect(errorsOf({ ...base, count: 27 })).toEqual(["count: At most 26 sessions"]);
    expect(errorsOf({ ...base, count: "2.5" })).toEqual(["count: Number of sessions is a whole number"]);
    expect(errorsOf({ ...base, count: "many" })?.[0]).toMatch(/^count: /);
  });

  it("refuses bad days: none, the first date's own day, out of range; and an unknown frequency", () => {
    expect(errorsOf({ ...base, frequency: "TWICE_WEEKLY" })).toEqual(["secondDay: Choose the second day of the week"]);
    expect(errorsOf({ ...base, frequency: "TWICE_WEEKLY", secondDay: 1 })).toEqual(["secondDay: The second day must differ from the first session's day"]);
    expect(errorsOf({ ...base, frequency: "TWICE_WEEKLY", secondDay: 8 })?.[0]).toMatch(/^secondDay: /);
    expect(errorsOf({ ...base, frequency: "DAILY" })).toEqual(["frequency: Choose weekly or twice weekly"]);
    expect(errorsOf({ ...base, skip: ["not-a-date"] })?.[0]).toMatch(/^skip\.0: /);
  });

  it("isoWeekdayOf: Monday 1 … Sunday 7", () => {
    expect(isoWeekdayOf("2027-01-04")).toBe(1);
    expect(isoWeekdayOf("2027-01-10")).toBe(7);
  });
});
