import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { NoteStatus, SessionStatus } from "@/lib/db/generated/enums";
import { alertsForPatients } from "@/lib/domain/progress/care-team-alerts";
import type { Alert } from "@/lib/domain/progress/rules";
import { addDays, todayIn, zonedToUtc } from "@/lib/domain/schedule/dates";

export type SessionRow = {
  id: string;
  startsAt: string;
  durationMin: number;
  status: SessionStatus;
  noteStatus: NoteStatus;
  patientId: string;
  patientName: string;
  planId: string;
  planTitle: string;
};

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

/** Today's sessions, notes waiting for a signature, and the care team's patient alerts. */
export async function getClinicianDashboard(actor: Actor): Promise<Dashboard> {
  assertCan(actor, "session:read");
  const patient = patientScope(actor, "session:read");
  const today = todayIn(actor.timeZone);
  const from = zonedToUtc(today, "00:00", actor.timeZone);
  const to = zonedToUtc(addDays(today, 1), "00:00", actor.timeZone);
  return db().$transaction(async (tx) => {
    const todaySessions = await tx.session.findMany({
      where: { clinicId: actor.clinicId, clinicianId: actor.userId, patient, startsAt: { gte: from, lt: to } },
      orderBy: { startsAt: "asc" },
      take: TODAY_SESSIONS_LIMIT + 1,
      select: rowSelect,
    });
    const unsignedWhere = { clinicId: actor.clinicId, clinicianId: actor.userId, patient, noteStatus: "DRAFT" as const, status: { in: ["SCHEDULED" as const, "COMPLETED" as const] }, startsAt: { lt: new Date() } };
    const unsigned = await tx.session.findMany({ where: unsignedWhere, orderBy: { startsAt: "asc" }, take: UNSIGNED_NOTES_LIMIT, select: rowSelect });
    const unsignedTotal = unsigned.length < UNSIGNED_NOTES_LIMIT ? unsigned.length : await tx.session.count({ where: unsignedWhere });
    const withPlans = await tx.patient.findMany({
      where: { ...patient, plans: { some: { status: "ACTIVE" } } },
      orderBy: [{ lastName: "asc" }, { firstName: "asc" }],
      take: ALERT_PATIENTS_LIMIT + 1,
      select: { id: true, firstName: true, lastName: true },
    });
    const alertPatients = withPlans.slice(0, ALERT_PATIENTS_LIMIT);
    // All their alerts from a fixed number of set-based queries (not five per patient).
    const alertsOf = await alertsForPatients(tx, actor.clinicId, alertPatients.map((p) => p.id), actor.timeZone);
    const alerts: DashboardAlert[] = alertPatients.flatMap((p) => (alertsOf.get(p.id) ?? []).map((alert) => ({ ...alert, patientId: p.id, patientName: `${p.firstName} ${p.lastName}` })));
    await recordAuditEvent(tx, { actor, action: "dashboard.read", entityType: "Patient" });
    return {
      today,
      todaySessions: todaySessions.slice(0, TODAY_SESSIONS_LIMIT).map(toRow),
      unsignedNotes: unsigned.map(toRow),
      unsignedTotal,
      alerts,
      capped: { todaySessions: todaySessions.length > TODAY_SESSIONS_LIMIT, alertPatients: withPlans.length > ALERT_PATIENTS_LIMIT },
    };
  });
}
