import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db";
import { queueNotification } from "@/lib/domain/notifications/notify";
import { whenLabel } from "@/lib/domain/notifications/reminder-time";
import { zonedToUtc } from "@/lib/domain/schedule/dates";
import { AppError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZRescheduleSession, ZScheduleSession, ZSessionStatusChange } from "@/lib/validation/sessions";
import { staleVersion } from "../conflict";
import { formatForMessage } from "./format";

/**
 * Refuses a booking that overlaps another scheduled or completed session of the same clinician.
 * A transaction-scoped advisory lock per clinician makes check-then-insert safe under concurrency.
 */
async function assertFree(tx: Tx, actor: Actor, clinicianId: string, startsAt: Date, durationMin: number, exceptId?: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`session:${clinicianId}`}))`;
  const endsAt = new Date(startsAt.getTime() + durationMin * 60_000);
  const overlapping = await tx.$queryRaw<{ startsAt: Date; durationMin: number }[]>`
    SELECT "startsAt", "durationMin" FROM "Session"
    WHERE "clinicId" = ${actor.clinicId} AND "clinicianId" = ${clinicianId}
      AND status::text IN ('SCHEDULED', 'COMPLETED')
      AND "startsAt" < ${endsAt} AND "startsAt" + make_interval(mins => "durationMin") > ${startsAt}
      AND id <> ${exceptId ?? ""}
    LIMIT 1`;
  const clash = overlapping[0];
  if (clash) {
    const message = `You already have a session at ${formatForMessage(clash.startsAt, actor.timeZone)} (${clash.durationMin} min) that overlaps this time.`;
    throw new AppError("VALIDATION", message, { time: [message] });
  }
}

/** Books a session for a plan of a care-team patient, at a wall-clock time in the clinic's time zone. */
export async function scheduleSession(actor: Actor, input: { planId: string; date: string; time: string; durationMin: number }): Promise<{ id: string }> {
  const patient = patientScope(actor, "session:write");
  const data = parseInput(ZScheduleSession, input);
  return db().$transaction(async (tx) => {
    const plan = await tx.treatmentPlan.findFirst({ where: { id: data.planId, clinicId: actor.clinicId, patient }, select: { id: true, patientId: true, status: true } });
    if (!plan) throw notFound("Plan");
    if (!["DRAFT", "ACTIVE", "ON_HOLD"].includes(plan.status)) throw new AppError("VALIDATION", "Sessions can only be booked for an open plan.");
    const startsAt = zonedToUtc(data.date, data.time, actor.timeZone);
    await assertFree(tx, actor, actor.userId, startsAt, data.durationMin);
    const session = await tx.session.create({
      data: { clinicId: actor.clinicId, planId: plan.id, patientId: plan.patientId, clinicianId: actor.userId, startsAt, durationMin: data.durationMin },
      select: { id: true },
    });
    await recordAuditEvent(tx, { actor, action: "session.schedule", entityType: "Session", entityId: session.id, patientId: plan.patientId });
    return session;
  });
}

async function claimSession(tx: Tx, actor: Actor, sessionId: string, version: number) {
  const patient = patientScope(actor, "session:write");
  const { count } = await tx.session.updateMany({ where: { id: sessionId, clinicId: actor.clinicId, version, patient }, data: { version: { increment: 1 } } });
  if (count === 0) {
    const exists = await tx.session.findFirst({ where: { id: sessionId, clinicId: actor.clinicId, patient }, select: { id: true } });
    throw exists ? staleVersion("session") : notFound("Session");
  }
  return tx.session.findFirstOrThrow({ where: { id: sessionId, clinicId: actor.clinicId } });
}

export { claimSession };

/** Moves a scheduled session to another time (same overlap rule). */
export async function rescheduleSession(actor: Actor, input: { sessionId: string; version: number; date: string; time: string; durationMin: number }): Promise<{ version: number }> {
  const data = parseInput(ZRescheduleSession, input);
  return db().$transaction(async (tx) => {
    const session = await claimSession(tx, actor, data.sessionId, data.version);
    if (session.status !== "SCHEDULED") throw new AppError("VALIDATION", "Only a scheduled session can be moved.");
    const startsAt = zonedToUtc(data.date, data.time, actor.timeZone);
    await assertFree(tx, actor, session.clinicianId, startsAt, data.durationMin, session.id);
    const updated = await tx.session.update({ where: { id: session.id }, data: { startsAt, durationMin: data.durationMin }, select: { version: true } });
    await recordAuditEvent(tx, { actor, action: "session.reschedule", entityType: "Session", entityId: session.id, patientId: session.patientId });
    // The patient hears of every move (decision 035); a change of length only is not a move.
    if (startsAt.getTime() !== session.startsAt.getTime()) {
      await queueNotification(
        tx,
        { clinicId: actor.clinicId, patientId: session.patientId, kind: "appointment_changed", topic: "appointments", dedupeBase: `apptchg:${session.id}:${updated.version}`, data: {} },
        (r) => ({ whenLabel: whenLabel(startsAt, r.timeZone), previousWhenLabel: whenLabel(session.startsAt, r.timeZone) }),
      );
    }
    return updated;
  });
}

/** Cancels a scheduled session, or marks a no-show once its start time has passed. */
export async function changeSessionStatus(actor: Actor, input: { sessionId: string; version: number; status: "CANCELLED" | "NO_SHOW"; reason?: string | null }): Promise<{ version: number }> {
  const data = parseInput(ZSessionStatusChange, input);
  return db().$transaction(async (tx) => {
    const session = await claimSession(tx, actor, data.sessionId, data.version);
    if (session.status !== "SCHEDULED") throw new AppError("VALIDATION", "Only a scheduled session can be cancelled or marked as a no-show.");
    if (data.status === "NO_SHOW" && session.startsAt > new Date()) throw new AppError("VALIDATION", "A session can be marked as a no-show only after its start time.");
    const updated = await tx.session.update({ where: { id: session.id }, data: { status: data.status, statusReason: data.reason }, select: { version: true } });
    await recordAuditEvent(tx, { actor, action: `session.${data.status === "CANCELLED" ? "cancel" : "no_show"}`, entityType: "Session", entityId: session.id, patientId: session.patientId });
    // A cancellation is the patient's news (decision 035); the reason stays in the clinic (it may be clinical).
    if (data.status === "CANCELLED" && session.startsAt > new Date()) {
      await queueNotification(
        tx,
        { clinicId: actor.clinicId, patientId: session.patientId, kind: "appointment_cancelled", topic: "appointments", dedupeBase: `apptcancel:${session.id}`, data: {} },
        (r) => ({ whenLabel: whenLabel(session.startsAt, r.timeZone) }),
      );
    }
    return updated;
  });
}
