// Pure rules of guideline statements (issue 16, decision 044): which guideline conditions a plan's
// free-text condition is about, how the stances of one treatment read side by side, and which
// statements make a choice need a written reason. No imports of the database: the UI uses them.
import type { GuidelineStance } from "@/lib/db/generated/enums";

/**
 * The conditions statements are kept for, with what in a plan's condition or ICD-10 code means
 * "this plan is about it". Words are matched on the lowercased condition as whole words or
 * phrases; codes by prefix on the code without its dot (ICD-10 and ICD-10-CM subcodes match their
 * parent). Decision 044 lists why each one is here.
 */
export const CONDITION_RULES: readonly { condition: string; phrases: readonly string[]; icd10Prefixes: readonly string[] }[] = [
  {
    condition: "low back pain",
    phrases: ["low back", "lower back", "lumbar", "lumbago", "lumbosacral", "back spasm", "back pain", "sciatica", "lbp"],
    // M54.5 low back pain (ICD-10-CM M54.50–M54.59), M54.4 lumbago with sciatica, M54.3 sciatica,
    // M54.16/M54.17 lumbar and lumbosacral radiculopathy, M51 lumbar and other intervertebral disc
    // disorders, M62.830 muscle spasm of back.
    icd10Prefixes: ["M545", "M544", "M543", "M5416", "M5417", "M51", "M62830"],
  },
];

/**
 * Words that put a plan outside what the statements are about, even though it names the back.
 * The seeded statements are about non-specific low back pain (with or without sciatica); a back
 * condition with a named specific cause (fracture, cancer, infection, inflammatory disease, cauda
 * equina syndrome) is our decision to leave unmatched (decision 044): such a plan shows no stances
 * rather than stances for a population it is not in, and needs no guideline reason.
 */
export const OUT_OF_SCOPE_PHRASES: readonly string[] = ["fracture", "cauda equina", "cancer", "malignan", "metasta", "tumour", "tumor", "infection", "spondylitis", "spondyloarthritis"];

const words = (text: string) => ` ${text.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim()} `;

/** The guideline conditions a plan (or protocol) is about; empty when none. */
export function matchConditions(input: { condition: string; icd10Code?: string | null }): string[] {
  const text = words(input.condition);
  const raw = input.condition.toLowerCase();
  if (OUT_OF_SCOPE_PHRASES.some((p) => raw.includes(p))) return [];
  const code = (input.icd10Code ?? "").toUpperCase().replace(/[^A-Z0-9]/g, "");
  return CONDITION_RULES.filter(
    (rule) => rule.phrases.some((p) => text.includes(` ${p} `)) || (code.length > 0 && rule.icd10Prefixes.some((prefix) => code.startsWith(prefix))),
  ).map((rule) => rule.condition);
}

export type StatementForRules = {
  id: string;
  catalogItemId: string;
  condition: string;
  population: string;
  guideline: string;
  publisher: string;
  year: number;
  stance: GuidelineStance;
  stanceCondition: string | null;
  requiresExercise: boolean;
  supersededBy: string | null;
  supersededYear: number | null;
  retired: boolean;
};

export const STANCE_LABEL: Record<GuidelineStance, string> = {
  RECOMMEND: "Recommend",
  CONSIDER: "Consider",
  CONSIDER_WITH_CONDITION: "Consider only with a condition",
  DO_NOT_OFFER: "Do not offer",
  NOT_COVERED: "Not covered",
};

/** "NICE NG59 2016" from the publisher, the guideline's code in brackets (if any) and the year. */
export function sourceLabel(s: Pick<StatementForRules, "publisher" | "guideline" | "year">): string {
  const code = /\(([A-Z]{1,5}\s?\d{1,4})\)\s*$/.exec(s.guideline.trim())?.[1];
  return [s.publisher, code, String(s.year)].filter(Boolean).join(" ");
}

/** "chronic", "acute", "with sciatica": the population in a word or two, for the summary line. */
export function populationTag(population: string): string | null {
  const p = population.toLowerCase();
  const tags = ["acute", "subacute", "chronic"].filter((t) => new RegExp(`\\b${t}\\b`).test(p));
  if (/\bwithout sciatica\b/.test(p) && !/\bwith or without sciatica\b/.test(p)) tags.push("without sciatica");
  else if (/\bwith sciatica\b/.test(p) || /\bradicul/.test(p)) tags.push("with sciatica");
  return tags.length > 0 ? tags.join(", ") : null;
}

export function isCurrent(s: Pick<StatementForRules, "supersededBy" | "retired">): boolean {
  return !s.retired && s.supersededBy === null;
}

