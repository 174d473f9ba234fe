// Progress (lib/domain/progress/get-progress.ts computeProgress: five statements for one patient)
// and the care team's alerts (lib/domain/progress/care-team-alerts.ts: four set-based statements
// for many patients), both read by the clinician's pages.
import { defineQuery } from "./define";
import { empty, sql } from "./sql";

type OfPatient = { clinicId: string; patientId: string };
type Score = "NPRS" | "ODI";

/** The plan in force: active before on hold (the enum's order), then the latest. */
export const progressPlan = defineQuery<
  { id: string; startDate: Date; createdAt: Date; activatedAt: Date | null; reviewDate: Date | null; plannedSessions: number },
  OfPatient
>(
  "progress: plan",
  ({ clinicId, patientId }) => sql`
    SELECT t."id", t."startDate", t."createdAt", t."activatedAt", t."reviewDate", t."plannedSessions" FROM "TreatmentPlan" t
     WHERE t."clinicId" = ${clinicId} AND t."patientId" = ${patientId} AND t."status" IN ('ACTIVE', 'ON_HOLD')
     ORDER BY t."status" ASC, t."startDate" DESC
     LIMIT 1`,
);

export const progressActivities = defineQuery<{ id: string; daysPerWeek: number | null; timesPerDay: number | null; createdAt: Date }, { clinicId: string; planId: string }>(
  "progress: home activities",
  ({ clinicId, planId }) => sql`
    SELECT a."id", a."daysPerWeek", a."timesPerDay", a."createdAt" FROM "PlanActivity" a
     WHERE a."clinicId" = ${clinicId} AND a."planId" = ${planId} AND a."status" = 'ACTIVE' AND a."setting" IN ('HOME', 'BOTH')`,
);

/** Completed sessions: of the plan in force, or all of them without one. */
export const progressSessions = defineQuery<{ startsAt: Date; painBefore: number | null; painAfter: number | null }, OfPatient & { planId: string | null }>(
  "progress: sessions",
  ({ clinicId, patientId, planId }) => sql`
    SELECT s."startsAt", s."painBefore", s."painAfter" FROM "Session" s
     WHERE s."clinicId" = ${clinicId} AND s."patientId" = ${patientId} AND s."status" = 'COMPLETED'
       ${planId ? sql`AND s."planId" = ${planId}` : empty}
     ORDER BY s."startsAt"`,
);

export const progressLogs = defineQuery<{ planActivityId: string; date: Date; done: boolean; painDuring: number | null }, OfPatient & { planId: string | null }>(
  "progress: home logs",
  ({ clinicId, patientId, planId }) => sql`
    SELECT h."planActivityId", h."date", h."done", h."painDuring" FROM "HomeLog" h
      ${planId ? sql`JOIN "PlanActivity" a ON a."id" = h."planActivityId" AND a."planId" = ${planId}` : empty}
     WHERE h."clinicId" = ${clinicId} AND h."patientId" = ${patientId}
     ORDER BY h."date"`,
);

/**
 * Each score with the label of the definition version it was scored by (issue 16): "ODI, adapted
 * wording" until the clinic loads licensed wording; rows without a stored version are the shipped one's.
 */
export const progressOutcomes = defineQuery<{ instrument: Score; context: string; score: number; recordedAt: Date; label: string | null }, OfPatient>(
  "progress: outcomes",
  ({ clinicId, patientId }) => sql`
    SELECT o."instrument"::text AS "instrument", o."context"::text AS "context", o."score", o."recordedAt", d."label" FROM "OutcomeResponse" o
      LEFT JOIN "InstrumentDefinition" d ON d."clinicId" = o."clinicId" AND d."code" = o."instrument" AND d."version" = o."definitionVersion"
     WHERE o."clinicId" = ${clinicId} AND o."patientId" = ${patientId} AND o."instrument" IN ('NPRS', 'ODI')
     ORDER BY o."recordedAt"`,
);

type OfPatients = { clinicId: string; patientIds: readonly string[] };

