// The patient's Today page and the home-log write:
//  GET /my  — lib/domain/portal/get-patient-home.ts (own patient record, active plan with its
//             clinician, activities and the day's logs, next session, today's pain, audit event);
//  POST /my — logHomeActivityAction: lib/domain/portal/log-home-activity.ts (own record, the
//             activity within the active plan, INSERT … ON CONFLICT upsert, audit event), and then,
//             because the action revalidates /my, Next.js renders the page again in the same
//             response: the actor check and getPatientHome once more.
import { newId } from "../../../lib/db/new-id";
import { toActivityDto, type ActivityDto } from "../../../lib/domain/plans/dto";
import { countsFrom } from "../../../lib/domain/progress/rules";
import { addDays, fromIsoDate, todayIn, toIsoDate, utcToZoned, zonedToUtc } from "../../../lib/domain/schedule/dates";
import { plannedOccurrences } from "../../../lib/domain/schedule/rules";
import { ZLogHomeActivity } from "../../../lib/validation/portal";
import type { Actor } from "./actor";
import { ACTIVITY_ROW_COLUMNS, audit, direct, rows, transaction, ts, type Client } from "./db";
import { NotFound } from "./overview";

const LOG_DAYS_BACK = 7;

export class Invalid extends Error {}

const forPatient = (a: ActivityDto): ActivityDto => ({ ...a, override: null });

/** lib/domain/portal/own-patient.ts: the patient's own record (scope "own") and their clinic, one statement. */
async function ownPatient(client: Client, actor: Actor) {
  if (actor.role !== "PATIENT" || !actor.patientId) throw new NotFound();
  const [patient] = await rows<{ id: string; firstName: string; timeZone: string; clinicName: string }>(
    client,
    `SELECT p."id", p."firstName", c."timezone" AS "timeZone", c."name" AS "clinicName"
       FROM "Patient" p JOIN "Clinic" c ON c."id" = p."clinicId"
      WHERE p."clinicId" = $1 AND p."archivedAt" IS NULL AND p."id" = $2`,
    [actor.clinicId, actor.patientId],
  );
  if (!patient) throw new NotFound();
  return patient;
}

type Activity = Parameters<typeof toActivityDto>[0] & {
  createdAt: Date;
  logDone: boolean | null;
  logPainDuring: number | null;
  logDifficulty: number | null;
  logNote: string | null;
  slotsDone: number;
  lastSlot: number;
};

