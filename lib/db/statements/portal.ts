// The patient's portal: GET /my (lib/domain/portal/get-patient-home.ts, after own-patient.ts) and
// the home-log write (lib/domain/portal/log-home-activity.ts).
import { defineQuery } from "./define";
import { sql, utcTimestamp } from "./sql";
import { ACTIVITY_ROW_COLUMNS, type ActivityRow } from "./plans";
import { patientScopeCondition, type ScopeActor, type ScopeKind } from "./scope";

/** The signed-in patient's own record and their clinic, one statement (every portal request starts here). */
export const ownPatientRecord = defineQuery<
  {
    id: string;
    firstName: string;
    timeZone: string;
    clinicName: string;
    /** The clinic's contact details (decision 030), for calendar files. */
    clinicAddress: string | null;
    clinicPhone: string | null;
  },
  { actor: ScopeActor; scope: ScopeKind }
>(
  "portal: own record",
  ({ actor, scope }) => sql`
    SELECT p."id", p."firstName", c."timezone" AS "timeZone", c."name" AS "clinicName",
           c."address" AS "clinicAddress", c."phone" AS "clinicPhone"
      FROM "Patient" p JOIN "Clinic" c ON c."id" = p."clinicId"
     WHERE ${patientScopeCondition(scope, actor, "p")}`,
);

type OfPatient = { clinicId: string; patientId: string };

export const homePlan = defineQuery<
  { id: string; title: string; goals: string; status: string; startDate: Date; createdAt: Date; odiRequestedAt: Date | null; clinicianName: string },
  OfPatient
>(
  "Today: plan",
  ({ clinicId, patientId }) => sql`
    SELECT t."id", t."title", t."goals", t."status"::text AS "status", t."startDate", t."createdAt", t."odiRequestedAt", u."name" AS "clinicianName"
      FROM "TreatmentPlan" t JOIN "User" u ON u."id" = t."clinicianId"
     WHERE t."clinicId" = ${clinicId} AND t."patientId" = ${patientId} AND t."status" = 'ACTIVE'
     ORDER BY t."startDate" DESC
     LIMIT 1`,
);

/** The plan's activities in force, each with what was logged for it on `day` (an ISO date). */
export const homeActivities = defineQuery<
  ActivityRow & {
    createdAt: Date;
    logDone: boolean | null;
    logPainDuring: number | null;
    logDifficulty: number | null;
    logNote: string | null;
    slotsDone: number;
    lastSlot: number;
  },
  { clinicId: string; planId: string; day: string }
>(
  "Today: activities",
  ({ clinicId, planId, day }) => sql`
        SELECT ${ACTIVITY_ROW_COLUMNS}, a."createdAt",
               h."done" AS "logDone", h."painDuring" AS "logPainDuring", h."difficulty" AS "logDifficulty", h."note" AS "logNote",
               s."slotsDone", s."lastSlot"
          FROM "PlanActivity" a
          LEFT JOIN "HomeLog" h ON h."planActivityId" = a."id" AND h."date" = ${day}::date AND h."slot" = 1
          CROSS JOIN LATERAL (
            SELECT (count(*) FILTER (WHERE x."done"))::int AS "slotsDone", coalesce(max(x."slot"), 0)::int AS "lastSlot"
              FROM "HomeLog" x WHERE x."planActivityId" = a."id" AND x."date" = ${day}::date) s
         WHERE a."clinicId" = ${clinicId} AND a."planId" = ${planId} AND a."status" = 'ACTIVE'
         ORDER BY a."position"`,
);

export const homeNextSession = defineQuery<{ startsAt: Date; durationMin: number; clinicianName: string }, OfPatient & { now: Date }>(
  "Today: next session",
  ({ clinicId, patientId, now }) => sql`
    SELECT s."startsAt", s."durationMin", u."name" AS "clinicianName"
      FROM "Session" s JOIN "User" u ON u."id" = s."clinicianId"
     WHERE s."clinicId" = ${clinicId} AND s."patientId" = ${patientId} AND s."status" = 'SCHEDULED' AND s."startsAt" >= ${utcTimestamp(now)}
     ORDER BY s."startsAt"
     LIMIT 1`,
);

/** The pain the patient reported themselves since `since` (the start of their day). */
export const homePainToday = defineQuery<{ score: number }, OfPatient & { userId: string; since: Date }>(
  "Today: pain",
  ({ clinicId, patientId, userId, since }) => sql`
    SELECT o."score" FROM "OutcomeResponse" o
     WHERE o."clinicId" = ${clinicId} AND o."patientId" = ${patientId} AND o."instrument" = 'NPRS'
       AND o."recordedById" = ${userId} AND o."recordedAt" >= ${utcTimestamp(since)}
     ORDER BY o."recordedAt" DESC
     LIMIT 1`,
);

/**
 * A home activity in force of the patient's own active plan, locked for the transaction (FOR NO
 * KEY UPDATE: logs and undos of one activity run one after the other, so "previous slot first"
 * holds under concurrent taps; clinicians' writes and foreign keys are not blocked by it).
 */
export const homeActivityInForce = defineQuery<{ id: string; timesPerDay: number | null }, OfPatient & { planActivityId: string }>(
  "home log: activity",
  ({ clinicId, patientId, planActivityId }) => sql`
    SELECT a."id", a."timesPerDay" FROM "PlanActivity" a JOIN "TreatmentPlan" t ON t."id" = a."planId"
     WHERE a."id" = ${planActivityId} AND a."clinicId" = ${clinicId} AND a."status" = 'ACTIVE' AND a."setting" IN ('HOME', 'BOTH')
       AND t."clinicId" = ${clinicId} AND t."patientId" = ${patientId} AND t."status" = 'ACTIVE'
     FOR NO KEY UPDATE OF a`,
);

/**
 * The log of one slot of a day (`date`, an ISO date), written only when it is slot 1 or the slot
 * before it was logged that day; logging a slot again updates it (also when two requests race).
 */
export const upsertHomeLog = defineQuery<
  { id: string; created: boolean },
  OfPatient & { id: string; planActivityId: string; date: string; slot: number; done: boolean; painDuring: number | null; difficulty: number | null; note: string | null }
>(
  "home log: upsert",
  (l) => sql`
      INSERT INTO "HomeLog" ("id", "clinicId", "patientId", "planActivityId", "date", "slot", "done", "painDuring", "difficulty", "note", "createdAt", "updatedAt")
      SELECT ${l.id}, ${l.clinicId}, ${l.patientId}, ${l.planActivityId}, ${l.date}::date, ${l.slot}, ${l.done}, ${l.painDuring}, ${l.difficulty}, ${l.note}, now(), now()
       WHERE ${l.slot}::int = 1 OR EXISTS (
         SELECT 1 FROM "HomeLog" p WHERE p."planActivityId" = ${l.planActivityId} AND p."date" = ${l.date}::date AND p."slot" = ${l.slot - 1})
      ON CONFLICT ("planActivityId", "date", "slot") DO UPDATE
        SET "done" = EXCLUDED."done", "painDuring" = EXCLUDED."painDuring", "difficulty" = EXCLUDED."difficulty", "note" = EXCLUDED."note", "updatedAt" = now()
      RETURNING "id", (xmax = 0) AS "created"`,
);