/**
 * computeProgress's choice per patient: status ACTIVE before ON_HOLD (enum order), then the latest
 * start; with its completed sessions (those of this plan and patient), counted for the chosen plan only.
 */
export const alertPlans = defineQuery<
  { id: string; patientId: string; startDate: Date; createdAt: Date; activatedAt: Date | null; reviewDate: Date | null; completedSessions: number },
  OfPatients
>(
  "alerts: plans",
  ({ clinicId, patientIds }) => sql`
    SELECT c.id, c."patientId", c."startDate", c."createdAt", c."activatedAt", c."reviewDate", (SELECT count(*)::int FROM "Session" s
                  WHERE s."clinicId" = ${clinicId} AND s."planId" = c.id AND s."patientId" = c."patientId" AND s.status = 'COMPLETED') AS "completedSessions"
    FROM (SELECT DISTINCT ON (t."patientId") t.id, t."patientId", t."startDate", t."createdAt", t."activatedAt", t."reviewDate"
          FROM "TreatmentPlan" t
          WHERE t."clinicId" = ${clinicId} AND t."patientId" = ANY(${patientIds}) AND t.status IN ('ACTIVE', 'ON_HOLD')
          ORDER BY t."patientId", t.status, t."startDate" DESC, t.id) c`,
);

export const alertActivities = defineQuery<
  { id: string; planId: string; daysPerWeek: number | null; timesPerDay: number | null; createdAt: Date },
  { clinicId: string; planIds: readonly string[] }
>(
  "alerts: home activities",
  ({ clinicId, planIds }) => sql`
    SELECT a.id, a."planId", a."daysPerWeek", a."timesPerDay", a."createdAt" FROM "PlanActivity" a
    WHERE a."clinicId" = ${clinicId} AND a."planId" = ANY(${planIds}) AND a.status = 'ACTIVE' AND a.setting IN ('HOME', 'BOTH')`,
);

/** Every log of the plans' activities (paused ones too) from `since` (an ISO date) on, as computeProgress reads them. */
export const alertLogs = defineQuery<
  { patientId: string; planId: string; planActivityId: string; date: Date; done: boolean; painDuring: number | null },
  OfPatients & { planIds: readonly string[]; since: string }
>(
  "alerts: home logs",
  ({ clinicId, patientIds, planIds, since }) => sql`
    SELECT h."patientId", a."planId", h."planActivityId", h.date, h.done, h."painDuring"
    FROM "HomeLog" h JOIN "PlanActivity" a ON a.id = h."planActivityId"
    WHERE h."clinicId" = ${clinicId} AND h."patientId" = ANY(${patientIds}) AND a."planId" = ANY(${planIds})
      AND h.date >= ${since}::date`,
);

/** Per patient and instrument: the first baseline and the latest score (computeProgress's change()). */
export const alertScores = defineQuery<{ kind: "baseline" | "latest"; patientId: string; instrument: Score; id: string; score: number }, OfPatients>(
  "alerts: scores",
  ({ clinicId, patientIds }) => sql`
    (SELECT DISTINCT ON (o."patientId", o.instrument) 'baseline' AS kind, o."patientId", o.instrument::text AS instrument, o.id, o.score
     FROM "OutcomeResponse" o
     WHERE o."clinicId" = ${clinicId} AND o."patientId" = ANY(${patientIds}) AND o.instrument IN ('NPRS', 'ODI') AND o.context = 'BASELINE'
     ORDER BY o."patientId", o.instrument, o."recordedAt", o.id)
    UNION ALL
    (SELECT DISTINCT ON (o."patientId", o.instrument) 'latest' AS kind, o."patientId", o.instrument::text AS instrument, o.id, o.score
     FROM "OutcomeResponse" o
     WHERE o."clinicId" = ${clinicId} AND o."patientId" = ANY(${patientIds}) AND o.instrument IN ('NPRS', 'ODI')
     ORDER BY o."patientId", o.instrument, o."recordedAt" DESC, o.id DESC)`,
);
