// Guideline statements for the seed catalog's treatments, for low back pain (issue 16).
// Every statement is taken from the guideline's own recommendation text, found with the search
// tool and cited here; where a guideline says nothing about a treatment the stance is
// NOT_COVERED, never a guess. How they were verified: docs/decisions/043-guideline-statement-sources.md.

export type GuidelineStance = "RECOMMEND" | "CONSIDER" | "CONSIDER_WITH_CONDITION" | "DO_NOT_OFFER" | "NOT_COVERED";

export type SeedGuidelineStatement = {
  /** The catalog item's name exactly as in catalog.ts. */
  treatment: string;
  /** Lowercase condition the statement is about, matched against a plan's condition. */
  condition: "low back pain";
  /** Who the statement applies to, in the guideline's terms, e.g. "Adults with low back pain with or without sciatica". */
  population: string;
  source: {
    /** e.g. "Low back pain and sciatica in over 16s: assessment and management (NG59)". */
    guideline: string;
    publisher: string;
    year: number;
    /** The recommendation's number in the guideline, e.g. "1.2.7"; null when NOT_COVERED. */
    recommendation: string | null;
    url: string;
  };
  stance: GuidelineStance;
  /** For CONSIDER_WITH_CONDITION: the stated condition, e.g. "only as part of a treatment package including exercise". */
  stanceCondition: string | null;
  /** True when the stated condition is that the plan includes exercise. */
  requiresExercise: boolean;
  /** The recommendation's own words, verbatim (short); null when NOT_COVERED. */
  quote: string | null;
  /** Set for guidance that was withdrawn or replaced: shown as superseded, never as current. */
  superseded: { by: string; year: number } | null;
  /** ISO date the statement was last checked against its source. */
  lastCheckedOn: string;
  /** How it was verified, or why the stance is NOT_COVERED. */
  note: string;
};

export const GUIDELINE_STATEMENTS: SeedGuidelineStatement[] = [];
