// The instrument definitions and the one scoring engine (issue 16, docs/decisions/045): every
// scoring rule, the missing-item rule, bands, MCID and direction, reverse items, and the validation
// of definitions and of licensed wording. Worked examples are the published ones, cited per test.
import { describe, expect, it } from "vitest";
import { CODE_DEFINITIONS, NPRS, ODI, PSFS, RMDQ } from "@/lib/clinical/instruments";
import { ZInstrumentDefinition, type InstrumentDefinition } from "@/lib/clinical/instruments/definition";
import { bandOf, changeMeaningOf, scoreAnswers, type ItemAnswers } from "@/lib/clinical/instruments/engine";
import { withLicensedOdiWording, ZLicensedOdiWording } from "@/lib/clinical/instruments/licensed-wording";
import { itemAnswersFromStored } from "@/lib/clinical/instruments/stored-answers";
import { ODI_SECTIONS } from "@/lib/clinical/odi-sections";

function ok(definition: InstrumentDefinition, answers: ItemAnswers) {
  const result = scoreAnswers(definition, answers);
  if (!result.ok) throw new Error(`expected a score, got: ${result.reason}`);
  return result;
}

/** ODI section answers in questionnaire order. */
const odi = (values: (number | null)[]) => Object.fromEntries(ODI_SECTIONS.map((s, i) => [s, values[i] ?? null]));
const rmdq = (yes: number) => Object.fromEntries(Array.from({ length: 24 }, (_, i) => [`item${i + 1}`, i < yes]));

describe("percentage-of-answered (ODI)", () => {
  // Fairbank & Pynsent 2000 scoring instructions, as reproduced on the scoring sheet
  // (online.documentine.com "Oswestry low back disability questionnaire", rehab.msu.edu):
  // "Example: 16 (total scored) / 50 (total possible score) x 100 = 32%".
  it("scores 16 of 50 as 32 % (published example, all ten sections)", () => {
    const result = ok(ODI, odi([3, 2, 2, 1, 2, 2, 1, 1, 1, 1]));
    expect(result).toMatchObject({ score: 32, band: "moderate", answered: 10 });
  });

  // Same source: "If one section is missed or not applicable … 16 (total scored) / 45 (total
  // possible score) x 100 = 35.5%". 16/45 = 35.56 %; the sheet truncates, the product rounds to one
  // decimal (as every stored ODI score was), so 35.6.
  it("divides by 5 × sections answered when one section is missing (16 of 45)", () => {
    const result = ok(ODI, odi([3, 2, 2, 1, 2, 2, 1, null, 2, 1]));
    expect(result.answered).toBe(9);
    expect(result.score).toBeCloseTo(35.6, 5);
    expect(result.score).toBeGreaterThan(35.5);
  });

  it("refuses with two sections missing, and a value outside the statements", () => {
    expect(scoreAnswers(ODI, odi([3, 2, 2, 1, 2, 2, 1, null, null, 1]))).toMatchObject({ ok: false, reason: "2 sections missing; at most one may be missing" });
    expect(scoreAnswers(ODI, odi([6, 2, 2, 1, 2, 2, 1, 1, 1, 1]))).toMatchObject({ ok: false, item: "painIntensity" });
    expect(scoreAnswers(ODI, { ...odi(Array(10).fill(1)), madeUp: 3 })).toMatchObject({ ok: false, item: "madeUp" });
  });

  it("bands 0–20 minimal … 81–100 bed-bound (Fairbank & Pynsent), upper bounds inclusive", () => {
    const cases: [number, string][] = [[0, "minimal"], [20, "minimal"], [20.1, "moderate"], [40, "moderate"], [41, "severe"], [60, "severe"], [61, "crippling"], [80, "crippling"], [80.1, "bed-bound"], [100, "bed-bound"]];
    for (const [score, band] of cases) expect(bandOf(ODI.bands, score)).toBe(band);
  });
});

describe("sum (NPRS, and RMDQ as a count of yes answers)", () => {
  it("NPRS is its one 0–10 item and refuses anything else", () => {
    expect(ok(NPRS, { pain: 7 })).toMatchObject({ score: 7, band: null });
    expect(scoreAnswers(NPRS, { pain: 11 })).toMatchObject({ ok: false });
    expect(scoreAnswers(NPRS, { pain: 2.5 })).toMatchObject({ ok: false });
    expect(scoreAnswers(NPRS, {})).toMatchObject({ ok: false, reason: "not answered" });
  });

  // Roland & Morris 1983; scientificspine.com: "scored by adding up the number of items checked …
  // a result between 0 and 24". yhocphuchoi.com worked example: a score of 12 at the start and 2 at
  // the end of treatment is 10 points of improvement.
  it("RMDQ counts the yes answers: 12 of 24 scores 12, and 12 → 2 is a meaningful improvement", () => {
    expect(ok(RMDQ, rmdq(12)).score).toBe(12);
    expect(ok(RMDQ, rmdq(0)).score).toBe(0);
    expect(ok(RMDQ, rmdq(24)).score).toBe(24);
    expect(changeMeaningOf(RMDQ, 12, 2)).toBe("meaningful-improvement");
  });

  it("RMDQ needs all 24 answers, each yes or no", () => {
    const partial: Record<string, boolean | null> = rmdq(5);
    partial.item24 = null;
    expect(scoreAnswers(RMDQ, partial)).toMatchObject({ ok: false, reason: "answer all 24 items (1 missing)" });
    expect(scoreAnswers(RMDQ, { ...rmdq(5), item3: 1 })).toMatchObject({ ok: false, item: "item3" });
  });
});

