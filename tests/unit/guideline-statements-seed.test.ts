// Checks the seed's guideline statements (issue 16, ADR 043): every catalog treatment has a NICE
// NG59 and an ACP 2017 statement, the stances carry what they need, superseded guidance is marked.
import { describe, expect, it } from "vitest";
import { CATALOG } from "../../prisma/seed-data/catalog";
import { GUIDELINE_STATEMENTS, type SeedGuidelineStatement } from "../../prisma/seed-data/guideline-statements";

const isNg59 = (s: SeedGuidelineStatement) => s.source.guideline.includes("(NG59)");
const isAcp = (s: SeedGuidelineStatement) => s.source.publisher.includes("American College of Physicians") && s.source.year === 2017;
const isCg88 = (s: SeedGuidelineStatement) => s.source.guideline.includes("(CG88)");

describe("guideline statements seed", () => {
  const catalogNames = new Set(CATALOG.map((c) => c.name));

  it("has statements at all", () => {
    expect(GUIDELINE_STATEMENTS.length).toBeGreaterThanOrEqual(CATALOG.length * 2);
  });

  it("names only treatments that exist in the catalog seed", () => {
    const unknown = GUIDELINE_STATEMENTS.filter((s) => !catalogNames.has(s.treatment)).map((s) => s.treatment);
    expect(unknown).toEqual([]);
  });

  it.each(CATALOG.map((c) => c.name))("%s has a NICE NG59 and an ACP 2017 statement", (name) => {
    const own = GUIDELINE_STATEMENTS.filter((s) => s.treatment === name);
    expect(own.some(isNg59)).toBe(true);
    expect(own.some(isAcp)).toBe(true);
  });

  it("every statement is from NG59, ACP 2017 or CG88, for low back pain, with a link and a check date", () => {
    for (const s of GUIDELINE_STATEMENTS) {
      expect(isNg59(s) || isAcp(s) || isCg88(s), `${s.treatment}: ${s.source.guideline}`).toBe(true);
      expect(s.condition).toBe("low back pain");
      expect(s.source.url).toMatch(/^https:\/\/(www\.nice\.org\.uk\/guidance\/(ng59|cg88)|www\.acpjournals\.org\/doi\/10\.7326\/M16-2367)$/);
      expect(s.lastCheckedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(s.population.trim().length).toBeGreaterThan(0);
      expect(s.note.trim().length).toBeGreaterThan(0);
    }
  });

  it("a stance other than NOT_COVERED has a quote and a recommendation number", () => {
    for (const s of GUIDELINE_STATEMENTS.filter((x) => x.stance !== "NOT_COVERED")) {
      expect(s.quote?.trim(), `${s.treatment} / ${s.source.guideline}`).toBeTruthy();
      expect(s.source.recommendation?.trim(), `${s.treatment} / ${s.source.guideline}`).toBeTruthy();
    }
  });

  it("NOT_COVERED has neither quote nor recommendation, nor a condition", () => {
    for (const s of GUIDELINE_STATEMENTS.filter((x) => x.stance === "NOT_COVERED")) {
      expect(s.quote, s.treatment).toBeNull();
      expect(s.source.recommendation, s.treatment).toBeNull();
      expect(s.stanceCondition, s.treatment).toBeNull();
      expect(s.requiresExercise, s.treatment).toBe(false);
    }
  });

  it("CONSIDER_WITH_CONDITION states its condition; requiresExercise only there", () => {
    for (const s of GUIDELINE_STATEMENTS) {
      if (s.stance === "CONSIDER_WITH_CONDITION") expect(s.stanceCondition?.trim(), s.treatment).toBeTruthy();
      else {
        expect(s.stanceCondition, s.treatment).toBeNull();
        expect(s.requiresExercise, s.treatment).toBe(false);
      }
    }
  });

  it("NG59's manual therapy statements are conditional on exercise", () => {
    const manual = GUIDELINE_STATEMENTS.filter((s) => isNg59(s) && s.source.recommendation === "1.2.7");
    expect(manual.map((s) => s.treatment).sort()).toEqual(
      ["Chiropractic adjustment", "Deep tissue massage", "Muscle release therapy (manual)"].sort(),
    );
    for (const s of manual) {
      expect(s.stance).toBe("CONSIDER_WITH_CONDITION");
      expect(s.requiresExercise).toBe(true);
    }
  });

  it("every CG88 statement is superseded by NG59 (2016); no other statement is", () => {
    for (const s of GUIDELINE_STATEMENTS) {
      if (isCg88(s)) expect(s.superseded).toEqual({ by: "NICE NG59", year: 2016 });
      else expect(s.superseded).toBeNull();
    }
  });

  it("has no duplicate (treatment, source, population)", () => {
    const keys = GUIDELINE_STATEMENTS.map((s) => `${s.treatment}|${s.source.guideline}|${s.population}`);
    expect(keys.length - new Set(keys).size).toBe(0);
  });
});
