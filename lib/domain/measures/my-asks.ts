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
  // No transaction (issue 18): reads, then the audit event once they succeeded, as Today's own
  // read does (getPatientHome); BEGIN and COMMIT were two more round trips on every Today.
  const patient = await ownPatient(db(), actor, "outcome:self-report");
  const [plan] = await db().$queryRaw<{ id: string; clinicianName: string }[]>`
    SELECT t."id", u."name" AS "clinicianName" FROM "TreatmentPlan" t JOIN "User" u ON u."id" = t."clinicianId"
     WHERE t."clinicId" = ${actor.clinicId} AND t."patientId" = ${patient.id} AND t."status" = 'ACTIVE'
     ORDER BY t."startDate" DESC
     LIMIT 1`;
  const now = new Date();
  const asks = plan ? await openAsksWithDue(db(), plan.id, now) : [];
  await recordAuditEvent(db(), { actor, action: "portal.asks.read", entityType: "Patient", entityId: patient.id, patientId: patient.id });
  if (!plan) return null;
  const today = todayIn(patient.timeZone, now);
  return {
    clinicianName: plan.clinicianName,
    asks: asks.map((a) => {
      const dueDate = a.dueDate ?? todayIn(patient.timeZone, a.askedAt);
      return { instrument: a.instrument, reason: a.reason, dueDate, overdue: dueDate < today };
    }),
  };
}
