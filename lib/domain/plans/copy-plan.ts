import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db";
import type { Contraindication } from "@/lib/db/generated/enums";
import { AppError, notFound } from "@/lib/errors";
import { ZId } from "@/lib/validation/common";
import { ZCopyPlan, type TCopyPlan } from "@/lib/validation/plans";
import { parseInput } from "@/lib/validation/parse";
import { addDays, fromIsoDate } from "@/lib/domain/schedule/dates";
import { allowedSettings } from "@/lib/domain/templates/rules";
import type { TemplateItemPreview } from "./create-plan";
import { loadStatementsFor } from "@/lib/domain/guidelines/list-guideline-statements";
import { checkGuidelineChoice, doNotOfferStatements, matchConditions, orderStatements } from "@/lib/domain/guidelines/rules";
import { checkAssignment, checkDose, contraindicationConflicts } from "./rules";
import { activityColumns } from "./snapshot";

export type LeftOutActivity = { activityId: string; name: string; reason: string };

export type PlanCopyPreview = {
  source: { id: string; title: string; patientId: string; patientName: string };
  target: { id: string; name: string; flags: Contraindication[] };
  /** The activities the copy would hold (keyed by the source activity's id), with their conflicts. */
  items: TemplateItemPreview[];
  /** Activities that cannot be copied any more, with the reason shown to the clinician. */
  leftOut: LeftOutActivity[];
};

/**
 * The source plan and the target patient, both within the actor's care team (else NOT_FOUND),
 * and the source's activities split into those that can be copied and those left out: removed
 * (stopped) activities are not copied at all; a treatment that is no longer ACTIVE in the catalog,
 * or whose catalog setting or kind no longer allows the activity's setting or dose, is left out
 * with a reason.
 */
async function loadCopy(tx: Tx, actor: Actor, planId: string, patientId: string | null) {
  const scope = patientScope(actor, "plan:write");
  // An id that cannot exist answers like one that does not exist.
  if (!ZId.safeParse(planId).success) throw notFound("Plan");
  if (patientId !== null && !ZId.safeParse(patientId).success) throw notFound("Patient");
  const source = await tx.treatmentPlan.findFirst({
    where: { id: planId, clinicId: actor.clinicId, patient: scope },
    include: {
      patient: { select: { firstName: true, lastName: true } },
      activities: { where: { status: { not: "STOPPED" } }, orderBy: { position: "asc" }, include: { catalogItem: true } },
    },
  });
  if (!source) throw notFound("Plan");
  const target = await tx.patient.findFirst({ where: { ...scope, id: patientId ?? source.patientId }, select: { id: true, firstName: true, lastName: true, contraindications: true } });
  if (!target) throw notFound("Patient");
  const copyable: typeof source.activities = [];
  const leftOut: LeftOutActivity[] = [];
  for (const activity of source.activities) {
    const item = activity.catalogItem;
    const dose = { durationMin: activity.durationMin, sets: activity.sets, reps: activity.reps, holdSec: activity.holdSec, timesPerDay: activity.timesPerDay, daysPerWeek: activity.daysPerWeek };
    if (item.status !== "ACTIVE") {
      leftOut.push({ activityId: activity.id, name: activity.nameSnapshot, reason: item.status === "RETIRED" ? "retired in the catalog" : "no longer active in the catalog" });
    } else if (!allowedSettings(item.setting).includes(activity.setting)) {
      leftOut.push({ activityId: activity.id, name: activity.nameSnapshot, reason: "the catalog no longer allows it where the plan had it" });
    } else if (Object.keys(checkDose(activity.setting, item.kind, dose)).length > 0) {
      leftOut.push({ activityId: activity.id, name: activity.nameSnapshot, reason: "its dose no longer fits the catalog treatment" });
    } else copyable.push(activity);
  }
  return { source, target, copyable, leftOut };
}

/**
 * Audits each patient's record a copy touches: the target patient (`action`), and the source plan's
 * patient when another (`sourceAction`). The preview's actions are reads (`….read`).
 */
async function auditCopy(
  tx: Tx,
  actor: Actor,
  actions: { action: string; sourceAction: string },
  source: { id: string; patientId: string },
  target: { entityType: string; entityId: string; patientId: string },
) {
  await recordAuditEvent(tx, { actor, action: actions.action, entityType: target.entityType, entityId: target.entityId, patientId: target.patientId });
  if (source.patientId !== target.patientId) {
    await recordAuditEvent(tx, { actor, action: actions.sourceAction, entityType: "TreatmentPlan", entityId: source.id, patientId: source.patientId });
  }
}

/**
 * What copying a plan for a patient (by default the plan's own patient) would do: each activity
 * with the target patient's contraindications, and what is left out.
 */
export async function previewPlanCopy(actor: Actor, input: { planId: string; patientId?: string | null }): Promise<PlanCopyPreview> {
  return db().$transaction(async (tx) => {
    const { source, target, copyable, leftOut } = await loadCopy(tx, actor, input.planId, input.patientId ?? null);
    await auditCopy(tx, actor, { action: "plan.copy.read", sourceAction: "plan.copy_source.read" }, source, { entityType: "Patient", entityId: target.id, patientId: target.id });
    // The copy keeps the source's condition, so the same guideline statements apply (decision 044).
    const conditions = matchConditions({ condition: source.condition, icd10Code: source.icd10Code });
    const statements = await loadStatementsFor(tx, actor.clinicId, conditions, copyable.map((a) => a.catalogItemId));
    return {
      source: { id: source.id, title: source.title, patientId: source.patientId, patientName: `${source.patient.firstName} ${source.patient.lastName}` },
      target: { id: target.id, name: `${target.firstName} ${target.lastName}`, flags: target.contraindications },
      items: copyable.map((a) => ({
        templateItemId: a.id,
        name: a.catalogItem.name,
        setting: a.setting,
        phase: a.phase,
        conflicts: contraindicationConflicts(target.contraindications, a.catalogItem.contraindications),
        doNotOffer: doNotOfferStatements(statements.filter((s) => s.catalogItemId === a.catalogItemId), conditions),
        stances: orderStatements(statements.filter((s) => s.catalogItemId === a.catalogItemId)),
      })),
      leftOut,
    };
  });
}

