import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { utcTimestamp } from "@/lib/db/sql";
import { ACTIVITY_ROW_COLUMNS } from "@/lib/domain/plans/activity-rows";
import { toActivityDto, type ActivityDto, type ActivityRow } from "@/lib/domain/plans/dto";
import { addDays, todayIn, toIsoDate, utcToZoned, zonedToUtc, type IsoDate } from "@/lib/domain/schedule/dates";
import { countsFrom } from "@/lib/domain/progress/rules";
import { plannedOccurrences } from "@/lib/domain/schedule/rules";
import { LOG_DAYS_BACK } from "./log-home-activity";
import { ownPatient } from "./own-patient";

export type DayLog = { done: boolean; painDuring: number | null; difficulty: number | null; note: string | null };
/**
 * timesOnDay: the doses planned that day. log: the first (for a once-a-day activity the only) log
 * of the day. slotsDone: how many of the day's slots are logged as done; lastSlot: the highest slot
 * logged (0: none), so "Log the next one" logs lastSlot + 1 and "Undo the last" takes back lastSlot.
 */
export type DueActivity = ActivityDto & { timesOnDay: number; log: DayLog | null; slotsDone: number; lastSlot: number };

type HomePlanRow = {
  id: string;
  title: string;
  goals: string;
  status: string;
  startDate: Date;
  createdAt: Date;
  odiRequestedAt: Date | null;
  clinicianName: string;
};
type HomeActivityRow = ActivityRow & {
  createdAt: Date;
  logDone: boolean | null;
  logPainDuring: number | null;
  logDifficulty: number | null;
  logNote: string | null;
  slotsDone: number;
  lastSlot: number;
};

export type PatientHome = {
  firstName: string;
  today: IsoDate;
  /** The day shown: today unless the patient picked one of the past 7 days. */
  day: IsoDate;
  /** The days that can be logged, newest first (today … 7 days back). */
  loggableDays: IsoDate[];
  plan: {
    id: string;
    title: string;
    goals: string;
    status: string;
    clinicianName: string;
    due: DueActivity[];
    notDue: ActivityDto[];
    inClinic: ActivityDto[];
    /** When the clinician asked for an ODI from home and it is still open. */
    odiRequestedAt: string | null;
  } | null;
  /** The pain the patient reported for today (NPRS), if any. */
  painToday: number | null;
  nextSession: { startsAt: string; clinicianName: string; durationMin: number } | null;
};

/** Home activities carry no clinician-only fields to the patient (override reasons stay in the clinic). */
export function forPatient(activity: ActivityDto): ActivityDto {
  return { ...activity, override: null, guidelineOverride: null };
}

/**
 * The signed-in patient's Today page: the active plan's home activities due on the chosen day
 * (today or up to 7 days back) with what was logged for them, today's self-reported pain and an
 * open ODI request. Audited as one read of the patient's record, written after the reads succeeded
 * (no transaction needed for that).
 */
