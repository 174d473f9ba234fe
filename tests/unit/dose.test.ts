// The one-line dose text shown on plans ("3 × 10 reps, hold 5 s · 2× a day, 5 days a week").
import { describe, expect, it } from "vitest";
import { describeDose, type Dose } from "@/lib/domain/plans/dto";

const EMPTY: Dose = { durationMin: null, sets: null, reps: null, holdSec: null, timesPerDay: null, daysPerWeek: null };

function dose(partial: Partial<Dose>): Dose {
  return { ...EMPTY, ...partial };
}

describe("describeDose", () => {
  it("describes a full exercise dose", () => {
    expect(describeDose(dose({ sets: 3, reps: 10, holdSec: 5, timesPerDay: 2, daysPerWeek: 5 }))).toBe(
      "3 × 10 reps, hold 5 s · 2× a day, 5 days a week",
    );
  });

  it("is empty for an empty dose", () => {
    expect(describeDose(EMPTY)).toBe("");
  });

  it.each<[string, Partial<Dose>, string]>([
    ["sets × reps", { sets: 3, reps: 10 }, "3 × 10 reps"],
    ["reps only", { reps: 15 }, "15 reps"],
    ["sets only", { sets: 2 }, "2 sets"],
    ["a hold", { holdSec: 30 }, "hold 30 s"],
    ["minutes", { durationMin: 20 }, "20 min"],
    ["reps and hold", { reps: 10, holdSec: 5 }, "10 reps, hold 5 s"],
    ["sets, reps, hold and minutes", { sets: 2, reps: 8, holdSec: 3, durationMin: 10 }, "2 × 8 reps, hold 3 s, 10 min"],
    ["once a day", { timesPerDay: 1 }, "once a day"],
    ["times per day", { timesPerDay: 3 }, "3× a day"],
    ["days per week", { daysPerWeek: 3 }, "3 days a week"],
    ["every day", { daysPerWeek: 7 }, "every day"],
    ["once a day, every day", { timesPerDay: 1, daysPerWeek: 7 }, "once a day, every day"],
    ["a modality", { durationMin: 15 }, "15 min"],
    ["a timed home routine", { durationMin: 30, timesPerDay: 1, daysPerWeek: 5 }, "30 min · once a day, 5 days a week"],
    ["a stretch", { sets: 3, holdSec: 30, daysPerWeek: 7 }, "3 sets, hold 30 s · every day"],
  ])("%s", (_label, partial, text) => {
    expect(describeDose(dose(partial))).toBe(text);
  });

  it("puts what before when, separated by ' · ' only when both are present", () => {
    expect(describeDose(dose({ reps: 10 }))).not.toContain("·");
    expect(describeDose(dose({ timesPerDay: 2 }))).not.toContain("·");
    expect(describeDose(dose({ reps: 10, timesPerDay: 2 }))).toBe("10 reps · 2× a day");
  });

  it("leaves out zero values as if unset", () => {
    expect(describeDose(dose({ sets: 0, reps: 0, holdSec: 0, durationMin: 0, timesPerDay: 0, daysPerWeek: 0 }))).toBe("");
    expect(describeDose(dose({ sets: 0, reps: 12 }))).toBe("12 reps");
  });
});

describe("describeDose wording for one", () => {
  const none = { durationMin: null, sets: null, reps: null, holdSec: null, timesPerDay: null, daysPerWeek: null };
  it("uses the singular", () => {
    expect(describeDose({ ...none, daysPerWeek: 1 })).toBe("1 day a week");
    expect(describeDose({ ...none, sets: 1 })).toBe("1 set");
    expect(describeDose({ ...none, reps: 1 })).toBe("1 rep");
    expect(describeDose({ ...none, sets: 3, reps: 1 })).toBe("3 × 1 rep");
  });
});
