import type { CatalogItem, PlanTemplate, PlanTemplateItem } from "@/lib/db/generated/client";
import type { BodyRegion, CatalogKind, CatalogStatus, Contraindication, Setting, TemplateProposalStatus, TreatmentPhase } from "@/lib/db/generated/enums";
import type { Dose } from "@/lib/domain/plans/dto";
import type { TTemplateItemInput } from "@/lib/validation/templates";

export type TemplateItemDto = {
  id: string;
  catalogItemId: string;
  name: string;
  kind: CatalogKind;
  /** Patient instructions of the catalog item, as a plan built from the template will snapshot them. */
  instructions: string;
  contraindications: Contraindication[];
  catalogStatus: CatalogStatus;
  catalogSetting: Setting;
  setting: Setting;
  phase: TreatmentPhase;
  position: number;
  dose: Dose;
};

export type TemplateDto = {
  id: string;
  name: string;
  condition: string;
  icd10Code: string | null;
  description: string;
  status: CatalogStatus;
  version: number;
  updatedAt: string;
  /** Plans started from this template (admins only; 0 for clinicians). */
  usedByPlans: number;
  items: TemplateItemDto[];
  bodyRegions: BodyRegion[];
  tags: string[];
  /** The reader's own protocol and its proposal's state (decision 039). */
  mine: boolean;
  proposalStatus: TemplateProposalStatus | null;
  proposalNote: string | null;
};

export type TemplateRow = {
  id: string;
  name: string;
  condition: string;
  icd10Code: string | null;
  status: CatalogStatus;
  /** Items the reader sees: for clinicians only those whose treatment is ACTIVE. */
  itemCount: number;
  updatedAt: string;
  bodyRegions: BodyRegion[];
  tags: string[];
  /** The reader's own protocol, saved from a plan (decision 039). */
  mine: boolean;
  proposalStatus: TemplateProposalStatus | null;
  /** Why an admin declined the proposal. */
  proposalNote: string | null;
};

type ItemWithCatalog = PlanTemplateItem & {
  catalogItem: Pick<CatalogItem, "name" | "kind" | "patientInstructions" | "contraindications" | "status" | "setting">;
};

export function toTemplateItemDto(item: ItemWithCatalog): TemplateItemDto {
  return {
    id: item.id,
    catalogItemId: item.catalogItemId,
    name: item.catalogItem.name,
    kind: item.catalogItem.kind,
    instructions: item.catalogItem.patientInstructions,
    contraindications: item.catalogItem.contraindications,
    catalogStatus: item.catalogItem.status,
    catalogSetting: item.catalogItem.setting,
    setting: item.setting,
    phase: item.phase,
    position: item.position,
    dose: {
      durationMin: item.durationMin,
      sets: item.sets,
      reps: item.reps,
      holdSec: item.holdSec,
      timesPerDay: item.timesPerDay,
      daysPerWeek: item.daysPerWeek,
    },
  };
}

export function toTemplateDto(template: PlanTemplate, items: TemplateItemDto[], usedByPlans: number): TemplateDto {
  return {
    id: template.id,
    name: template.name,
    condition: template.condition,
    icd10Code: template.icd10Code,
    description: template.description,
    status: template.status,
    version: template.version,
    updatedAt: template.updatedAt.toISOString(),
    usedByPlans,
    items,
    bodyRegions: template.bodyRegions,
    tags: template.tags,
    mine: template.ownerId !== null,
    proposalStatus: template.proposalStatus,
    proposalNote: template.proposalNote,
  };
}

/** The rows of a template's items, in the order the admin gave them. */
export function templateItemRows(clinicId: string, items: TTemplateItemInput[]) {
  return items.map((item, position) => ({
    clinicId,
    catalogItemId: item.catalogItemId,
    setting: item.setting,
    phase: item.phase,
    position,
    durationMin: item.dose.durationMin,
    sets: item.dose.sets,
    reps: item.dose.reps,
    holdSec: item.dose.holdSec,
    timesPerDay: item.dose.timesPerDay,
    daysPerWeek: item.dose.daysPerWeek,
  }));
}

export const TEMPLATE_ITEM_CATALOG_SELECT = {
  name: true,
  kind: true,
  patientInstructions: true,
  contraindications: true,
  status: true,
  setting: true,
} as const;
