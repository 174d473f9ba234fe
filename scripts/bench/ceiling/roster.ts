// GET /clinic?q=… — app/(clinic)/clinic/page.tsx: the roster (lib/domain/patients/
// list-care-team-patients.ts: reads, then its audit event, no transaction) and then the dashboard
// above it (lib/domain/sessions/list-sessions.ts getClinicianDashboard: reads, then its audit
// event, no transaction), then the overdue measures (lib/domain/measures/list-overdue-measures.ts),
// as the page runs them.
import {
  dashboardAlertPatients,
  dashboardTodaySessions,
  dashboardUnsignedNotes,
  rosterCount,
  rosterPageIds,
  rosterRows,
  rosterWhere,
  type DashboardSessionRow,
} from "../../../lib/db/statements/clinic";
import { toIsoDate, todayIn, addDays, zonedToUtc } from "../../../lib/domain/schedule/dates";
import type { Actor } from "./actor";
import { alertsForPatients } from "./alerts";
import { audit, direct, rows } from "./db";
import { overdueMeasures } from "./measures";

const PAGE_SIZE = 25;
// lib/domain/sessions/list-sessions.ts's caps.
const TODAY_SESSIONS_LIMIT = 100;
const UNSIGNED_NOTES_LIMIT = 50;
const ALERT_PATIENTS_LIMIT = 200;

async function roster(actor: Actor, q: string | undefined, page: number) {
  const today = todayIn(actor.timeZone);
  const where = rosterWhere("care-team", actor, { q }, today);
  return direct(async (client) => {
    const now = new Date();
    const ordered = await rows(client, rosterPageIds({ where, now, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }));
    const [{ count }] = (await rows(client, rosterCount({ where }))) as [{ count: number }];
    const ids = ordered.map((r) => r.id);
    const patients = ids.length ? await rows(client, rosterRows({ clinicId: actor.clinicId, userId: actor.userId, now, ids })) : [];
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

const toRow = (s: DashboardSessionRow) => ({
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
    const todaySessions = await rows(client, dashboardTodaySessions({ actor, scope: "care-team", from, to, limit: TODAY_SESSIONS_LIMIT + 1 }));
    const unsigned = await rows(client, dashboardUnsignedNotes({ actor, scope: "care-team", now: new Date(), limit: UNSIGNED_NOTES_LIMIT }));
    const withPlans = await rows(client, dashboardAlertPatients({ actor, scope: "care-team", limit: ALERT_PATIENTS_LIMIT + 1 }));
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
  const overdue = await direct((client) => overdueMeasures(client, actor, null));
  return { name: actor.name, ...list, dashboard: board, overdueMeasures: overdue };
}
