import "server-only";
// Reads the rows the FHIR mappers take (./rows.ts), for one patient or a batch: one query per kind
// of row whatever the number of patients (never one per patient or per plan), every query scoped
// by clinic. No authorization here: callers (lib/domain/fhir, the bulk export) decide who may
// read which patients and pass only those ids.
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import type { FhirClinicRows, FhirPatientRecordRows } from "./rows";

type Reader = Pick<Tx, "patient" | "careTeamMember" | "treatmentPlan" | "planActivity" | "session" | "sessionAddendum" | "performedTreatment" | "outcomeResponse" | "clinic" | "user" | "catalogItem" | "planTemplate">;

const PATIENT_SELECT = {
  id: true, clinicId: true, userId: true, firstName: true, lastName: true, dateOfBirth: true, email: true, phone: true, contraindications: true, archivedAt: true, updatedAt: true,
} as const;
const PLAN_SELECT = {
  id: true, clinicId: true, patientId: true, clinicianId: true, createdById: true, title: true, condition: true, icd10Code: true, goals: true, status: true, statusReason: true,
  startDate: true, reviewDate: true, endDate: true, plannedSessions: true, templateId: true, createdAt: true, updatedAt: true,
} as const;
const ACTIVITY_SELECT = {
  id: true, clinicId: true, planId: true, catalogItemId: true, nameSnapshot: true, instructionsSnapshot: true, kindSnapshot: true, catalogVersionSnapshot: true, setting: true, phase: true,
  position: true, durationMin: true, sets: true, reps: true, holdSec: true, timesPerDay: true, daysPerWeek: true, status: true, overriddenFlags: true, overrideReason: true,
  overriddenById: true, overriddenAt: true, updatedAt: true,
} as const;
const SESSION_SELECT = {
  id: true, clinicId: true, planId: true, patientId: true, clinicianId: true, startsAt: true, durationMin: true, status: true, statusReason: true, painBefore: true, painAfter: true,
  subjective: true, objective: true, assessment: true, planNote: true, adverseEvent: true, noteStatus: true, noteAuthorId: true, signedAt: true, signedById: true, updatedAt: true,
} as const;
/** What an ActivityDefinition cites of a guideline statement (lib/fhir/definitions.ts). */
export const GUIDELINE_STATEMENT_SELECT = {
  id: true, condition: true, population: true, guideline: true, publisher: true, year: true, recommendation: true, url: true, stance: true, stanceCondition: true,
  quote: true, supersededBy: true, supersededYear: true, lastCheckedOn: true,
} as const;
const CATALOG_SELECT = {
  id: true, clinicId: true, name: true, kind: true, category: true, setting: true, description: true, patientInstructions: true, defaultDurationMin: true, defaultSets: true,
  defaultReps: true, defaultHoldSec: true, defaultTimesPerDay: true, defaultDaysPerWeek: true, contraindications: true, equipment: true, status: true, version: true, updatedAt: true,
  // Cited on the ActivityDefinition (relatedArtifact): one more statement for all the items.
  guidelineStatements: { where: { retiredAt: null }, select: GUIDELINE_STATEMENT_SELECT, orderBy: [{ condition: "asc" }, { year: "desc" }, { id: "asc" }] as Prisma.GuidelineStatementOrderByWithRelationInput[] },
} as const;

/**
 * The records of `patientIds` (all of the clinic `clinicId`): 8 queries for any number of patients.
 * Draft session notes are read but never mapped (only signed notes are exported).
 */
export async function loadPatientRecords(tx: Reader, clinicId: string, patientIds: string[]): Promise<FhirPatientRecordRows> {
  if (!clinicId) throw new Error("loadPatientRecords needs a clinic");
  const inPatients = { clinicId, patientId: { in: patientIds } };
  const [patients, careTeam, plans, sessions, outcomes] = await Promise.all([
    tx.patient.findMany({ where: { clinicId, id: { in: patientIds } }, select: PATIENT_SELECT, orderBy: { id: "asc" } }),
    tx.careTeamMember.findMany({ where: inPatients, select: { patientId: true, clinicianId: true, isPrimary: true } }),
    tx.treatmentPlan.findMany({ where: inPatients, select: PLAN_SELECT, orderBy: [{ startDate: "asc" }, { id: "asc" }] }),
    tx.session.findMany({ where: inPatients, select: SESSION_SELECT, orderBy: [{ startsAt: "asc" }, { id: "asc" }] }),
    tx.outcomeResponse.findMany({
      where: inPatients,
      select: { id: true, clinicId: true, patientId: true, planId: true, sessionId: true, instrument: true, context: true, answers: true, score: true, band: true, recordedById: true, recordedAt: true },
      orderBy: [{ recordedAt: "asc" }, { id: "asc" }],
    }),
  ]);
  const planIds = plans.map((p) => p.id);
  const sessionIds = sessions.map((s) => s.id);
  const [activities, addenda, performed] = await Promise.all([
    tx.planActivity.findMany({ where: { clinicId, planId: { in: planIds } }, select: ACTIVITY_SELECT, orderBy: [{ planId: "asc" }, { position: "asc" }] }),
    tx.sessionAddendum.findMany({ where: { clinicId, sessionId: { in: sessionIds } }, select: { id: true, clinicId: true, sessionId: true, authorId: true, text: true, createdAt: true }, orderBy: { createdAt: "asc" } }),
    tx.performedTreatment.findMany({
      where: { clinicId, sessionId: { in: sessionIds } },
      select: { id: true, clinicId: true, sessionId: true, planActivityId: true, catalogItemId: true, status: true, notDoneReason: true, parameters: true, durationMin: true, adverseEvent: true, createdAt: true },
      orderBy: { id: "asc" },
    }),
  ]);
  return { patients, careTeam, plans, activities, sessions, addenda, performed, outcomes };
}

