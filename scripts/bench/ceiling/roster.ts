// GET /clinic?q=… — app/(clinic)/clinic/page.tsx: the roster (lib/domain/patients/
// list-care-team-patients.ts: reads, then its audit event, no transaction) and then the dashboard
// above it (lib/domain/sessions/list-sessions.ts getClinicianDashboard: reads, then its audit
// event, no transaction), as the page runs them.
import { toIsoDate, todayIn, addDays, zonedToUtc } from "../../../lib/domain/schedule/dates";
import type { Actor } from "./actor";
import { alertsForPatients } from "./alerts";
import { audit, direct, rows, ts } from "./db";

const PAGE_SIZE = 25;
// lib/domain/sessions/list-sessions.ts's caps.
const TODAY_SESSIONS_LIMIT = 100;
const UNSIGNED_NOTES_LIMIT = 50;
const ALERT_PATIENTS_LIMIT = 200;
/** lib/auth/scope.ts patientScopeSql(actor, "session:read", "p") for a clinician: the care team. */
const CARE_TEAM = `"p"."clinicId" = $1 AND "p"."archivedAt" IS NULL AND EXISTS (SELECT 1 FROM "CareTeamMember" ct WHERE ct."patientId" = "p"."id" AND ct."clinicianId" = $2)`;

