import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { queryRows } from "@/lib/db/run";
import { dashboardAlertPatients, dashboardTodaySessions, dashboardUnsignedNotes, type DashboardSessionRow } from "@/lib/db/statements/clinic";
import type { NoteStatus, SessionStatus } from "@/lib/db/generated/enums";
import { alertsForPatients } from "@/lib/domain/progress/care-team-alerts";
import type { Alert } from "@/lib/domain/progress/rules";
import { addDays, todayIn, zonedToUtc } from "@/lib/domain/schedule/dates";
import { parseInput } from "@/lib/validation/parse";
import { ZWeekStart } from "@/lib/validation/sessions";

/** A session as the lists show it: the dashboard statement's row, its start as ISO text. */
export type SessionRow = Omit<DashboardSessionRow, "startsAt"> & { startsAt: string };

const rowSelect = {
  id: true,
  startsAt: true,
  durationMin: true,
  status: true,
  noteStatus: true,
  patientId: true,
  planId: true,
  patient: { select: { firstName: true, lastName: true } },
  plan: { select: { title: true } },
} as const;

type Selected = { id: string; startsAt: Date; durationMin: number; status: SessionStatus; noteStatus: NoteStatus; patientId: string; planId: string; patient: { firstName: string; lastName: string }; plan: { title: string } };
const toRow = (s: Selected): SessionRow => ({
  id: s.id,
  startsAt: s.startsAt.toISOString(),
  durationMin: s.durationMin,
  status: s.status,
  noteStatus: s.noteStatus,
  patientId: s.patientId,
  patientName: `${s.patient.firstName} ${s.patient.lastName}`,
  planId: s.planId,
  planTitle: s.plan.title,
});

/**
 * Hard caps on what one page lists (issue 8: no list grows without bound). A clinician's sessions
 * cannot overlap, so a real day or week stays far below them; cancelled sessions do not block a
 * slot, though, so the caps stand guard. The page says so when a list was cut.
 */
export const WEEK_SESSIONS_LIMIT = 500;
export const TODAY_SESSIONS_LIMIT = 100;
/** Unsigned notes: the oldest first, with the total. */
export const UNSIGNED_NOTES_LIMIT = 50;
/** Alerts are computed for at most this many patients with an active plan (by name). */
export const ALERT_PATIENTS_LIMIT = 200;

/** The clinician's own sessions in the 7 days from `weekStart` (clinic time zone), at most WEEK_SESSIONS_LIMIT. */
export async function listWeekSessions(actor: Actor, weekStart: string): Promise<SessionRow[]> {
  const patient = patientScope(actor, "session:read");
  parseInput(ZWeekStart, weekStart);
  const from = zonedToUtc(weekStart, "00:00", actor.timeZone);
  const to = zonedToUtc(addDays(weekStart, 7), "00:00", actor.timeZone);
  return db().$transaction(async (tx) => {
    const sessions = await tx.session.findMany({
      where: { clinicId: actor.clinicId, clinicianId: actor.userId, patient, startsAt: { gte: from, lt: to } },
      orderBy: { startsAt: "asc" },
      take: WEEK_SESSIONS_LIMIT,
      select: rowSelect,
    });
    // One list read of several patients' appointments, like the roster and the dashboard.
    await recordAuditEvent(tx, { actor, action: "session.week.read", entityType: "Session" });
    return sessions.map(toRow);
  });
}

export type DashboardAlert = Alert & { patientId: string; patientName: string };
export type Dashboard = {
  today: string;
  todaySessions: SessionRow[];
  unsignedNotes: SessionRow[];
  /** All unsigned notes, of which `unsignedNotes` are the oldest UNSIGNED_NOTES_LIMIT. */
  unsignedTotal: number;
  alerts: DashboardAlert[];
  /** Lists cut at their cap: today's sessions, or the patients whose alerts were computed. */
  capped: { todaySessions: boolean; alertPatients: boolean };
};

const toDashboardRow = (s: DashboardSessionRow): SessionRow => ({
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

/**
 * Today's sessions, notes waiting for a signature (with their total), and the care team's patient
 * alerts. In SQL (lib/db/statements/clinic.ts), at most eight statements with only the columns shown (three reads, the alerts'
 * four, the audit event): as Prisma calls it took thirteen, fourteen once the unsigned notes filled
 * their list, each relation a statement of its own and each call compiled to a query plan. No
 * transaction: these are reads for display, under READ COMMITTED a transaction never gave them one
 * snapshot across statements anyway, and the audit event is written last, so a failed or refused
 * read still leaves none.
 */
export async function getClinicianDashboard(actor: Actor): Promise<Dashboard> {
  // The sessions' patients and the alert patients: those the actor may see (clinic, not archived,
  // care team or own record), as patientScope's relation filter had it.
  const scope = assertCan(actor, "session:read");
  const today = todayIn(actor.timeZone);
  const from = zonedToUtc(today, "00:00", actor.timeZone);
  const to = zonedToUtc(addDays(today, 1), "00:00", actor.timeZone);
  const todaySessions = await queryRows(db(), dashboardTodaySessions({ actor, scope, from, to, limit: TODAY_SESSIONS_LIMIT + 1 }));
  const unsigned = await queryRows(db(), dashboardUnsignedNotes({ actor, scope, now: new Date(), limit: UNSIGNED_NOTES_LIMIT }));
  const withPlans = await queryRows(db(), dashboardAlertPatients({ actor, scope, limit: ALERT_PATIENTS_LIMIT + 1 }));
  const alertPatients = withPlans.slice(0, ALERT_PATIENTS_LIMIT);
  // All their alerts from a fixed number of set-based queries (not five per patient).
  const alertsOf = await alertsForPatients(db(), actor.clinicId, alertPatients.map((p) => p.id), actor.timeZone);
  const alerts: DashboardAlert[] = alertPatients.flatMap((p) => (alertsOf.get(p.id) ?? []).map((alert) => ({ ...alert, patientId: p.id, patientName: p.name })));
  await recordAuditEvent(db(), { actor, action: "dashboard.read", entityType: "Patient" });
  return {
    today,
    todaySessions: todaySessions.slice(0, TODAY_SESSIONS_LIMIT).map(toDashboardRow),
    unsignedNotes: unsigned.map(toDashboardRow),
    unsignedTotal: unsigned[0]?.total ?? 0,
    alerts,
    capped: { todaySessions: todaySessions.length > TODAY_SESSIONS_LIMIT, alertPatients: withPlans.length > ALERT_PATIENTS_LIMIT },
  };
}
