// Encounter (a session), Procedure (a treatment performed in it), the pain scores taken before
// and after (Observation, NPRS), the signed SOAP note and its addenda (DocumentReference) and the
// signature (Provenance). Pure mappers (ADR 049).
import type { DocumentReference, Encounter, Extension, Observation, Procedure, Provenance } from "@medplum/fhirtypes";
import type { SessionStatus } from "@/lib/db/generated/enums";
import { coding, compact, meta, ref } from "./common";
import { activityDefinitionCanonical } from "./definitions";
import { NPRS_CODE } from "./outcome-codes";
import type { FhirActivityRow, FhirAddendumRow, FhirPerformedRow, FhirSessionRow } from "./rows";
import { EXTENSIONS, SYSTEMS, identifier } from "./systems";

/** Session status → Encounter.status (required binding, encounter-status). A no-show did not happen: `cancelled`, with our status kept in an extension. */
export const ENCOUNTER_STATUS = {
  SCHEDULED: "planned",
  COMPLETED: "finished",
  CANCELLED: "cancelled",
  NO_SHOW: "cancelled",
} as const satisfies Record<SessionStatus, Encounter["status"]>;

export const noteDocumentId = (sessionId: string) => `${sessionId}-note`;
export const signatureProvenanceId = (sessionId: string) => `${sessionId}-signature`;
export const painObservationId = (sessionId: string, when: "before" | "after") => `${sessionId}-pain-${when}`;

const minutesDuration = (value: number) => ({ value, unit: "min", system: SYSTEMS.ucum, code: "min" });
const endOf = (s: FhirSessionRow) => new Date(s.startsAt.getTime() + s.durationMin * 60_000);

export function toFhirEncounter(session: FhirSessionRow): Encounter {
  return {
    resourceType: "Encounter",
    id: session.id,
    meta: meta(session.updatedAt),
    extension: [{ url: EXTENSIONS.sessionStatus, valueCoding: { system: SYSTEMS.sessionStatus, code: session.status } }],
    identifier: [identifier(session.clinicId, "encounter", session.id)],
    status: ENCOUNTER_STATUS[session.status],
    class: { system: SYSTEMS.actCode, code: "AMB", display: "ambulatory" },
    subject: ref("Patient", session.patientId),
    participant: [{ individual: ref("Practitioner", session.clinicianId) }],
    period: { start: session.startsAt.toISOString(), end: endOf(session).toISOString() },
    length: minutesDuration(session.durationMin),
    serviceProvider: ref("Organization", session.clinicId),
  };
}

/** NPRS before and after treatment, as the clinician recorded them on the session (LOINC 72514-3). */
export function toFhirSessionPainObservations(session: FhirSessionRow): Observation[] {
  const one = (when: "before" | "after", value: number | null, at: Date): Observation | null =>
    value === null
      ? null
      : {
          resourceType: "Observation",
          id: painObservationId(session.id, when),
          meta: meta(session.updatedAt),
          identifier: [identifier(session.clinicId, "observation", painObservationId(session.id, when))],
          basedOn: [ref("CarePlan", session.planId)],
          status: "final",
          category: [coding(SYSTEMS.observationCategory, "survey", "Survey")],
          code: NPRS_CODE,
          subject: ref("Patient", session.patientId),
          encounter: ref("Encounter", session.id),
          effectiveDateTime: at.toISOString(),
          performer: [ref("Practitioner", session.clinicianId)],
          valueInteger: value,
          note: [{ text: when === "before" ? "Before treatment" : "After treatment" }],
        };
  return compact([one("before", session.painBefore, session.startsAt), one("after", session.painAfter, endOf(session))]);
}

/** Each recorded parameter (pulses, bar, J/cm², needling sites…) as a sub-extension pair name/value. */
export function parameterExtensions(parameters: unknown, durationMin: number | null): Extension[] {
  const out: Extension[] = [];
  const entries = parameters && typeof parameters === "object" && !Array.isArray(parameters) ? Object.entries(parameters as Record<string, unknown>) : [];
  for (const [name, value] of entries) {
    const values = Array.isArray(value) ? value : [value];
    const mapped = values.flatMap((v): Extension[] => {
      if (typeof v === "number") return [{ url: "value", valueDecimal: v }];
      if (typeof v === "boolean") return [{ url: "value", valueBoolean: v }];
      if (typeof v === "string" && v !== "") return [{ url: "value", valueString: v }];
      return [];
    });
    if (mapped.length) out.push({ url: EXTENSIONS.treatmentParameter, extension: [{ url: "name", valueString: name }, ...mapped] });
  }
  if (durationMin !== null) out.push({ url: EXTENSIONS.treatmentParameter, extension: [{ url: "name", valueString: "durationMin" }, { url: "value", valueQuantity: minutesDuration(durationMin) }] });
  return out;
}

