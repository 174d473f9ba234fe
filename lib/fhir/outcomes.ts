// Outcome measures: each recorded score as an Observation; the answers of the questionnaires
// (ODI, RMDQ, PSFS) as a QuestionnaireResponse the Observation is derived from; the
// questionnaires themselves as Questionnaire. Pure mappers (ADR 049).
import type { Coding, Observation, Patient, Practitioner, Questionnaire, QuestionnaireItem, QuestionnaireResponse, QuestionnaireResponseItem, Reference } from "@medplum/fhirtypes";
import type { Instrument } from "@/lib/db/generated/enums";
import { CODE_DEFINITIONS } from "@/lib/clinical/instruments";
import type { InstrumentItem } from "@/lib/clinical/instruments/definition";
import { itemAnswersFromStored } from "@/lib/clinical/instruments/stored-answers";
import { coding, compact, humanize, meta, ref } from "./common";
import { scoreCode } from "./outcome-codes";
import type { FhirOutcomeRow } from "./rows";
import { EXTENSIONS, FHIR_NS, SYSTEMS, canonicalUrl, identifier, idPart } from "./systems";

/** Instruments answered item by item (a QuestionnaireResponse); NPRS is one number, an Observation alone. */
export const QUESTIONNAIRE_INSTRUMENTS = ["ODI", "RMDQ", "PSFS"] as const satisfies readonly Instrument[];
export type QuestionnaireInstrument = (typeof QUESTIONNAIRE_INSTRUMENTS)[number];
export const hasQuestionnaire = (i: Instrument): i is QuestionnaireInstrument => (QUESTIONNAIRE_INSTRUMENTS as readonly Instrument[]).includes(i);

export const questionnaireId = (clinicId: string, instrument: QuestionnaireInstrument) => `${clinicId}-${idPart(instrument)}`;
export const questionnaireResponseId = (outcomeId: string) => `${outcomeId}-answers`;
export const questionnaireCanonical = (clinicId: string, instrument: QuestionnaireInstrument) => canonicalUrl(clinicId, "Questionnaire", questionnaireId(clinicId, instrument));

/** Who recorded a measure: the patient themself (self-report from the portal) or a practitioner. */
export function recorderRef(outcome: Pick<FhirOutcomeRow, "patientId" | "recordedById">, patientUserId: string | null): Reference<Patient | Practitioner> {
  return patientUserId !== null && outcome.recordedById === patientUserId ? ref("Patient", outcome.patientId) : ref("Practitioner", outcome.recordedById);
}

export function toFhirOutcomeObservation(outcome: FhirOutcomeRow, patientUserId: string | null): Observation {
  const value: Pick<Observation, "valueInteger" | "valueQuantity"> =
    outcome.instrument === "NPRS" || outcome.instrument === "RMDQ"
      ? { valueInteger: Math.round(outcome.score) }
      : { valueQuantity: { value: outcome.score, unit: outcome.instrument === "ODI" ? "%" : "{score}", system: SYSTEMS.ucum, code: outcome.instrument === "ODI" ? "%" : "{score}" } };
  return {
    resourceType: "Observation",
    id: outcome.id,
    meta: meta(outcome.recordedAt),
    extension: [{ url: EXTENSIONS.outcomeContext, valueCoding: { system: SYSTEMS.outcomeContext, code: outcome.context, display: humanize(outcome.context) } }],
    identifier: [identifier(outcome.clinicId, "observation", outcome.id)],
    ...(outcome.planId ? { basedOn: [ref("CarePlan", outcome.planId)] } : {}),
    status: "final",
    category: [coding(SYSTEMS.observationCategory, "survey", "Survey")],
    code: scoreCode(outcome.instrument),
    subject: ref("Patient", outcome.patientId),
    ...(outcome.sessionId ? { encounter: ref("Encounter", outcome.sessionId) } : {}),
    effectiveDateTime: outcome.recordedAt.toISOString(),
    performer: [recorderRef(outcome, patientUserId)],
    ...value,
    ...(outcome.band ? { interpretation: [{ text: outcome.band }] } : {}),
    ...(hasQuestionnaire(outcome.instrument) ? { derivedFrom: [ref("QuestionnaireResponse", questionnaireResponseId(outcome.id))] } : {}),
  };
}

/** The system of an instrument's answer options: the option's value is its code (`…/CodeSystem/odi-answers`, "3"). */
export const answerSystem = (instrument: QuestionnaireInstrument) => `${FHIR_NS}/CodeSystem/${idPart(instrument)}-answers`;
const ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue";

function optionCoding(instrument: QuestionnaireInstrument, item: InstrumentItem, value: number): Coding {
  const label = item.options?.find((o) => o.value === value)?.label;
  return { extension: [{ url: ORDINAL_VALUE, valueDecimal: value }], system: answerSystem(instrument), code: String(value), ...(label ? { display: label } : {}) };
}

