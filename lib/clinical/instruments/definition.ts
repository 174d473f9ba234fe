// An outcome instrument as data (issue 16, docs/decisions/045): its items and answer options with
// their wording and values, the scoring rule, the missing-item rule, bands, the minimal clinically
// important difference with its source, the score direction and range, and a licence note. Pure:
// the scoring engine (./engine.ts), the forms, the database copy (InstrumentDefinition, checked
// with ZInstrumentDefinition below) and the FHIR Questionnaire mapping all read this one shape.
import { z } from "@/lib/validation/zod";

/** Answer kinds: one of graded statements, a whole number on a scale, yes/no, or an activity the patient names and rates. */
export const ITEM_KINDS = ["choice", "numeric", "yes-no", "named-activity"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const SCORING_METHODS = ["sum", "percentage-of-answered", "mean"] as const;
export type ScoringMethod = (typeof SCORING_METHODS)[number];

export type AnswerOption = { value: number; label: string };

export type InstrumentItem = {
  /** Stable key of the item within the instrument (stored answers are keyed by it). */
  id: string;
  /** Short name ("Pain intensity"), shown in the clinic and on charts. */
  title: string;
  /** The question as the patient reads it. */
  prompt: string;
  kind: ItemKind;
  /** choice: the graded statements, each with the value it scores. */
  options?: AnswerOption[];
  /** numeric and named-activity: the whole-number scale and the wording of its ends. */
  min?: number;
  max?: number;
  minLabel?: string;
  maxLabel?: string;
  /** Scored as (min + max − value) before the rule applies. */
  reverse?: boolean;
};

export type ScoringRule = {
  /**
   * sum: total of the item values (yes = 1, no = 0, so a count of yes answers);
   * percentage-of-answered: the sum ÷ the most the answered items could score × 100 (ODI);
   * mean: the sum ÷ the number of answered items (PSFS).
   */
  method: ScoringMethod;
  /** Digits after the decimal point the score is rounded to (half away from zero for positives). */
  decimals: number;
};

/** How many items may go unanswered before the instrument refuses to score. */
export type MissingRule = { maxMissing: number; minAnswered: number };

/** A band covers scores up to and including `upTo` (bands ascend; the last reaches the range's top). */
export type Band = { key: string; label: string; upTo: number };

export type Mcid = {
  /** Meaningful change in points, and/or as a percentage of the baseline score. */
  points?: number;
  percent?: number;
  source: string;
  population: string;
};

export const WORDINGS = ["ADAPTED", "LICENSED", "PUBLIC"] as const;
export type Wording = (typeof WORDINGS)[number];

export type InstrumentDefinition = {
  /** The Instrument enum value: NPRS, ODI, RMDQ, PSFS. */
  code: string;
  name: string;
  /** How the score is labelled wherever it shows ("ODI, adapted wording"). */
  label: string;
  wording: Wording;
  /** Who owns the wording and on what terms it is used; for LICENSED wording, the clinic's licence reference. */
  licence: string;
  /** Shown to the patient above the items. */
  instructions: string;
  /** What the items are called in messages, plural ("sections", "items", "activities"). */
  itemNoun: string;
  items: InstrumentItem[];
  scoring: ScoringRule;
  missing: MissingRule;
  range: { min: number; max: number };
  /** The unit shown after a score ("%", "/10"). */
  unit: string;
  direction: "lower-is-better" | "higher-is-better";
  bands: Band[];
  mcid: Mcid;
};

// ---- Validation of a definition (the database copy, an admin's upload): the exact shape, plus the
// consistency the engine relies on. lib/clinical may import zod (docs/decisions/019).

const text = (max: number) => z.string().trim().min(1, "Required").max(max, `At most ${max} characters`);
const whole = z.number().int("A whole number");

const ZItem = z
  .strictObject({
    id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, "Letters and digits, starting with a letter"),
    title: text(120),
    prompt: text(500),
    kind: z.enum(ITEM_KINDS),
    options: z.array(z.strictObject({ value: whole.min(0).max(100), label: text(300) })).min(2).max(11).optional(),
    min: whole.min(0).max(100).optional(),
    max: whole.min(0).max(100).optional(),
    minLabel: text(200).optional(),
    maxLabel: text(200).optional(),
    reverse: z.boolean().optional(),
  })
  .superRefine((item, ctx) => {
    if (item.kind === "choice") {
      if (!item.options) ctx.addIssue({ code: "custom", path: ["options"], message: "A choice item lists its answer options" });
      else if (new Set(item.options.map((o) => o.value)).size !== item.options.length) ctx.addIssue({ code: "custom", path: ["options"], message: "Option values must differ" });
    } else if (item.options) ctx.addIssue({ code: "custom", path: ["options"], message: `A ${item.kind} item has no answer options` });
    if (item.kind === "numeric" || item.kind === "named-activity") {
      if (item.min === undefined || item.max === undefined || item.min >= item.max) ctx.addIssue({ code: "custom", path: ["max"], message: "A scale needs min below max" });
    }
  });

export const ZInstrumentDefinition = z
  .strictObject({
    code: z.string().regex(/^[A-Z][A-Z0-9]{1,15}$/, "Capital letters and digits"),
    name: text(120),
    label: text(80),
    wording: z.enum(WORDINGS),
    licence: text(1000),
    instructions: text(1000),
    itemNoun: z.string().regex(/^[a-z]{1,20}$/, "A plural noun in lowercase"),
    items: z.array(ZItem).min(1).max(60),
    scoring: z.strictObject({ method: z.enum(SCORING_METHODS), decimals: whole.min(0).max(2) }),
    missing: z.strictObject({ maxMissing: whole.min(0), minAnswered: whole.min(1) }),
    range: z.strictObject({ min: z.number(), max: z.number() }),
    unit: z.string().max(10),
    direction: z.enum(["lower-is-better", "higher-is-better"]),
    bands: z.array(z.strictObject({ key: z.string().regex(/^[a-z][a-z-]{0,30}$/), label: text(60), upTo: z.number() })).max(10),
    mcid: z
      .strictObject({ points: z.number().positive().optional(), percent: z.number().positive().max(100).optional(), source: text(500), population: text(300) })
      .refine((m) => m.points !== undefined || m.percent !== undefined, "Give the meaningful change in points, percent or both"),
  })
  .superRefine((d, ctx) => {
    const ids = d.items.map((i) => i.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["items"], message: "Item ids must differ" });
    if (d.missing.maxMissing >= d.items.length) ctx.addIssue({ code: "custom", path: ["missing", "maxMissing"], message: "At least one item must be answered" });
    if (d.missing.minAnswered > d.items.length) ctx.addIssue({ code: "custom", path: ["missing", "minAnswered"], message: "More answers required than there are items" });
    if (d.range.min >= d.range.max) ctx.addIssue({ code: "custom", path: ["range"], message: "The range's min is below its max" });
    for (let i = 1; i < d.bands.length; i++) {
      if (d.bands[i]!.upTo <= d.bands[i - 1]!.upTo) ctx.addIssue({ code: "custom", path: ["bands", i, "upTo"], message: "Bands ascend" });
    }
    const last = d.bands.at(-1);
    if (last && last.upTo < d.range.max) ctx.addIssue({ code: "custom", path: ["bands"], message: "The last band reaches the top of the range" });
    if (d.scoring.method === "percentage-of-answered" && d.range.max !== 100) ctx.addIssue({ code: "custom", path: ["range"], message: "A percentage scores 0–100" });
  });
