// A protocol as a self-contained FHIR R4 Bundle (type collection): its PlanDefinition and every
// ActivityDefinition its actions name, each carrying what another clinic needs to recreate the
// catalog item (ADR 051). Pure: wraps the mappers of lib/fhir/definitions.ts (ADR 049) and adds
// the clinic-independent treatment code and the search facets they leave out.
import type { ActivityDefinition, Bundle, Extension, PlanDefinition } from "@medplum/fhirtypes";
import type { BodyRegion } from "@/lib/db/generated/enums";
import { humanize } from "../common";
import { activityDefinitionCanonical, planDefinitionCanonical, toFhirActivityDefinition, toFhirPlanDefinition } from "../definitions";
import type { FhirCatalogItemRow, FhirTemplateRow } from "../rows";
import { IMPORT_EXTENSIONS, IMPORT_SYSTEMS, treatmentCode } from "./systems";

export type ExportCatalogItemRow = FhirCatalogItemRow & { bodyRegions: BodyRegion[]; conditions: string[]; tags: string[] };
export type ExportTemplateRow = FhirTemplateRow & { bodyRegions: BodyRegion[]; tags: string[] };

function facetExtensions(facets: { bodyRegions: BodyRegion[]; conditions?: string[]; tags: string[] }): Extension[] {
  return [
    ...facets.bodyRegions.map((r) => ({ url: IMPORT_EXTENSIONS.bodyRegion, valueCoding: { system: IMPORT_SYSTEMS.bodyRegion, code: r, display: humanize(r) } })),
    ...(facets.conditions ?? []).map((c) => ({ url: IMPORT_EXTENSIONS.condition, valueString: c })),
    ...facets.tags.map((t) => ({ url: IMPORT_EXTENSIONS.tag, valueString: t })),
  ];
}

export function toExchangeActivityDefinition(item: ExportCatalogItemRow): ActivityDefinition {
  const base = toFhirActivityDefinition(item);
  const code = treatmentCode(item.name);
  return {
    ...base,
    extension: [...(base.extension ?? []), ...facetExtensions(item)],
    ...(code ? { identifier: [{ use: "usual", system: IMPORT_SYSTEMS.treatment, value: code }] } : {}),
  };
}

export function toExchangePlanDefinition(template: ExportTemplateRow, items: ExportCatalogItemRow[]): PlanDefinition {
  const base = toFhirPlanDefinition(template, items);
  const facets = facetExtensions(template);
  return facets.length ? { ...base, extension: [...(base.extension ?? []), ...facets] } : base;
}

/**
 * The Bundle: the PlanDefinition first, then the ActivityDefinitions in the protocol's order (each
 * once). `fullUrl` is each resource's canonical URL, which is what the actions' definitionCanonical
 * points at, so every reference resolves inside the Bundle.
 */
export function toProtocolBundle(template: ExportTemplateRow, items: ExportCatalogItemRow[], timestamp = new Date()): Bundle {
  const byId = new Map(items.map((i) => [i.id, i]));
  const ordered = [...new Set([...template.items].sort((a, b) => a.position - b.position).map((i) => i.catalogItemId))]
    .map((id) => byId.get(id))
    .filter((i): i is ExportCatalogItemRow => i !== undefined);
  return {
    resourceType: "Bundle",
    type: "collection",
    timestamp: timestamp.toISOString(),
    entry: [
      { fullUrl: planDefinitionCanonical(template), resource: toExchangePlanDefinition(template, ordered) },
      ...ordered.map((item) => ({ fullUrl: activityDefinitionCanonical(item), resource: toExchangeActivityDefinition(item) })),
    ],
  };
}
