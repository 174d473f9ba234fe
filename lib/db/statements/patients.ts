// GET /clinic/patients/<id>: the overview (lib/domain/patients/get-patient-overview.ts, with the
// flag conflicts of lib/domain/patients/flag-conflicts.ts) and the patient lookup of the progress
// panel (lib/domain/progress/get-progress.ts), and the patient app's state for the invite panel
// (lib/domain/accounts/get-portal-access.ts).
import type { Contraindication, Instrument, PlanStatus, SessionStatus } from "../generated/enums";
import { defineQuery } from "./define";
import { sql } from "./sql";
import { patientScopeCondition, type ScopeActor, type ScopeKind } from "./scope";

type Scoped = { patientId: string; actor: ScopeActor; scope: ScopeKind };
type OfPatient = { clinicId: string; patientId: string };

export const overviewPatient = defineQuery<
  { id: string; firstName: string; lastName: string; dateOfBirth: Date; email: string | null; phone: string | null; contraindications: Contraindication[] },
  Scoped
>(
  "overview: patient",
  ({ patientId, actor, scope }) => sql`
    SELECT p."id", p."firstName", p."lastName", p."dateOfBirth", p."email", p."phone", p."contraindications"::text[] AS "contraindications"
      FROM "Patient" p
     WHERE p."id" = ${patientId} AND ${patientScopeCondition(scope, actor, "p")}`,
);

export const overviewCareTeam = defineQuery<{ name: string; isPrimary: boolean }, OfPatient>(
  "overview: care team",
  ({ clinicId, patientId }) => sql`
    SELECT u."name", ct."isPrimary" FROM "CareTeamMember" ct JOIN "User" u ON u."id" = ct."clinicianId"
     WHERE ct."clinicId" = ${clinicId} AND ct."patientId" = ${patientId}
     ORDER BY ct."isPrimary" DESC`,
);

/** Every plan, newest first: the history, and the one in force with the columns the page shows. */
export const overviewPlans = defineQuery<
  { id: string; title: string; condition: string; goals: string; status: PlanStatus; startDate: Date; reviewDate: Date | null; plannedSessions: number },
  OfPatient
>(
  "overview: plans",
  ({ clinicId, patientId }) => sql`
    SELECT t."id", t."title", t."condition", t."goals", t."status"::text AS "status", t."startDate", t."reviewDate", t."plannedSessions"
      FROM "TreatmentPlan" t
     WHERE t."clinicId" = ${clinicId} AND t."patientId" = ${patientId}
     ORDER BY t."startDate" DESC`,
);

/** The latest 50 sessions (times, status, pain), each with its clinician's name. */
export const overviewSessions = defineQuery<
  { id: string; planId: string; startsAt: Date; durationMin: number; status: SessionStatus; painBefore: number | null; painAfter: number | null; clinicianName: string },
  OfPatient
>(
  "overview: sessions",
  ({ clinicId, patientId }) => sql`
    SELECT s."id", s."planId", s."startsAt", s."durationMin", s."status"::text AS "status", s."painBefore", s."painAfter",
           (SELECT u."name" FROM "User" u WHERE u."id" = s."clinicianId") AS "clinicianName"
      FROM "Session" s
     WHERE s."clinicId" = ${clinicId} AND s."patientId" = ${patientId}
     ORDER BY s."startsAt" DESC
     LIMIT 50`,
);

/** NPRS and ODI scores in time order, each with the label of the definition version it was scored by (issue 16). */
export const overviewOutcomes = defineQuery<
  { instrument: Instrument; context: string; score: number; band: string | null; recordedAt: Date; label: string | null },
  OfPatient
>(
  "overview: outcomes",
  ({ clinicId, patientId }) => sql`
    SELECT o."instrument"::text AS "instrument", o."context"::text AS "context", o."score", o."band", o."recordedAt", d."label" FROM "OutcomeResponse" o
      LEFT JOIN "InstrumentDefinition" d ON d."clinicId" = o."clinicId" AND d."code" = o."instrument" AND d."version" = o."definitionVersion"
     WHERE o."clinicId" = ${clinicId} AND o."patientId" = ${patientId} AND o."instrument" IN ('NPRS', 'ODI')
     ORDER BY o."recordedAt"`,
);

/** The activities in force of the patient's open or draft plans, with their treatment's contraindications. */
export const activitiesInForce = defineQuery<
  { id: string; nameSnapshot: string; overriddenFlags: Contraindication[]; contraindications: Contraindication[] },
  OfPatient
>(
  "flag conflicts: activities",
  ({ clinicId, patientId }) => sql`
    SELECT a."id", a."nameSnapshot", a."overriddenFlags"::text[] AS "overriddenFlags", c."contraindications"::text[] AS "contraindications"
      FROM "PlanActivity" a
      JOIN "TreatmentPlan" t ON t."id" = a."planId"
      JOIN "CatalogItem" c ON c."id" = a."catalogItemId"
     WHERE a."clinicId" = ${clinicId} AND a."status" IN ('ACTIVE', 'ON_HOLD')
       AND t."patientId" = ${patientId} AND t."status" IN ('ACTIVE', 'ON_HOLD', 'DRAFT')
     ORDER BY a."position" ASC`,
);

/** The plan each of these activities belongs to, if it is this patient's in this clinic. */
export const plansOfActivities = defineQuery<{ id: string; planId: string; title: string; status: PlanStatus }, OfPatient & { activityIds: readonly string[] }>(
  "flag conflicts: plans",
  ({ clinicId, patientId, activityIds }) => sql`
    SELECT a."id", t."id" AS "planId", t."title", t."status"::text AS "status"
      FROM "PlanActivity" a JOIN "TreatmentPlan" t ON t."id" = a."planId"
     WHERE a."clinicId" = ${clinicId} AND a."id" = ANY(${activityIds}) AND t."clinicId" = ${clinicId} AND t."patientId" = ${patientId}`,
);

/** The patient, if in the actor's scope: the progress panel's check and the name it shows. */
export const scopedPatientName = defineQuery<{ id: string; firstName: string; lastName: string }, Scoped>(
  "progress: patient",
  ({ patientId, actor, scope }) => sql`
    SELECT p."id", p."firstName", p."lastName" FROM "Patient" p
     WHERE p."id" = ${patientId} AND ${patientScopeCondition(scope, actor, "p")}
     LIMIT 1`,
);

/**
 * The patient's sign-in account (all null without one) and its latest invitation (null without
 * one), under the scope of who may invite them (decision 034). One statement: the overview asks
 * on every visit.
 */
export const portalAccess = defineQuery<
  {
    userId: string | null;
    email: string | null;
    active: boolean | null;
    passwordHash: string | null;
    invitedAt: Date | null;
    expiresAt: Date | null;
    usedAt: Date | null;
    revokedAt: Date | null;
  },
  Scoped
>(
  "overview: portal access",
  ({ patientId, actor, scope }) => sql`
    SELECT u."id" AS "userId", u."email", u."active", u."passwordHash",
           i."createdAt" AS "invitedAt", i."expiresAt", i."usedAt", i."revokedAt"
      FROM "Patient" p
      LEFT JOIN "User" u ON u."id" = p."userId"
      LEFT JOIN LATERAL (
        SELECT a."createdAt", a."expiresAt", a."usedAt", a."revokedAt" FROM "AccountToken" a
         WHERE a."userId" = u."id" AND a."purpose" = 'INVITATION'
         ORDER BY a."createdAt" DESC
         LIMIT 1
      ) i ON true
     WHERE ${patientScopeCondition(scope, actor, "p")} AND p."id" = ${patientId}`,
);
