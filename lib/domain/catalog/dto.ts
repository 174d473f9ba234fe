import type { CatalogItem } from "@/lib/db/generated/client";
import type { TCatalogItemInput } from "@/lib/validation/catalog";

export type CatalogItemDto = Omit<TCatalogItemInput, "bodyRegions" | "conditions" | "tags"> & {
  bodyRegions: CatalogItem["bodyRegions"];
  conditions: string[];
  tags: string[];
  id: string;
  status: CatalogItem["status"];
  version: number;
  updatedAt: string;
  usedByPlans: number;
  usedByTemplates: number;
};

export function toCatalogItemDto(item: CatalogItem, usage: { plans: number; templates: number }): CatalogItemDto {
  return {
    id: item.id,
    name: item.name,
    kind: item.kind,
    category: item.category,
    setting: item.setting,
    description: item.description,
    patientInstructions: item.patientInstructions,
    dose: {
      durationMin: item.defaultDurationMin,
      sets: item.defaultSets,
      reps: item.defaultReps,
      holdSec: item.defaultHoldSec,
      timesPerDay: item.defaultTimesPerDay,
      daysPerWeek: item.defaultDaysPerWeek,
    },
    contraindications: item.contraindications,
    equipment: item.equipment,
    bodyRegions: item.bodyRegions,
    conditions: item.conditions,
    tags: item.tags,
    status: item.status,
    version: item.version,
    updatedAt: item.updatedAt.toISOString(),
    usedByPlans: usage.plans,
    usedByTemplates: usage.templates,
  };
}

export function catalogColumns(input: TCatalogItemInput) {
  return {
    name: input.name,
    kind: input.kind,
    category: input.category,
    setting: input.setting,
    description: input.description,
    patientInstructions: input.patientInstructions,
    defaultDurationMin: input.dose.durationMin,
    defaultSets: input.dose.sets,
    defaultReps: input.dose.reps,
    defaultHoldSec: input.dose.holdSec,
    defaultTimesPerDay: input.dose.timesPerDay,
    defaultDaysPerWeek: input.dose.daysPerWeek,
    contraindications: input.contraindications,
    equipment: input.equipment,
    // Facets only when sent: an update without them keeps the stored ones.
    ...(input.bodyRegions !== undefined ? { bodyRegions: input.bodyRegions } : {}),
    ...(input.conditions !== undefined ? { conditions: input.conditions } : {}),
    ...(input.tags !== undefined ? { tags: input.tags } : {}),
  };
}
