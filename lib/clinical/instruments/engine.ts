// One scoring engine for every instrument definition (issue 16, docs/decisions/045). Pure: the
// clinic, the portal, the migration re-score test and the progress view all score through it.
import type { Band, InstrumentDefinition, InstrumentItem } from "./definition";

/** One item's answer: a choice's value or a scale number, yes/no, or a named activity with its rating. */
export type ItemAnswer = number | boolean | { activity: string; rating: number } | null | undefined;
export type ItemAnswers = Readonly<Record<string, ItemAnswer>>;

export type ScoreResult =
  | { ok: true; score: number; band: string | null; answered: number; itemScores: Record<string, number> }
  | { ok: false; reason: string; item?: string };

/** The value an answer scores before reversal, or a reason it is not a valid answer to the item. */
function itemValue(item: InstrumentItem, answer: NonNullable<ItemAnswer>): number | string {
  switch (item.kind) {
    case "choice": {
      if (typeof answer !== "number" || !item.options?.some((o) => o.value === answer)) {
        return `${item.title}: choose one of the statements`;
      }
      return answer;
    }
    case "numeric": {
      if (typeof answer !== "number" || !Number.isInteger(answer) || answer < item.min! || answer > item.max!) return `${item.title}: a whole number from ${item.min} to ${item.max}`;
      return answer;
    }
    case "yes-no": {
      if (typeof answer !== "boolean") return `${item.title}: answer yes or no`;
      return answer ? 1 : 0;
    }
    case "named-activity": {
      if (typeof answer !== "object" || typeof answer.activity !== "string" || answer.activity.trim() === "") return `${item.title}: name the activity`;
      const r = answer.rating;
      if (typeof r !== "number" || !Number.isInteger(r) || r < item.min! || r > item.max!) return `${item.title}: rate it from ${item.min} to ${item.max}`;
      return r;
    }
  }
}

/** The lowest and highest value an item can score (yes/no: 0 and 1). */
export function itemBounds(item: InstrumentItem): { min: number; max: number } {
  if (item.kind === "yes-no") return { min: 0, max: 1 };
  if (item.kind === "choice") {
    const values = item.options!.map((o) => o.value);
    return { min: Math.min(...values), max: Math.max(...values) };
  }
  return { min: item.min!, max: item.max! };
}

const WORDS = ["none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const inWords = (n: number) => WORDS[n] ?? String(n);

/** An item's answer counts as unanswered when it is null or undefined. */
const isAnswered = (a: ItemAnswer): a is NonNullable<ItemAnswer> => a !== null && a !== undefined;

/**
 * Scores answers by the definition: each answered item's value (reversed items as min + max −
 * value), the missing-item rule, then sum, percentage of what the answered items could score, or
 * mean, rounded to the rule's decimals. Answers to items the definition does not have are refused.
 */
export function scoreAnswers(definition: InstrumentDefinition, answers: ItemAnswers): ScoreResult {
  const known = new Set(definition.items.map((i) => i.id));
  for (const key of Object.keys(answers)) if (!known.has(key) && isAnswered(answers[key])) return { ok: false, reason: `${key} is not an item of ${definition.code}`, item: key };
  const itemScores: Record<string, number> = {};
  let sum = 0;
  let possible = 0;
  let answered = 0;
  for (const item of definition.items) {
    const answer = answers[item.id];
    if (!isAnswered(answer)) continue;
    const value = itemValue(item, answer);
    if (typeof value === "string") return { ok: false, reason: value, item: item.id };
    const { min, max } = itemBounds(item);
    const scored = item.reverse ? min + max - value : value;
    itemScores[item.id] = scored;
    sum += scored - min;
    possible += max - min;
    answered++;
  }
  const missing = definition.items.length - answered;
  const noun = definition.itemNoun;
  if (missing > definition.missing.maxMissing) {
    return {
      ok: false,
      reason: definition.items.length === 1 ? "not answered" : definition.missing.maxMissing === 0 ? `answer all ${definition.items.length} ${noun} (${missing} missing)` : `${missing} ${noun} missing; at most ${inWords(definition.missing.maxMissing)} may be missing`,
    };
  }
  if (answered < definition.missing.minAnswered) return { ok: false, reason: `answer at least ${inWords(definition.missing.minAnswered)} of the ${noun}` };
  const factor = 10 ** definition.scoring.decimals;
  let score: number;
  switch (definition.scoring.method) {
    case "sum":
      score = Math.round(sum * factor) / factor;
      break;
    case "percentage-of-answered":
      // (sum ÷ possible) × (100 × factor) in one multiplication: the rounding the ODI always had.
      score = Math.round((sum / possible) * (100 * factor)) / factor;
      break;
    case "mean":
      score = Math.round((sum / answered) * factor) / factor;
      break;
  }
  return { ok: true, score, band: bandOf(definition.bands, score), answered, itemScores };
}

/** The band a score falls in (null when the instrument has no bands). */
export function bandOf(bands: readonly Band[], score: number): string | null {
  if (bands.length === 0) return null;
  return (bands.find((b) => score <= b.upTo) ?? bands.at(-1)!).key;
}

export type ChangeMeaning = "meaningful-improvement" | "no-meaningful-change" | "worse";

/**
 * Whether a change from baseline is meaningful by the definition's MCID: at least its points, or
 * at least its percent of the baseline, in the direction that is better (or worse). Worked in
 * tenths of a point so one-decimal scores compare exactly (37.8 → 27.8 is 10 points).
 */
export function changeMeaningOf(definition: Pick<InstrumentDefinition, "direction" | "mcid">, baseline: number, current: number): ChangeMeaning {
  const tenths = (value: number) => Math.round(value * 10);
  const base = tenths(baseline);
  const improvement = definition.direction === "lower-is-better" ? base - tenths(current) : tenths(current) - base;
  const { points, percent } = definition.mcid;
  const pointsTenths = points === undefined ? undefined : Math.round(points * 10);
  const meaningful = (delta: number) =>
    (pointsTenths !== undefined && delta >= pointsTenths) || (percent !== undefined && base > 0 && delta * 100 >= base * percent);
  if (improvement > 0 && meaningful(improvement)) return "meaningful-improvement";
  if (improvement < 0 && meaningful(-improvement)) return "worse";
  return "no-meaningful-change";
}
