// Outcome-measure rules as DESIGN.md states them ("Outcome measures (score rules)").
import { describe, expect, it } from "vitest";
import { ODI_SECTIONS } from "@/lib/clinical/odi-sections";
import {
  changeMeaning,
  odiBand,
  scoreOdi,
  type ChangeMeaning,
  type OdiAnswers,
  type OdiBand,
} from "@/lib/domain/outcomes/rules";

/** Answers with the given per-section values, in ODI_SECTIONS order. */
function answers(values: (number | null | undefined)[]): OdiAnswers {
  const result: OdiAnswers = {};
  ODI_SECTIONS.forEach((section, i) => {
    result[section] = values[i];
  });
  return result;
}

/** Ten sections answered so that they add up to `sum` (0–50). */
function tenSectionsSumming(sum: number): OdiAnswers {
  const values = ODI_SECTIONS.map((_, i) => Math.min(5, Math.max(0, sum - 5 * i)));
  return answers(values);
}

/** Nine sections answered (the last one missing) adding up to `sum` (0–45). */
function nineSectionsSumming(sum: number): OdiAnswers {
  const values: (number | null)[] = ODI_SECTIONS.map((_, i) => Math.min(5, Math.max(0, sum - 5 * i)));
  values[9] = null;
  return answers(values);
}

function okScore(a: OdiAnswers) {
  const result = scoreOdi(a);
  if (!result.ok) throw new Error(`expected a score, got refusal: ${result.reason}`);
  return result;
}

