// The template form schema, shared by the admin form and the server.
import { describe, expect, it } from "vitest";
import { normaliseIcd10, ZIcd10Code, ZTemplateInput, ZTemplateStatusChange, ZTemplateUpdate } from "@/lib/validation/templates";

const ID = "cmabcdefghijklmnopqrstuvw";
const valid = {
  name: "Lower back spasm",
  condition: "Lower back muscle spasm",
  icd10Code: "M62.830",
  description: "Relieve pain, then restore movement.",
  items: [{ catalogItemId: ID, setting: "HOME", phase: "MOBILITY", dose: { durationMin: "", sets: "2", reps: "10", holdSec: "", timesPerDay: "1", daysPerWeek: "5" } }],
};

describe("ICD-10 code", () => {
  it.each([
    ["M62.830", "M62.830"],
    ["M54.5", "M54.5"],
    ["m54.5", "M54.5"],
    ["  m62.830 ", "M62.830"],
    ["M62830", "M62.830"],
    ["S33.5XXA", "S33.5XXA"],
    ["M54", "M54"],
    ["M1A.0", "M1A.0"],
  ])("accepts %j as %j", (input, expected) => {
    expect(ZIcd10Code.parse(input)).toBe(expected);
  });

  it.each(["", "   ", null, undefined])("treats %j as no code", (input) => {
    expect(ZIcd10Code.parse(input)).toBeNull();
  });

  it.each(["U07.1", "123.4", "M5", "M62.83012", "M62-830", "back pain", "M6C.1"])("refuses %j", (input) => {
    const result = ZIcd10Code.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Enter an ICD-10 code such as M54.5 or M62.830");
  });

  it("inserts the dot only where a code without one is long enough to need it", () => {
    expect(normaliseIcd10("m545")).toBe("M54.5");
    expect(normaliseIcd10("m54")).toBe("M54");
  });
});

describe("ZTemplateInput", () => {
  it("accepts the form's strings and turns dose fields into numbers or null", () => {
    const result = ZTemplateInput.safeParse(valid);
    expect(result.success).toBe(true);
    expect(result.data?.items[0]?.dose).toEqual({ durationMin: null, sets: 2, reps: 10, holdSec: null, timesPerDay: 1, daysPerWeek: 5 });
  });

  it("allows an empty description and a missing ICD-10 code", () => {
    const result = ZTemplateInput.safeParse({ ...valid, description: "", icd10Code: "" });
    expect(result.data).toMatchObject({ description: "", icd10Code: null });
  });

  it("keys errors by the item's index so the form shows them next to the field", () => {
    const result = ZTemplateInput.safeParse({
      ...valid,
      items: [valid.items[0], { catalogItemId: "nope", setting: "GARDEN", phase: "", dose: { ...valid.items[0]!.dose, reps: "ten" } }],
    });
    const paths = result.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(paths).toEqual([
      "items.1.catalogItemId: Invalid id",
      "items.1.setting: Choose a setting",
      "items.1.phase: Choose a phase",
      "items.1.dose.reps: Reps must be a number",
    ]);
  });

  it("needs 1 to 40 items", () => {
    expect(ZTemplateInput.safeParse({ ...valid, items: [] }).error?.issues[0]?.message).toBe("Add at least one treatment");
    expect(ZTemplateInput.safeParse({ ...valid, items: Array(40).fill(valid.items[0]) }).success).toBe(true);
    expect(ZTemplateInput.safeParse({ ...valid, items: Array(41).fill(valid.items[0]) }).error?.issues[0]?.message).toBe("A template holds at most 40 treatments");
  });

  it("bounds the text fields", () => {
    const issues = (patch: object) => ZTemplateInput.safeParse({ ...valid, ...patch }).error?.issues.map((i) => i.path.join("."));
    expect(issues({ name: " x " })).toEqual(["name"]);
    expect(issues({ name: "x".repeat(121) })).toEqual(["name"]);
    expect(issues({ condition: "" })).toEqual(["condition"]);
    expect(issues({ condition: "x".repeat(201) })).toEqual(["condition"]);
    expect(issues({ description: "x".repeat(4001) })).toEqual(["description"]);
    expect(issues({ description: "bad\u0000byte" })).toEqual(["description"]);
    expect(ZTemplateInput.safeParse({ ...valid, name: "x".repeat(120), description: "x".repeat(4000) }).success).toBe(true);
  });

  it("needs an id and a version to update, and only ACTIVE or RETIRED as a status", () => {
    expect(ZTemplateUpdate.safeParse(valid).success).toBe(false);
    expect(ZTemplateUpdate.safeParse({ ...valid, id: ID, version: 3 }).success).toBe(true);
    expect(ZTemplateUpdate.safeParse({ ...valid, id: ID, version: 0 }).success).toBe(false);
    expect(ZTemplateStatusChange.safeParse({ id: ID, version: 1, status: "RETIRED" }).success).toBe(true);
    expect(ZTemplateStatusChange.safeParse({ id: ID, version: 1, status: "DRAFT" }).success).toBe(false);
  });
});