/**
 * The answer items of a response, from the stored answers (stored-answers.ts: ODI section → 0–5,
 * RMDQ { items: boolean[24] }, PSFS { activities: [{ activity, rating }] }), linked to the
 * instrument definition's item ids. Unanswered items are left out.
 */
export function responseItems(instrument: QuestionnaireInstrument, answers: unknown): QuestionnaireResponseItem[] {
  const definition = CODE_DEFINITIONS[instrument];
  const given = itemAnswersFromStored(instrument, answers);
  return definition.items.flatMap((item): QuestionnaireResponseItem[] => {
    const value = given[item.id];
    if (value === null || value === undefined) return [];
    if (item.kind === "choice" && typeof value === "number") return [{ linkId: item.id, text: item.title, answer: [{ valueCoding: optionCoding(instrument, item, value) }] }];
    if (item.kind === "yes-no" && typeof value === "boolean") return [{ linkId: item.id, text: item.title, answer: [{ valueBoolean: value }] }];
    if (item.kind === "numeric" && typeof value === "number") return [{ linkId: item.id, text: item.title, answer: [{ valueInteger: value }] }];
    if (item.kind === "named-activity" && typeof value === "object" && "activity" in value && value.activity.trim() !== "" && Number.isInteger(value.rating)) {
      return [{ linkId: item.id, text: item.title, item: [{ linkId: `${item.id}.name`, answer: [{ valueString: value.activity }] }, { linkId: `${item.id}.rating`, answer: [{ valueInteger: value.rating }] }] }];
    }
    return [];
  });
}

export function toFhirQuestionnaireResponse(outcome: FhirOutcomeRow, patientUserId: string | null): QuestionnaireResponse | undefined {
  if (!hasQuestionnaire(outcome.instrument)) return undefined;
  const item = responseItems(outcome.instrument, outcome.answers);
  return {
    resourceType: "QuestionnaireResponse",
    id: questionnaireResponseId(outcome.id),
    meta: meta(outcome.recordedAt),
    ...(outcome.planId ? { basedOn: [ref("CarePlan", outcome.planId)] } : {}),
    questionnaire: questionnaireCanonical(outcome.clinicId, outcome.instrument),
    status: "completed",
    subject: ref("Patient", outcome.patientId),
    ...(outcome.sessionId ? { encounter: ref("Encounter", outcome.sessionId) } : {}),
    authored: outcome.recordedAt.toISOString(),
    author: recorderRef(outcome, patientUserId),
    ...(item.length ? { item } : {}),
  };
}

const MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue";
const MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue";
const scale = (item: InstrumentItem) => compact([item.min !== undefined ? { url: MIN_VALUE, valueInteger: item.min } : null, item.max !== undefined ? { url: MAX_VALUE, valueInteger: item.max } : null]);

/** One item of the instrument definition (lib/clinical/instruments) as a Questionnaire item. */
function questionnaireItem(instrument: QuestionnaireInstrument, item: InstrumentItem): QuestionnaireItem {
  switch (item.kind) {
    case "choice":
      return { linkId: item.id, prefix: item.title, text: item.prompt, type: "choice", answerOption: (item.options ?? []).map((o) => ({ valueCoding: optionCoding(instrument, item, o.value) })) };
    case "yes-no":
      return { linkId: item.id, text: item.prompt, type: "boolean" };
    case "numeric":
      return { extension: scale(item), linkId: item.id, prefix: item.title, text: item.prompt, type: "integer" };
    case "named-activity":
      return {
        linkId: item.id,
        text: item.title,
        type: "group",
        item: [
          { linkId: `${item.id}.name`, text: "Activity", type: "string" },
          { extension: scale(item), linkId: `${item.id}.rating`, text: [item.prompt, item.minLabel && `${item.min} = ${item.minLabel}`, item.maxLabel && `${item.max} = ${item.maxLabel}`].filter(Boolean).join(" "), type: "integer" },
        ],
      };
  }
}

/**
 * The questionnaire as this product ships it (lib/clinical/instruments, ADR 045): our own adapted
 * ODI wording, RMDQ and PSFS as defined there. A clinic's licensed ODI wording is not exported
 * (its licence is the clinic's, not the receiver's). Same id, url and content in every export.
 */
export function toFhirQuestionnaire(clinicId: string, instrument: QuestionnaireInstrument): Questionnaire {
  const definition = CODE_DEFINITIONS[instrument];
  return {
    resourceType: "Questionnaire",
    id: questionnaireId(clinicId, instrument),
    url: questionnaireCanonical(clinicId, instrument),
    name: instrument,
    title: definition.label,
    status: "active",
    subjectType: ["Patient"],
    description: definition.instructions,
    copyright: definition.licence,
    code: scoreCode(instrument).coding?.filter((c) => c.system === SYSTEMS.instrument),
    item: definition.items.map((item) => questionnaireItem(instrument, item)),
  };
}