describe("scoreOdi", () => {
  it("has the ten ODI sections", () => {
    expect(ODI_SECTIONS).toHaveLength(10);
    expect(new Set(ODI_SECTIONS).size).toBe(10);
  });

  it("scores all zeros as 0 and all fives as 100", () => {
    expect(okScore(answers(Array(10).fill(0)))).toEqual({ ok: true, score: 0, band: "minimal", answered: 10 });
    expect(okScore(answers(Array(10).fill(5)))).toEqual({ ok: true, score: 100, band: "bed-bound", answered: 10 });
  });

  it("scores sum ÷ 50 × 100 with all ten sections answered", () => {
    // 3+2+4+1+0+5+2+3+1+2 = 23 → 46
    const result = okScore(answers([3, 2, 4, 1, 0, 5, 2, 3, 1, 2]));
    expect(result.score).toBe(46);
    expect(result.band).toBe("severe");
    expect(result.answered).toBe(10);
  });

  it("matches sum × 2 for every possible ten-section sum", () => {
    for (let sum = 0; sum <= 50; sum++) {
      expect(okScore(tenSectionsSumming(sum)).score).toBe(sum * 2);
    }
  });

  it("divides by 5 × sections answered when one section is missing (not by 50)", () => {
    // 9 answered, sum 18 → 18 / 45 × 100 = 40 (not 36)
    const result = okScore(nineSectionsSumming(18));
    expect(result.score).toBe(40);
    expect(result.answered).toBe(9);
    expect(result.band).toBe("moderate");
  });

  it("rounds to one decimal place", () => {
    expect(okScore(nineSectionsSumming(1)).score).toBe(2.2); // 2.222…
    expect(okScore(nineSectionsSumming(7)).score).toBe(15.6); // 15.555…
    expect(okScore(nineSectionsSumming(10)).score).toBe(22.2); // 22.222…
    expect(okScore(nineSectionsSumming(13)).score).toBe(28.9); // 28.888…
    expect(okScore(nineSectionsSumming(44)).score).toBe(97.8); // 97.777…
  });

  it("matches sum ÷ 45 × 100 (one decimal) for every possible nine-section sum", () => {
    for (let sum = 0; sum <= 45; sum++) {
      const result = okScore(nineSectionsSumming(sum));
      expect(result.score).toBeCloseTo((sum / 45) * 100, 1);
      expect(Math.abs(result.score - (sum / 45) * 100)).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(Math.round(result.score * 10)).toBeCloseTo(result.score * 10, 9);
    }
  });

  it("treats null and undefined alike as a missing section", () => {
    const withNull = answers([1, 1, 1, 1, 1, 1, 1, 1, 1, null]);
    const withUndefined = answers([1, 1, 1, 1, 1, 1, 1, 1, 1, undefined]);
    const omitted: OdiAnswers = { ...withNull };
    delete omitted.travelling;
    for (const a of [withNull, withUndefined, omitted]) {
      expect(okScore(a)).toEqual({ ok: true, score: 20, band: "minimal", answered: 9 });
    }
  });

  it("accepts exactly one missing section wherever it is", () => {
    for (let missing = 0; missing < 10; missing++) {
      const values: (number | null)[] = Array(10).fill(5);
      values[missing] = null;
      expect(okScore(answers(values))).toMatchObject({ score: 100, answered: 9 });
    }
  });

  it("refuses to score with two or more sections missing", () => {
    const twoMissing = scoreOdi(answers([5, 5, 5, 5, 5, 5, 5, 5, null, null]));
    expect(twoMissing.ok).toBe(false);
    if (!twoMissing.ok) expect(twoMissing.reason).toMatch(/missing/);

    expect(scoreOdi(answers([1, null, 1, null, 1, 1, 1, 1, 1, 1])).ok).toBe(false);
    expect(scoreOdi({}).ok).toBe(false);
    expect(scoreOdi({ painIntensity: 3 }).ok).toBe(false);
    expect(scoreOdi(answers(Array(10).fill(null))).ok).toBe(false);
  });

  it.each([
    ["above 5", 6],
    ["negative", -1],
    ["non-integer", 2.5],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["far above", 50],
  ])("rejects a section value that is %s", (_label, bad) => {
    const values: number[] = Array(10).fill(2);
    values[3] = bad;
    const result = scoreOdi(answers(values));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(ODI_SECTIONS[3]);
  });

  it("rejects an out-of-range value even when it is the only answer besides a missing one", () => {
    expect(scoreOdi(answers([0, 0, 0, 0, 0, 0, 0, 0, 0, 7])).ok).toBe(false);
    expect(scoreOdi(answers([null, 0, 0, 0, 0, 0, 0, 0, 0, -2])).ok).toBe(false);
  });

  it("reports the band of the computed score", () => {
    expect(okScore(tenSectionsSumming(10)).band).toBe("minimal"); // 20
    expect(okScore(tenSectionsSumming(11)).band).toBe("moderate"); // 22
    expect(okScore(tenSectionsSumming(20)).band).toBe("moderate"); // 40
    expect(okScore(tenSectionsSumming(21)).band).toBe("severe"); // 42
    expect(okScore(tenSectionsSumming(30)).band).toBe("severe"); // 60
    expect(okScore(tenSectionsSumming(31)).band).toBe("crippling"); // 62
    expect(okScore(tenSectionsSumming(40)).band).toBe("crippling"); // 80
    expect(okScore(tenSectionsSumming(41)).band).toBe("bed-bound"); // 82
  });
});

describe("odiBand (0–20 minimal, 21–40 moderate, 41–60 severe, 61–80 crippling, 81–100 bed-bound)", () => {
  it.each<[number, OdiBand]>([
    [0, "minimal"],
    [10, "minimal"],
    [20, "minimal"],
    [21, "moderate"],
    [30, "moderate"],
    [40, "moderate"],
    [41, "severe"],
    [50, "severe"],
    [60, "severe"],
    [61, "crippling"],
    [70, "crippling"],
    [80, "crippling"],
    [81, "bed-bound"],
    [90, "bed-bound"],
    [100, "bed-bound"],
  ])("score %d → %s", (score, band) => {
    expect(odiBand(score)).toBe(band);
  });

  it("bands every integer score 0–100 as DESIGN.md lists them", () => {
    for (let score = 0; score <= 100; score++) {
      const expected: OdiBand =
        score <= 20 ? "minimal" : score <= 40 ? "moderate" : score <= 60 ? "severe" : score <= 80 ? "crippling" : "bed-bound";
      expect(odiBand(score)).toBe(expected);
    }
  });

  it("bands one-decimal scores that scoreOdi produces next to a boundary", () => {
    expect(odiBand(2.2)).toBe("minimal");
    expect(odiBand(22.2)).toBe("moderate");
    expect(odiBand(42.2)).toBe("severe");
    expect(odiBand(62.2)).toBe("crippling");
    expect(odiBand(82.2)).toBe("bed-bound");
    expect(odiBand(97.8)).toBe("bed-bound");
  });
});

