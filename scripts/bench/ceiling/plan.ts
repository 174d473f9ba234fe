// GET /api/v1/plans/<id> — lib/domain/plans/get-plan.ts for a clinician: the plan with its
// patient's and clinician's names within the care-team scope, its activities, then the audit event.
import { planActivities, planForActor } from "../../../lib/db/statements/plans";
import { toActivityDto } from "../../../lib/domain/plans/dto";
import { toIsoDate } from "../../../lib/domain/schedule/dates";
import type { Actor } from "./actor";
import { audit, direct, first, NotFound, rows } from "./db";

export async function planApi(actor: Actor, planId: string) {
  if (actor.role !== "CLINICIAN") throw new NotFound(); // the benchmark reads plans as their clinician
  return direct(async (client) => {
    const plan = await first(client, planForActor({ planId, actor, scope: "care-team", visibleStatuses: null }));
    if (!plan) throw new NotFound();
    const activities = await rows(client, planActivities({ clinicId: actor.clinicId, planId: plan.id, patientView: false }));
    await audit(client, actor, { action: "plan.read", entityType: "TreatmentPlan", entityId: plan.id, patientId: plan.patientId });
    return {
      id: plan.id,
      patientId: plan.patientId,
      patientName: `${plan.firstName} ${plan.lastName}`,
      clinicianName: plan.clinicianName,
      title: plan.title,
      condition: plan.condition,
      icd10Code: plan.icd10Code,
      goals: plan.goals,
      status: plan.status,
      startDate: toIsoDate(plan.startDate),
      reviewDate: plan.reviewDate ? toIsoDate(plan.reviewDate) : null,
      plannedSessions: plan.plannedSessions,
      odiRequestedAt: plan.odiRequestedAt?.toISOString() ?? null,
      version: plan.version,
      activities: activities.map(toActivityDto),
    };
  });
}
