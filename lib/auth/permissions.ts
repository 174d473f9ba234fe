// The one permission table, used by the domain layer (enforcement) and the UI (what to show).
// A grant's scope tells the domain function how to narrow its query:
//   clinic    – every record of the actor's clinic
//   care-team – patients whose care team includes the actor
//   own       – the actor's own patient record
import type { ApiScope, Role } from "@/lib/db/generated/enums";

export type Scope = "clinic" | "care-team" | "own";

export const PERMISSIONS = [
  "catalog:read",
  "catalog:manage",
  "template:read",
  "template:manage",
  "account:manage",
  "audit:read",
  // The clinic's own settings: name, contact details, logo, time zone (decision 030).
  "clinic:manage",
  // The messages the app sent or is sending, and their delivery state (decision 033).
  "outbox:read",
  "patient:create",
  "patient:read",
  "patient:edit",
  // Inviting a patient to the portal by email (decision 034): the care team or the clinic's admin.
  "patient:invite",
  "plan:read",
  "plan:write",
  "session:read",
  "session:write",
  "outcome:read",
  "outcome:write",
  // The patient's own pain and the questionnaires their plan asks for: never a clinic measure.
  "outcome:self-report",
  "homelog:read",
  "homelog:write",
  // The patient's own reminder settings (decision 035): staff get no reminders.
  "reminders:manage",
  // This device's push subscription (decision 036): the patient's own account only.
  "push:subscribe",
  // Downloading the audit log's filtered events as CSV (ADR 041): admins only, itself audited.
  "audit:export",
  // Saving a plan as one's own protocol, or proposing it to the clinic (decision 039).
  "template:own",
  // The clinic calendar (decision 038): every clinician's times in the clinic, whatever the scope;
  // patients are named only to whom session:read shows them (a clinician's care team; admins: none).
  "calendar:read",
  // API clients (issue 17, ADR 047): managing the clinic's API clients (admins), and a clinic's
  // FHIR bulk export (admins and API clients with the BULK_EXPORT scope).
  "apiclient:manage",
  "fhir:bulk-export",
  // The report of treatments chosen against a guideline's "do not offer", with the reasons given
  // (issue 16, decision 044): admins only; reading it is audited.
  "guideline:report",
  // The clinic's outcome instruments: load licensed wording, see versions (issue 16, ADR 045).
  "instrument:manage",
  // The outcome scores as CSV for the clinic's own audit, identified or de-identified (decision 048):
  // admins the clinic's (scores only, no notes or answers), clinicians their care team's.
  "outcome:export",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS = {
  ADMIN: {
    "catalog:read": "clinic",
    "catalog:manage": "clinic",
    "template:read": "clinic",
    "template:manage": "clinic",
    "account:manage": "clinic",
    "audit:read": "clinic",
    "clinic:manage": "clinic",
    "outbox:read": "clinic",
    // Demographics only, to manage accounts and care teams; no clinical record.
    "patient:read": "clinic",
    "patient:invite": "clinic",
    "audit:export": "clinic",
    "calendar:read": "clinic",
    // API clients (issue 17, ADR 047)
    "apiclient:manage": "clinic",
    "fhir:bulk-export": "clinic",
    // Guideline override report (decision 044).
    "guideline:report": "clinic",
    // Outcome instruments as data (issue 16, ADR 045).
    "instrument:manage": "clinic",
    // Outcome scores CSV (decision 048).
    "outcome:export": "clinic",
  },
  CLINICIAN: {
    "catalog:read": "clinic",
    "template:read": "clinic",
    "patient:create": "clinic",
    "patient:read": "care-team",
    "patient:edit": "care-team",
    "patient:invite": "care-team",
    "plan:read": "care-team",
    "plan:write": "care-team",
    "session:read": "care-team",
    "session:write": "care-team",
    "outcome:read": "care-team",
    "outcome:write": "care-team",
    "homelog:read": "care-team",
    "template:own": "clinic",
    "calendar:read": "care-team",
    // Outcome scores CSV (decision 048).
    "outcome:export": "care-team",
  },
  PATIENT: {
    "patient:read": "own",
    "plan:read": "own",
    "session:read": "own",
    "outcome:read": "own",
    "outcome:self-report": "own",
    "homelog:read": "own",
    "homelog:write": "own",
    "reminders:manage": "own",
    "push:subscribe": "own",
  },
} as const satisfies Record<Role, Partial<Record<Permission, Scope>>>;

/**
 * The role of an actor: a user's role, or API_CLIENT for a request made with an API client's
 * bearer token (ADR 047), whose grants come from its scopes (API_SCOPE_PERMISSIONS), not a role.
 */
export type ActorRole = Role | "API_CLIENT";

/**
 * The scope of a role's grant, or null when the role does not hold the permission. API_CLIENT
 * holds nothing here: its grants depend on the client's scopes (`canWithScopes`, used by assertCan).
 */
export function can(role: ActorRole, permission: Permission): Scope | null {
  if (role === "API_CLIENT") return null;
  const grants: Partial<Record<Permission, Scope>> = ROLE_PERMISSIONS[role];
  return grants[permission] ?? null;
}

// ---- API clients (issue 17, ADR 047)

/**
 * What each scope of an API client grants. Always the whole clinic (a system has no care team);
 * reads only: no API client writes anything.
 */
export const API_SCOPE_PERMISSIONS = {
  // "Read patient data": the clinical record, as the care team reads it.
  PATIENT_READ: {
    "patient:read": "clinic",
    "plan:read": "clinic",
    "session:read": "clinic",
    "outcome:read": "clinic",
    "homelog:read": "clinic",
  },
  // "Read catalog": treatments and protocols.
  CATALOG_READ: {
    "catalog:read": "clinic",
    "template:read": "clinic",
  },
  // "Bulk export": the clinic's FHIR bulk $export.
  BULK_EXPORT: {
    "fhir:bulk-export": "clinic",
  },
} as const satisfies Record<ApiScope, Partial<Record<Permission, Scope>>>;

/** The scope an API client with these scopes holds for a permission, or null. */
export function canWithScopes(scopes: readonly ApiScope[], permission: Permission): Scope | null {
  for (const apiScope of scopes) {
    const grants: Partial<Record<Permission, Scope>> = API_SCOPE_PERMISSIONS[apiScope];
    if (grants[permission]) return grants[permission];
  }
  return null;
}

/** The area each role lands on after sign-in. */
export const HOME_BY_ROLE: Record<Role, string> = {
  ADMIN: "/admin/catalog",
  CLINICIAN: "/clinic",
  PATIENT: "/my",
};
