// One audit event as a sentence an admin reads without a decoder ring: who, did what, for which
// patient, to which record, by name ("Sam Rivera signed a session note for Jordan Lee: session on
// 12 Nov 2026, 09:00"). Pure: the audit page and the CSV export build the same sentence.
import { auditActionName, auditEntityName } from "./action-names";

export type DescribableEvent = {
  action: string;
  entityType: string;
  actorName: string | null;
  patientName: string | null;
  /** The record in words (auditTargets), or null when it is gone or has no name. */
  target: string | null;
};

// Action names that are not a verb phrase ("Failed sign-in", "Account locked after…", "Refused:
// …"): they read as a headline, with who and what after it.
const HEADLINE = /^(Failed|Sign-in|Account|Browser|Password|Daily|Appointment|Questionnaire|Refused:)/;

/** The event as one sentence, ending with a full stop. */
export function auditSentence(e: DescribableEvent): string {
  const name = auditActionName(e.action);
  // A record of the patient is named by the patient; "for Jordan Lee" would say it twice.
  // …and one's own account needs no naming again ("Priya Shah signed in", not "…: Priya Shah").
  const named = e.entityType === "Patient" ? (e.patientName ?? e.target) : e.target;
  const target = named !== null && named === e.actorName ? null : named;
  const forPatient = e.patientName && e.entityType !== "Patient" && e.patientName !== e.actorName ? ` for ${e.patientName}` : "";
  const what = target ? `: ${target}` : name === e.action ? ` (${auditEntityName(e.entityType)})` : "";
  if (HEADLINE.test(name) || name === e.action) {
    const by = e.actorName ? ` by ${e.actorName}` : "";
    return `${name}${by}${forPatient}${what}.`;
  }
  // "Patient logged a home activity" said of the patient themself: "Jordan Lee logged…".
  const phrase = name.startsWith("Patient ") ? name.slice("Patient ".length) : name;
  const who = e.actorName ?? "Someone not signed in";
  return `${who} ${phrase.charAt(0).toLowerCase()}${phrase.slice(1)}${forPatient}${what}.`;
}
