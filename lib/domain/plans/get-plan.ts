import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScopeSql } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import type { PlanStatus } from "@/lib/db/generated/enums";
import { toIsoDate } from "@/lib/domain/schedule/dates";
import { ACTIVITY_ROW_COLUMNS } from "./activity-rows";
import { toActivityDto, type ActivityDto, type ActivityRow } from "./dto";
import { refusedRecord } from "@/lib/audit/refused-access";

/** Statuses a patient may see: never drafts, cancelled or entered-in-error plans. */
export const PATIENT_VISIBLE_STATUSES: PlanStatus[] = ["ACTIVE", "ON_HOLD", "COMPLETED"];

export type PlanDto = {
  id: string;
  patientId: string;
  patientName: string;
  clinicianName: string;
  title: string;
  condition: string;
  icd10Code: string | null;
  goals: string;
  status: PlanStatus;
  startDate: string;
  reviewDate: string | null;
  plannedSessions: number;
  /** An ODI the care team asked the patient to fill in at home, still open. */
  odiRequestedAt: string | null;
  version: number;
  activities: ActivityDto[];
};

type PlanRow = {
  id: string;
  patientId: string;
  title: string;
  condition: string;
  icd10Code: string | null;
  goals: string;
  status: PlanStatus;
  startDate: Date;
  reviewDate: Date | null;
  plannedSessions: number;
  odiRequestedAt: Date | null;
  version: number;
  firstName: string;
  lastName: string;
  clinicianName: string;
};

/**
 * One plan, for its patient's care team or (non-draft) for the patient. Otherwise NOT_FOUND.
 * Audited after the read succeeded (no transaction needed for that). Written in SQL, two
 * statements: the API's hottest read, and Prisma's findFirst with three relations cost ~4 ms of
 * CPU per call (it compiles every call to a query plan) against ~0.9 ms for these.
 */
export async function getPlan(actor: Actor, planId: string): Promise<PlanDto> {
  const scope = patientScopeSql(actor, "plan:read", "p");
  const ownOnly = actor.role === "PATIENT";
  const [plan] = await db().$queryRaw<PlanRow[]>`
    SELECT t."id", t."patientId", t."title", t."condition", t."icd10Code", t."goals", t."status"::text AS "status", t."startDate",
           t."reviewDate", t."plannedSessions", t."odiRequestedAt", t."version", p."firstName", p."lastName", u."name" AS "clinicianName"
      FROM "TreatmentPlan" t
      JOIN "Patient" p ON p."id" = t."patientId"
      JOIN "User" u ON u."id" = t."clinicianId"
     WHERE t."id" = ${planId} AND t."clinicId" = ${actor.clinicId} AND ${scope}
       ${ownOnly ? Prisma.sql`AND t."status"::text IN (${Prisma.join(PATIENT_VISIBLE_STATUSES)})` : Prisma.empty}`;
  if (!plan) throw await refusedRecord(actor, { entityType: "TreatmentPlan", entityId: planId, what: "Plan" });
  const activities = await db().$queryRaw<ActivityRow[]>`
    SELECT ${ACTIVITY_ROW_COLUMNS} FROM "PlanActivity" a
     WHERE a."clinicId" = ${actor.clinicId} AND a."planId" = ${plan.id}
       ${ownOnly ? Prisma.sql`AND a."status"::text IN ('ACTIVE', 'ON_HOLD', 'COMPLETED')` : Prisma.empty}
     ORDER BY a."position"`;
  await recordAuditEvent(db(), { actor, action: "plan.read", entityType: "TreatmentPlan", entityId: plan.id, patientId: plan.patientId });
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
    // Override reasons are the care team's clinical reasoning, not part of the patient's view.
    activities: activities.map((a) => (ownOnly ? { ...toActivityDto(a), override: null, guidelineOverride: null } : toActivityDto(a))),
  };
}
