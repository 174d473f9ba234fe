// Outcome measures: each recorded score as an Observation; the answers of the questionnaires
// (ODI, RMDQ, PSFS) as a QuestionnaireResponse the Observation is derived from; the
// questionnaires themselves as Questionnaire. Pure mappers (ADR 049).
import type { Observation, Patient, Practitioner, Questionnaire, QuestionnaireItem, QuestionnaireResponse, QuestionnaireResponseItem, Reference } from "@medplum/fhirtypes";
import type { Instrument } from "@/lib/db/generated/enums";
import { ODI_SECTIONS } from "@/lib/clinical/odi-sections";
import { coding, humanize, meta, ref } from "./common";
import { INSTRUMENT_TITLES, scoreCode } from "./outcome-codes";
import type { FhirOutcomeRow } from "./rows";
import { EXTENSIONS, SYSTEMS, canonicalUrl, identifier, idPart } from "./systems";

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

const RMDQ_ITEMS = 24;
const PSFS_ACTIVITIES = 5;

/** The answer items of a response, from the stored answers (section scores only for the ODI). */
export function responseItems(instrument: QuestionnaireInstrument, answers: unknown): QuestionnaireResponseItem[] {
  const record = answers && typeof answers === "object" && !Array.isArray(answers) ? (answers as Record<string, unknown>) : {};
  switch (instrument) {
    case "ODI":
      return ODI_SECTIONS.flatMap((section) => {
        const v = record[section];
        return typeof v === "number" ? [{ linkId: section, text: humanize(section.replace(/([A-Z])/g, "_$1")), answer: [{ valueInteger: v }] }] : [];
      });
    case "RMDQ": {
      const items = Array.isArray(record.items) ? record.items : [];
      return items.slice(0, RMDQ_ITEMS).flatMap((v, i) => (typeof v === "boolean" ? [{ linkId: `item-${i + 1}`, answer: [{ valueBoolean: v }] }] : []));
    }
    case "PSFS": {
      const activities = Array.isArray(record.activities) ? record.activities : [];
      return activities.slice(0, PSFS_ACTIVITIES).flatMap((a, i) => {
        const { activity, rating } = (a ?? {}) as { activity?: unknown; rating?: unknown };
        if (typeof activity !== "string" || typeof rating !== "number") return [];
        return [{ linkId: `activity-${i + 1}`, item: [{ linkId: `activity-${i + 1}-name`, answer: [{ valueString: activity }] }, { linkId: `activity-${i + 1}-rating`, answer: [{ valueInteger: rating }] }] }];
      });
    }
  }
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

/** A questionnaire's items (structure only; the ODI's published wording is licensed and not ours to copy). */
function questionnaireItems(instrument: QuestionnaireInstrument): QuestionnaireItem[] {
  switch (instrument) {
    case "ODI":
      return ODI_SECTIONS.map((section) => ({ linkId: section, text: humanize(section.replace(/([A-Z])/g, "_$1")), type: "integer" as const }));
    case "RMDQ":
      return Array.from({ length: RMDQ_ITEMS }, (_, i) => ({ linkId: `item-${i + 1}`, text: `Statement ${i + 1}`, type: "boolean" as const }));
    case "PSFS":
      return Array.from({ length: PSFS_ACTIVITIES }, (_, i) => ({
        linkId: `activity-${i + 1}`,
        text: `Activity ${i + 1}`,
        type: "group" as const,
        item: [
          { linkId: `activity-${i + 1}-name`, text: "Activity", type: "string" as const },
          { linkId: `activity-${i + 1}-rating`, text: "Ability (0 = unable, 10 = as before)", type: "integer" as const },
        ],
      }));
  }
}

export function toFhirQuestionnaire(clinicId: string, instrument: QuestionnaireInstrument): Questionnaire {
  return {
    resourceType: "Questionnaire",
    id: questionnaireId(clinicId, instrument),
    url: questionnaireCanonical(clinicId, instrument),
    name: instrument,
    title: INSTRUMENT_TITLES[instrument],
    status: "active",
    subjectType: ["Patient"],
    code: scoreCode(instrument).coding?.filter((c) => c.system === SYSTEMS.instrument),
    item: questionnaireItems(instrument),
  };
}
