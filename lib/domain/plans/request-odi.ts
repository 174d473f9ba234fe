import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { queueNotification } from "@/lib/domain/notifications/notify";
import { AppError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZRequestOdi } from "@/lib/validation/portal";

/**
 * The care team asks the patient to fill in an ODI at home (or withdraws the request). Only an
 * ACTIVE plan can ask: that is the plan the patient's Today page shows. The request is not part
 * of the plan's content, so it neither needs nor bumps the plan's version.
 */
export async function requestOdi(actor: Actor, input: { planId: string; requested: boolean }): Promise<{ odiRequestedAt: string | null }> {
  const patient = patientScope(actor, "plan:write");
  const data = parseInput(ZRequestOdi, input);
  return db().$transaction(async (tx) => {
    const plan = await tx.treatmentPlan.findFirst({ where: { id: data.planId, clinicId: actor.clinicId, patient }, select: { id: true, status: true, patientId: true, odiRequestedAt: true } });
    if (!plan) throw notFound("Plan");
    if (plan.status !== "ACTIVE") throw new AppError("VALIDATION", "Only an active plan can ask the patient for a questionnaire.");
    const odiRequestedAt = data.requested ? new Date() : null;
    await tx.treatmentPlan.update({ where: { id: plan.id }, data: { odiRequestedAt } });
    await recordAuditEvent(tx, { actor, action: data.requested ? "plan.odi_request" : "plan.odi_request.withdraw", entityType: "TreatmentPlan", entityId: plan.id, patientId: plan.patientId });
    // A new request reaches the patient (decision 035); asking again while one is open does not
    // nag them a second time. The message names no questionnaire: the link leads to Today.
    if (odiRequestedAt && !plan.odiRequestedAt) {
      await queueNotification(tx, {
        clinicId: actor.clinicId,
        patientId: plan.patientId,
        kind: "questionnaire_requested",
        topic: "questionnaires",
        dedupeBase: `odi:${plan.id}:${odiRequestedAt.toISOString()}`,
        data: {},
      });
    }
    return { odiRequestedAt: odiRequestedAt?.toISOString() ?? null };
  });
}
