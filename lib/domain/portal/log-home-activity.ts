import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { newId } from "@/lib/db/new-id";
import { addDays, fromIsoDate, todayIn } from "@/lib/domain/schedule/dates";
import { AppError, notFound } from "@/lib/errors";
import { ZLogHomeActivity, type TLogHomeActivity } from "@/lib/validation/portal";
import { parseInput } from "@/lib/validation/parse";
import { ownPatient } from "./own-patient";

/** How many days back a patient may still log (today counts as 0). */
export const LOG_DAYS_BACK = 7;

export type HomeLogDto = { id: string; date: string; done: boolean; painDuring: number | null; difficulty: number | null; note: string | null; created: boolean };

/**
 * The patient records that they did (or did not do) one home activity of their active plan on a
 * day: today or up to 7 days back, never the future. One row per activity per day: logging the
 * same day again updates it, also when two requests race (INSERT … ON CONFLICT in one statement).
 */
export async function logHomeActivity(actor: Actor, input: TLogHomeActivity): Promise<HomeLogDto> {
  const data = parseInput(ZLogHomeActivity, input);
  return db().$transaction(async (tx) => {
    const patient = await ownPatient(tx, actor, "homelog:write");
    const today = todayIn(patient.timeZone);
    if (data.date > today) {
      throw new AppError("VALIDATION", "That day has not happened yet. Nothing was saved.", { date: ["You can log today or the past 7 days."] });
    }
    if (data.date < addDays(today, -LOG_DAYS_BACK)) {
      throw new AppError("VALIDATION", "That day is more than 7 days ago and can no longer be logged. Nothing was saved.", { date: ["You can log today or the past 7 days."] });
    }
    // A home activity in force of the patient's own active plan (one SQL statement, like the upsert).
    const [activity] = await tx.$queryRaw<{ id: string }[]>`
      SELECT a."id" FROM "PlanActivity" a JOIN "TreatmentPlan" t ON t."id" = a."planId"
       WHERE a."id" = ${data.planActivityId} AND a."clinicId" = ${actor.clinicId} AND a."status" = 'ACTIVE' AND a."setting" IN ('HOME', 'BOTH')
         AND t."clinicId" = ${actor.clinicId} AND t."patientId" = ${patient.id} AND t."status" = 'ACTIVE'`;
    if (!activity) throw notFound("Activity");
    const rows = await tx.$queryRaw<{ id: string; created: boolean }[]>`
      INSERT INTO "HomeLog" ("id", "clinicId", "patientId", "planActivityId", "date", "done", "painDuring", "difficulty", "note", "createdAt", "updatedAt")
      VALUES (${newId()}, ${actor.clinicId}, ${patient.id}, ${activity.id}, ${fromIsoDate(data.date)}::date, ${data.done}, ${data.painDuring}, ${data.difficulty}, ${data.note}, now(), now())
      ON CONFLICT ("planActivityId", "date") DO UPDATE
        SET "done" = EXCLUDED."done", "painDuring" = EXCLUDED."painDuring", "difficulty" = EXCLUDED."difficulty", "note" = EXCLUDED."note", "updatedAt" = now()
      RETURNING "id", (xmax = 0) AS "created"`;
    const row = rows[0]!;
    await recordAuditEvent(tx, { actor, action: row.created ? "homelog.create" : "homelog.update", entityType: "HomeLog", entityId: row.id, patientId: patient.id });
    return { id: row.id, date: data.date, done: data.done, painDuring: data.painDuring, difficulty: data.difficulty, note: data.note, created: row.created };
  });
}
