import type { CatalogItem, Contraindication, Setting, TreatmentPhase } from "@/lib/db/generated/client";
import type { DoseInput } from "./rules";

/** The columns of a new plan activity: the catalog item as it is now, frozen into the plan. */
export function activityColumns(input: {
  clinicId: string;
  item: Pick<CatalogItem, "id" | "name" | "patientInstructions" | "kind" | "version">;
  setting: Setting;
  phase: TreatmentPhase;
  position: number;
  dose: DoseInput;
  override: { flags: Contraindication[]; reason: string | null; by: string } | null;
  /** Chosen against "do not offer" guideline statements (decision 044): which, why, who. */
  guideline?: { statementIds: string[]; reason: string | null; by: string } | null;
}) {
  return {
    clinicId: input.clinicId,
    catalogItemId: input.item.id,
    nameSnapshot: input.item.name,
    instructionsSnapshot: input.item.patientInstructions,
    kindSnapshot: input.item.kind,
    catalogVersionSnapshot: input.item.version,
    setting: input.setting,
    phase: input.phase,
    position: input.position,
    ...input.dose,
    ...(input.override && input.override.flags.length > 0
      ? { overriddenFlags: input.override.flags, overrideReason: input.override.reason, overriddenById: input.override.by, overriddenAt: new Date() }
      : {}),
    ...(input.guideline && input.guideline.statementIds.length > 0
      ? { guidelineStatementIds: input.guideline.statementIds, guidelineOverrideReason: input.guideline.reason, guidelineOverriddenById: input.guideline.by, guidelineOverriddenAt: new Date() }
      : {}),
  };
}
