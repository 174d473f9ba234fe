import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { queryFirst } from "@/lib/db/run";
import { homePlan } from "@/lib/db/statements/portal";
import { openAsksWithDue } from "@/lib/domain/portal/asked-measures";
import { ownPatient } from "@/lib/domain/portal/own-patient";
import { myAsksFrom, type MyAsks } from "./from-rows";

export type { MyAsk, MyAsks } from "./from-rows";

/**
 * What the signed-in patient's active plan asks them to fill in now (decision 046), for Today.
 * Audited as a read of the patient's record. The statements are lib/db/statements' (the plan is
 * Today's own "Today: plan"), which the benchmark's ceiling sends too (decision 054).
 */
export async function listMyAsks(actor: Actor): Promise<MyAsks> {
  // No transaction (issue 18): reads, then the audit event once they succeeded, as Today's own
  // read does (getPatientHome); BEGIN and COMMIT were two more round trips on every Today.
  const patient = await ownPatient(db(), actor, "outcome:self-report");
  const plan = await queryFirst(db(), homePlan({ clinicId: actor.clinicId, patientId: patient.id }));
  const now = new Date();
  const asks = plan ? await openAsksWithDue(db(), plan.id, now) : [];
  await recordAuditEvent(db(), { actor, action: "portal.asks.read", entityType: "Patient", entityId: patient.id, patientId: patient.id });
  return myAsksFrom(plan, asks, patient.timeZone, now);
}
