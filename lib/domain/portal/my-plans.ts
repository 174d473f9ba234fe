import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { PlanStatus } from "@/lib/db/generated/enums";
import { PATIENT_VISIBLE_STATUSES } from "@/lib/domain/plans/get-plan";
import { toIsoDate } from "@/lib/domain/schedule/dates";
import { ownPatient } from "./own-patient";

export type MyPlanRow = { id: string; title: string; status: PlanStatus; clinicianName: string; startDate: string; reviewDate: string | null };

/** The patient's plans they may see (active and on hold first, then completed), newest first. Audited. */
export async function listMyPlans(actor: Actor): Promise<MyPlanRow[]> {
  return db().$transaction(async (tx) => {
    const patient = await ownPatient(tx, actor, "plan:read");
    const plans = await tx.treatmentPlan.findMany({
      where: { clinicId: actor.clinicId, patientId: patient.id, status: { in: PATIENT_VISIBLE_STATUSES } },
      orderBy: [{ status: "asc" }, { startDate: "desc" }],
      // A patient has a handful of plans over the years; 100 is far beyond any real history.
      take: 100,
      select: { id: true, title: true, status: true, startDate: true, reviewDate: true, clinician: { select: { name: true } } },
    });
    await recordAuditEvent(tx, { actor, action: "portal.plans.read", entityType: "Patient", entityId: patient.id, patientId: patient.id });
    return plans.map((p) => ({
      id: p.id,
      title: p.title,
      status: p.status,
      clinicianName: p.clinician.name,
      startDate: toIsoDate(p.startDate),
      reviewDate: p.reviewDate ? toIsoDate(p.reviewDate) : null,
    }));
  });
}
