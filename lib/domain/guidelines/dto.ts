import type { GuidelineStance } from "@/lib/db/generated/enums";
import type { GuidelineStatement } from "@/lib/db/generated/client";
import type { StatementForRules } from "./rules";

/** A guideline statement as the pages see it (issue 16, decision 044). */
export type GuidelineStatementDto = StatementForRules & {
  recommendation: string | null;
  url: string;
  quote: string | null;
  lastCheckedOn: string;
  note: string;
  version: number;
  stance: GuidelineStance;
};

export function toGuidelineStatementDto(s: GuidelineStatement): GuidelineStatementDto {
  return {
    id: s.id,
    catalogItemId: s.catalogItemId,
    condition: s.condition,
    population: s.population,
    guideline: s.guideline,
    publisher: s.publisher,
    year: s.year,
    recommendation: s.recommendation,
    url: s.url,
    stance: s.stance,
    stanceCondition: s.stanceCondition,
    requiresExercise: s.requiresExercise,
    quote: s.quote,
    supersededBy: s.supersededBy,
    supersededYear: s.supersededYear,
    lastCheckedOn: s.lastCheckedOn.toISOString().slice(0, 10),
    note: s.note,
    retired: s.retiredAt !== null,
    version: s.version,
  };
}

/** The saved fields of a version, as a revision keeps them (JSON). */
export function revisionFields(s: GuidelineStatement): GuidelineStatementDto {
  return toGuidelineStatementDto(s);
}