/** Current before superseded, newest first, then by publisher: the order statements are shown in. */
export function orderStatements<T extends StatementForRules>(statements: readonly T[]): T[] {
  return [...statements].filter((s) => !s.retired).sort((a, b) => Number(isCurrent(b)) - Number(isCurrent(a)) || b.year - a.year || a.publisher.localeCompare(b.publisher));
}

/**
 * One line for a treatment's stances, every source, disagreement left visible:
 * "NICE NG59 2016: Do not offer · ACP 2017: Consider (chronic) · superseded: NICE CG88 2009: Do not offer".
 */
export function summarizeStances(statements: readonly StatementForRules[]): string {
  const ordered = orderStatements(statements);
  const part = (s: StatementForRules) => {
    const tag = populationTag(s.population);
    const stance = s.stance === "CONSIDER_WITH_CONDITION" && s.stanceCondition ? `Consider ${s.stanceCondition}` : STANCE_LABEL[s.stance];
    return `${sourceLabel(s)}: ${stance}${tag ? ` (${tag})` : ""}`;
  };
  const current = ordered.filter(isCurrent).map(part);
  const superseded = ordered.filter((s) => !isCurrent(s)).map((s) => `superseded: ${part(s)}`);
  return [...current, ...superseded].join(" · ");
}

/** True when current sources give different stances (not counting "not covered"). */
export function sourcesDisagree(statements: readonly StatementForRules[]): boolean {
  const stances = new Set(statements.filter(isCurrent).map((s) => s.stance).filter((s) => s !== "NOT_COVERED"));
  return stances.size > 1;
}

/** The statements that make choosing the treatment for the conditions need a written reason. */
export function doNotOfferStatements<T extends StatementForRules>(statements: readonly T[], conditions: readonly string[]): T[] {
  return statements.filter((s) => isCurrent(s) && s.stance === "DO_NOT_OFFER" && conditions.includes(s.condition));
}

export const MIN_GUIDELINE_REASON_LENGTH = 10;

export type GuidelineCheck = { ok: true; statementIds: string[]; reason: string | null } | { ok: false; message: string };

/**
 * Choosing a treatment a current guideline says not to offer for the plan's condition is refused
 * unless the clinician gives a written reason, like a contraindication override.
 */
export function checkGuidelineChoice(input: { treatmentName: string; statements: readonly StatementForRules[]; conditions: readonly string[]; reason?: string | null }): GuidelineCheck {
  const against = doNotOfferStatements(input.statements, input.conditions);
  if (against.length === 0) return { ok: true, statementIds: [], reason: null };
  const reason = input.reason?.trim() ?? "";
  if (reason.length >= MIN_GUIDELINE_REASON_LENGTH) return { ok: true, statementIds: against.map((s) => s.id).sort(), reason };
  const sources = [...new Set(against.map(sourceLabel))].join(", ");
  return {
    ok: false,
    message: `${sources} ${against.length === 1 ? "says" : "say"} do not offer ${input.treatmentName} for ${[...new Set(against.map((s) => s.condition))].join(", ")}. Choose another treatment, or give a written reason of at least ${MIN_GUIDELINE_REASON_LENGTH} characters.`,
  };
}

/**
 * Treatments a current statement allows only as part of a package with exercise, in a plan with no
 * active exercise: one message each.
 */
export function exerciseFlags(input: {
  activities: readonly { catalogItemId: string; name: string; kind: string; status: string }[];
  statements: readonly StatementForRules[];
  conditions: readonly string[];
}): { catalogItemId: string; message: string }[] {
  const live = input.activities.filter((a) => a.status === "ACTIVE" || a.status === "ON_HOLD");
  if (live.some((a) => a.kind === "EXERCISE" && a.status === "ACTIVE")) return [];
  const flags: { catalogItemId: string; message: string }[] = [];
  for (const activity of live) {
    const needing = input.statements.filter(
      (s) => s.catalogItemId === activity.catalogItemId && isCurrent(s) && s.stance === "CONSIDER_WITH_CONDITION" && s.requiresExercise && input.conditions.includes(s.condition),
    );
    if (needing.length === 0 || flags.some((f) => f.catalogItemId === activity.catalogItemId)) continue;
    const sources = [...new Set(needing.map(sourceLabel))].join(", ");
    const condition = needing[0]!.stanceCondition ?? "as part of a treatment package including exercise";
    flags.push({ catalogItemId: activity.catalogItemId, message: `${sources} advises ${activity.name} ${condition}; this plan has no active exercise.` });
  }
  return flags;
}
