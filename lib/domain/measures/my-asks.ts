import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { Instrument } from "@/lib/db/generated/enums";
import { openAsksWithDue } from "@/lib/domain/portal/asked-measures";
import { ownPatient } from "@/lib/domain/portal/own-patient";
import { todayIn, type IsoDate } from "@/lib/domain/schedule/dates";

export type MyAsk = { instrument: Instrument; reason: "requested" | "scheduled"; dueDate: IsoDate; overdue: boolean };
export type MyAsks = { clinicianName: string; asks: MyAsk[] } | null;

/**
 * What the signed-in patient's active plan asks them to fill in now (decision 046), for Today.
 * Audited as a read of the patient's record.
 */
export async function listMyAsks(actor: Actor): Promise<MyAsks> {
  return db().$transaction(async (tx) => {
    const patient = await ownPatient(tx, actor, "outcome:self-report");
    const plan = await tx.treatmentPlan.findFirst({
      where: { clinicId: actor.clinicId, patientId: patient.id, status: "ACTIVE" },
      orderBy: { startDate: "desc" },
      select: { id: true, clinician: { select: { name: true } } },
    });
    await recordAuditEvent(tx, { actor, action: "portal.asks.read", entityType: "Patient", entityId: patient.id, patientId: patient.id });
    if (!plan) return null;
    const now = new Date();
    const today = todayIn(patient.timeZone, now);
    const asks = await openAsksWithDue(tx, plan.id, now);
    return {
      clinicianName: plan.clinician.name,
      asks: asks.map((a) => {
        const dueDate = a.dueDate ?? todayIn(patient.timeZone, a.askedAt);
        return { instrument: a.instrument, reason: a.reason, dueDate, overdue: dueDate < today };
      }),
    };
  });
}