describe("mean (PSFS)", () => {
  // Stratford et al. 1995, as printed on the PSFS form: "Total score = sum of the activity scores /
  // number of activities". Three activities rated 3, 5 and 7 → 15 / 3 = 5; two rated 4 and 7 → 5.5.
  it("is the sum of the activity ratings over the number of activities named", () => {
    const three = { activity1: { activity: "Running", rating: 3 }, activity2: { activity: "Gardening", rating: 5 }, activity3: { activity: "Lifting my child", rating: 7 } };
    expect(ok(PSFS, three)).toMatchObject({ score: 5, answered: 3 });
    expect(ok(PSFS, { activity1: { activity: "Running", rating: 4 }, activity2: { activity: "Driving", rating: 7 } }).score).toBe(5.5);
    expect(ok(PSFS, { activity1: { activity: "A", rating: 1 }, activity2: { activity: "B", rating: 2 }, activity3: { activity: "C", rating: 2 } }).score).toBe(1.7);
  });

  it("needs one to five named activities rated 0–10", () => {
    expect(scoreAnswers(PSFS, {})).toMatchObject({ ok: false, reason: "5 activities missing; at most four may be missing" });
    expect(scoreAnswers(PSFS, { activity1: { activity: "  ", rating: 3 } })).toMatchObject({ ok: false, reason: "Activity 1: name the activity" });
    expect(scoreAnswers(PSFS, { activity1: { activity: "Running", rating: 11 } })).toMatchObject({ ok: false, reason: "Activity 1: rate it from 0 to 10" });
    expect(scoreAnswers(PSFS, { activity6: { activity: "Running", rating: 3 } })).toMatchObject({ ok: false, item: "activity6" });
  });
});

describe("reverse items", () => {
  const reversed: InstrumentDefinition = {
    ...NPRS,
    code: "TEST",
    items: [
      { id: "a", title: "A", prompt: "A", kind: "numeric", min: 0, max: 4 },
      { id: "b", title: "B", prompt: "B", kind: "numeric", min: 0, max: 4, reverse: true },
    ],
    missing: { maxMissing: 0, minAnswered: 2 },
    range: { min: 0, max: 8 },
  };
  it("score min + max − value before the rule applies", () => {
    expect(ok(reversed, { a: 1, b: 1 })).toMatchObject({ score: 4, itemScores: { a: 1, b: 3 } });
    expect(ok(reversed, { a: 4, b: 0 }).score).toBe(8);
    expect(ok({ ...reversed, scoring: { method: "mean", decimals: 1 } }, { a: 0, b: 1 }).score).toBe(1.5);
  });
});

describe("meaningful change by MCID and direction", () => {
  it("NPRS: 2 points or 30 % of baseline, lower is better (Ostelo 2008)", () => {
    expect(changeMeaningOf(NPRS, 8, 6)).toBe("meaningful-improvement");
    expect(changeMeaningOf(NPRS, 8, 7)).toBe("no-meaningful-change");
    expect(changeMeaningOf(NPRS, 3, 2)).toBe("meaningful-improvement"); // 1 of 3 = 33 %
    expect(changeMeaningOf(NPRS, 5, 7)).toBe("worse");
  });
  it("ODI: 10 points or 30 %, worked in tenths (37.8 → 27.8 is 10 points)", () => {
    expect(changeMeaningOf(ODI, 37.8, 27.8)).toBe("meaningful-improvement");
    expect(changeMeaningOf(ODI, 50, 40.2)).toBe("no-meaningful-change");
    expect(changeMeaningOf(ODI, 20, 14)).toBe("meaningful-improvement");
    expect(changeMeaningOf(ODI, 30, 42)).toBe("worse");
  });
  it("RMDQ: 5 points only", () => {
    expect(changeMeaningOf(RMDQ, 10, 6)).toBe("no-meaningful-change");
    expect(changeMeaningOf(RMDQ, 10, 5)).toBe("meaningful-improvement");
  });
  it("PSFS: 2.3 points, higher is better (Abbott & Schmitt 2014)", () => {
    expect(changeMeaningOf(PSFS, 3, 5.3)).toBe("meaningful-improvement");
    expect(changeMeaningOf(PSFS, 3, 5.2)).toBe("no-meaningful-change");
    expect(changeMeaningOf(PSFS, 6, 3.7)).toBe("worse");
    expect(changeMeaningOf(PSFS, 6, 3.8)).toBe("no-meaningful-change");
  });
});

