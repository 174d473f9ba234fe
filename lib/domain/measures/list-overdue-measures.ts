import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { queryRows } from "@/lib/db/run";
import { measureClaims, measureResponses, overdueEntries } from "@/lib/db/statements/measures";
import { AppError } from "@/lib/errors";
import { overdueFromRows, type OverdueMeasure } from "./from-rows";

export type { OverdueMeasure } from "./from-rows";

/**
 * The scheduled measures overdue on the active plans of the actor's care-team patients (or of
 * one patient), oldest first (decision 046). Four statements whatever the number of plans: the
 * entries in force, the responses and claims of their plans, and the audit event. The statements
 * are lib/db/statements/measures.ts's and the rules lib/domain/measures/from-rows.ts's, which the
 * benchmark's ceiling runs too (decision 054).
 */
export async function listOverdueMeasures(actor: Actor, opts: { patientId?: string } = {}): Promise<OverdueMeasure[]> {
  const scope = assertCan(actor, "outcome:read");
  // The schedule is the care team's working list; the patient sees what is asked of them on Today.
  if (actor.role === "PATIENT") throw new AppError("FORBIDDEN", "Not available in the patient portal.");
  const entries = await queryRows(db(), overdueEntries({ actor, scope, patientId: opts.patientId ?? null }));
  const planIds = [...new Set(entries.map((r) => r.planId))];
  const instruments = [...new Set(entries.map((r) => r.instrument))];
  // The responses and the claims side by side: two round trips become one on every roster and overview.
  const [responses, claims] = planIds.length
    ? await Promise.all([
        queryRows(db(), measureResponses({ clinicId: actor.clinicId, planIds, instruments })),
        queryRows(db(), measureClaims({ clinicId: actor.clinicId, scheduleIds: entries.map((r) => r.id) })),
      ])
    : [[], []];
  await recordAuditEvent(db(), { actor, action: "dashboard.measures_overdue.read", entityType: "Patient", entityId: opts.patientId ?? null, patientId: opts.patientId ?? null });
  return overdueFromRows(entries, responses, claims, new Date());
}
