import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { refusedRecord } from "@/lib/audit/refused-access";

export type PlanHistoryEntry = {
  at: string;
  actorName: string | null;
  action: string;
  activityName: string | null;
  /** For a choice against a guideline (decision 044): the reason given. */
  reason?: string | null;
};

const WHAT: Record<string, string> = {
  "plan.create": "Created the plan",
  "plan.update": "Edited the plan details",
  "plan.status.active": "Activated the plan",
  "plan.status.on_hold": "Put the plan on hold",
  "plan.status.completed": "Completed the plan",
  "plan.status.cancelled": "Cancelled the plan",
  "plan.status.entered_in_error": "Marked the plan as entered in error",
  "plan.activity.add": "Added",
  "plan.activity.override": "Added despite a contraindication (override)",
  "plan.activity.update": "Changed the dose or setting of",
  "plan.activity.pause": "Paused",
  "plan.activity.resume": "Resumed",
  "plan.activity.stop": "Removed",
  "plan.activity.move": "Reordered",
  // Guideline statements (decision 044).
  "plan.activity.guideline_override": "Added against a guideline's \"do not offer\" (reason given)",
};

export function describePlanChange(action: string): string {
  return WHAT[action] ?? action;
}

/**
 * Who changed what in a plan and when, newest first, from the audit trail (reads are left out).
 * Readable by the patient's care team.
 */
export async function listPlanHistory(actor: Actor, planId: string): Promise<PlanHistoryEntry[]> {
  const patient = patientScope(actor, "plan:write");
  return db().$transaction(async (tx) => {
    const plan = await tx.treatmentPlan.findFirst({
      where: { id: planId, clinicId: actor.clinicId, patient },
      select: { id: true, patientId: true, activities: { select: { id: true, nameSnapshot: true, guidelineOverrideReason: true } } },
    });
    if (!plan) throw await refusedRecord(actor, { entityType: "TreatmentPlan", entityId: planId, what: "Plan" });
    await recordAuditEvent(tx, { actor, action: "plan.history.read", entityType: "TreatmentPlan", entityId: plan.id, patientId: plan.patientId });
    const names = new Map(plan.activities.map((a) => [a.id, a.nameSnapshot]));
    const reasons = new Map(plan.activities.map((a) => [a.id, a.guidelineOverrideReason]));
    const events = await tx.auditEvent.findMany({
      where: {
        clinicId: actor.clinicId,
        patientId: plan.patientId,
        action: { in: Object.keys(WHAT) },
        OR: [
          { entityType: "TreatmentPlan", entityId: plan.id },
          { entityType: "PlanActivity", entityId: { in: [...names.keys()] } },
        ],
      },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: 200,
      include: { actor: { select: { name: true } } },
    });
    return events.map((e) => ({
      at: e.at.toISOString(),
      actorName: e.actor?.name ?? null,
      action: e.action,
      activityName: e.entityType === "PlanActivity" && e.entityId ? (names.get(e.entityId) ?? null) : null,
      ...(e.action === "plan.activity.guideline_override" && e.entityId ? { reason: reasons.get(e.entityId) ?? null } : {}),
    }));
  });
}
