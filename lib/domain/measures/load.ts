import "server-only";
import type { Tx } from "@/lib/db";
import { queryFirst, queryRows } from "@/lib/db/run";
import { measureClaims, measurePlan, measurePlanEntries, measureResponses } from "@/lib/db/statements/measures";
import { instrumentsOf, planMeasuresFromRows, type LoadedPlan } from "./from-rows";

export type { LoadedEntry, LoadedPlan } from "./from-rows";

// One plan's schedule, loaded for the rules (decision 046): the plan and its clinic's time zone,
// the entries in force, the plan's responses of their instruments and the claimed occurrences.
// Four statements (lib/db/statements/measures.ts, shared with the benchmark's ceiling); no access
// check here: callers have scoped the plan (or are the asked-measures contract, which runs inside
// a patient's own, already-scoped transaction).
export async function loadPlanMeasures(tx: Tx, planId: string, now: Date, opts: { patientOnly?: boolean } = {}): Promise<LoadedPlan | null> {
  const plan = await queryFirst(tx, measurePlan({ planId }));
  if (!plan) return null;
  const entries = await queryRows(tx, measurePlanEntries({ planId, patientOnly: opts.patientOnly ?? false }));
  const instruments = instrumentsOf(plan, entries);
  const responses = instruments.length ? await queryRows(tx, measureResponses({ clinicId: plan.clinicId, planIds: [planId], instruments })) : [];
  const claims = entries.length ? await queryRows(tx, measureClaims({ clinicId: plan.clinicId, scheduleIds: entries.map((r) => r.id) })) : [];
  return planMeasuresFromRows(plan, entries, responses, claims, now);
}
