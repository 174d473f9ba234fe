import { describe, expect, it } from "vitest";
import { PlanStatus } from "@/lib/db/generated/enums";
import {
  PLAN_TRANSITIONS,
  REASON_REQUIRED,
  checkAssignment,
  checkDose,
  checkPlanTransition,
  contraindicationConflicts,
  isEditable,
} from "@/lib/domain/plans/rules";

const ALL = Object.values(PlanStatus);
const none = { durationMin: null, sets: null, reps: null, holdSec: null, timesPerDay: null, daysPerWeek: null };

describe("plan lifecycle (DRAFT → ACTIVE ⇄ ON_HOLD → COMPLETED | CANCELLED; ENTERED_IN_ERROR from any state)", () => {
  const allowed: [string, string][] = [
    ["DRAFT", "ACTIVE"],
    ["DRAFT", "CANCELLED"],
    ["ACTIVE", "ON_HOLD"],
    ["ON_HOLD", "ACTIVE"],
    ["ACTIVE", "COMPLETED"],
    ["ON_HOLD", "COMPLETED"],
    ["ACTIVE", "CANCELLED"],
    ["ON_HOLD", "CANCELLED"],
    ...ALL.filter((s) => s !== "ENTERED_IN_ERROR").map((s): [string, string] => [s, "ENTERED_IN_ERROR"]),
  ];

  it.each(ALL.flatMap((from) => ALL.map((to) => [from, to] as const)))("%s → %s", (from, to) => {
    const expected = allowed.some(([f, t]) => f === from && t === to);
    const check = checkPlanTransition(from, to, "a good long reason");
    expect(check.ok).toBe(expected);
    expect(PLAN_TRANSITIONS[from].includes(to)).toBe(expected);
  });

  it("never leaves ENTERED_IN_ERROR and never returns to DRAFT", () => {
    expect(PLAN_TRANSITIONS.ENTERED_IN_ERROR).toEqual([]);
    for (const from of ALL) expect(PLAN_TRANSITIONS[from]).not.toContain("DRAFT");
  });

  it("asks for a reason to put on hold, cancel or mark entered in error, not to activate or complete", () => {
    expect([...REASON_REQUIRED].sort()).toEqual(["CANCELLED", "ENTERED_IN_ERROR", "ON_HOLD"]);
    expect(checkPlanTransition("ACTIVE", "ON_HOLD", "")).toEqual({ ok: false, field: "reason", message: expect.stringContaining("Say why") });
    expect(checkPlanTransition("ACTIVE", "ON_HOLD", "   abc   ").ok).toBe(false);
    expect(checkPlanTransition("ACTIVE", "ON_HOLD", "Away travelling").ok).toBe(true);
    expect(checkPlanTransition("DRAFT", "ACTIVE", null).ok).toBe(true);
    expect(checkPlanTransition("ACTIVE", "COMPLETED", undefined).ok).toBe(true);
    expect(checkPlanTransition("ACTIVE", "ACTIVE", "x")).toMatchObject({ ok: false, field: "status" });
  });

  it("lets only draft, active and on-hold plans be edited", () => {
    expect(ALL.filter(isEditable).sort()).toEqual(["ACTIVE", "DRAFT", "ON_HOLD"]);
  });
});

describe("contraindication matching", () => {
  it("returns the patient's flags that the treatment lists, once each, sorted", () => {
    expect(contraindicationConflicts(["ANTICOAGULANTS", "PREGNANCY"], ["PREGNANCY", "ANTICOAGULANTS", "NEEDLE_PHOBIA", "PREGNANCY"])).toEqual(["ANTICOAGULANTS", "PREGNANCY"]);
    expect(contraindicationConflicts([], ["PREGNANCY"])).toEqual([]);
    expect(contraindicationConflicts(["PREGNANCY"], [])).toEqual([]);
    expect(contraindicationConflicts(["OSTEOPOROSIS"], ["PREGNANCY"])).toEqual([]);
  });

  it("refuses a contraindicated assignment with an explanation naming the treatment and flags", () => {
    const check = checkAssignment({ treatmentName: "Dry needling", patientFlags: ["ANTICOAGULANTS"], treatmentFlags: ["ANTICOAGULANTS", "BLEEDING_DISORDER"] });
    expect(check).toEqual({ ok: false, conflicts: ["ANTICOAGULANTS"], message: expect.stringContaining("Dry needling is contraindicated for this patient (anticoagulants)") });
  });

  it("accepts an override only with a written reason of at least 10 characters, and records the flags it covers", () => {
    const base = { treatmentName: "Shock wave therapy", patientFlags: ["PREGNANCY", "MALIGNANCY"] as const, treatmentFlags: ["MALIGNANCY", "PREGNANCY"] as const };
    expect(checkAssignment({ ...base, overrideReason: "too short" }).ok).toBe(false);
    expect(checkAssignment({ ...base, overrideReason: "          " }).ok).toBe(false);
    expect(checkAssignment({ ...base, overrideReason: "  Oncologist approved, remote site  " })).toEqual({
      ok: true,
      overriddenFlags: ["MALIGNANCY", "PREGNANCY"],
      overrideReason: "Oncologist approved, remote site",
    });
  });

  it("needs no override when nothing conflicts, and ignores a reason given anyway", () => {
    expect(checkAssignment({ treatmentName: "Bridging", patientFlags: ["PREGNANCY"], treatmentFlags: ["ACUTE_FRACTURE"], overrideReason: "just in case it matters" })).toEqual({
      ok: true,
      overriddenFlags: [],
      overrideReason: null,
    });
  });
});

describe("dose validation", () => {
  it("needs something to do for every treatment but education", () => {
    expect(checkDose("IN_CLINIC", "MODALITY", none)).toHaveProperty("durationMin");
    expect(checkDose("IN_CLINIC", "MODALITY", { ...none, durationMin: 15 })).toEqual({});
    expect(checkDose("IN_CLINIC", "EDUCATION", none)).toEqual({});
  });

  it("needs days per week for anything done at home", () => {
    expect(checkDose("HOME", "EXERCISE", { ...none, reps: 10 })).toHaveProperty("daysPerWeek");
    expect(checkDose("BOTH", "EXERCISE", { ...none, reps: 10 })).toHaveProperty("daysPerWeek");
    expect(checkDose("HOME", "EXERCISE", { ...none, reps: 10, daysPerWeek: 5 })).toEqual({});
    expect(checkDose("IN_CLINIC", "EXERCISE", { ...none, reps: 10 })).toEqual({});
  });

  it("refuses sets without reps or hold, and more than one in-clinic application a day", () => {
    expect(checkDose("HOME", "EXERCISE", { ...none, sets: 3, daysPerWeek: 5 })).toHaveProperty("reps");
    expect(checkDose("HOME", "EXERCISE", { ...none, sets: 3, holdSec: 30, daysPerWeek: 5 })).toEqual({});
    expect(checkDose("IN_CLINIC", "MODALITY", { ...none, durationMin: 10, timesPerDay: 2 })).toHaveProperty("timesPerDay");
  });
});
