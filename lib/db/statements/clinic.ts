// GET /clinic: the care-team roster (lib/domain/patients/list-care-team-patients.ts) and the
// clinician's dashboard above it (lib/domain/sessions/list-sessions.ts getClinicianDashboard).
import type { Contraindication, NoteStatus, SessionStatus } from "../generated/enums";
import { defineQuery } from "./define";
import { join, raw, sql, utcTimestamp, type Sql } from "./sql";
import { patientScopeCondition, type ScopeActor, type ScopeKind } from "./scope";

export type RosterFilters = {
  q?: string;
  planStatus?: "ACTIVE" | "ON_HOLD" | "DRAFT" | "NONE";
  alert?: "FLAGGED" | "REVIEW_DUE" | "OVERRIDE";
};

/** "1986-04-12" or "12/04/1986" → ISO date; anything else is a name search. */
function asDate(q: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(q);
  const dmy = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(q);
  const value = iso ? q : dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, "0")}-${dmy[1]!.padStart(2, "0")}` : null;
  return value && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : null;
}

/** The roster's WHERE on "Patient" p: the actor's scope, then the search and the filters. `today` is an ISO date. */
export function rosterWhere(scope: ScopeKind, actor: ScopeActor, filters: RosterFilters, today: string): Sql {
  const conditions: Sql[] = [sql`p."clinicId" = ${actor.clinicId}`, raw(`p."archivedAt" IS NULL`)];
  if (scope === "care-team") {
    conditions.push(sql`EXISTS (SELECT 1 FROM "CareTeamMember" ct WHERE ct."patientId" = p.id AND ct."clinicianId" = ${actor.userId})`);
  } else if (scope === "own") {
    conditions.push(sql`p.id = ${actor.patientId}`);
  }
  if (filters.q) {
    const date = asDate(filters.q);
    if (date) conditions.push(sql`p."dateOfBirth" = ${date}::date`);
    else {
      const like = `%${filters.q.replaceAll(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(sql`(p."firstName" || ' ' || p."lastName") ILIKE ${like}`);
    }
  }
  if (filters.planStatus === "NONE") {
    conditions.push(raw(`NOT EXISTS (SELECT 1 FROM "TreatmentPlan" t WHERE t."patientId" = p.id AND t.status::text IN ('ACTIVE', 'ON_HOLD', 'DRAFT'))`));
  } else if (filters.planStatus) {
    conditions.push(sql`EXISTS (SELECT 1 FROM "TreatmentPlan" t WHERE t."patientId" = p.id AND t.status::text = ${filters.planStatus})`);
  }
  if (filters.alert === "FLAGGED") conditions.push(raw(`cardinality(p.contraindications) > 0`));
  if (filters.alert === "REVIEW_DUE") {
    conditions.push(sql`EXISTS (SELECT 1 FROM "TreatmentPlan" t WHERE t."patientId" = p.id AND t.status::text IN ('ACTIVE', 'ON_HOLD') AND t."reviewDate" <= ${today}::date)`);
  }
  if (filters.alert === "OVERRIDE") {
    conditions.push(
      raw(`EXISTS (SELECT 1 FROM "PlanActivity" a JOIN "TreatmentPlan" t ON t.id = a."planId" WHERE t."patientId" = p.id AND t.status::text IN ('ACTIVE', 'ON_HOLD', 'DRAFT') AND a."overrideReason" IS NOT NULL AND a.status::text IN ('ACTIVE', 'ON_HOLD'))`),
    );
  }
  return join(conditions, " AND ");
}

/** One page of the roster's ids: sorted by next scheduled session (then name). */
export const rosterPageIds = defineQuery<{ id: string }, { where: Sql; now: Date; limit: number; offset: number }>(
  "roster: page",
  ({ where, now, limit, offset }) => sql`
    SELECT p.id FROM "Patient" p
    LEFT JOIN LATERAL (
      SELECT min(s."startsAt") AS next FROM "Session" s
      WHERE s."clinicId" = p."clinicId" AND s."patientId" = p.id AND s.status = 'SCHEDULED' AND s."startsAt" >= ${utcTimestamp(now)}
    ) ns ON true
    WHERE ${where}
    ORDER BY ns.next ASC NULLS LAST, p."lastName", p."firstName", p.id
    LIMIT ${limit} OFFSET ${offset}`,
);

export const rosterCount = defineQuery<{ count: number }, { where: Sql }>("roster: count", ({ where }) => sql`SELECT count(*)::int AS count FROM "Patient" p WHERE ${where}`);

/**
 * The page's rows in one statement: the plan in force (active, then on hold, then a draft; the
 * latest start first), the next scheduled session and whether the actor is the primary clinician.
 */
export const rosterRows = defineQuery<
  {
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
  },
  { clinicId: string; userId: string; now: Date; ids: readonly string[] }
