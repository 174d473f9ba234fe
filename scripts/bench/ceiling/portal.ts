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
import { activityColumns, audit, planColumns, rows, transaction, ts, type Client } from "./db";
import { NotFound } from "./overview";

const LOG_DAYS_BACK = 7;

export class Invalid extends Error {}

const forPatient = (a: ActivityDto): ActivityDto => ({ ...a, override: null });

/** lib/domain/portal/own-patient.ts: the patient's own record (scope "own") and their clinic. */
async function ownPatient(client: Client, actor: Actor) {
  if (actor.role !== "PATIENT" || !actor.patientId) throw new NotFound();
  const [patient] = await rows<{ id: string; firstName: string; clinicId: string }>(
    client,
    `SELECT "id", "firstName", "clinicId" FROM "Patient" WHERE "clinicId" = $1 AND "archivedAt" IS NULL AND "id" = $2 LIMIT 1`,
    [actor.clinicId, actor.patientId],
  );
  if (!patient) throw new NotFound();
  const [clinic] = await rows<{ timezone: string; name: string }>(client, `SELECT "id", "timezone", "name" FROM "Clinic" WHERE "id" = $1`, [patient.clinicId]);
  return { id: patient.id, firstName: patient.firstName, timeZone: clinic!.timezone };
}

type Activity = Parameters<typeof toActivityDto>[0];

export async function patientHome(actor: Actor, requestedDay?: string) {
  return transaction(async (client) => {
    const patient = await ownPatient(client, actor);
    const today = todayIn(patient.timeZone);
    const loggableDays = Array.from({ length: LOG_DAYS_BACK + 1 }, (_, back) => addDays(today, -back));
    const day = requestedDay && loggableDays.includes(requestedDay) ? requestedDay : today;
    const [plan] = await rows<{ id: string; clinicianId: string; title: string; goals: string; status: string; startDate: Date; createdAt: Date; odiRequestedAt: Date | null }>(
      client,
      `SELECT ${planColumns("t")} FROM "TreatmentPlan" t WHERE t."clinicId" = $1 AND t."patientId" = $2 AND t."status" = 'ACTIVE' ORDER BY t."startDate" DESC LIMIT 1`,
      [actor.clinicId, patient.id],
    );
    let clinicianName = "";
    let activities: Activity[] = [];
    let logs: { planActivityId: string; done: boolean; painDuring: number | null; difficulty: number | null; note: string | null }[] = [];
    if (plan) {
      [{ name: clinicianName }] = (await rows<{ name: string }>(client, `SELECT "id", "name" FROM "User" WHERE "id" = $1`, [plan.clinicianId])) as [{ name: string }];
      activities = await rows<Activity>(client, `SELECT ${activityColumns("a")} FROM "PlanActivity" a WHERE a."status" = 'ACTIVE' AND a."planId" = $1 ORDER BY a."position" ASC`, [plan.id]);
      if (activities.length > 0) {
        logs = await rows(
          client,
          `SELECT "id", "done", "painDuring", "difficulty", "note", "planActivityId" FROM "HomeLog" WHERE "date" = $1 AND "planActivityId" = ANY($2)`,
          [day, activities.map((a) => a.id)],
        );
      }
    }
    const [next] = await rows<{ startsAt: Date; durationMin: number; clinicianId: string }>(
      client,
      `SELECT "id", "startsAt", "durationMin", "clinicianId" FROM "Session"
        WHERE "clinicId" = $1 AND "patientId" = $2 AND "status" = 'SCHEDULED' AND "startsAt" >= $3 ORDER BY "startsAt" ASC LIMIT 1`,
      [actor.clinicId, patient.id, ts(new Date())],
    );
    const nextClinician = next ? (await rows<{ name: string }>(client, `SELECT "id", "name" FROM "User" WHERE "id" = $1`, [next.clinicianId]))[0] : undefined;
    const dayStart = zonedToUtc(today, "00:00", patient.timeZone);
    const [pain] = await rows<{ score: number }>(
      client,
      `SELECT "id", "score", "recordedAt" FROM "OutcomeResponse"
        WHERE "clinicId" = $1 AND "patientId" = $2 AND "instrument" = 'NPRS' AND "recordedById" = $3 AND "recordedAt" >= $4 ORDER BY "recordedAt" DESC LIMIT 1`,
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
        const found = logs.find((l) => l.planActivityId === activity.id);
        const log = found ? { done: found.done, painDuring: found.painDuring, difficulty: found.difficulty, note: found.note } : null;
        if (times > 0 || log) due.push({ ...forPatient(toActivityDto(activity)), timesOnDay: Math.max(times, 1), log });
        else notDue.push(forPatient(toActivityDto(activity)));
      }
      planDto = {
        id: plan.id,
        title: plan.title,
        goals: plan.goals,
        status: plan.status,
        clinicianName,
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
      nextSession: next && nextClinician ? { startsAt: next.startsAt.toISOString(), clinicianName: nextClinician.name, durationMin: next.durationMin } : null,
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
    const [activity] = await rows<{ id: string }>(
      client,
      `SELECT a."id" FROM "PlanActivity" a LEFT JOIN "TreatmentPlan" j0 ON j0."id" = a."planId"
        WHERE a."id" = $1 AND a."clinicId" = $2 AND a."status" = 'ACTIVE' AND a."setting" IN ('HOME', 'BOTH')
          AND (j0."patientId" = $3 AND j0."status" = 'ACTIVE' AND j0."id" IS NOT NULL) LIMIT 1`,
      [data.planActivityId, actor.clinicId, patient.id],
    );
    if (!activity) throw new NotFound();
    const [row] = await rows<{ id: string; created: boolean }>(
      client,
      `INSERT INTO "HomeLog" ("id", "clinicId", "patientId", "planActivityId", "date", "done", "painDuring", "difficulty", "note", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8, $9, now(), now())
       ON CONFLICT ("planActivityId", "date") DO UPDATE
         SET "done" = EXCLUDED."done", "painDuring" = EXCLUDED."painDuring", "difficulty" = EXCLUDED."difficulty", "note" = EXCLUDED."note", "updatedAt" = now()
       RETURNING "id", (xmax = 0) AS "created"`,
      [newId(), actor.clinicId, patient.id, activity.id, ts(fromIsoDate(data.date)), data.done, data.painDuring, data.difficulty, data.note],
    );
    await audit(client, actor, { action: row!.created ? "homelog.create" : "homelog.update", entityType: "HomeLog", entityId: row!.id, patientId: patient.id });
    return { id: row!.id, date: data.date, done: data.done, painDuring: data.painDuring, difficulty: data.difficulty, note: data.note, created: row!.created };
  });
}
