import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { PlanStatus } from "@/lib/db/generated/enums";
import { toIsoDate } from "@/lib/domain/schedule/dates";
import { notFound } from "@/lib/errors";
import { toActivityDto, type ActivityDto } from "./dto";

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

/**
 * One plan, for its patient's care team or (non-draft) for the patient. Otherwise NOT_FOUND.
 * Audited after the read succeeded (no transaction needed for that).
 */
export async function getPlan(actor: Actor, planId: string): Promise<PlanDto> {
  const patient = patientScope(actor, "plan:read");
  const ownOnly = actor.role === "PATIENT";
  const plan = await db().treatmentPlan.findFirst({
    where: {
      id: planId,
      clinicId: actor.clinicId,
      patient,
      ...(ownOnly ? { status: { in: PATIENT_VISIBLE_STATUSES } } : {}),
    },
    include: {
      patient: { select: { firstName: true, lastName: true } },
      clinician: { select: { name: true } },
      activities: {
        // clinicId leads the [clinicId, planId, position] index; by planId alone it is a scan.
        where: { clinicId: actor.clinicId, ...(ownOnly ? { status: { in: ["ACTIVE", "ON_HOLD", "COMPLETED"] } } : {}) },
        orderBy: { position: "asc" },
      },
    },
  });
  if (!plan) throw notFound("Plan");
  await recordAuditEvent(db(), { actor, action: "plan.read", entityType: "TreatmentPlan", entityId: plan.id, patientId: plan.patientId });
  return {
    id: plan.id,
    patientId: plan.patientId,
    patientName: `${plan.patient.firstName} ${plan.patient.lastName}`,
    clinicianName: plan.clinician.name,
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
    activities: plan.activities.map((a) => (ownOnly ? { ...toActivityDto(a), override: null } : toActivityDto(a))),
  };
}
