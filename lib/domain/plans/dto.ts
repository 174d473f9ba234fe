import type { ActivityRow } from "@/lib/db/statements/plans";
import type { ActivityStatus, CatalogKind, Contraindication, Setting, TreatmentPhase } from "@/lib/db/generated/client";

export type Dose = {
  durationMin: number | null;
  sets: number | null;
  reps: number | null;
  holdSec: number | null;
  timesPerDay: number | null;
  daysPerWeek: number | null;
};

export type ActivityDto = {
  id: string;
  name: string;
  instructions: string;
  kind: CatalogKind;
  setting: Setting;
  phase: TreatmentPhase;
  status: ActivityStatus;
  dose: Dose;
  override: { flags: Contraindication[]; reason: string } | null;
  catalogItemId: string;
  /** Chosen against "do not offer" guideline statements (decision 044): the care team's view only. */
  guidelineOverride: { reason: string; statementIds: string[]; at: string | null; byName: string | null } | null;
};

/** The columns of a plan activity that its DTO is made of, declared with the SQL that selects them. */
export type { ActivityRow };

export function toActivityDto(a: ActivityRow): ActivityDto {
  return {
    id: a.id,
    name: a.nameSnapshot,
    instructions: a.instructionsSnapshot,
    kind: a.kindSnapshot,
    setting: a.setting,
    phase: a.phase,
    status: a.status,
    dose: {
      durationMin: a.durationMin,
      sets: a.sets,
      reps: a.reps,
      holdSec: a.holdSec,
      timesPerDay: a.timesPerDay,
      daysPerWeek: a.daysPerWeek,
    },
    override: a.overrideReason ? { flags: a.overriddenFlags, reason: a.overrideReason } : null,
    catalogItemId: a.catalogItemId,
    guidelineOverride: a.guidelineOverrideReason
      ? { reason: a.guidelineOverrideReason, statementIds: a.guidelineStatementIds, at: a.guidelineOverriddenAt?.toISOString() ?? null, byName: a.guidelineOverriddenByName ?? null }
      : null,
  };
}

/** "3 × 10 reps, hold 5 s · 2× a day, 5 days a week" */
export function describeDose(dose: Dose): string {
  const what: string[] = [];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (dose.sets && dose.reps) what.push(`${dose.sets} × ${plural(dose.reps, "rep")}`);
  else if (dose.reps) what.push(plural(dose.reps, "rep"));
  else if (dose.sets) what.push(plural(dose.sets, "set"));
  if (dose.holdSec) what.push(`hold ${dose.holdSec} s`);
  if (dose.durationMin) what.push(`${dose.durationMin} min`);
  const when: string[] = [];
  if (dose.timesPerDay) when.push(dose.timesPerDay === 1 ? "once a day" : `${dose.timesPerDay}× a day`);
  if (dose.daysPerWeek) when.push(dose.daysPerWeek === 7 ? "every day" : `${dose.daysPerWeek} ${dose.daysPerWeek === 1 ? "day" : "days"} a week`);
  return [what.join(", "), when.join(", ")].filter(Boolean).join(" · ");
}