/**
 * The clinic data the given records point at: the clinic, the staff they name, the catalog items of
 * their activities and of the protocols their plans came from, those protocols. 4 queries.
 */
export async function loadClinicRowsFor(tx: Reader, clinicId: string, records: FhirPatientRecordRows): Promise<FhirClinicRows> {
  const userIds = new Set<string>([
    ...records.careTeam.map((m) => m.clinicianId),
    ...records.plans.flatMap((p) => [p.clinicianId, p.createdById]),
    ...records.sessions.flatMap((s) => [s.clinicianId, s.signedById, s.noteAuthorId].filter((x): x is string => !!x)),
    ...records.addenda.map((a) => a.authorId),
    ...records.activities.flatMap((a) => (a.overriddenById ? [a.overriddenById] : [])),
    ...records.outcomes.map((o) => o.recordedById),
  ]);
  const templateIds = [...new Set(records.plans.flatMap((p) => (p.templateId ? [p.templateId] : [])))];
  return loadClinicRows(tx, clinicId, { userIds: [...userIds], templateIds, catalogItemIds: records.activities.map((a) => a.catalogItemId) });
}

/**
 * Clinic data by id (or, for a key left out, all of that kind in the clinic: the bulk export's
 * ActivityDefinition and PlanDefinition files). Staff only: a patient's own account is never a
 * Practitioner. Templates come with their items; their catalog items are added to `catalogItemIds`.
 */
export async function loadClinicRows(tx: Reader, clinicId: string, ids: { userIds?: string[]; catalogItemIds?: string[]; templateIds?: string[] }): Promise<FhirClinicRows> {
  if (!clinicId) throw new Error("loadClinicRows needs a clinic");
  const [clinic, users, templates] = await Promise.all([
    tx.clinic.findUniqueOrThrow({ where: { id: clinicId }, select: { id: true, name: true, slug: true, timezone: true, address: true, phone: true, createdAt: true } }),
    tx.user.findMany({
      where: { clinicId, role: { in: ["ADMIN", "CLINICIAN"] }, ...(ids.userIds ? { id: { in: ids.userIds } } : {}) },
      select: { id: true, clinicId: true, name: true, email: true, role: true, active: true, updatedAt: true },
      orderBy: { id: "asc" },
    }),
    tx.planTemplate.findMany({
      // A clinician's own (unshared) protocol is exported only when a plan of this record came from it.
      where: { clinicId, ...(ids.templateIds ? { id: { in: ids.templateIds } } : { ownerId: null }) },
      select: {
        id: true, clinicId: true, name: true, condition: true, icd10Code: true, description: true, status: true, version: true, updatedAt: true,
        items: { select: { id: true, templateId: true, catalogItemId: true, setting: true, phase: true, position: true, durationMin: true, sets: true, reps: true, holdSec: true, timesPerDay: true, daysPerWeek: true, catalogItem: { select: { name: true } } }, orderBy: { position: "asc" } },
      },
      orderBy: { id: "asc" },
    }),
  ]);
  const itemIds = ids.catalogItemIds ? [...new Set([...ids.catalogItemIds, ...templates.flatMap((t) => t.items.map((i) => i.catalogItemId))])] : undefined;
  const catalogItems = await tx.catalogItem.findMany({ where: { clinicId, ...(itemIds ? { id: { in: itemIds } } : {}) }, select: CATALOG_SELECT, orderBy: { id: "asc" } });
  return {
    clinic,
    users,
    catalogItems,
    templates: templates.map(({ items, ...t }) => ({ ...t, items: items.map(({ catalogItem, ...i }) => ({ ...i, catalogItemName: catalogItem.name })) })),
  };
}