function asDate(q: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(q);
  const dmy = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(q);
  const value = iso ? q : dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, "0")}-${dmy[1]!.padStart(2, "0")}` : null;
  return value && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : null;
}

async function roster(actor: Actor, q: string | undefined, page: number) {
  const today = todayIn(actor.timeZone);
  const values: unknown[] = [actor.clinicId, actor.userId];
  let where = `p."clinicId" = $1 AND p."archivedAt" IS NULL AND EXISTS (SELECT 1 FROM "CareTeamMember" ct WHERE ct."patientId" = p.id AND ct."clinicianId" = $2)`;
  if (q) {
    const date = asDate(q);
    values.push(date ?? `%${q.replaceAll(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where += date ? ` AND p."dateOfBirth" = $3::date` : ` AND (p."firstName" || ' ' || p."lastName") ILIKE $3`;
  }
  return direct(async (client) => {
    const now = ts(new Date());
    values.push(now);
    const nowParam = utc(values.length);
    const ordered = await rows<{ id: string }>(
      client,
      `SELECT p.id FROM "Patient" p
       LEFT JOIN LATERAL (
         SELECT min(s."startsAt") AS next FROM "Session" s
         WHERE s."clinicId" = p."clinicId" AND s."patientId" = p.id AND s.status = 'SCHEDULED' AND s."startsAt" >= ${nowParam}
       ) ns ON true
       WHERE ${where}
       ORDER BY ns.next ASC NULLS LAST, p."lastName", p."firstName", p.id
       LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, PAGE_SIZE, (page - 1) * PAGE_SIZE],
    );
    // The count does not use the time: the same WHERE with the filters' values only.
    const [{ count }] = (await rows<{ count: number }>(client, `SELECT count(*)::int AS count FROM "Patient" p WHERE ${where}`, values.slice(0, -1))) as [{ count: number }];
    const ids = ordered.map((r) => r.id);
    const patients = ids.length
      ? await rows<{
          id: string;
          firstName: string;
          lastName: string;
          dateOfBirth: Date;
          contraindications: string[];
          isPrimary: boolean;
          planId: string | null;
          planTitle: string | null;
          planStatus: string | null;
          reviewDate: Date | null;
          nextSession: Date | null;
        }>(
          client,
          `SELECT p.id, p."firstName", p."lastName", p."dateOfBirth", p.contraindications::text[] AS contraindications,
                  coalesce(ct."isPrimary", false) AS "isPrimary",
                  pl.id AS "planId", pl.title AS "planTitle", pl.status AS "planStatus", pl."reviewDate",
                  ns."startsAt" AS "nextSession"
             FROM "Patient" p
             LEFT JOIN "CareTeamMember" ct ON ct."patientId" = p.id AND ct."clinicianId" = $1
             LEFT JOIN LATERAL (
               SELECT t.id, t.title, t.status::text AS status, t."reviewDate" FROM "TreatmentPlan" t
                WHERE t."clinicId" = $2 AND t."patientId" = p.id AND t.status IN ('ACTIVE', 'ON_HOLD', 'DRAFT')
                ORDER BY CASE t.status WHEN 'ACTIVE' THEN 0 WHEN 'ON_HOLD' THEN 1 ELSE 2 END, t."startDate" DESC, t.id
                LIMIT 1
             ) pl ON true
             LEFT JOIN LATERAL (
               SELECT s."startsAt" FROM "Session" s
                WHERE s."clinicId" = $2 AND s."patientId" = p.id AND s.status = 'SCHEDULED' AND s."startsAt" >= ${utc(3)}
                ORDER BY s."startsAt"
                LIMIT 1
             ) ns ON true
            WHERE p."clinicId" = $2 AND p.id = ANY($4)`,
          [actor.userId, actor.clinicId, now, ids],
        )
      : [];
    await audit(client, actor, { action: "patient.list", entityType: "Patient" });
    const byId = new Map(patients.map((p) => [p.id, p]));
    const result = ids.flatMap((id) => {
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
    return { rows: result, total: count, page, pageSize: PAGE_SIZE };
  });
}

type SessionRow = { id: string; startsAt: Date; durationMin: number; status: string; noteStatus: string; patientId: string; patientName: string; planId: string; planTitle: string };

/** lib/domain/sessions/list-sessions.ts: a session with its patient's name and its plan's title, one statement. */
const SESSION_COLUMNS = `s."id", s."startsAt", s."durationMin", s."status"::text AS "status", s."noteStatus"::text AS "noteStatus",
  s."patientId", p."firstName" || ' ' || p."lastName" AS "patientName", s."planId", t."title" AS "planTitle"`;
const SESSION_FROM = `"Session" s JOIN "Patient" p ON p."id" = s."patientId" JOIN "TreatmentPlan" t ON t."id" = s."planId"`;
/** A timestamp(3) parameter as lib/db/sql.ts utcTimestamp() sends it. */
const utc = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`;
const toRow = (s: SessionRow) => ({
  id: s.id,
  startsAt: s.startsAt.toISOString(),
  durationMin: s.durationMin,
  status: s.status,
  noteStatus: s.noteStatus,
  patientId: s.patientId,
  patientName: s.patientName,
  planId: s.planId,
  planTitle: s.planTitle,
});

async function dashboard(actor: Actor) {
  const today = todayIn(actor.timeZone);
  const from = zonedToUtc(today, "00:00", actor.timeZone);
  const to = zonedToUtc(addDays(today, 1), "00:00", actor.timeZone);
  return direct(async (client) => {
    const todaySessions = await rows<SessionRow>(
      client,
      `SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM}
        WHERE s."clinicId" = $1 AND s."clinicianId" = $2 AND s."startsAt" >= ${utc(3)} AND s."startsAt" < ${utc(4)} AND ${CARE_TEAM}
        ORDER BY s."startsAt", s."id" LIMIT $5`,
      [actor.clinicId, actor.userId, from.toISOString(), to.toISOString(), TODAY_SESSIONS_LIMIT + 1],
    );
    const unsigned = await rows<SessionRow & { total: number }>(
      client,
      `SELECT ${SESSION_COLUMNS}, count(*) OVER ()::int AS "total" FROM ${SESSION_FROM}
        WHERE s."clinicId" = $1 AND s."clinicianId" = $2 AND s."noteStatus" = 'DRAFT'
          AND s."status" IN ('SCHEDULED', 'COMPLETED') AND s."startsAt" < ${utc(3)} AND ${CARE_TEAM}
        ORDER BY s."startsAt", s."id" LIMIT $4`,
      [actor.clinicId, actor.userId, new Date().toISOString(), UNSIGNED_NOTES_LIMIT],
    );
    const withPlans = await rows<{ id: string; name: string }>(
      client,
      `SELECT p."id", p."firstName" || ' ' || p."lastName" AS "name" FROM "Patient" p
        WHERE ${CARE_TEAM}
          AND EXISTS (SELECT 1 FROM "TreatmentPlan" t WHERE t."clinicId" = $1 AND t."patientId" = p."id" AND t."status" = 'ACTIVE')
        ORDER BY p."lastName", p."firstName", p."id" LIMIT $3`,
      [actor.clinicId, actor.userId, ALERT_PATIENTS_LIMIT + 1],
    );
    const alertPatients = withPlans.slice(0, ALERT_PATIENTS_LIMIT);
    const alertsOf = await alertsForPatients(client, actor.clinicId, alertPatients.map((p) => p.id), actor.timeZone);
    const alerts = alertPatients.flatMap((p) => (alertsOf.get(p.id) ?? []).map((alert) => ({ ...alert, patientId: p.id, patientName: p.name })));
    await audit(client, actor, { action: "dashboard.read", entityType: "Patient" });
    return {
      today,
      todaySessions: todaySessions.slice(0, TODAY_SESSIONS_LIMIT).map(toRow),
      unsignedNotes: unsigned.map(toRow),
      unsignedTotal: unsigned[0]?.total ?? 0,
      alerts,
      capped: { todaySessions: todaySessions.length > TODAY_SESSIONS_LIMIT, alertPatients: withPlans.length > ALERT_PATIENTS_LIMIT },
    };
  });
}

export async function rosterPage(actor: Actor, query: URLSearchParams) {
  const q = query.get("q")?.trim().slice(0, 100) || undefined;
  const page = Math.min(10_000, Math.max(1, Number.parseInt(query.get("page") ?? "1", 10) || 1));
  const list = await roster(actor, q, page);
  const board = await dashboard(actor);
  return { name: actor.name, ...list, dashboard: board };
}
