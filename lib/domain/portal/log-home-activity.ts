import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { newId } from "@/lib/db/new-id";
import { queryFirst } from "@/lib/db/run";
import { homeActivityInForce as activityInForce, upsertHomeLog } from "@/lib/db/statements/portal";
import { addDays, fromIsoDate, todayIn } from "@/lib/domain/schedule/dates";
import { AppError, notFound } from "@/lib/errors";
import { ZLogHomeActivity, ZUndoHomeLog, type TLogHomeActivity, type TUndoHomeLog } from "@/lib/validation/portal";
import { parseInput } from "@/lib/validation/parse";
import { ownPatient } from "./own-patient";

/** How many days back a patient may still log (today counts as 0). */
export const LOG_DAYS_BACK = 7;

export type HomeLogDto = { id: string; date: string; slot: number; done: boolean; painDuring: number | null; difficulty: number | null; note: string | null; created: boolean };

/** How many logs one day of an activity holds: once a day unless the clinician set more (ADR 025). */
export function slotsPerDay(timesPerDay: number | null): number {
  return Math.max(1, timesPerDay ?? 1);
}

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

/** The day must be today or up to 7 days back in the patient's own time zone. */
function checkLoggableDay(date: string, timeZone: string, verb: string): void {
  const today = todayIn(timeZone);
  if (date > today) {
    throw new AppError("VALIDATION", `That day has not happened yet. Nothing was ${verb}.`, { date: ["You can log today or the past 7 days."] });
  }
  if (date < addDays(today, -LOG_DAYS_BACK)) {
    throw new AppError("VALIDATION", `That day is more than 7 days ago and can no longer be logged. Nothing was ${verb}.`, { date: ["You can log today or the past 7 days."] });
  }
}

/** A home activity in force of the patient's own active plan, locked for this transaction (lib/db/statements/portal.ts). */
async function homeActivityInForce(tx: Tx, actor: Actor, patientId: string, planActivityId: string): Promise<{ id: string; timesPerDay: number | null }> {
  const activity = await queryFirst(tx, activityInForce({ clinicId: actor.clinicId, patientId, planActivityId }));
  if (!activity) throw notFound("Activity");
  return activity;
}

/**
 * The patient records that they did (or did not do) one home activity of their active plan on a
 * day: today or up to 7 days back, never the future. An activity dosed n times a day (timesPerDay)
 * has n slots a day and the client names the one it logs (ADR 025); a once-a-day activity has
 * slot 1 only. Slot n needs slot n − 1 of that day logged first (409 otherwise); a slot beyond
 * the dose is refused (422). Logging a slot again updates it (a double tap makes no second row),
 * also when two requests race (INSERT … ON CONFLICT in one statement).
 */
export async function logHomeActivity(actor: Actor, input: TLogHomeActivity): Promise<HomeLogDto> {
  const data = parseInput(ZLogHomeActivity, input);
  return db().$transaction(async (tx) => {
    const patient = await ownPatient(tx, actor, "homelog:write");
    checkLoggableDay(data.date, patient.timeZone, "saved");
    const activity = await homeActivityInForce(tx, actor, patient.id, data.planActivityId);
    const slots = slotsPerDay(activity.timesPerDay);
    if (data.slot > slots) {
      const times = slots === 1 ? "once a day" : `${slots} times a day`;
      throw new AppError("VALIDATION", `This activity is planned ${times}. Nothing was saved.`, { slot: [`Choose 1 to ${slots}.`] });
    }
    // The row is written only when it is slot 1 or the slot before it was logged that day.
    const row = await queryFirst(
      tx,
      upsertHomeLog({
        id: newId(),
        clinicId: actor.clinicId,
        patientId: patient.id,
        planActivityId: activity.id,
        date: data.date,
        slot: data.slot,
        done: data.done,
        painDuring: data.painDuring,
        difficulty: data.difficulty,
        note: data.note,
      }),
    );
    if (!row) {
      throw new AppError("CONFLICT", `Log time ${data.slot - 1} of that day first: time ${data.slot} comes after it. Nothing was saved. Reload the page to see what is logged.`);
    }
    await recordAuditEvent(tx, { actor, action: row.created ? "homelog.create" : "homelog.update", entityType: "HomeLog", entityId: row.id, patientId: patient.id });
    return { id: row.id, date: data.date, slot: data.slot, done: data.done, painDuring: data.painDuring, difficulty: data.difficulty, note: data.note, created: row.created };
  });
}

export type UndoHomeLogDto = { date: string; slot: number; removed: boolean };

/**
 * "Undo the last": the patient takes back the last dose they logged of an activity on a day. The
 * client names the slot it showed as the last one, so a double tap removes one log, not two: that
 * slot already gone → nothing changes (removed: false); a later slot logged since (another tab) →
 * 409. Audited as homelog.undo on the removed row.
 */
export async function undoHomeLog(actor: Actor, input: TUndoHomeLog): Promise<UndoHomeLogDto> {
  const data = parseInput(ZUndoHomeLog, input);
  return db().$transaction(async (tx) => {
    const patient = await ownPatient(tx, actor, "homelog:write");
    checkLoggableDay(data.date, patient.timeZone, "changed");
    const activity = await homeActivityInForce(tx, actor, patient.id, data.planActivityId);
    const [last] = await tx.$queryRaw<{ id: string; slot: number }[]>`
      SELECT h."id", h."slot" FROM "HomeLog" h
       WHERE h."planActivityId" = ${activity.id} AND h."date" = ${fromIsoDate(data.date)}::date AND h."slot" >= ${data.slot}
       ORDER BY h."slot" DESC
       LIMIT 1`;
    if (!last) return { date: data.date, slot: data.slot, removed: false };
    if (last.slot !== data.slot) {
      throw new AppError("CONFLICT", `Time ${last.slot} of that day was logged since. Nothing was changed. Reload the page to see what is logged.`);
    }
    await tx.$executeRaw`DELETE FROM "HomeLog" WHERE "id" = ${last.id}`;
    await recordAuditEvent(tx, { actor, action: "homelog.undo", entityType: "HomeLog", entityId: last.id, patientId: patient.id });
    return { date: data.date, slot: data.slot, removed: true };
  });
}