describe("definition validation", () => {
  it("accepts every shipped definition", () => {
    for (const definition of Object.values(CODE_DEFINITIONS)) expect(ZInstrumentDefinition.safeParse(definition).success, definition.code).toBe(true);
  });
  const bad: [string, (d: InstrumentDefinition) => unknown][] = [
    ["duplicate item ids", (d) => ({ ...d, items: [d.items[0], d.items[0]] })],
    ["a choice item without options", (d) => ({ ...d, items: d.items.map((i) => ({ ...i, options: undefined })) })],
    ["options with the same value", (d) => ({ ...d, items: d.items.map((i) => ({ ...i, options: i.options!.map((o) => ({ ...o, value: 1 })) })) })],
    ["bands not ascending", (d) => ({ ...d, bands: [...d.bands].reverse() })],
    ["bands short of the range", (d) => ({ ...d, bands: d.bands.slice(0, 2) })],
    ["an MCID with neither points nor percent", (d) => ({ ...d, mcid: { source: "x", population: "y" } })],
    ["an unknown key", (d) => ({ ...d, colour: "red" })],
    ["more missing allowed than items", (d) => ({ ...d, missing: { maxMissing: 10, minAnswered: 1 } })],
    ["an unknown scoring method", (d) => ({ ...d, scoring: { method: "median", decimals: 1 } })],
  ];
  it.each(bad)("refuses %s", (_, make) => {
    expect(ZInstrumentDefinition.safeParse(make(ODI)).success).toBe(false);
  });
  it("refuses a numeric item whose scale is upside down", () => {
    expect(ZInstrumentDefinition.safeParse({ ...NPRS, items: [{ ...NPRS.items[0], min: 10, max: 0 }] }).success).toBe(false);
  });
});

describe("licensed ODI wording", () => {
  const wording = {
    licenceReference: "Licence 2026-001",
    sections: Object.fromEntries(ODI_SECTIONS.map((s) => [s, { prompt: `Section ${s}`, statements: [0, 1, 2, 3, 4, 5].map((n) => `${s} statement ${n}`) }])),
  };
  it("accepts ten sections of six statements and relabels the ODI; scores do not change", () => {
    const parsed = ZLicensedOdiWording.parse(wording);
    const licensed = withLicensedOdiWording(ODI, parsed);
    expect(licensed).toMatchObject({ label: "ODI", wording: "LICENSED" });
    expect(licensed.items[0]!.options![5]!.label).toBe("painIntensity statement 5");
    expect(ZInstrumentDefinition.safeParse(licensed).success).toBe(true);
    const answers = odi([3, 2, 2, 1, 2, 2, 1, 1, 1, 1]);
    expect(ok(licensed, answers).score).toBe(ok(ODI, answers).score);
  });
  it("refuses five statements, a missing or extra section, and no licence reference", () => {
    const five = structuredClone(wording);
    five.sections.lifting!.statements.pop();
    expect(ZLicensedOdiWording.safeParse(five).success).toBe(false);
    const nine = structuredClone(wording);
    delete nine.sections.travelling;
    expect(ZLicensedOdiWording.safeParse(nine).success).toBe(false);
    expect(ZLicensedOdiWording.safeParse({ ...wording, sections: { ...wording.sections, work: wording.sections.lifting } }).success).toBe(false);
    expect(ZLicensedOdiWording.safeParse({ ...wording, licenceReference: "" }).success).toBe(false);
  });
});

describe("stored answers", () => {
  it("maps each instrument's stored shape to item answers", () => {
    expect(ok(NPRS, itemAnswersFromStored("NPRS", { pain: 4 })).score).toBe(4);
    expect(ok(RMDQ, itemAnswersFromStored("RMDQ", { items: Array.from({ length: 24 }, (_, i) => i % 3 === 0) })).score).toBe(8);
    expect(ok(ODI, itemAnswersFromStored("ODI", { ...odi([3, 2, 2, 1, 2, 2, 1, 1, 1, 1]) })).score).toBe(32);
    expect(ok(PSFS, itemAnswersFromStored("PSFS", { activities: [{ activity: "Running", rating: 2 }, { activity: "Sitting", rating: 6 }] })).score).toBe(4);
    expect(scoreAnswers(RMDQ, itemAnswersFromStored("RMDQ", { items: [true] })).ok).toBe(false);
  });
});
