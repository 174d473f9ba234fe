import "server-only";
// What of their own record a patient gets in their FHIR export: what the portal shows them
// (DESIGN.md roles table), no more. Non-draft plans (active, on hold, completed) with their current
// activities and no override reasoning; their sessions' time and status, never the SOAP note, the
// treatment record or the clinician's pain scores; their outcome measures. ADR 049.
import type { FhirPatientRecordRows } from "@/lib/fhir/rows";
import { PATIENT_VISIBLE_STATUSES } from "@/lib/domain/plans/get-plan";

const VISIBLE_ACTIVITY = new Set(["ACTIVE", "ON_HOLD", "COMPLETED"]);

export function toPatientView(rows: FhirPatientRecordRows): FhirPatientRecordRows {
  const plans = rows.plans.filter((p) => PATIENT_VISIBLE_STATUSES.includes(p.status));
  const planIds = new Set(plans.map((p) => p.id));
  return {
    patients: rows.patients.map((p) => ({ ...p, contraindications: [] })),
    careTeam: rows.careTeam,
    plans: plans.map((p) => ({ ...p, statusReason: null })),
    activities: rows.activities
      .filter((a) => planIds.has(a.planId) && VISIBLE_ACTIVITY.has(a.status))
      .map((a) => ({ ...a, overriddenFlags: [], overrideReason: null, overriddenById: null, overriddenAt: null })),
    sessions: rows.sessions
      .filter((s) => planIds.has(s.planId))
      .map((s) => ({
        ...s,
        statusReason: null,
        painBefore: null,
        painAfter: null,
        subjective: null,
        objective: null,
        assessment: null,
        planNote: null,
        adverseEvent: null,
        noteStatus: "DRAFT" as const,
        noteAuthorId: null,
        signedAt: null,
        signedById: null,
      })),
    addenda: [],
    performed: [],
    outcomes: rows.outcomes.filter((o) => o.planId === null || planIds.has(o.planId)).map((o) => (o.sessionId && !rows.sessions.some((s) => s.id === o.sessionId && planIds.has(s.planId)) ? { ...o, sessionId: null } : o)),
  };
}
