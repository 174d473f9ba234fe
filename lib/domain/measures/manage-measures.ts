import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db";
import type { Instrument } from "@/lib/db/generated/enums";
import { staleVersion } from "@/lib/domain/conflict";
import { queueNotification } from "@/lib/domain/notifications/notify";
import { isEditable } from "@/lib/domain/plans/rules";
import { AppError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZAddMeasureSchedules, ZAskMeasureNow, ZRemoveMeasureSchedule, type TAddMeasureSchedules, type TAskMeasureNow, type TRemoveMeasureSchedule } from "@/lib/validation/measures";

// The care team edits a plan's measure schedule (issue 16, decision 046). The schedule is not
// part of the plan's content: it neither needs nor bumps the plan's version; each entry has its own.

async function scopedPlan(tx: Tx, actor: Actor, planId: string) {
  const patient = patientScope(actor, "plan:write");
  // Locks the plan row: concurrent edits of one plan's schedule run one after the other, so the
  // duplicate check below cannot be raced.
  const plan = await tx.treatmentPlan.findFirst({ where: { id: planId, clinicId: actor.clinicId, patient }, select: { id: true, status: true, patientId: true, odiRequestedAt: true } });
  if (!plan) throw notFound("Plan");
  await tx.$executeRaw`SELECT 1 FROM "TreatmentPlan" WHERE "id" = ${plan.id} FOR UPDATE`;
  return plan;
}

/** Adds entries (one, or a preset's several at once); an entry already in force is refused. */
export async function addMeasureSchedules(actor: Actor, input: TAddMeasureSchedules): Promise<{ ids: string[] }> {
  const data = parseInput(ZAddMeasureSchedules, input);
  return db().$transaction(async (tx) => {
    const plan = await scopedPlan(tx, actor, data.planId);
    if (!isEditable(plan.status)) throw new AppError("VALIDATION", "This plan is finished: its measures can no longer be changed.");
    const existing = await tx.measureSchedule.findMany({ where: { planId: plan.id, removedAt: null, rule: { not: "ONCE" } }, select: { instrument: true, rule: true, everyWeeks: true } });
    const key = (e: { instrument: string; rule: string; everyWeeks: number | null }) => `${e.instrument}:${e.rule}:${e.everyWeeks ?? ""}`;
    const taken = new Set(existing.map(key));
    for (const e of data.entries) {
      if (taken.has(key(e))) throw new AppError("CONFLICT", "This measure is already scheduled on the plan. Nothing was added.");
      taken.add(key(e));
    }
    const ids: string[] = [];
    for (const e of data.entries) {
      const row = await tx.measureSchedule.create({
        data: { clinicId: actor.clinicId, planId: plan.id, instrument: e.instrument, rule: e.rule, everyWeeks: e.everyWeeks, answeredBy: e.answeredBy, createdById: actor.userId },
        select: { id: true },
      });
      ids.push(row.id);
      await recordAuditEvent(tx, { actor, action: "plan.measure.add", entityType: "TreatmentPlan", entityId: plan.id, patientId: plan.patientId, detail: { scheduleId: row.id } });
    }
    return { ids };
  });
}

/** Removes an entry (kept for the record); a stale version is a 409 and changes nothing. */
export async function removeMeasureSchedule(actor: Actor, input: TRemoveMeasureSchedule): Promise<{ removed: true }> {
  const data = parseInput(ZRemoveMeasureSchedule, input);
  return db().$transaction(async (tx) => {
    const plan = await scopedPlan(tx, actor, data.planId);
    const entry = await tx.measureSchedule.findFirst({ where: { id: data.scheduleId, planId: plan.id, removedAt: null }, select: { id: true, instrument: true, rule: true } });
    if (!entry) throw notFound("Measure");
    const changed = await tx.measureSchedule.updateMany({
      where: { id: entry.id, version: data.version, removedAt: null },
      data: { removedAt: new Date(), removedById: actor.userId, version: { increment: 1 } },
    });
    if (changed.count !== 1) throw staleVersion("measure");
    if (entry.rule === "ONCE" && entry.instrument === "ODI" && plan.odiRequestedAt) await tx.treatmentPlan.update({ where: { id: plan.id }, data: { odiRequestedAt: null } });
    await recordAuditEvent(tx, { actor, action: "plan.measure.remove", entityType: "TreatmentPlan", entityId: plan.id, patientId: plan.patientId, detail: { scheduleId: entry.id } });
    return { removed: true };
  });
}