export async function getPatientHome(actor: Actor, requestedDay?: IsoDate): Promise<PatientHome> {
  const patient = await ownPatient(db(), actor, "homelog:write");
  const today = todayIn(patient.timeZone);
  const loggableDays = Array.from({ length: LOG_DAYS_BACK + 1 }, (_, back) => addDays(today, -back));
  const day = requestedDay && loggableDays.includes(requestedDay) ? requestedDay : today;
  // In SQL, four statements after the patient's own record: the page every patient opens first,
  // and Prisma compiled each of its calls to a query plan (~2–4 ms of CPU each).
  const [plan] = await db().$queryRaw<HomePlanRow[]>`
    SELECT t."id", t."title", t."goals", t."status"::text AS "status", t."startDate", t."createdAt", t."odiRequestedAt", u."name" AS "clinicianName"
      FROM "TreatmentPlan" t JOIN "User" u ON u."id" = t."clinicianId"
     WHERE t."clinicId" = ${actor.clinicId} AND t."patientId" = ${patient.id} AND t."status" = 'ACTIVE'
     ORDER BY t."startDate" DESC
     LIMIT 1`;
  // The plan's activities in force, each with what was logged for it on the chosen day.
  const activities = plan
    ? await db().$queryRaw<HomeActivityRow[]>`
        SELECT ${ACTIVITY_ROW_COLUMNS}, a."createdAt",
               h."done" AS "logDone", h."painDuring" AS "logPainDuring", h."difficulty" AS "logDifficulty", h."note" AS "logNote",
               s."slotsDone", s."lastSlot"
          FROM "PlanActivity" a
          LEFT JOIN "HomeLog" h ON h."planActivityId" = a."id" AND h."date" = ${day}::date AND h."slot" = 1
          CROSS JOIN LATERAL (
            SELECT (count(*) FILTER (WHERE x."done"))::int AS "slotsDone", coalesce(max(x."slot"), 0)::int AS "lastSlot"
              FROM "HomeLog" x WHERE x."planActivityId" = a."id" AND x."date" = ${day}::date) s
         WHERE a."clinicId" = ${actor.clinicId} AND a."planId" = ${plan.id} AND a."status" = 'ACTIVE'
         ORDER BY a."position"`
    : [];
  const [next] = await db().$queryRaw<{ startsAt: Date; durationMin: number; clinicianName: string }[]>`
    SELECT s."startsAt", s."durationMin", u."name" AS "clinicianName"
      FROM "Session" s JOIN "User" u ON u."id" = s."clinicianId"
     WHERE s."clinicId" = ${actor.clinicId} AND s."patientId" = ${patient.id} AND s."status" = 'SCHEDULED' AND s."startsAt" >= ${utcTimestamp(new Date())}
     ORDER BY s."startsAt"
     LIMIT 1`;
  const dayStart = zonedToUtc(today, "00:00", patient.timeZone);
  const [pain] = await db().$queryRaw<{ score: number }[]>`
    SELECT o."score" FROM "OutcomeResponse" o
     WHERE o."clinicId" = ${actor.clinicId} AND o."patientId" = ${patient.id} AND o."instrument" = 'NPRS'
       AND o."recordedById" = ${actor.userId} AND o."recordedAt" >= ${utcTimestamp(dayStart)}
     ORDER BY o."recordedAt" DESC
     LIMIT 1`;
  await recordAuditEvent(db(), { actor, action: "portal.home.read", entityType: "Patient", entityId: patient.id, patientId: patient.id });

  let planDto: PatientHome["plan"] = null;
  if (plan) {
    const start = toIsoDate(plan.startDate);
    const due: DueActivity[] = [];
    const notDue: ActivityDto[] = [];
    for (const activity of activities.filter((a) => a.setting !== "IN_CLINIC")) {
      // An activity added after the chosen day was not part of the routine then (the same rule as adherence).
      const from = countsFrom(start, plan.createdAt, activity.createdAt, utcToZoned(activity.createdAt, patient.timeZone).date);
      const times = from <= day ? plannedOccurrences(activity, day, start) : 0;
      const log: DayLog | null =
        activity.logDone === null ? null : { done: activity.logDone, painDuring: activity.logPainDuring, difficulty: activity.logDifficulty, note: activity.logNote };
      if (times > 0 || log) due.push({ ...forPatient(toActivityDto(activity)), timesOnDay: Math.max(times, 1), log, slotsDone: activity.slotsDone, lastSlot: activity.lastSlot });
      else notDue.push(forPatient(toActivityDto(activity)));
    }
    planDto = {
      id: plan.id,
      title: plan.title,
      goals: plan.goals,
      status: plan.status,
      clinicianName: plan.clinicianName,
      due,
      notDue,
      inClinic: activities.filter((a) => a.setting === "IN_CLINIC").map((a) => forPatient(toActivityDto(a))),
      odiRequestedAt: plan.odiRequestedAt?.toISOString() ?? null,
    };
  }
  return {
    firstName: patient.firstName,
    today,
    day,
    loggableDays,
    plan: planDto,
    painToday: pain ? pain.score : null,
    nextSession: next ? { startsAt: next.startsAt.toISOString(), clinicianName: next.clinicianName, durationMin: next.durationMin } : null,
  };
}
