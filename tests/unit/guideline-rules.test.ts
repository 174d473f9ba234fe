// Guideline statements (decision 044): which plans are about low back pain, how the stances of
// one treatment read side by side, and which choices need a written reason.
import { describe, expect, it } from "vitest";
import {
  checkGuidelineChoice,
  doNotOfferStatements,
  exerciseFlags,
  matchConditions,
  populationTag,
  sourceLabel,
  sourcesDisagree,
  summarizeStances,
  type StatementForRules,
} from "@/lib/domain/guidelines/rules";

const NG59 = "Low back pain and sciatica in over 16s: assessment and management (NG59)";
const statement = (over: Partial<StatementForRules> = {}): StatementForRules => ({
  id: "s1",
  catalogItemId: "laser",
  condition: "low back pain",
  population: "Adults with low back pain with or without sciatica",
  guideline: NG59,
  publisher: "NICE",
  year: 2016,
  stance: "DO_NOT_OFFER",
  stanceCondition: null,
  requiresExercise: false,
  supersededBy: null,
  supersededYear: null,
  retired: false,
  ...over,
});
const acp = statement({ id: "s2", guideline: "Noninvasive Treatments for Acute, Subacute, and Chronic Low Back Pain", publisher: "ACP", year: 2017, stance: "CONSIDER", population: "Adults with chronic low back pain" });
const cg88 = statement({ id: "s3", guideline: "Low back pain: early management of persistent non-specific low back pain (CG88)", year: 2009, supersededBy: "NG59", supersededYear: 2016 });

describe("matchConditions", () => {
  it.each([
    ["Lower back spasm", null],
    ["Chronic low back pain", null],
    ["Lumbar strain", null],
    ["Acute lumbago", null],
    ["Sciatica, left leg", null],
    ["LBP after lifting", null],
    ["Back pain", null],
    ["Muscle spasm", "M62.830"],
    ["Disc problem", "M51.26"],
    ["Pain", "M54.50"],
    ["Pain", "m545"],
    ["Radiating pain", "M54.16"],
  ])("%s (ICD-10 %s) is about low back pain", (condition, icd10Code) => {
    expect(matchConditions({ condition, icd10Code })).toEqual(["low back pain"]);
  });

  it.each([
    ["Neck pain", null],
    ["Frozen shoulder", "M75.0"],
    ["Upper back stiffness", null],
    ["Thoracic pain", "M54.6"],
    ["Cervical radiculopathy", "M54.12"],
    ["Knee osteoarthritis", "M17.1"],
    ["Backstroke shoulder", null],
  ])("%s (ICD-10 %s) is not", (condition, icd10Code) => {
    expect(matchConditions({ condition, icd10Code })).toEqual([]);
  });

  it("leaves a back condition with a named specific cause unmatched, whatever the code", () => {
    expect(matchConditions({ condition: "Lumbar compression fracture", icd10Code: null })).toEqual([]);
    expect(matchConditions({ condition: "Low back pain, suspected cauda equina", icd10Code: "M54.5" })).toEqual([]);
    expect(matchConditions({ condition: "Ankylosing spondylitis, low back", icd10Code: null })).toEqual([]);
  });
});

describe("stance summary", () => {
  it("labels a source by publisher, the guideline's code and year", () => {
    expect(sourceLabel(statement())).toBe("NICE NG59 2016");
    expect(sourceLabel(acp)).toBe("ACP 2017");
  });

  it("tags the population in a word", () => {
    expect(populationTag("Adults with chronic low back pain")).toBe("chronic");
    expect(populationTag("Adults with low back pain with or without sciatica")).toBeNull();
    expect(populationTag("People with acute or subacute low back pain")).toBe("acute, subacute");
    expect(populationTag("Adults with sciatica")).toBe("with sciatica");
    expect(populationTag("Adults with low back pain without sciatica")).toBe("without sciatica");
    expect(populationTag("Adults with low back pain with sciatica")).toBe("with sciatica");
  });

  it("shows every source, current first (newest first), and superseded guidance labelled as superseded", () => {
    expect(summarizeStances([cg88, statement(), acp])).toBe("ACP 2017: Consider (chronic) · NICE NG59 2016: Do not offer · superseded: NICE CG88 2009: Do not offer");
  });

  it("spells out a stated condition and leaves retired statements out", () => {
    const manual = statement({ id: "m", stance: "CONSIDER_WITH_CONDITION", stanceCondition: "only as part of a treatment package including exercise", requiresExercise: true });
    expect(summarizeStances([manual, acp, statement({ id: "r", retired: true })])).toBe(
      "ACP 2017: Consider (chronic) · NICE NG59 2016: Consider only as part of a treatment package including exercise",
    );
  });

  it("sees disagreement between current sources only, not counting 'not covered' or superseded guidance", () => {
    expect(sourcesDisagree([statement(), acp])).toBe(true);
    expect(sourcesDisagree([statement(), cg88])).toBe(false);
    expect(sourcesDisagree([statement(), { ...acp, stance: "NOT_COVERED" }])).toBe(false);
  });
});