/**
 * The one-off ask (the ODI request, generalised): the patient is asked now to fill in a
 * questionnaire at home, or an open ask is withdrawn. Only an ACTIVE plan asks. Asking again while
 * one is open changes nothing and does not nag the patient twice.
 */
export async function askMeasureNow(actor: Actor, input: TAskMeasureNow): Promise<{ askedAt: string | null; scheduleId: string | null }> {
  const data = parseInput(ZAskMeasureNow, input);
  return db().$transaction(async (tx) => setOneOffAsk(tx, actor, data.planId, data.instrument, data.requested));
}

/** askMeasureNow's body, shared with the ODI request (lib/domain/plans/request-odi.ts). */
export async function setOneOffAsk(tx: Tx, actor: Actor, planId: string, instrument: Instrument, requested: boolean): Promise<{ askedAt: string | null; scheduleId: string | null }> {
  const plan = await scopedPlan(tx, actor, planId);
  if (plan.status !== "ACTIVE") throw new AppError("VALIDATION", "Only an active plan can ask the patient for a questionnaire.");
  const open = await tx.measureSchedule.findFirst({ where: { planId: plan.id, rule: "ONCE", instrument, removedAt: null }, orderBy: { createdAt: "desc" }, select: { id: true, createdAt: true } });
  const answered = open ? (await tx.measureOccurrence.count({ where: { scheduleId: open.id } })) > 0 || (await tx.outcomeResponse.count({ where: { planId: plan.id, instrument, recordedAt: { gte: open.createdAt } } })) > 0 : true;
  const verb = instrument === "ODI" ? "plan.odi_request" : "plan.measure.ask";
  if (!requested) {
    if (open) await tx.measureSchedule.update({ where: { id: open.id }, data: { removedAt: new Date(), removedById: actor.userId, version: { increment: 1 } } });
    if (instrument === "ODI") await tx.treatmentPlan.update({ where: { id: plan.id }, data: { odiRequestedAt: null } });
    await recordAuditEvent(tx, { actor, action: instrument === "ODI" ? "plan.odi_request.withdraw" : "plan.measure.ask.withdraw", entityType: "TreatmentPlan", entityId: plan.id, patientId: plan.patientId });
    return { askedAt: null, scheduleId: null };
  }
  const legacyOpen = instrument === "ODI" && plan.odiRequestedAt !== null;
  let askedAt: Date;
  let scheduleId: string;
  if (open && !answered) {
    askedAt = open.createdAt;
    scheduleId = open.id;
  }
  else {
    // An answered ask is done: it leaves the schedule, and a new one starts.
    if (open) await tx.measureSchedule.update({ where: { id: open.id }, data: { removedAt: new Date(), removedById: actor.userId, version: { increment: 1 } } });
    const row = await tx.measureSchedule.create({ data: { clinicId: actor.clinicId, planId: plan.id, instrument, rule: "ONCE", answeredBy: "PATIENT", createdById: actor.userId }, select: { id: true, createdAt: true } });
    askedAt = row.createdAt;
    scheduleId = row.id;
  }
  if (instrument === "ODI") await tx.treatmentPlan.update({ where: { id: plan.id }, data: { odiRequestedAt: askedAt } });
  await recordAuditEvent(tx, { actor, action: verb, entityType: "TreatmentPlan", entityId: plan.id, patientId: plan.patientId });
  // A new ask reaches the patient (decision 035); the message names no questionnaire and carries no
  // health information: the link leads to Today.
  if ((!open || answered) && !legacyOpen) {
    await queueNotification(tx, {
      clinicId: actor.clinicId,
      patientId: plan.patientId,
      kind: "questionnaire_requested",
      topic: "questionnaires",
      dedupeBase: `${instrument === "ODI" ? "odi" : `ask-${instrument.toLowerCase()}`}:${plan.id}:${askedAt.toISOString()}`,
      data: {},
    });
  }
  return { askedAt: askedAt.toISOString(), scheduleId };
}
