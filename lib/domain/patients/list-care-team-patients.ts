import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { queryRows } from "@/lib/db/run";
import { rosterCount, rosterPageIds, rosterRows, rosterWhere } from "@/lib/db/statements/clinic";
import { todayIn, toIsoDate } from "@/lib/domain/schedule/dates";
import type { TRosterFilters } from "@/lib/validation/patients";
import type { CareTeamPatientRow } from "./dto";

export const ROSTER_PAGE_SIZE = 25;



/**
 * The clinician's care-team roster: search by name or date of birth, filter by plan status and
 * alert, sorted by next scheduled session (then name), paginated; three statements
 * (lib/db/statements/clinic.ts). Audited as one list read, written
 * after the reads succeeded (no transaction needed for that).
 */
export async function listCareTeamPatients(
  actor: Actor,
  filters: Partial<TRosterFilters> = {},
): Promise<{ rows: CareTeamPatientRow[]; total: number; page: number; pageSize: number }> {
  const scope = assertCan(actor, "plan:read");
  const page = Math.max(1, filters.page ?? 1);
  const today = todayIn(actor.timeZone);
  const where = rosterWhere(scope, actor, filters, today);
  const now = new Date();
  const ordered = await queryRows(db(), rosterPageIds({ where, now, limit: ROSTER_PAGE_SIZE, offset: (page - 1) * ROSTER_PAGE_SIZE }));
  const [{ count }] = (await queryRows(db(), rosterCount({ where }))) as [{ count: number }];
  const ids = ordered.map((r) => r.id);
  const patients = ids.length ? await queryRows(db(), rosterRows({ clinicId: actor.clinicId, userId: actor.userId, now, ids })) : [];
  await recordAuditEvent(db(), { actor, action: "patient.list", entityType: "Patient" });
  const byId = new Map(patients.map((p) => [p.id, p]));
  const rows = ids.flatMap((id): CareTeamPatientRow[] => {
    const p = byId.get(id);
    if (!p) return [];
    return [
      {
        id: p.id,
        name: `${p.firstName} ${p.lastName}`,
        dateOfBirth: toIsoDate(p.dateOfBirth),
        flags: p.contraindications,
        activePlan: p.planId && p.planTitle && p.planStatus ? { id: p.planId, title: p.planTitle, status: p.planStatus } : null,
        reviewDue: Boolean(p.reviewDate && p.planStatus !== "DRAFT" && toIsoDate(p.reviewDate) <= today),
        nextSession: p.nextSession ? { startsAt: p.nextSession.toISOString() } : null,
        isPrimary: p.isPrimary,
      },
    ];
  });
  return { rows, total: count, page, pageSize: ROSTER_PAGE_SIZE };
}
