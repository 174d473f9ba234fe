// Pure rules for protocol templates, shared by the domain layer, the admin form and the preview.
import type { CatalogStatus, Setting, TreatmentPhase } from "@/lib/db/generated/enums";

export const PHASE_ORDER: TreatmentPhase[] = ["PAIN_RELIEF", "MOBILITY", "STRENGTHENING", "MAINTENANCE"];

// Templates have no draft stage of their own: they are ACTIVE (clinicians see them) or RETIRED.
// A DRAFT row (possible in the schema, never written by the app) may only be activated.
const TRANSITIONS: Record<CatalogStatus, CatalogStatus[]> = {
  DRAFT: ["ACTIVE"],
  ACTIVE: ["RETIRED"],
  RETIRED: ["ACTIVE"],
};

export function canChangeTemplateStatus(from: CatalogStatus, to: CatalogStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function nextTemplateStatuses(from: CatalogStatus): CatalogStatus[] {
  return TRANSITIONS[from];
}

/** Where a template may schedule a treatment: a clinic-only modality can't become homework. */
export function allowedSettings(catalogSetting: Setting): Setting[] {
  return catalogSetting === "BOTH" ? ["IN_CLINIC", "HOME", "BOTH"] : [catalogSetting];
}

/** Clinicians only ever see (and pick) treatments that are ACTIVE in the catalog. */
export function isVisibleToClinicians(item: { catalogStatus: CatalogStatus }): boolean {
  return item.catalogStatus === "ACTIVE";
}

/** Items grouped by phase in clinical order (pain relief first); the template's order is kept within a phase. */
export function groupByPhase<T extends { phase: TreatmentPhase; position: number }>(items: T[]): { phase: TreatmentPhase; items: T[] }[] {
  const sorted = [...items].sort((a, b) => a.position - b.position);
  return PHASE_ORDER.map((phase) => ({ phase, items: sorted.filter((i) => i.phase === phase) })).filter((g) => g.items.length > 0);
}

export type CatalogCandidate = { name: string; status: CatalogStatus; setting: Setting } | undefined;

/**
 * Why the item at `index` of a template being saved cannot use this catalog item, or null when it
 * can. `retained` means the template already held this catalog item before the edit: an item that
 * was retired after it was added stays (hidden from clinicians until it is reinstated), but a
 * retired or draft item can never be added.
 */
export function catalogItemProblem(index: number, candidate: CatalogCandidate, retained: boolean): string | null {
  const which = `Treatment ${index + 1}`;
  if (!candidate) return `${which} is not in this clinic's catalog.`;
  if (candidate.status === "RETIRED" && !retained) return `${which} (${candidate.name}) is retired in the catalog and cannot be added.`;
  if (candidate.status === "DRAFT" && !retained) return `${which} (${candidate.name}) is still a draft in the catalog; activate it before adding it.`;
  return null;
}

export function settingProblem(index: number, candidate: NonNullable<CatalogCandidate>, setting: Setting): string | null {
  if (allowedSettings(candidate.setting).includes(setting)) return null;
  return `Treatment ${index + 1} (${candidate.name}) is ${candidate.setting === "IN_CLINIC" ? "given in the clinic only" : "done at home only"}.`;
}