describe("changeMeaning", () => {
  describe("NPRS (2 points or 30 % from baseline; lower is better)", () => {
    it.each<[number, number, ChangeMeaning]>([
      [5, 3, "meaningful-improvement"], // 2 points (40 %)
      [10, 8, "meaningful-improvement"], // 2 points, only 20 %
      [8, 6, "meaningful-improvement"], // 2 points, 25 %
      [3, 2, "meaningful-improvement"], // 1 point, 33 %
      [1, 0, "meaningful-improvement"], // 1 point, 100 %
      [10, 0, "meaningful-improvement"],
      [6, 5, "no-meaningful-change"], // 1 point, 17 %
      [10, 9, "no-meaningful-change"], // 1 point, 10 %
      [4, 3, "no-meaningful-change"], // 1 point, 25 %
      [5, 5, "no-meaningful-change"],
      [0, 0, "no-meaningful-change"],
      [10, 10, "no-meaningful-change"],
      [4, 6, "worse"], // 2 points worse
      [8, 10, "worse"],
      [3, 4, "worse"], // 1 point, 33 % worse
      [6, 7, "no-meaningful-change"], // 1 point, 17 % worse
      [9, 10, "no-meaningful-change"],
      [0, 10, "worse"],
    ])("baseline %s → current %s is %s", (baseline, current, meaning) => {
      expect(changeMeaning("NPRS", baseline, current)).toBe(meaning);
    });

    it("with a baseline of 0 only the absolute rule can apply", () => {
      expect(changeMeaning("NPRS", 0, 1)).toBe("no-meaningful-change");
      expect(changeMeaning("NPRS", 0, 2)).toBe("worse");
      expect(changeMeaning("NPRS", 0, 5)).toBe("worse");
    });

    it("treats 30 % exactly as meaningful", () => {
      // Not reachable with integer NPRS scores alone, but the rule is "≥ 30 %".
      expect(changeMeaning("NPRS", 5, 3.5)).toBe("meaningful-improvement");
      expect(changeMeaning("NPRS", 5, 6.5)).toBe("worse");
    });

    it("agrees with the rule for every pair of NPRS scores 0–10", () => {
      for (let baseline = 0; baseline <= 10; baseline++) {
        for (let current = 0; current <= 10; current++) {
          const improvement = baseline - current;
          const size = Math.abs(improvement);
          // Integer arithmetic: size ≥ 2, or size / baseline ≥ 0.3 ⇔ 10·size ≥ 3·baseline (baseline > 0).
          const meaningful = size >= 2 || (baseline > 0 && 10 * size >= 3 * baseline);
          const expected: ChangeMeaning =
            size === 0 || !meaningful ? "no-meaningful-change" : improvement > 0 ? "meaningful-improvement" : "worse";
          expect(changeMeaning("NPRS", baseline, current), `${baseline} → ${current}`).toBe(expected);
        }
      }
    });
  });

  describe("ODI (10 points or 30 %; lower is better)", () => {
    it.each<[number, number, ChangeMeaning]>([
      [50, 40, "meaningful-improvement"], // 10 points, 20 %
      [80, 70, "meaningful-improvement"], // 10 points, 12.5 %
      [50, 41, "no-meaningful-change"], // 9 points, 18 %
      [80, 71, "no-meaningful-change"],
      [20, 14, "meaningful-improvement"], // 6 points, exactly 30 %
      [30, 21, "meaningful-improvement"], // 9 points, exactly 30 %
      [20, 15, "no-meaningful-change"], // 5 points, 25 %
      [10, 7, "meaningful-improvement"], // 3 points, 30 %
      [10, 8, "no-meaningful-change"], // 2 points, 20 %
      [40, 40, "no-meaningful-change"],
      [40, 50, "worse"], // 10 points worse
      [40, 49, "no-meaningful-change"], // 9 points, 22.5 % worse
      [20, 26, "worse"], // 6 points, 30 % worse
      [20, 25, "no-meaningful-change"],
      [0, 8, "no-meaningful-change"], // baseline 0: only the 10 points rule
      [0, 10, "worse"],
      [42.2, 32.2, "meaningful-improvement"],
      [62.2, 53.3, "no-meaningful-change"], // 8.9 points, 14 %
    ])("baseline %s → current %s is %s", (baseline, current, meaning) => {
      expect(changeMeaning("ODI", baseline, current)).toBe(meaning);
    });

    it("agrees with exact arithmetic for every pair of scores scoreOdi can produce", () => {
      const reachable = new Set<number>();
      for (let sum = 0; sum <= 50; sum++) reachable.add(okScore(tenSectionsSumming(sum)).score);
      for (let sum = 0; sum <= 45; sum++) reachable.add(okScore(nineSectionsSumming(sum)).score);
      const scores = [...reachable];
      for (const baseline of scores) {
        for (const current of scores) {
          // Scores have one decimal: compare in integer tenths of a point.
          const b = Math.round(baseline * 10);
          const c = Math.round(current * 10);
          const size = Math.abs(b - c);
          const meaningful = size >= 100 || (b > 0 && 10 * size >= 3 * b);
          const expected: ChangeMeaning =
            size === 0 || !meaningful ? "no-meaningful-change" : b > c ? "meaningful-improvement" : "worse";
          expect(changeMeaning("ODI", baseline, current), `${baseline} → ${current}`).toBe(expected);
        }
      }
    });
  });

  describe("RMDQ (5 points; no relative rule)", () => {
    it.each<[number, number, ChangeMeaning]>([
      [10, 5, "meaningful-improvement"],
      [24, 19, "meaningful-improvement"],
      [5, 0, "meaningful-improvement"],
      [10, 6, "no-meaningful-change"], // 4 points although 40 %
      [4, 0, "no-meaningful-change"], // 100 % but only 4 points
      [3, 2, "no-meaningful-change"],
      [12, 12, "no-meaningful-change"],
      [5, 10, "worse"],
      [0, 5, "worse"],
      [5, 9, "no-meaningful-change"], // 4 points, 80 % worse
      [0, 4, "no-meaningful-change"],
    ])("baseline %s → current %s is %s", (baseline, current, meaning) => {
      expect(changeMeaning("RMDQ", baseline, current)).toBe(meaning);
    });
  });

  it("uses each instrument's own threshold for the same numbers", () => {
    // 8 → 6: 2 points, 25 %
    expect(changeMeaning("NPRS", 8, 6)).toBe("meaningful-improvement");
    expect(changeMeaning("ODI", 8, 6)).toBe("no-meaningful-change");
    expect(changeMeaning("RMDQ", 8, 6)).toBe("no-meaningful-change");
  });
});

describe("changeMeaning with one-decimal scores", () => {
  it("counts exactly 10 ODI points as meaningful despite floating-point subtraction", () => {
    expect(changeMeaning("ODI", 37.8, 27.8)).toBe("meaningful-improvement");
    expect(changeMeaning("ODI", 7, 4.9)).toBe("meaningful-improvement");
    expect(changeMeaning("NPRS", 8.2, 6.2)).toBe("meaningful-improvement");
    expect(changeMeaning("ODI", 27.8, 37.8)).toBe("worse");
  });
});
