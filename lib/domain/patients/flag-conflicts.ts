import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db";
import { queryRows } from "@/lib/db/run";
import { plansOfActivities } from "@/lib/db/statements/patients";
import type { Contraindication, PlanStatus } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { activeConflicts, type FlagConflict } from "./save-patient";

/** A flag conflict with the plan its activity belongs to, so a page can link to that plan. */
export type PlanFlagConflict = FlagConflict & { plan: { id: string; title: string; status: PlanStatus } };

/** Attaches each conflict's plan; activities that are not this patient's in this clinic are dropped. */
async function attachPlans(tx: Tx, clinicId: string, patientId: string, conflicts: readonly FlagConflict[]): Promise<PlanFlagConflict[]> {
  if (conflicts.length === 0) return [];
  const located = await queryRows(tx, plansOfActivities({ clinicId, patientId, activityIds: conflicts.map((c) => c.activityId) }));
  const planOf = new Map(located.map((a) => [a.id, { id: a.planId, title: a.title, status: a.status }]));
  return conflicts.flatMap((c) => {
    const plan = planOf.get(c.activityId);
    return plan ? [{ ...c, plan }] : [];
  });
}

/**
 * The activities in force that the patient's current flags contraindicate and no override
 * covers, each with its plan. For callers that have already authorized the read (the overview).
 */
export async function currentFlagConflicts(
  tx: Tx,
  clinicId: string,
  patientId: string,
  flags: readonly Contraindication[],
): Promise<PlanFlagConflict[]> {
  return attachPlans(tx, clinicId, patientId, await activeConflicts(tx, clinicId, patientId, flags));
}

/**
 * After `updatePatient` reported conflicts: the plan each one is in, for the care team only
 * (the save itself was audited; this reads plan titles of activities the caller was just given).
 */
export async function locateFlagConflicts(actor: Actor, patientId: string, conflicts: readonly FlagConflict[]): Promise<PlanFlagConflict[]> {
  const scope = patientScope(actor, "plan:read");
  if (conflicts.length === 0) return [];
  return db().$transaction(async (tx) => {
    const patient = await tx.patient.findFirst({ where: { ...scope, id: patientId }, select: { id: true } });
    if (!patient) throw notFound("Patient");
    await recordAuditEvent(tx, { actor, action: "patient.flag_conflicts.read", entityType: "Patient", entityId: patient.id, patientId: patient.id });
    return attachPlans(tx, actor.clinicId, patient.id, conflicts);
  });
}