>(
  "roster: rows",
  ({ clinicId, userId, now, ids }) => sql`
        SELECT p.id, p."firstName", p."lastName", p."dateOfBirth", p.contraindications::text[] AS contraindications,
               coalesce(ct."isPrimary", false) AS "isPrimary",
               pl.id AS "planId", pl.title AS "planTitle", pl.status AS "planStatus", pl."reviewDate",
               ns."startsAt" AS "nextSession"
          FROM "Patient" p
          LEFT JOIN "CareTeamMember" ct ON ct."patientId" = p.id AND ct."clinicianId" = ${userId}
          LEFT JOIN LATERAL (
            SELECT t.id, t.title, t.status::text AS status, t."reviewDate" FROM "TreatmentPlan" t
             WHERE t."clinicId" = ${clinicId} AND t."patientId" = p.id AND t.status IN ('ACTIVE', 'ON_HOLD', 'DRAFT')
             ORDER BY CASE t.status WHEN 'ACTIVE' THEN 0 WHEN 'ON_HOLD' THEN 1 ELSE 2 END, t."startDate" DESC, t.id
             LIMIT 1
          ) pl ON true
          LEFT JOIN LATERAL (
            SELECT s."startsAt" FROM "Session" s
             WHERE s."clinicId" = ${clinicId} AND s."patientId" = p.id AND s.status = 'SCHEDULED' AND s."startsAt" >= ${utcTimestamp(now)}
             ORDER BY s."startsAt"
             LIMIT 1
          ) ns ON true
         WHERE p."clinicId" = ${clinicId} AND p.id = ANY(${ids})`,
);

/** A dashboard session row: enums as text, the patient's name and the plan's title joined in. */
export type DashboardSessionRow = {
  id: string;
  startsAt: Date;
  durationMin: number;
  status: SessionStatus;
  noteStatus: NoteStatus;
  patientId: string;
  patientName: string;
  planId: string;
  planTitle: string;
};

/** The columns of "Session" s joined to its "Patient" p and "TreatmentPlan" t that make a DashboardSessionRow. */
const DASHBOARD_SESSION_COLUMNS = raw(`s."id", s."startsAt", s."durationMin", s."status"::text AS "status", s."noteStatus"::text AS "noteStatus",
  s."patientId", p."firstName" || ' ' || p."lastName" AS "patientName", s."planId", t."title" AS "planTitle"`);

type Dashboard = { actor: ScopeActor; scope: ScopeKind };

/** The clinician's own sessions between `from` and `to` (the clinic's day), of patients in scope. */
export const dashboardTodaySessions = defineQuery<DashboardSessionRow, Dashboard & { from: Date; to: Date; limit: number }>(
  "dashboard: today's sessions",
  ({ actor, scope, from, to, limit }) => sql`
    SELECT ${DASHBOARD_SESSION_COLUMNS}
      FROM "Session" s JOIN "Patient" p ON p."id" = s."patientId" JOIN "TreatmentPlan" t ON t."id" = s."planId"
     WHERE s."clinicId" = ${actor.clinicId} AND s."clinicianId" = ${actor.userId}
       AND s."startsAt" >= ${utcTimestamp(from)} AND s."startsAt" < ${utcTimestamp(to)} AND ${patientScopeCondition(scope, actor, "p")}
     ORDER BY s."startsAt", s."id"
     LIMIT ${limit}`,
);

/** The oldest unsigned notes with the total of them in the same statement (a window count). */
export const dashboardUnsignedNotes = defineQuery<DashboardSessionRow & { total: number }, Dashboard & { now: Date; limit: number }>(
  "dashboard: unsigned notes",
  ({ actor, scope, now, limit }) => sql`
    SELECT ${DASHBOARD_SESSION_COLUMNS}, count(*) OVER ()::int AS "total"
      FROM "Session" s JOIN "Patient" p ON p."id" = s."patientId" JOIN "TreatmentPlan" t ON t."id" = s."planId"
     WHERE s."clinicId" = ${actor.clinicId} AND s."clinicianId" = ${actor.userId} AND s."noteStatus" = 'DRAFT'
       AND s."status" IN ('SCHEDULED', 'COMPLETED') AND s."startsAt" < ${utcTimestamp(now)} AND ${patientScopeCondition(scope, actor, "p")}
     ORDER BY s."startsAt", s."id"
     LIMIT ${limit}`,
);

/** Patients in scope with an active plan, by name: whose alerts the dashboard computes. */
export const dashboardAlertPatients = defineQuery<{ id: string; name: string }, Dashboard & { limit: number }>(
  "dashboard: patients with a plan",
  ({ actor, scope, limit }) => sql`
    SELECT p."id", p."firstName" || ' ' || p."lastName" AS "name"
      FROM "Patient" p
     WHERE ${patientScopeCondition(scope, actor, "p")}
       AND EXISTS (SELECT 1 FROM "TreatmentPlan" t WHERE t."clinicId" = ${actor.clinicId} AND t."patientId" = p."id" AND t."status" = 'ACTIVE')
     ORDER BY p."lastName", p."firstName", p."id"
     LIMIT ${limit}`,
);
