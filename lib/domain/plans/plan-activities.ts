import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZActivityStatusChange, ZAddActivity, ZMoveActivity, ZMoveActivityTo, ZUpdateActivity, type TAddActivity, type TUpdateActivity } from "@/lib/validation/plans";
import { allowedSettings } from "@/lib/domain/templates/rules";
import { loadStatementsFor } from "@/lib/domain/guidelines/list-guideline-statements";
import { checkGuidelineChoice, matchConditions } from "@/lib/domain/guidelines/rules";
import { claimPlan } from "./claim-plan";
import { checkAssignment, checkDose } from "./rules";
import { activityColumns } from "./snapshot";

function doseErrors(errors: Record<string, string>): never {
  const fieldErrors = Object.fromEntries(Object.entries(errors).map(([k, v]) => [`dose.${k}`, [v]]));
  throw new AppError("VALIDATION", "The dose is incomplete.", fieldErrors);
}

/**
 * Adds an ACTIVE catalog treatment to a plan, snapshotting its name and instructions. A
 * contraindicated treatment is refused unless overridden with a written reason, which is stored
 * on the activity and audited; so is a treatment a current guideline statement says not to offer
 * for the plan's condition (decision 044). Both refusals come back at once, as field errors.
 */
export async function addPlanActivity(actor: Actor, input: TAddActivity): Promise<{ activityId: string; version: number }> {
  const data = parseInput(ZAddActivity, input);
  return db().$transaction(async (tx) => {
    const plan = await claimPlan(tx, actor, data.planId, data.version);
    const item = await tx.catalogItem.findFirst({ where: { id: data.catalogItemId, clinicId: actor.clinicId, status: "ACTIVE" } });
    if (!item) throw new AppError("VALIDATION", "Choose an active treatment from the catalog.", { catalogItemId: ["Choose an active treatment from the catalog."] });
    if (!allowedSettings(item.setting).includes(data.setting)) {
      const message = `${item.name} is ${item.setting === "IN_CLINIC" ? "given in the clinic only" : "done at home only"}.`;
      throw new AppError("VALIDATION", message, { setting: [message] });
    }
    const dose = checkDose(data.setting, item.kind, data.dose);
    if (Object.keys(dose).length > 0) doseErrors(dose);
    const check = checkAssignment({
      treatmentName: item.name,
      patientFlags: plan.patient.contraindications,
      treatmentFlags: item.contraindications,
      overrideReason: data.overrideReason,
    });
    const conditions = matchConditions({ condition: plan.condition, icd10Code: plan.icd10Code });
    const guideline = checkGuidelineChoice({
      treatmentName: item.name,
      statements: await loadStatementsFor(tx, actor.clinicId, conditions, [item.id]),
      conditions,
      reason: data.guidelineOverrideReason,
    });
    if (!check.ok || !guideline.ok) {
      const fieldErrors = { ...(check.ok ? {} : { overrideReason: [check.message] }), ...(guideline.ok ? {} : { guidelineOverrideReason: [guideline.message] }) };
      throw new AppError("VALIDATION", [check.ok ? null : check.message, guideline.ok ? null : guideline.message].filter(Boolean).join(" "), fieldErrors);
    }
    const activity = await tx.planActivity.create({
      data: {
        planId: plan.id,
        ...activityColumns({
          clinicId: actor.clinicId,
          item,
          setting: data.setting,
          phase: data.phase,
          position: (plan.activities.at(-1)?.position ?? -1) + 1,
          dose: data.dose,
          override: { flags: check.overriddenFlags, reason: check.overrideReason, by: actor.userId },
          guideline: { statementIds: guideline.statementIds, reason: guideline.reason, by: actor.userId },
        }),
      },
      select: { id: true },
    });
    // A choice against a guideline is a clinical decision of its own: its own event.
    if (guideline.statementIds.length > 0) {
      await recordAuditEvent(tx, { actor, action: "plan.activity.guideline_override", entityType: "PlanActivity", entityId: activity.id, patientId: plan.patientId });
    }
    await recordAuditEvent(tx, {
      actor,
      action: check.overriddenFlags.length > 0 ? "plan.activity.override" : "plan.activity.add",
      entityType: "PlanActivity",
      entityId: activity.id,
      patientId: plan.patientId,
    });
    return { activityId: activity.id, version: plan.version };
  });
}

