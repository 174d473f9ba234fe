// ActivityDefinition (a catalog item) and PlanDefinition (a protocol). Pure mappers (ADR 049).
// Both are the clinic's definitional resources: a canonical `url` per clinic and record, and the
// record's own `version` number, so a CarePlan that instantiates "url|version" names exactly the
// item its activity was snapshotted from.
import type { ActivityDefinition, Extension, PlanDefinition, PlanDefinitionAction, RelatedArtifact } from "@medplum/fhirtypes";
import { describeDose } from "@/lib/domain/plans/dto";
import { STANCE_LABEL, sourceLabel } from "@/lib/domain/guidelines/rules";
import { coding, compact, doseExtension, doseTiming, humanize, meta } from "./common";
import type { FhirCatalogItemRow, FhirGuidelineStatementRow, FhirTemplateRow } from "./rows";
import { EXTENSIONS, SYSTEMS, canonicalUrl } from "./systems";

const PUBLICATION_STATUS = { DRAFT: "draft", ACTIVE: "active", RETIRED: "retired" } as const;

/** A computable name (FHIR's cnl-0: starts with a capital, letters/digits/underscore). */
export function computableName(title: string): string {
  const words = title.normalize("NFKD").replace(/[^A-Za-z0-9]+/g, " ").trim().split(" ").filter(Boolean);
  const name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
  return /^[A-Z]/.test(name) ? name.slice(0, 255) : `X${name}`.slice(0, 255);
}

export function activityDefinitionCanonical(item: { clinicId: string; id: string }, version?: number): string {
  const url = canonicalUrl(item.clinicId, "ActivityDefinition", item.id);
  return version === undefined ? url : `${url}|${version}`;
}

export function planDefinitionCanonical(template: { clinicId: string; id: string }, version?: number): string {
  const url = canonicalUrl(template.clinicId, "PlanDefinition", template.id);
  return version === undefined ? url : `${url}|${version}`;
}

const settingExtension = (setting: string): Extension => ({ url: EXTENSIONS.setting, valueCoding: { system: SYSTEMS.setting, code: setting, display: humanize(setting) } });

/**
 * A guideline statement (decision 044) as a citation: the source's words, its link and
 * recommendation number, and in `display` who says what for whom ("… (ACP) 2017 Recommendation 2,
 * low back pain (Adults with chronic low back pain): Recommend"). Superseded guidance says so. The stance,
 * the condition and the date last checked are extensions, for a system that reads them.
 */
export function guidelineCitation(s: FhirGuidelineStatementRow): RelatedArtifact {
  const superseded = s.supersededBy ? `; superseded by ${s.supersededBy}${s.supersededYear ? ` (${s.supersededYear})` : ""}, not current` : "";
  const stance = `${STANCE_LABEL[s.stance]}${s.stanceCondition ? ` (${s.stanceCondition})` : ""}`;
  // "1.5.1" reads "recommendation 1.5.1"; ACP's "Recommendation 2" stands as it is.
  const recommendation = s.recommendation ? (/^\d/.test(s.recommendation) ? ` recommendation ${s.recommendation}` : ` ${s.recommendation}`) : "";
  return {
    extension: [
      { url: EXTENSIONS.guidelineStance, valueCoding: { system: SYSTEMS.guidelineStance, code: s.stance, display: STANCE_LABEL[s.stance] } },
      { url: EXTENSIONS.guidelineCondition, valueString: s.condition },
      { url: EXTENSIONS.guidelineLastChecked, valueDate: s.lastCheckedOn.toISOString().slice(0, 10) },
    ],
    type: "citation",
    ...(s.recommendation ? { label: s.recommendation } : {}),
    display: `${sourceLabel(s)}${recommendation}, ${s.condition} (${s.population}): ${stance}${superseded}`,
    ...(s.quote ? { citation: s.quote } : {}),
    url: s.url,
  };
}

export function toFhirActivityDefinition(item: FhirCatalogItemRow): ActivityDefinition {
  const dose = {
    durationMin: item.defaultDurationMin,
    sets: item.defaultSets,
    reps: item.defaultReps,
    holdSec: item.defaultHoldSec,
    timesPerDay: item.defaultTimesPerDay,
    daysPerWeek: item.defaultDaysPerWeek,
  };
  const words = describeDose(dose);
  const timing = doseTiming(dose, words);
  const extension = compact<Extension>([
    settingExtension(item.setting),
    doseExtension(dose),
    ...item.contraindications.map((flag) => ({ url: EXTENSIONS.contraindication, valueCoding: { system: SYSTEMS.contraindication, code: flag, display: humanize(flag) } })),
    ...item.equipment.map((e) => ({ url: EXTENSIONS.equipment, valueString: e })),
  ]);
  return {
    resourceType: "ActivityDefinition",
    id: item.id,
    meta: meta(item.updatedAt),
    extension,
    url: activityDefinitionCanonical(item),
    version: String(item.version),
    name: computableName(item.name),
    title: item.name,
    status: PUBLICATION_STATUS[item.status],
    description: item.description,
    usage: item.patientInstructions,
    topic: [coding(SYSTEMS.catalogKind, item.kind, humanize(item.kind))],
    // Every treatment is something the clinic carries out or asks the patient to do: a service request.
    kind: "ServiceRequest",
    code: coding(SYSTEMS.catalogCategory, item.category, humanize(item.category)),
    ...(timing ? { timingTiming: timing } : {}),
    ...(item.guidelineStatements?.length ? { relatedArtifact: item.guidelineStatements.map(guidelineCitation) } : {}),
  };
}

/**
 * A protocol: one action per item in order, each pointing at its ActivityDefinition and carrying
 * the protocol's own dose, phase and setting. The condition (and its ICD-10-CM code) is the
 * protocol's focus (useContext).
 */
export function toFhirPlanDefinition(template: FhirTemplateRow, items: Pick<FhirCatalogItemRow, "id" | "clinicId" | "version">[] = []): PlanDefinition {
  const versions = new Map(items.map((i) => [i.id, i.version]));
  const actions: PlanDefinitionAction[] = [...template.items]
    .sort((a, b) => a.position - b.position)
    .map((item) => {
      const words = describeDose(item);
      const timing = doseTiming(item, words);
      return {
        id: item.id,
        title: item.catalogItemName,
        ...(words ? { description: words } : {}),
        extension: compact<Extension>([
          settingExtension(item.setting),
          { url: EXTENSIONS.phase, valueCoding: { system: SYSTEMS.phase, code: item.phase, display: humanize(item.phase) } },
          doseExtension(item),
        ]),
        definitionCanonical: activityDefinitionCanonical({ clinicId: template.clinicId, id: item.catalogItemId }, versions.get(item.catalogItemId)),
        ...(timing ? { timingTiming: timing } : {}),
      };
    });
  return {
    resourceType: "PlanDefinition",
    id: template.id,
    meta: meta(template.updatedAt),
    url: planDefinitionCanonical(template),
    version: String(template.version),
    name: computableName(template.name),
    title: template.name,
    type: coding(SYSTEMS.planDefinitionType, "clinical-protocol", "Clinical Protocol"),
    status: PUBLICATION_STATUS[template.status],
    description: template.description,
    useContext: [
      {
        code: { system: SYSTEMS.usageContextType, code: "focus", display: "Clinical Focus" },
        valueCodeableConcept: template.icd10Code
          ? { coding: [{ system: SYSTEMS.icd10cm, code: template.icd10Code }], text: template.condition }
          : { text: template.condition },
      },
    ],
    ...(actions.length ? { action: actions } : {}),
  };
}
