// GET /api/v1/plans/<id> (lib/domain/plans/get-plan.ts) and the activity columns every plan view
// shows (the overview, the patient's Today page, the handout).
import type { PlanActivity } from "../generated/client";
import type { PlanStatus } from "../generated/enums";
import { defineQuery } from "./define";
import { empty, join, sql } from "./sql";
import { patientScopeCondition, type ScopeActor, type ScopeKind } from "./scope";

/** The columns of a plan activity that its DTO (lib/domain/plans/dto.ts) is made of. */
export type ActivityRow = Pick<
  PlanActivity,
  | "id"
  | "nameSnapshot"
  | "instructionsSnapshot"
  | "kindSnapshot"
  | "setting"
  | "phase"
  | "status"
  | "durationMin"
  | "sets"
  | "reps"
  | "holdSec"
  | "timesPerDay"
  | "daysPerWeek"
  | "overriddenFlags"
  | "overrideReason"
  | "catalogItemId"
  | "guidelineOverrideReason"
  | "guidelineStatementIds"
  | "guidelineOverriddenAt"
> & { guidelineOverriddenByName?: string | null };

/**
 * The columns of "PlanActivity" a (aliased `a`) that make an ActivityRow: only what the DTO
 * shows, enums and the flag array as text.
 */
export const ACTIVITY_ROW_COLUMNS = sql`a."id", a."nameSnapshot", a."instructionsSnapshot", a."kindSnapshot"::text AS "kindSnapshot",
  a."setting"::text AS "setting", a."phase"::text AS "phase", a."status"::text AS "status", a."durationMin", a."sets", a."reps",
  a."holdSec", a."timesPerDay", a."daysPerWeek", a."overriddenFlags"::text[] AS "overriddenFlags", a."overrideReason",
  a."catalogItemId", a."guidelineOverrideReason", a."guidelineStatementIds", a."guidelineOverriddenAt",
  (SELECT gu."name" FROM "User" gu WHERE gu."id" = a."guidelineOverriddenById") AS "guidelineOverriddenByName"`;

/** One plan with its patient's and clinician's names, within the actor's patient scope (plus visible statuses for a patient). */
export const planForActor = defineQuery<
  {
    id: string;
    patientId: string;
    title: string;
    condition: string;
    icd10Code: string | null;
    goals: string;
    status: PlanStatus;
    startDate: Date;
    reviewDate: Date | null;
    plannedSessions: number;
    odiRequestedAt: Date | null;
    version: number;
    firstName: string;
    lastName: string;
    clinicianName: string;
  },
  { planId: string; actor: ScopeActor; scope: ScopeKind; visibleStatuses: readonly PlanStatus[] | null }
>(
  "plan read",
  ({ planId, actor, scope, visibleStatuses }) => sql`
    SELECT t."id", t."patientId", t."title", t."condition", t."icd10Code", t."goals", t."status"::text AS "status", t."startDate",
           t."reviewDate", t."plannedSessions", t."odiRequestedAt", t."version", p."firstName", p."lastName", u."name" AS "clinicianName"
      FROM "TreatmentPlan" t
      JOIN "Patient" p ON p."id" = t."patientId"
      JOIN "User" u ON u."id" = t."clinicianId"
     WHERE t."id" = ${planId} AND t."clinicId" = ${actor.clinicId} AND ${patientScopeCondition(scope, actor, "p")}
       ${visibleStatuses ? sql`AND t."status"::text IN (${join(visibleStatuses.map((s) => sql`${s}`))})` : empty}`,
);

/** A plan's activities in plan order; for the patient's own view only those in force or done. */
export const planActivities = defineQuery<ActivityRow, { clinicId: string; planId: string; patientView: boolean }>(
  "plan activities",
  ({ clinicId, planId, patientView }) => sql`
    SELECT ${ACTIVITY_ROW_COLUMNS} FROM "PlanActivity" a
     WHERE a."clinicId" = ${clinicId} AND a."planId" = ${planId}
       ${patientView ? sql`AND a."status"::text IN ('ACTIVE', 'ON_HOLD', 'COMPLETED')` : empty}
     ORDER BY a."position"`,
);
