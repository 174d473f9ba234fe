// Dates from a form or the URL are bounded to 1900-01-01 … 2200-12-31 (decision 020): a date
// outside it used to pass the YYYY-MM-DD check and reach date arithmetic and queries, where a
// 5-digit or year-0 date answered 500 (/clinic/sessions?week=9999-12-31, /admin/audit?to=9999-12-31).
import { describe, expect, it } from "vitest";
import { ZAuditFilters } from "@/lib/validation/audit";
import { MAX_DAY, MIN_DAY, isRealDay } from "@/lib/validation/fields";
import { ZUpdatePlanDetails } from "@/lib/validation/plans";
import { ZLogHomeActivity, ZPortalDay } from "@/lib/validation/portal";
import { ZScheduleSession, ZWeekQuery } from "@/lib/validation/sessions";

const OUT_OF_RANGE = ["0000-01-01", "9999-12-31", "1899-12-31", "2201-01-01"];
const NOT_A_DAY = ["-000001-01-01", "275760-09-13", "2026-02-30", "+002026-01-01", "2026-1-1", ""];
const IN_RANGE = ["1900-01-01", "1969-12-31", "2026-12-04", "2038-01-19", "2200-12-31"];
const id = `c${"a".repeat(24)}`;

describe("calendar-day bounds", () => {
  it("are 1900-01-01 to 2200-12-31", () => {
    expect([MIN_DAY, MAX_DAY]).toEqual(["1900-01-01", "2200-12-31"]);
  });

  it.each([...OUT_OF_RANGE, ...NOT_A_DAY])("a form date %j is refused with a field error", (date) => {
    const result = ZScheduleSession.safeParse({ planId: id, date, time: "10:00", durationMin: 30 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["date"]);
  });

  it.each(IN_RANGE)("a form date %j inside the bounds is accepted", (date) => {
    expect(ZScheduleSession.safeParse({ planId: id, date, time: "10:00", durationMin: 30 }).success).toBe(true);
    expect(isRealDay(date)).toBe(true);
  });

  it("says what the range is", () => {
    const result = ZScheduleSession.safeParse({ planId: id, date: "9999-12-31", time: "10:00", durationMin: 30 });
    expect(result.error?.issues[0]?.message).toBe("Enter a date between 1900 and 2200");
  });

  it.each([...OUT_OF_RANGE, ...NOT_A_DAY])("a plan's start or review date %j is refused", (date) => {
    const base = { planId: id, version: 1, title: "Plan", condition: "Low back pain", icd10Code: null, goals: "Less pain", startDate: "2026-12-01", reviewDate: null, plannedSessions: 4 };
    expect(ZUpdatePlanDetails.safeParse(base).success).toBe(true);
    expect(ZUpdatePlanDetails.safeParse({ ...base, startDate: date }).success).toBe(false);
    // An empty review date means "none".
    if (date !== "") expect(ZUpdatePlanDetails.safeParse({ ...base, reviewDate: date }).success).toBe(false);
  });

  it.each([...OUT_OF_RANGE, ...NOT_A_DAY])("a home log for %j is refused", (date) => {
    expect(ZLogHomeActivity.safeParse({ planActivityId: id, date, done: true }).success).toBe(false);
  });

  it.each([...OUT_OF_RANGE, ...NOT_A_DAY])("URL filters ignore %j (the page shows its default)", (date) => {
    expect(ZAuditFilters.parse({ from: date, to: date })).toMatchObject({ from: undefined, to: undefined });
    expect(ZPortalDay.parse({ day: date })).toEqual({ day: undefined });
    expect(ZWeekQuery.parse({ week: date })).toEqual({ week: undefined });
  });

  it("URL filters keep a date inside the bounds", () => {
    expect(ZAuditFilters.parse({ from: "1969-12-31", to: "2038-01-19" })).toMatchObject({ from: "1969-12-31", to: "2038-01-19" });
    expect(ZWeekQuery.parse({ week: "2200-12-31" })).toEqual({ week: "2200-12-31" });
    expect(ZWeekQuery.parse({ week: ["2026-12-01", "2026-12-08"] })).toEqual({ week: undefined });
  });
});
