import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import type { Contraindication } from "@/lib/db/generated/enums";
import { utcTimestamp } from "@/lib/db/sql";
import { todayIn, toIsoDate } from "@/lib/domain/schedule/dates";
import type { TRosterFilters } from "@/lib/validation/patients";
import type { CareTeamPatientRow } from "./dto";

export const ROSTER_PAGE_SIZE = 25;

type RosterRow = {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: Date;
  contraindications: Contraindication[];
  isPrimary: boolean;
  planId: string | null;
  planTitle: string | null;
  planStatus: "ACTIVE" | "ON_HOLD" | "DRAFT" | null;
  reviewDate: Date | null;
  nextSession: Date | null;
};

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

  const now = utcTimestamp(new Date());
  const ordered = await db().$queryRaw<{ id: string }[]>`
    SELECT p.id FROM "Patient" p
    LEFT JOIN LATERAL (
      SELECT min(s."startsAt") AS next FROM "Session" s
      WHERE s."clinicId" = p."clinicId" AND s."patientId" = p.id AND s.status = 'SCHEDULED' AND s."startsAt" >= ${now}
    ) ns ON true
    WHERE ${where}
    ORDER BY ns.next ASC NULLS LAST, p."lastName", p."firstName", p.id
    LIMIT ${ROSTER_PAGE_SIZE} OFFSET ${(page - 1) * ROSTER_PAGE_SIZE}`;
  const [{ count }] = await db().$queryRaw<[{ count: number }]>`SELECT count(*)::int AS count FROM "Patient" p WHERE ${where}`;
  const ids = ordered.map((r) => r.id);
  // The page's rows in one statement: the plan in force (active, then on hold, then a draft; the
  // latest start first), the next scheduled session and whether the actor is the primary clinician.
  const patients = ids.length
    ? await db().$queryRaw<RosterRow[]>`
        SELECT p.id, p."firstName", p."lastName", p."dateOfBirth", p.contraindications::text[] AS contraindications,
               coalesce(ct."isPrimary", false) AS "isPrimary",
               pl.id AS "planId", pl.title AS "planTitle", pl.status AS "planStatus", pl."reviewDate",
               ns."startsAt" AS "nextSession"
          FROM "Patient" p
          LEFT JOIN "CareTeamMember" ct ON ct."patientId" = p.id AND ct."clinicianId" = ${actor.userId}
          LEFT JOIN LATERAL (
            SELECT t.id, t.title, t.status::text AS status, t."reviewDate" FROM "TreatmentPlan" t
             WHERE t."clinicId" = ${actor.clinicId} AND t."patientId" = p.id AND t.status IN ('ACTIVE', 'ON_HOLD', 'DRAFT')
             ORDER BY CASE t.status WHEN 'ACTIVE' THEN 0 WHEN 'ON_HOLD' THEN 1 ELSE 2 END, t."startDate" DESC, t.id
             LIMIT 1
          ) pl ON true
          LEFT JOIN LATERAL (
            SELECT s."startsAt" FROM "Session" s
             WHERE s."clinicId" = ${actor.clinicId} AND s."patientId" = p.id AND s.status = 'SCHEDULED' AND s."startsAt" >= ${now}
             ORDER BY s."startsAt"
             LIMIT 1
          ) ns ON true
         WHERE p."clinicId" = ${actor.clinicId} AND p.id = ANY(${ids})`
    : [];
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