/** Changes where an activity happens, its phase and its dose. */
export async function updatePlanActivity(actor: Actor, input: TUpdateActivity): Promise<{ version: number }> {
  const data = parseInput(ZUpdateActivity, input);
  return db().$transaction(async (tx) => {
    const plan = await claimPlan(tx, actor, data.planId, data.version);
    const activity = plan.activities.find((a) => a.id === data.activityId);
    if (!activity) throw notFound("Activity");
    const item = await tx.catalogItem.findFirstOrThrow({ where: { id: activity.catalogItemId, clinicId: actor.clinicId }, select: { setting: true } });
    if (!allowedSettings(item.setting).includes(data.setting)) {
      const message = `${activity.nameSnapshot} is ${item.setting === "IN_CLINIC" ? "given in the clinic only" : "done at home only"}.`;
      throw new AppError("VALIDATION", message, { setting: [message] });
    }
    const dose = checkDose(data.setting, activity.kindSnapshot, data.dose);
    if (Object.keys(dose).length > 0) doseErrors(dose);
    await tx.planActivity.update({ where: { id: activity.id }, data: { setting: data.setting, phase: data.phase, ...data.dose } });
    await recordAuditEvent(tx, { actor, action: "plan.activity.update", entityType: "PlanActivity", entityId: activity.id, patientId: plan.patientId });
    return { version: plan.version };
  });
}

/**
 * Pauses, resumes or stops (removes) an activity. A stopped activity stays in the record, so the
 * plan's history can always say what was removed, by whom and when; patients no longer see it.
 */
export async function changePlanActivityStatus(actor: Actor, input: { planId: string; version: number; activityId: string; status: "ACTIVE" | "ON_HOLD" | "STOPPED" }): Promise<{ version: number }> {
  const data = parseInput(ZActivityStatusChange, input);
  return db().$transaction(async (tx) => {
    const plan = await claimPlan(tx, actor, data.planId, data.version);
    const activity = plan.activities.find((a) => a.id === data.activityId);
    if (!activity) throw notFound("Activity");
    if (activity.status === "STOPPED" || activity.status === "COMPLETED") {
      throw new AppError("VALIDATION", "A stopped or completed activity cannot change; add the treatment again instead.");
    }
    if (activity.status === data.status) throw new AppError("VALIDATION", "The activity already has that status.");
    await tx.planActivity.update({ where: { id: activity.id }, data: { status: data.status } });
    const action = `plan.activity.${data.status === "ACTIVE" ? "resume" : data.status === "ON_HOLD" ? "pause" : "stop"}`;
    await recordAuditEvent(tx, { actor, action, entityType: "PlanActivity", entityId: activity.id, patientId: plan.patientId });
    return { version: plan.version };
  });
}

/** Moves an activity one place up or down in the plan's order. */
export async function movePlanActivity(actor: Actor, input: { planId: string; version: number; activityId: string; direction: "up" | "down" }): Promise<{ version: number }> {
  const data = parseInput(ZMoveActivity, input);
  return db().$transaction(async (tx) => {
    const plan = await claimPlan(tx, actor, data.planId, data.version);
    const index = plan.activities.findIndex((a) => a.id === data.activityId);
    if (index === -1) throw notFound("Activity");
    const other = plan.activities[data.direction === "up" ? index - 1 : index + 1];
    const current = plan.activities[index]!;
    if (other) {
      await tx.planActivity.update({ where: { id: current.id }, data: { position: other.position } });
      await tx.planActivity.update({ where: { id: other.id }, data: { position: current.position } });
    }
    await recordAuditEvent(tx, { actor, action: "plan.activity.move", entityType: "PlanActivity", entityId: current.id, patientId: plan.patientId });
    return { version: plan.version };
  });
}

/**
 * Moves an activity to place `toIndex` of the plan's order (a drag and drop, or the keyboard's
 * pick up / arrow / drop), renumbering the activities in between. Made from `version` like every
 * plan change: another tab's edit in between is a CONFLICT and nothing moves. Audited as a move.
 */
export async function movePlanActivityTo(actor: Actor, input: { planId: string; version: number; activityId: string; toIndex: number }): Promise<{ version: number }> {
  const data = parseInput(ZMoveActivityTo, input);
  return db().$transaction(async (tx) => {
    const plan = await claimPlan(tx, actor, data.planId, data.version);
    const from = plan.activities.findIndex((a) => a.id === data.activityId);
    if (from === -1) throw notFound("Activity");
    if (data.toIndex >= plan.activities.length) {
      throw new AppError("VALIDATION", `The plan has ${plan.activities.length} activities: choose a place from 1 to ${plan.activities.length}.`, { toIndex: ["Choose a place in the list"] });
    }
    const order = [...plan.activities];
    const [moved] = order.splice(from, 1);
    order.splice(data.toIndex, 0, moved!);
    // Only the rows whose place changed are written.
    for (const [position, activity] of order.entries()) {
      if (activity.position !== position) await tx.planActivity.update({ where: { id: activity.id }, data: { position } });
    }
    await recordAuditEvent(tx, { actor, action: "plan.activity.move", entityType: "PlanActivity", entityId: moved!.id, patientId: plan.patientId });
    return { version: plan.version };
  });
}