/**
 * Copies a plan into a new DRAFT plan for the same or another care-team patient: its details,
 * activities, settings, phases and doses, never its sessions, notes, home logs or outcomes. Each
 * activity is snapshotted afresh from the catalog and re-checked against the target patient's
 * contraindications exactly as a new assignment: a conflicting one must be skipped or overridden
 * with a written reason, or nothing is created. Treatments no longer usable are left out.
 */
export async function copyPlan(actor: Actor, input: TCopyPlan): Promise<{ id: string; version: number; leftOut: LeftOutActivity[] }> {
  const data = parseInput(ZCopyPlan, input);
  return db().$transaction(async (tx) => {
    const { source, target, copyable, leftOut } = await loadCopy(tx, actor, data.planId, data.patientId);
    const fieldErrors: Record<string, string[]> = {};
    const activities: ReturnType<typeof activityColumns>[] = [];
    const conditions = matchConditions({ condition: source.condition, icd10Code: source.icd10Code });
    const statements = await loadStatementsFor(tx, actor.clinicId, conditions, copyable.map((a) => a.catalogItemId));
    for (const activity of copyable) {
      const decision = data.decisions.find((d) => d.activityId === activity.id);
      if (decision?.action === "skip") continue;
      const check = checkAssignment({
        treatmentName: activity.catalogItem.name,
        patientFlags: target.contraindications,
        treatmentFlags: activity.catalogItem.contraindications,
        overrideReason: decision?.action === "override" ? decision.reason : null,
      });
      // Choosing it again for the copy is a new choice: a "do not offer" needs its own reason.
      const guideline = checkGuidelineChoice({
        treatmentName: activity.catalogItem.name,
        statements: statements.filter((s) => s.catalogItemId === activity.catalogItemId),
        conditions,
        reason: data.guidelineReasons.find((r) => r.activityId === activity.id)?.reason,
      });
      if (!check.ok) fieldErrors[`decisions.${activity.id}`] = [check.message];
      if (!guideline.ok) fieldErrors[`guidelineReasons.${activity.id}`] = [guideline.message];
      if (!check.ok || !guideline.ok) continue;
      activities.push(
        activityColumns({
          clinicId: actor.clinicId,
          item: activity.catalogItem,
          setting: activity.setting,
          phase: activity.phase,
          position: activities.length,
          dose: { durationMin: activity.durationMin, sets: activity.sets, reps: activity.reps, holdSec: activity.holdSec, timesPerDay: activity.timesPerDay, daysPerWeek: activity.daysPerWeek },
          override: { flags: check.overriddenFlags, reason: check.overrideReason, by: actor.userId },
          guideline: { statementIds: guideline.statementIds, reason: guideline.reason, by: actor.userId },
        }),
      );
    }
    if (Object.keys(fieldErrors).length > 0) {
      throw new AppError("VALIDATION", "Some treatments of this plan are contraindicated for this patient or advised against for this condition: skip them or give a reason for each.", fieldErrors);
    }
    // The review keeps the source plan's interval from the start.
    const reviewAfter = source.reviewDate ? Math.round((source.reviewDate.getTime() - source.startDate.getTime()) / 86_400_000) : null;
    const plan = await tx.treatmentPlan.create({
      data: {
        clinicId: actor.clinicId,
        patientId: target.id,
        clinicianId: actor.userId,
        createdById: actor.userId,
        title: source.title,
        condition: source.condition,
        icd10Code: source.icd10Code,
        goals: source.goals,
        startDate: fromIsoDate(data.startDate),
        reviewDate: reviewAfter !== null && reviewAfter >= 0 ? fromIsoDate(addDays(data.startDate, reviewAfter)) : null,
        plannedSessions: source.plannedSessions,
        status: "DRAFT",
        activities: { create: activities },
      },
      select: { id: true, version: true, activities: { where: { OR: [{ overrideReason: { not: null } }, { guidelineOverrideReason: { not: null } }] }, select: { id: true, overrideReason: true, guidelineOverrideReason: true } } },
    });
    await auditCopy(tx, actor, { action: "plan.copy", sourceAction: "plan.copy_source" }, source, { entityType: "TreatmentPlan", entityId: plan.id, patientId: target.id });
    // Overrides are safety decisions: each gets its own event, as when a plan is created from a protocol.
    for (const activity of plan.activities) {
      if (activity.overrideReason !== null) {
        await recordAuditEvent(tx, { actor, action: "plan.activity.override", entityType: "PlanActivity", entityId: activity.id, patientId: target.id });
      }
      if (activity.guidelineOverrideReason !== null) {
        await recordAuditEvent(tx, { actor, action: "plan.activity.guideline_override", entityType: "PlanActivity", entityId: activity.id, patientId: target.id });
      }
    }
    return { id: plan.id, version: plan.version, leftOut };
  });
}
