// Scheduled outcome measures (issue 16, decision 046), read on the clinician's roster and patient
// overview (lib/domain/measures/list-overdue-measures.ts: what is overdue) and on the patient's
// Today (lib/domain/measures/load.ts through my-asks.ts: what is asked now).
import type { Instrument, MeasureRespondent, MeasureRule, OutcomeContext, PlanStatus } from "../generated/enums";
import { defineQuery } from "./define";
import { empty, sql } from "./sql";
import { patientScopeCondition, type ScopeActor, type ScopeKind } from "./scope";

/** The entries in force (not per session) on the active plans of the patients in scope, or of one of them. */
export const overdueEntries = defineQuery<
  {
    id: string;
    planId: string;
    patientId: string;
    firstName: string;
    lastName: string;
    instrument: Instrument;
    rule: MeasureRule;
    everyWeeks: number | null;
    answeredBy: MeasureRespondent;
    createdAt: Date;
    startDate: Date;
    endDate: Date | null;
    timezone: string;
  },
  { actor: ScopeActor; scope: ScopeKind; patientId: string | null }
>(
  "measures: entries in force",
  ({ actor, scope, patientId }) => sql`
    SELECT s."id", s."planId", t."patientId", p."firstName", p."lastName", s."instrument"::text AS "instrument", s."rule"::text AS "rule",
           s."everyWeeks", s."answeredBy"::text AS "answeredBy", s."createdAt", t."startDate", t."endDate", c."timezone"
      FROM "MeasureSchedule" s
      JOIN "TreatmentPlan" t ON t."id" = s."planId"
      JOIN "Patient" p ON p."id" = t."patientId"
      JOIN "Clinic" c ON c."id" = t."clinicId"
     WHERE s."clinicId" = ${actor.clinicId} AND t."clinicId" = ${actor.clinicId} AND s."removedAt" IS NULL AND s."rule" <> 'EACH_SESSION'
       AND t."status" = 'ACTIVE' AND ${patientScopeCondition(scope, actor, "p")}
       ${patientId ? sql`AND t."patientId" = ${patientId}` : empty}`,
);

/** One plan and its clinic's time zone. No scope: callers have scoped the plan (decision 046). */
export const measurePlan = defineQuery<
  { id: string; clinicId: string; patientId: string; status: PlanStatus; startDate: Date; endDate: Date | null; odiRequestedAt: Date | null; timezone: string },
  { planId: string }
>(
  "measures: plan",
  ({ planId }) => sql`
    SELECT t."id", t."clinicId", t."patientId", t."status"::text AS "status", t."startDate", t."endDate", t."odiRequestedAt", c."timezone"
      FROM "TreatmentPlan" t JOIN "Clinic" c ON c."id" = t."clinicId"
     WHERE t."id" = ${planId}`,
);

/** One plan's entries in force, oldest first; `patientOnly`: those the patient answers at home. */
export const measurePlanEntries = defineQuery<
  { id: string; instrument: Instrument; rule: MeasureRule; everyWeeks: number | null; answeredBy: MeasureRespondent; createdAt: Date; version: number },
  { planId: string; patientOnly: boolean }
>(
  "measures: plan entries",
  ({ planId, patientOnly }) => sql`
    SELECT s."id", s."instrument"::text AS "instrument", s."rule"::text AS "rule", s."everyWeeks", s."answeredBy"::text AS "answeredBy", s."createdAt", s."version"
      FROM "MeasureSchedule" s
     WHERE s."planId" = ${planId} AND s."removedAt" IS NULL
       ${patientOnly ? sql`AND s."answeredBy" = 'PATIENT' AND s."rule" <> 'EACH_SESSION'` : empty}
     ORDER BY s."createdAt" ASC`,
);

/** The responses of these plans in these instruments, oldest first. */
export const measureResponses = defineQuery<
  { planId: string; instrument: Instrument; recordedAt: Date; context: OutcomeContext },
  { clinicId: string; planIds: readonly string[]; instruments: readonly Instrument[] }
>(
  "measures: responses",
  ({ clinicId, planIds, instruments }) => sql`
    SELECT o."planId", o."instrument"::text AS "instrument", o."recordedAt", o."context"::text AS "context"
      FROM "OutcomeResponse" o
     WHERE o."clinicId" = ${clinicId} AND o."planId" = ANY(${planIds}) AND o."instrument"::text = ANY(${instruments})
     ORDER BY o."recordedAt" ASC`,
);

/** The occurrences of these entries already answered (claimed, decision 046). */
export const measureClaims = defineQuery<{ scheduleId: string; dueDate: Date }, { clinicId: string; scheduleIds: readonly string[] }>(
  "measures: claims",
  ({ clinicId, scheduleIds }) => sql`
    SELECT m."scheduleId", m."dueDate" FROM "MeasureOccurrence" m
     WHERE m."clinicId" = ${clinicId} AND m."scheduleId" = ANY(${scheduleIds})`,
);
