import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { refusedRecord } from "@/lib/audit/refused-access";
import { db } from "@/lib/db";
import { queryFirst } from "@/lib/db/run";
import { portalAccess } from "@/lib/db/statements/patients";
import type { PortalAccessStatus } from "./dto";
import { portalStatusFromRow } from "./portal-status";

/**
 * Whether a patient can use the patient app (decision 034): not invited, invited (until when),
 * invitation expired, active or deactivated account. For those who may invite them: the care team
 * or the clinic's admin; anyone else gets 404. No clinical data, so not audited as a read. One
 * statement (lib/db/statements/patients.ts, which the benchmark's ceiling sends too).
 */
export async function getPortalAccess(actor: Actor, patientId: string): Promise<PortalAccessStatus> {
  const scope = assertCan(actor, "patient:invite");
  const row = await queryFirst(db(), portalAccess({ patientId, actor, scope }));
  if (!row) throw await refusedRecord(actor, { entityType: "Patient", entityId: patientId, what: "Patient" });
  return portalStatusFromRow(row, new Date());
}