describe("do not offer", () => {
  it("counts only current statements for the plan's conditions", () => {
    expect(doNotOfferStatements([statement(), cg88, acp], ["low back pain"]).map((s) => s.id)).toEqual(["s1"]);
    expect(doNotOfferStatements([statement()], [])).toEqual([]);
    expect(doNotOfferStatements([statement({ retired: true })], ["low back pain"])).toEqual([]);
  });

  it("refuses without a reason of 10 characters and records which statements a reason covers", () => {
    const refused = checkGuidelineChoice({ treatmentName: "Laser therapy", statements: [statement(), acp], conditions: ["low back pain"], reason: "  short  " });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toContain("NICE NG59 2016 says do not offer Laser therapy for low back pain");
    expect(checkGuidelineChoice({ treatmentName: "Laser therapy", statements: [statement(), acp], conditions: ["low back pain"], reason: "Patient declined all other options" })).toEqual({
      ok: true,
      statementIds: ["s1"],
      reason: "Patient declined all other options",
    });
  });

  it("needs nothing for a superseded 'do not offer' alone or for another condition", () => {
    expect(checkGuidelineChoice({ treatmentName: "Laser therapy", statements: [cg88], conditions: ["low back pain"] })).toEqual({ ok: true, statementIds: [], reason: null });
    expect(checkGuidelineChoice({ treatmentName: "Laser therapy", statements: [statement()], conditions: [] })).toEqual({ ok: true, statementIds: [], reason: null });
  });
});

describe("exercise flag", () => {
  const manual = statement({ id: "m", catalogItemId: "mob", stance: "CONSIDER_WITH_CONDITION", stanceCondition: "only as part of a treatment package including exercise", requiresExercise: true });
  const mobilisation = { catalogItemId: "mob", name: "Lumbar mobilisation", kind: "MODALITY", status: "ACTIVE" };

  it("flags a treatment allowed only with exercise in a plan without active exercise", () => {
    expect(exerciseFlags({ activities: [mobilisation], statements: [manual], conditions: ["low back pain"] })).toEqual([
      { catalogItemId: "mob", message: "NICE NG59 2016 advises Lumbar mobilisation only as part of a treatment package including exercise; this plan has no active exercise." },
    ]);
  });

  it("is satisfied by an active exercise, but not by a paused or stopped one", () => {
    const exercise = (status: string) => ({ catalogItemId: "ex", name: "Bridging", kind: "EXERCISE", status });
    expect(exerciseFlags({ activities: [mobilisation, exercise("ACTIVE")], statements: [manual], conditions: ["low back pain"] })).toEqual([]);
    expect(exerciseFlags({ activities: [mobilisation, exercise("ON_HOLD")], statements: [manual], conditions: ["low back pain"] })).toHaveLength(1);
    expect(exerciseFlags({ activities: [mobilisation, exercise("STOPPED")], statements: [manual], conditions: ["low back pain"] })).toHaveLength(1);
  });

  it("does not flag a stopped treatment, another condition, or a superseded statement", () => {
    expect(exerciseFlags({ activities: [{ ...mobilisation, status: "STOPPED" }], statements: [manual], conditions: ["low back pain"] })).toEqual([]);
    expect(exerciseFlags({ activities: [mobilisation], statements: [manual], conditions: [] })).toEqual([]);
    expect(exerciseFlags({ activities: [mobilisation], statements: [{ ...manual, supersededBy: "NG59 update", supersededYear: 2020 }], conditions: ["low back pain"] })).toEqual([]);
  });
});
