// The URIs our FHIR resources name (ADR 049). Pure constants and builders: no database.
//
// Our own code systems and extensions live under one product namespace on the reserved `.example`
// domain (RFC 2606): it can never collide with anyone else's system and is honest about not being
// resolvable. Identifier systems are per clinic (`…/clinic/<clinicId>/<kind>`): the clinic's id
// never changes (its slug and name may), so an identifier issued once stays the same forever.

export const FHIR_NS = "https://riverside-plans.example/fhir";

export const SYSTEMS = {
  loinc: "http://loinc.org",
  icd10cm: "http://hl7.org/fhir/sid/icd-10-cm",
  ucum: "http://unitsofmeasure.org",
  actCode: "http://terminology.hl7.org/CodeSystem/v3-ActCode",
  observationCategory: "http://terminology.hl7.org/CodeSystem/observation-category",
  planDefinitionType: "http://terminology.hl7.org/CodeSystem/plan-definition-type",
  usageContextType: "http://terminology.hl7.org/CodeSystem/usage-context-type",
  provenanceParticipantType: "http://terminology.hl7.org/CodeSystem/provenance-participant-type",
  signatureType: "urn:iso-astm:E1762-95:2013",
  flagCategory: "http://terminology.hl7.org/CodeSystem/flag-category",
  organizationType: "http://terminology.hl7.org/CodeSystem/organization-type",
  // Our own, product-wide.
  catalogKind: `${FHIR_NS}/CodeSystem/catalog-kind`,
  catalogCategory: `${FHIR_NS}/CodeSystem/catalog-category`,
  setting: `${FHIR_NS}/CodeSystem/setting`,
  phase: `${FHIR_NS}/CodeSystem/treatment-phase`,
  contraindication: `${FHIR_NS}/CodeSystem/contraindication`,
  instrument: `${FHIR_NS}/CodeSystem/outcome-instrument`,
  outcomeContext: `${FHIR_NS}/CodeSystem/outcome-context`,
  sessionStatus: `${FHIR_NS}/CodeSystem/session-status`,
  provenanceActivity: `${FHIR_NS}/CodeSystem/provenance-activity`,
  practitionerRole: `${FHIR_NS}/CodeSystem/practitioner-role`,
  documentType: `${FHIR_NS}/CodeSystem/document-type`,
  guidelineStance: `${FHIR_NS}/CodeSystem/guideline-stance`,
} as const;

export const EXTENSIONS = {
  /** Dose of a plan activity, protocol step or catalog default: sub-extensions sets, reps, holdSec, durationMin, timesPerDay, daysPerWeek. */
  dose: `${FHIR_NS}/StructureDefinition/dose`,
  /** Days a week on a Timing.repeat whose frequency is per day (FHIR Timing cannot say "3× a day, 5 days a week"). */
  daysPerWeek: `${FHIR_NS}/StructureDefinition/days-per-week`,
  setting: `${FHIR_NS}/StructureDefinition/setting`,
  phase: `${FHIR_NS}/StructureDefinition/treatment-phase`,
  contraindication: `${FHIR_NS}/StructureDefinition/contraindication`,
  equipment: `${FHIR_NS}/StructureDefinition/equipment`,
  /** A contraindication overridden on a plan activity: sub-extensions flag (valueCoding, repeated), reason, overriddenBy, overriddenAt. */
  override: `${FHIR_NS}/StructureDefinition/contraindication-override`,
  /** One recorded parameter of a performed treatment: sub-extensions name, value[x]. */
  treatmentParameter: `${FHIR_NS}/StructureDefinition/treatment-parameter`,
  sessionStatus: `${FHIR_NS}/StructureDefinition/session-status`,
  outcomeContext: `${FHIR_NS}/StructureDefinition/outcome-context`,
  planReviewDate: `${FHIR_NS}/StructureDefinition/plan-review-date`,
  plannedSessions: `${FHIR_NS}/StructureDefinition/planned-sessions`,
  guidelineStance: `${FHIR_NS}/StructureDefinition/guideline-stance`,
  guidelineCondition: `${FHIR_NS}/StructureDefinition/guideline-condition`,
  guidelineLastChecked: `${FHIR_NS}/StructureDefinition/guideline-last-checked`,
} as const;

/** Identifier kinds: one system per clinic and kind. */
export type IdentifierKind = "patient" | "practitioner" | "care-plan" | "care-plan-activity" | "encounter" | "procedure" | "observation" | "document" | "organization";

/** The identifier system of a kind of record in a clinic, e.g. `https://riverside-plans.example/fhir/clinic/<id>/patient`. */
export function identifierSystem(clinicId: string, kind: IdentifierKind): string {
  return `${FHIR_NS}/clinic/${clinicId}/${kind}`;
}

export function identifier(clinicId: string, kind: IdentifierKind, value: string) {
  return { use: "official" as const, system: identifierSystem(clinicId, kind), value };
}

/** Canonical URL of a clinic's definitional resource (ActivityDefinition, PlanDefinition, Questionnaire). */
export function canonicalUrl(clinicId: string, resourceType: "ActivityDefinition" | "PlanDefinition" | "Questionnaire", id: string): string {
  return `${FHIR_NS}/clinic/${clinicId}/${resourceType}/${id}`;
}

/** A FHIR id: [A-Za-z0-9-.]{1,64}. Our cuids already are; enum codes become lowercase-with-hyphens. */
export function idPart(code: string): string {
  return code.toLowerCase().replace(/_/g, "-");
}
