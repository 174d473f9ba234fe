import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { todayIn, toIsoDate } from "@/lib/domain/schedule/dates";
import type { TRosterFilters } from "@/lib/validation/patients";
import type { CareTeamPatientRow } from "./dto";

export const ROSTER_PAGE_SIZE = 25;
const OPEN_PLAN = ["ACTIVE", "ON_HOLD", "DRAFT"] as const;

/** "1986-04-12" or "12/04/1986" → ISO date; anything else is a name search. */
function asDate(q: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(q);
  const dmy = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(q);
  const value = iso ? q : dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, "0")}-${dmy[1]!.padStart(2, "0")}` : null;
  return value && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : null;
}

/**
 * The clinician's care-team roster: search by name or date of birth, filter by plan status and
 * alert, sorted by next scheduled session (then name), paginated. Audited as one list read, written
 * after the reads succeeded (no transaction needed for that).
 */
export async function listCareTeamPatients(
  actor: Actor,
  filters: Partial<TRosterFilters> = {},
): Promise<{ rows: CareTeamPatientRow[]; total: number; page: number; pageSize: number }> {
  const scope = assertCan(actor, "plan:read");
  const page = Math.max(1, filters.page ?? 1);
  const today = todayIn(actor.timeZone);
  const conditions: Prisma.Sql[] = [Prisma.sql`p."clinicId" = ${actor.clinicId}`, Prisma.sql`p."archivedAt" IS NULL`];
  if (scope === "care-team") {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "CareTeamMember" ct WHERE ct."patientId" = p.id AND ct."clinicianId" = ${actor.userId})`);
  } else if (scope === "own") {
    conditions.push(Prisma.sql`p.id = ${actor.patientId}`);
  }
  if (filters.q) {
    const date = asDate(filters.q);
    if (date) conditions.push(Prisma.sql`p."dateOfBirth" = ${date}::date`);
    else {
      const like = `%${filters.q.replaceAll(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(Prisma.sql`(p."firstName" || ' ' || p."lastName") ILIKE ${like}`);
    }
  }
  if (filters.planStatus === "NONE") {
    conditions.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM "TreatmentPlan" t WHERE t."patientId" = p.id AND t.status::text IN ('ACTIVE', 'ON_HOLD', 'DRAFT'))`);
  } else if (filters.planStatus) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "TreatmentPlan" t WHERE t."patientId" = p.id AND t.status::text = ${filters.planStatus})`);
  }
  if (filters.alert === "FLAGGED") conditions.push(Prisma.sql`cardinality(p.contraindications) > 0`);
  if (filters.alert === "REVIEW_DUE") {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "TreatmentPlan" t WHERE t."patientId" = p.id AND t.status::text IN ('ACTIVE', 'ON_HOLD') AND t."reviewDate" <= ${today}::date)`);
  }
  if (filters.alert === "OVERRIDE") {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "PlanActivity" a JOIN "TreatmentPlan" t ON t.id = a."planId" WHERE t."patientId" = p.id AND t.status::text IN ('ACTIVE', 'ON_HOLD', 'DRAFT') AND a."overrideReason" IS NOT NULL AND a.status::text IN ('ACTIVE', 'ON_HOLD'))`);
  }
  const where = Prisma.join(conditions, " AND ");

  const ordered = await db().$queryRaw<{ id: string }[]>`
    SELECT p.id FROM "Patient" p
    LEFT JOIN LATERAL (
      SELECT min(s."startsAt") AS next FROM "Session" s
      WHERE s."clinicId" = p."clinicId" AND s."patientId" = p.id AND s.status = 'SCHEDULED' AND s."startsAt" >= now()
    ) ns ON true
    WHERE ${where}
    ORDER BY ns.next ASC NULLS LAST, p."lastName", p."firstName", p.id
    LIMIT ${ROSTER_PAGE_SIZE} OFFSET ${(page - 1) * ROSTER_PAGE_SIZE}`;
  const [{ count }] = await db().$queryRaw<[{ count: number }]>`SELECT count(*)::int AS count FROM "Patient" p WHERE ${where}`;
  const ids = ordered.map((r) => r.id);
  const now = new Date();
  const patients = await db().patient.findMany({
    where: { clinicId: actor.clinicId, id: { in: ids } },
    select: {
      id: true,
      firstName: true,
      lastName: true,
      dateOfBirth: true,
      contraindications: true,
      careTeam: { where: { clinicianId: actor.userId }, select: { isPrimary: true } },
      // clinicId in every relation filter: it leads the composite indexes ([clinicId, patientId, …]),
      // without it these scan a whole table (the sessions one took ~190 ms on the scale data).
      plans: { where: { clinicId: actor.clinicId, status: { in: [...OPEN_PLAN] } }, orderBy: { startDate: "desc" }, select: { id: true, title: true, status: true, reviewDate: true } },
      sessions: { where: { clinicId: actor.clinicId, status: "SCHEDULED", startsAt: { gte: now } }, orderBy: { startsAt: "asc" }, take: 1, select: { startsAt: true } },
    },
  });
  await recordAuditEvent(db(), { actor, action: "patient.list", entityType: "Patient" });
  const byId = new Map(patients.map((p) => [p.id, p]));
  const rows = ids.flatMap((id): CareTeamPatientRow[] => {
    const p = byId.get(id);
    if (!p) return [];
    // The plan in force first: active, then on hold, then a draft.
    const plan = OPEN_PLAN.map((status) => p.plans.find((pl) => pl.status === status)).find(Boolean);
    return [
      {
        id: p.id,
        name: `${p.firstName} ${p.lastName}`,
        dateOfBirth: toIsoDate(p.dateOfBirth),
        flags: p.contraindications,
        activePlan: plan ? { id: plan.id, title: plan.title, status: plan.status } : null,
        reviewDue: Boolean(plan?.reviewDate && plan.status !== "DRAFT" && toIsoDate(plan.reviewDate) <= today),
        nextSession: p.sessions[0] ? { startsAt: p.sessions[0].startsAt.toISOString() } : null,
        isPrimary: p.careTeam[0]?.isPrimary ?? false,
      },
    ];
  });
  return { rows, total: count, page, pageSize: ROSTER_PAGE_SIZE };
}