export async function patientHome(actor: Actor, requestedDay?: string) {
  return direct(async (client) => {
    const patient = await ownPatient(client, actor);
    const today = todayIn(patient.timeZone);
    const loggableDays = Array.from({ length: LOG_DAYS_BACK + 1 }, (_, back) => addDays(today, -back));
    const day = requestedDay && loggableDays.includes(requestedDay) ? requestedDay : today;
    const [plan] = await rows<{ id: string; title: string; goals: string; status: string; startDate: Date; createdAt: Date; odiRequestedAt: Date | null; clinicianName: string }>(
      client,
      `SELECT t."id", t."title", t."goals", t."status"::text AS "status", t."startDate", t."createdAt", t."odiRequestedAt", u."name" AS "clinicianName"
         FROM "TreatmentPlan" t JOIN "User" u ON u."id" = t."clinicianId"
        WHERE t."clinicId" = $1 AND t."patientId" = $2 AND t."status" = 'ACTIVE' ORDER BY t."startDate" DESC LIMIT 1`,
      [actor.clinicId, patient.id],
    );
    const activities = plan
      ? await rows<Activity>(
          client,
          `SELECT ${ACTIVITY_ROW_COLUMNS}, a."createdAt",
                  h."done" AS "logDone", h."painDuring" AS "logPainDuring", h."difficulty" AS "logDifficulty", h."note" AS "logNote",
                  s."slotsDone", s."lastSlot"
             FROM "PlanActivity" a LEFT JOIN "HomeLog" h ON h."planActivityId" = a."id" AND h."date" = $3::date AND h."slot" = 1
             CROSS JOIN LATERAL (
               SELECT (count(*) FILTER (WHERE x."done"))::int AS "slotsDone", coalesce(max(x."slot"), 0)::int AS "lastSlot"
                 FROM "HomeLog" x WHERE x."planActivityId" = a."id" AND x."date" = $3::date) s
            WHERE a."clinicId" = $1 AND a."planId" = $2 AND a."status" = 'ACTIVE' ORDER BY a."position"`,
          [actor.clinicId, plan.id, day],
        )
      : [];
    const [next] = await rows<{ startsAt: Date; durationMin: number; clinicianName: string }>(
      client,
      `SELECT s."startsAt", s."durationMin", u."name" AS "clinicianName" FROM "Session" s JOIN "User" u ON u."id" = s."clinicianId"
        WHERE s."clinicId" = $1 AND s."patientId" = $2 AND s."status" = 'SCHEDULED' AND s."startsAt" >= $3 ORDER BY s."startsAt" LIMIT 1`,
      [actor.clinicId, patient.id, ts(new Date())],
    );
    const dayStart = zonedToUtc(today, "00:00", patient.timeZone);
    const [pain] = await rows<{ score: number }>(
      client,
      `SELECT o."score" FROM "OutcomeResponse" o
        WHERE o."clinicId" = $1 AND o."patientId" = $2 AND o."instrument" = 'NPRS' AND o."recordedById" = $3 AND o."recordedAt" >= $4
        ORDER BY o."recordedAt" DESC LIMIT 1`,
      [actor.clinicId, patient.id, actor.userId, ts(dayStart)],
    );
    await audit(client, actor, { action: "portal.home.read", entityType: "Patient", entityId: patient.id, patientId: patient.id });

    let planDto = null;
    if (plan) {
      const start = toIsoDate(plan.startDate);
      const due = [];
      const notDue = [];
      for (const activity of activities.filter((a) => a.setting !== "IN_CLINIC")) {
        const from = countsFrom(start, plan.createdAt, activity.createdAt, utcToZoned(activity.createdAt, patient.timeZone).date);
        const times = from <= day ? plannedOccurrences(activity, day, start) : 0;
        const log = activity.logDone === null ? null : { done: activity.logDone, painDuring: activity.logPainDuring, difficulty: activity.logDifficulty, note: activity.logNote };
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
  });
}

export async function logHomeActivity(actor: Actor, input: unknown) {
  const parsed = ZLogHomeActivity.safeParse(input);
  if (!parsed.success) throw new Invalid();
  const data = parsed.data;
  return transaction(async (client) => {
    const patient = await ownPatient(client, actor);
    const today = todayIn(patient.timeZone);
    if (data.date > today || data.date < addDays(today, -LOG_DAYS_BACK)) throw new Invalid();
    const [activity] = await rows<{ id: string; timesPerDay: number | null }>(
      client,
      `SELECT a."id", a."timesPerDay" FROM "PlanActivity" a JOIN "TreatmentPlan" t ON t."id" = a."planId"
        WHERE a."id" = $1 AND a."clinicId" = $2 AND a."status" = 'ACTIVE' AND a."setting" IN ('HOME', 'BOTH')
          AND t."clinicId" = $2 AND t."patientId" = $3 AND t."status" = 'ACTIVE'
        FOR NO KEY UPDATE OF a`,
      [data.planActivityId, actor.clinicId, patient.id],
    );
    if (!activity) throw new NotFound();
    if (data.slot > Math.max(1, activity.timesPerDay ?? 1)) throw new Invalid();
    const [row] = await rows<{ id: string; created: boolean }>(
      client,
      `INSERT INTO "HomeLog" ("id", "clinicId", "patientId", "planActivityId", "date", "slot", "done", "painDuring", "difficulty", "note", "createdAt", "updatedAt")
       SELECT $1, $2, $3, $4, $5::date, $10::int, $6, $7, $8, $9, now(), now()
        WHERE $10::int = 1 OR EXISTS (SELECT 1 FROM "HomeLog" p WHERE p."planActivityId" = $4 AND p."date" = $5::date AND p."slot" = $10::int - 1)
       ON CONFLICT ("planActivityId", "date", "slot") DO UPDATE
         SET "done" = EXCLUDED."done", "painDuring" = EXCLUDED."painDuring", "difficulty" = EXCLUDED."difficulty", "note" = EXCLUDED."note", "updatedAt" = now()
       RETURNING "id", (xmax = 0) AS "created"`,
      [newId(), actor.clinicId, patient.id, activity.id, ts(fromIsoDate(data.date)), data.done, data.painDuring, data.difficulty, data.note, data.slot],
    );
    if (!row) throw new Invalid();
    await audit(client, actor, { action: row.created ? "homelog.create" : "homelog.update", entityType: "HomeLog", entityId: row.id, patientId: patient.id });
    return { id: row.id, date: data.date, slot: data.slot, done: data.done, painDuring: data.painDuring, difficulty: data.difficulty, note: data.note, created: row.created };
  });
}