/** A treatment performed (or not done, with its reason) in a session, based on the plan. */
export function toFhirProcedure(performed: FhirPerformedRow, session: FhirSessionRow, activity: Pick<FhirActivityRow, "nameSnapshot" | "catalogVersionSnapshot" | "kindSnapshot">): Procedure {
  const extension = parameterExtensions(performed.parameters, performed.durationMin);
  return {
    resourceType: "Procedure",
    id: performed.id,
    meta: meta(performed.createdAt),
    ...(extension.length ? { extension } : {}),
    identifier: [identifier(performed.clinicId, "procedure", performed.id)],
    instantiatesCanonical: [activityDefinitionCanonical({ clinicId: performed.clinicId, id: performed.catalogItemId }, activity.catalogVersionSnapshot)],
    basedOn: [ref("CarePlan", session.planId)],
    status: performed.status === "COMPLETED" ? "completed" : "not-done",
    ...(performed.status === "NOT_DONE" && performed.notDoneReason ? { statusReason: { text: performed.notDoneReason } } : {}),
    code: { coding: [{ system: SYSTEMS.catalogKind, code: activity.kindSnapshot }], text: activity.nameSnapshot },
    subject: ref("Patient", session.patientId),
    encounter: ref("Encounter", session.id),
    performedDateTime: session.startsAt.toISOString(),
    performer: [{ actor: ref("Practitioner", session.clinicianId), onBehalfOf: ref("Organization", session.clinicId) }],
    ...(performed.adverseEvent ? { complication: [{ text: performed.adverseEvent }] } : {}),
  };
}

/** The SOAP note as plain text, as the clinician wrote and signed it. */
export function noteText(session: FhirSessionRow): string {
  const sections: [string, string | null][] = [
    ["Subjective", session.subjective],
    ["Objective", session.objective],
    ["Assessment", session.assessment],
    ["Plan", session.planNote],
    ["Adverse event", session.adverseEvent],
  ];
  return sections.filter(([, text]) => text && text.trim() !== "").map(([title, text]) => `${title}:\n${text}`).join("\n\n");
}

const PROGRESS_NOTE = { coding: [{ system: SYSTEMS.loinc, code: "11506-3", display: "Progress note" }], text: "Session note (SOAP)" };

function textAttachment(text: string, title: string, creation: Date) {
  const bytes = Buffer.from(text, "utf8");
  return { contentType: "text/plain; charset=utf-8", data: bytes.toString("base64"), size: bytes.byteLength, title, creation: creation.toISOString() };
}

/**
 * A signed note (only signed notes are exported: a draft is the clinician's work in progress).
 * Type LOINC 11506-3 "Progress note" (loinc.org/11506-3); the text as a text/plain attachment.
 * Undefined for a session whose note is not signed.
 */
export function toFhirNoteDocument(session: FhirSessionRow): DocumentReference | undefined {
  if (session.noteStatus !== "SIGNED" || !session.signedAt) return undefined;
  const author = session.noteAuthorId ?? session.signedById ?? session.clinicianId;
  return {
    resourceType: "DocumentReference",
    id: noteDocumentId(session.id),
    meta: meta(session.updatedAt),
    identifier: [identifier(session.clinicId, "document", noteDocumentId(session.id))],
    status: "current",
    docStatus: "final",
    type: PROGRESS_NOTE,
    subject: ref("Patient", session.patientId),
    date: session.signedAt.toISOString(),
    author: [ref("Practitioner", author)],
    ...(session.signedById ? { authenticator: ref("Practitioner", session.signedById) } : {}),
    custodian: ref("Organization", session.clinicId),
    content: [{ attachment: textAttachment(noteText(session), `Session note ${session.startsAt.toISOString().slice(0, 10)}`, session.signedAt) }],
    context: {
      encounter: [ref("Encounter", session.id)],
      period: { start: session.startsAt.toISOString(), end: endOf(session).toISOString() },
      related: [ref("CarePlan", session.planId)],
    },
  };
}

/** An addendum to a signed note: its own document that `appends` to the note. */
export function toFhirAddendumDocument(addendum: FhirAddendumRow, session: FhirSessionRow): DocumentReference {
  return {
    resourceType: "DocumentReference",
    id: addendum.id,
    meta: meta(addendum.createdAt),
    identifier: [identifier(addendum.clinicId, "document", addendum.id)],
    status: "current",
    docStatus: "final",
    type: PROGRESS_NOTE,
    subject: ref("Patient", session.patientId),
    date: addendum.createdAt.toISOString(),
    author: [ref("Practitioner", addendum.authorId)],
    custodian: ref("Organization", addendum.clinicId),
    relatesTo: [{ code: "appends", target: ref("DocumentReference", noteDocumentId(session.id)) }],
    description: "Addendum to a signed session note",
    content: [{ attachment: textAttachment(addendum.text, "Addendum", addendum.createdAt) }],
    context: { encounter: [ref("Encounter", session.id)], related: [ref("CarePlan", session.planId)] },
  };
}

/** Who signed a note and when: the legal authenticator's signature on the note and its session. */
export function toFhirSignatureProvenance(session: FhirSessionRow): Provenance | undefined {
  if (session.noteStatus !== "SIGNED" || !session.signedAt || !session.signedById) return undefined;
  const when = session.signedAt.toISOString();
  return {
    resourceType: "Provenance",
    id: signatureProvenanceId(session.id),
    meta: meta(session.updatedAt),
    target: [ref("DocumentReference", noteDocumentId(session.id)), ref("Encounter", session.id)],
    recorded: when,
    activity: coding(SYSTEMS.provenanceActivity, "note-signature", "Session note signed"),
    agent: [
      {
        type: coding(SYSTEMS.provenanceParticipantType, "legal", "Legal Authenticator"),
        who: ref("Practitioner", session.signedById),
        onBehalfOf: ref("Organization", session.clinicId),
      },
    ],
    // The signature in the app is the signed-in clinician's act, not a cryptographic one: no `data`.
    signature: [
      {
        type: [{ system: SYSTEMS.signatureType, code: "1.2.840.10065.1.12.1.1", display: "Author's Signature" }],
        when,
        who: ref("Practitioner", session.signedById),
      },
    ],
  };
}
