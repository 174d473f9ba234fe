// Home-schedule rule (n days a week spread over each 7-day week from the plan's start) and the
// calendar-date helpers it is built on.
import { describe, expect, it } from "vitest";
import { addDays, dayNumber, daysBetween, fromIsoDate, isoFromDayNumber, todayIn, toIsoDate } from "@/lib/domain/schedule/dates";
import { isDueOn, plannedOccurrences, type Frequency } from "@/lib/domain/schedule/rules";

const START = "2026-03-02";

function freq(daysPerWeek: number | null, timesPerDay: number | null = null): Frequency {
  return { daysPerWeek, timesPerDay };
}

/** Week-day offsets (0–6 from the start) on which the activity is due in the first week. */
function dueDaysOfFirstWeek(frequency: Frequency, start = START): number[] {
  return [0, 1, 2, 3, 4, 5, 6].filter((d) => isDueOn(frequency, addDays(start, d), start));
}

function countDue(frequency: Frequency, start: string, from: string, days: number): number {
  let count = 0;
  for (let i = 0; i < days; i++) if (isDueOn(frequency, addDays(from, i), start)) count++;
  return count;
}

describe("isDueOn", () => {
  it("7 days a week is due every day", () => {
    expect(dueDaysOfFirstWeek(freq(7))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("a missing days-per-week (null) means daily", () => {
    expect(dueDaysOfFirstWeek(freq(null))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(countDue(freq(null), START, START, 28)).toBe(28);
  });

  it("3 days a week is due on week days 0, 2 and 4", () => {
    expect(dueDaysOfFirstWeek(freq(3))).toEqual([0, 2, 4]);
  });

  it("1 day a week is due on the start's week day only", () => {
    expect(dueDaysOfFirstWeek(freq(1))).toEqual([0]);
    // Every 7th day thereafter.
    for (let week = 0; week < 10; week++) {
      expect(isDueOn(freq(1), addDays(START, 7 * week), START)).toBe(true);
      for (let d = 1; d < 7; d++) expect(isDueOn(freq(1), addDays(START, 7 * week + d), START)).toBe(false);
    }
  });

  it("5 days a week is due on 5 of every 7 days, never two rest days in a row within a week", () => {
    const days = dueDaysOfFirstWeek(freq(5));
    expect(days).toHaveLength(5);
    expect(days[0]).toBe(0);
    const rest = [0, 1, 2, 3, 4, 5, 6].filter((d) => !days.includes(d));
    expect(rest).toHaveLength(2);
    expect(rest[1]! - rest[0]!).toBeGreaterThan(1);
  });

  it.each([1, 2, 3, 4, 5, 6, 7])("%d days a week: exactly n per week, starting on the start day", (n) => {
    const days = dueDaysOfFirstWeek(freq(n));
    expect(days).toHaveLength(n);
    expect(days[0]).toBe(0);
  });

  it.each([1, 2, 3, 4, 5, 6, 7])("%d days a week: spread evenly (gaps differ by at most one day)", (n) => {
    const days = dueDaysOfFirstWeek(freq(n));
    // Gaps between consecutive due days, wrapping around into the next week.
    const gaps = days.map((d, i) => (i + 1 < days.length ? days[i + 1]! : days[0]! + 7) - d);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
  });

  it.each([1, 2, 3, 4, 5, 6, 7])("%d days a week: 4 × n due days over 28 days", (n) => {
    expect(countDue(freq(n), START, START, 28)).toBe(4 * n);
  });

  it.each([1, 2, 3, 4, 5, 6, 7])("%d days a week: n due days in any 7 consecutive days after the start", (n) => {
    for (let shift = 0; shift < 14; shift++) {
      expect(countDue(freq(n), START, addDays(START, shift), 7)).toBe(n);
    }
  });

  it("repeats the same week pattern every week", () => {
    for (let n = 1; n <= 7; n++) {
      const firstWeek = dueDaysOfFirstWeek(freq(n));
      for (let week = 1; week < 8; week++) {
        const weekStart = addDays(START, 7 * week);
        const days = [0, 1, 2, 3, 4, 5, 6].filter((d) => isDueOn(freq(n), addDays(weekStart, d), START));
        expect(days).toEqual(firstWeek);
      }
    }
  });

  it("is never due before the plan starts", () => {
    for (const n of [null, 1, 3, 5, 7]) {
      for (let d = 1; d <= 21; d++) expect(isDueOn(freq(n), addDays(START, -d), START)).toBe(false);
    }
  });

  it("is always due on the start day itself", () => {
    for (const n of [null, 1, 2, 3, 4, 5, 6, 7]) expect(isDueOn(freq(n), START, START)).toBe(true);
  });

  it("counts weeks from the plan's start, not from the calendar week", () => {
    // Start on a Thursday: 3/week → Thu, Sat, Mon.
    const thursday = "2026-03-05";
    expect(isDueOn(freq(3), "2026-03-05", thursday)).toBe(true);
    expect(isDueOn(freq(3), "2026-03-06", thursday)).toBe(false);
    expect(isDueOn(freq(3), "2026-03-07", thursday)).toBe(true);
    expect(isDueOn(freq(3), "2026-03-08", thursday)).toBe(false);
    expect(isDueOn(freq(3), "2026-03-09", thursday)).toBe(true);
    expect(isDueOn(freq(3), "2026-03-10", thursday)).toBe(false);
    expect(isDueOn(freq(3), "2026-03-11", thursday)).toBe(false);
    expect(isDueOn(freq(3), "2026-03-12", thursday)).toBe(true);
  });

  it("keeps the pattern across month, year and DST changes", () => {
    const start = "2026-12-29";
    expect(isDueOn(freq(1), "2027-01-05", start)).toBe(true);
    expect(isDueOn(freq(1), "2027-01-04", start)).toBe(false);
    expect(countDue(freq(3), start, start, 28)).toBe(12);

    // Europe/London clocks go forward on 2026-03-29; calendar dates are unaffected.
    const dstStart = "2026-03-26";
    expect(isDueOn(freq(1), "2026-04-02", dstStart)).toBe(true);
    expect(isDueOn(freq(3), "2026-03-30", dstStart)).toBe(true); // day 4
    expect(isDueOn(freq(3), "2026-03-29", dstStart)).toBe(false); // day 3
    expect(countDue(freq(5), dstStart, dstStart, 28)).toBe(20);
  });
});

describe("plannedOccurrences", () => {
  it("is timesPerDay on a due day", () => {
    expect(plannedOccurrences(freq(7, 3), START, START)).toBe(3);
    expect(plannedOccurrences(freq(3, 2), addDays(START, 2), START)).toBe(2);
  });

  it("treats a missing timesPerDay (null) as once", () => {
    expect(plannedOccurrences(freq(7, null), START, START)).toBe(1);
    expect(plannedOccurrences(freq(null, null), addDays(START, 5), START)).toBe(1);
  });

  it("is 0 on a day that is not due", () => {
    expect(plannedOccurrences(freq(3, 2), addDays(START, 1), START)).toBe(0);
    expect(plannedOccurrences(freq(1, 4), addDays(START, 6), START)).toBe(0);
  });

  it("is 0 before the plan starts", () => {
    expect(plannedOccurrences(freq(7, 3), addDays(START, -1), START)).toBe(0);
    expect(plannedOccurrences(freq(null, null), "2025-12-31", START)).toBe(0);
  });

  it("adds up to 4 × daysPerWeek × timesPerDay over 28 days", () => {
    for (let n = 1; n <= 7; n++) {
      for (const t of [1, 2, 3]) {
        let total = 0;
        for (let d = 0; d < 28; d++) total += plannedOccurrences(freq(n, t), addDays(START, d), START);
        expect(total).toBe(4 * n * t);
      }
    }
  });
});

describe("dates", () => {
  describe("day numbers (integer day arithmetic)", () => {
    const DAY_MS = 86_400_000;
    it("agree with Date for every day from 1899 to 2101", () => {
      let mismatches = 0;
      for (let ms = Date.UTC(1899, 0, 1); ms <= Date.UTC(2101, 11, 31); ms += DAY_MS) {
        const iso = new Date(ms).toISOString().slice(0, 10);
        const day = ms / DAY_MS;
        if (dayNumber(iso) !== day || isoFromDayNumber(day) !== iso) mismatches++;
      }
      expect(mismatches).toBe(0);
    });

    it("agree with Date in the first centuries too (Date.UTC would read years 0–99 as 1900–1999)", () => {
      const at = (y: number, m: number, d: number) => {
        const date = new Date(0);
        date.setUTCFullYear(y, m - 1, d);
        return date;
      };
      for (const [y, m, d] of [[1, 1, 1], [50, 3, 1], [99, 12, 31], [100, 2, 28], [400, 2, 29], [1000, 1, 1]] as const) {
        const date = at(y, m, d);
        const iso = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        expect(dayNumber(iso), iso).toBe(date.getTime() / DAY_MS);
        expect(isoFromDayNumber(date.getTime() / DAY_MS), iso).toBe(iso);
      }
      expect(addDays("0050-03-01", 42)).toBe("0050-04-12");
    });

    it("add and count days like Date arithmetic, across months, leap days and years", () => {
      const viaDate = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
      for (const iso of ["2024-02-28", "2024-02-29", "2100-02-28", "2000-02-29", "1999-12-31", "2026-11-26"]) {
        for (const n of [-400, -366, -30, -1, 0, 1, 2, 28, 365, 366, 1000]) {
          expect(addDays(iso, n), `${iso} + ${n}`).toBe(viaDate(iso, n));
          expect(daysBetween(iso, viaDate(iso, n)), `${iso} → ${n}`).toBe(n);
        }
      }
    });
  });

  describe("todayIn", () => {
    const now = new Date("2026-11-26T23:30:00Z");

    it("gives the calendar date in the given time zone", () => {
      expect(todayIn("Asia/Tokyo", now)).toBe("2026-11-27");
      expect(todayIn("Europe/London", now)).toBe("2026-11-26");
      expect(todayIn("America/New_York", now)).toBe("2026-11-26");
      expect(todayIn("UTC", now)).toBe("2026-11-26");
    });

    it("crosses the date line both ways", () => {
      const noonUtc = new Date("2026-11-26T12:00:00Z");
      expect(todayIn("Pacific/Kiritimati", noonUtc)).toBe("2026-11-27"); // UTC+14
      expect(todayIn("Pacific/Pago_Pago", noonUtc)).toBe("2026-11-26"); // UTC−11
      expect(todayIn("Pacific/Pago_Pago", new Date("2026-11-27T05:00:00Z"))).toBe("2026-11-26");
    });

    it("uses the zone's summer offset (BST)", () => {
      // 23:30 UTC on 1 July is 00:30 BST on 2 July.
      expect(todayIn("Europe/London", new Date("2026-07-01T23:30:00Z"))).toBe("2026-07-02");
      // Just before and after the spring-forward on 2026-03-29 at 01:00 UTC.
      expect(todayIn("Europe/London", new Date("2026-03-28T23:59:00Z"))).toBe("2026-03-28");
      expect(todayIn("Europe/London", new Date("2026-03-29T00:30:00Z"))).toBe("2026-03-29");
      expect(todayIn("Europe/London", new Date("2026-03-29T23:30:00Z"))).toBe("2026-03-30");
    });

    it("crosses a year end", () => {
      const newYearUtc = new Date("2026-12-31T20:00:00Z");
      expect(todayIn("Asia/Tokyo", newYearUtc)).toBe("2027-01-01");
      expect(todayIn("America/New_York", newYearUtc)).toBe("2026-12-31");
    });

    it("returns an ISO YYYY-MM-DD string for the current time by default", () => {
      expect(todayIn("Europe/London")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    it("throws on an unknown time zone", () => {
      expect(() => todayIn("Mars/Olympus_Mons", now)).toThrow();
    });
  });

  describe("addDays", () => {
    it.each([
      ["2026-01-31", 1, "2026-02-01"],
      ["2026-02-28", 1, "2026-03-01"], // 2026 is not a leap year
      ["2028-02-28", 1, "2028-02-29"], // 2028 is
      ["2028-02-29", 1, "2028-03-01"],
      ["2026-12-31", 1, "2027-01-01"],
      ["2027-01-01", -1, "2026-12-31"],
      ["2026-03-01", -1, "2026-02-28"],
      ["2026-03-28", 1, "2026-03-29"], // Europe/London spring forward
      ["2026-03-29", 1, "2026-03-30"],
      ["2026-03-28", 2, "2026-03-30"],
      ["2026-10-24", 2, "2026-10-26"], // Europe/London fall back on 2026-10-25
      ["2026-11-08", 0, "2026-11-08"],
      ["2026-01-01", 365, "2027-01-01"],
      ["2028-01-01", 366, "2029-01-01"],
      ["2026-05-15", -45, "2026-03-31"],
    ])("%s + %d → %s", (from, days, expected) => {
      expect(addDays(from, days)).toBe(expected);
    });

    it("is the inverse of daysBetween", () => {
      for (let d = -400; d <= 400; d += 37) {
        expect(daysBetween("2026-03-29", addDays("2026-03-29", d))).toBe(d);
      }
    });
  });

  describe("daysBetween", () => {
    it.each([
      ["2026-03-02", "2026-03-02", 0],
      ["2026-03-02", "2026-03-09", 7],
      ["2026-03-09", "2026-03-02", -7],
      ["2026-01-01", "2026-12-31", 364],
      ["2028-02-28", "2028-03-01", 2],
      ["2026-02-28", "2026-03-01", 1],
      ["2026-12-31", "2027-01-01", 1],
      ["2026-03-28", "2026-03-30", 2], // across the Europe/London DST change
      ["2026-10-24", "2026-10-26", 2],
    ])("%s → %s is %d days", (from, to, expected) => {
      expect(daysBetween(from, to)).toBe(expected);
    });
  });

  describe("toIsoDate / fromIsoDate", () => {
    it("round-trips a calendar date through UTC midnight", () => {
      const d = fromIsoDate("2026-03-29");
      expect(d.toISOString()).toBe("2026-03-29T00:00:00.000Z");
      expect(toIsoDate(d)).toBe("2026-03-29");
    });

    it("turns a PostgreSQL date (UTC midnight) back into the same string", () => {
      expect(toIsoDate(new Date(Date.UTC(2026, 11, 31)))).toBe("2026-12-31");
    });
  });
});
