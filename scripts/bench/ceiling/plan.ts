// GET /api/v1/plans/<id> — lib/domain/plans/get-plan.ts for a clinician: the plan with its
// patient's and clinician's names within the care-team scope, its activities, then the audit event.
import { toActivityDto } from "../../../lib/domain/plans/dto";
import { toIsoDate } from "../../../lib/domain/schedule/dates";
import type { Actor } from "./actor";
import { ACTIVITY_ROW_COLUMNS, audit, direct, rows } from "./db";
import { NotFound } from "./overview";

type Plan = {
  id: string;
  patientId: string;
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
  firstName: string;
  lastName: string;
  clinicianName: string;
};

export async function planApi(actor: Actor, planId: string) {
  if (actor.role !== "CLINICIAN") throw new NotFound(); // the benchmark reads plans as their clinician
  return direct(async (client) => {
    const [plan] = await rows<Plan>(
      client,
      `SELECT t."id", t."patientId", t."title", t."condition", t."icd10Code", t."goals", t."status"::text AS "status", t."startDate",
              t."reviewDate", t."plannedSessions", t."odiRequestedAt", t."version", p."firstName", p."lastName", u."name" AS "clinicianName"
         FROM "TreatmentPlan" t JOIN "Patient" p ON p."id" = t."patientId" JOIN "User" u ON u."id" = t."clinicianId"
        WHERE t."id" = $1 AND t."clinicId" = $2 AND p."clinicId" = $2 AND p."archivedAt" IS NULL
          AND EXISTS (SELECT 1 FROM "CareTeamMember" ct WHERE ct."patientId" = p."id" AND ct."clinicianId" = $3)`,
      [planId, actor.clinicId, actor.userId],
    );
    if (!plan) throw new NotFound();
    const activities = await rows<Parameters<typeof toActivityDto>[0]>(
      client,
      `SELECT ${ACTIVITY_ROW_COLUMNS} FROM "PlanActivity" a WHERE a."clinicId" = $1 AND a."planId" = $2 ORDER BY a."position"`,
      [actor.clinicId, plan.id],
    );
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
