import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { fromIsoDate } from "@/lib/domain/schedule/dates";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZChangePlanStatus, ZUpdatePlanDetails, type TChangePlanStatus, type TUpdatePlanDetails } from "@/lib/validation/plans";
import { claimPlan } from "./claim-plan";
import { checkPlanTransition } from "./rules";

/** Saves title, condition, goals, dates and planned sessions from `version` (CONFLICT if stale). */
export async function updatePlanDetails(actor: Actor, input: TUpdatePlanDetails): Promise<{ version: number }> {
  const data = parseInput(ZUpdatePlanDetails, input);
  return db().$transaction(async (tx) => {
    const plan = await claimPlan(tx, actor, data.planId, data.version);
    const updated = await tx.treatmentPlan.update({
      where: { id: plan.id },
      data: {
        title: data.title,
        condition: data.condition,
        icd10Code: data.icd10Code,
        goals: data.goals,
        startDate: fromIsoDate(data.startDate),
        reviewDate: data.reviewDate ? fromIsoDate(data.reviewDate) : null,
        plannedSessions: data.plannedSessions,
      },
      select: { version: true },
    });
    await recordAuditEvent(tx, { actor, action: "plan.update", entityType: "TreatmentPlan", entityId: plan.id, patientId: plan.patientId });
    return updated;
  });
}

/** Moves a plan through its lifecycle (checkPlanTransition), with a reason where one is required. */
export async function changePlanStatus(actor: Actor, input: TChangePlanStatus): Promise<{ version: number }> {
  const data = parseInput(ZChangePlanStatus, input);
  return db().$transaction(async (tx) => {
    const plan = await claimPlan(tx, actor, data.planId, data.version, { requireEditable: false });
    const check = checkPlanTransition(plan.status, data.status, data.reason);
    if (!check.ok) throw new AppError("VALIDATION", check.message, { [check.field]: [check.message] });
    if (data.status === "ACTIVE" && plan.status === "DRAFT" && !plan.activities.some((a) => a.status === "ACTIVE")) {
      throw new AppError("VALIDATION", "Add at least one activity before activating the plan.");
    }
    if (data.status === "ACTIVE") {
      // One plan in force per patient at a time: the patient's routine must not mix two plans.
      const other = await tx.treatmentPlan.findFirst({
        where: { clinicId: actor.clinicId, patientId: plan.patientId, status: "ACTIVE", id: { not: plan.id } },
        select: { title: true },
      });
      if (other) throw new AppError("VALIDATION", `“${other.title}” is already active for this patient: put it on hold or complete it first.`);
    }
    const updated = await tx.treatmentPlan.update({
      where: { id: plan.id },
      data: {
        status: data.status,
        statusReason: data.reason,
        ...(data.status === "COMPLETED" || data.status === "CANCELLED" ? { endDate: new Date() } : {}),
        // The patient's fair chance before a low-adherence alert counts from here (ADR 041).
        ...(data.status === "ACTIVE" ? { activatedAt: new Date() } : {}),
      },
      select: { version: true },
    });
    await recordAuditEvent(tx, { actor, action: `plan.status.${data.status.toLowerCase()}`, entityType: "TreatmentPlan", entityId: plan.id, patientId: plan.patientId });
    return updated;
  });
}
