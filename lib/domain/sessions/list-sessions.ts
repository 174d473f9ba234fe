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

/** The clinician's own sessions in the 7 days from `weekStart` (clinic time zone). */
export async function listWeekSessions(actor: Actor, weekStart: string): Promise<SessionRow[]> {
  const patient = patientScope(actor, "session:read");
  const from = zonedToUtc(weekStart, "00:00", actor.timeZone);
  const to = zonedToUtc(addDays(weekStart, 7), "00:00", actor.timeZone);
  return db().$transaction(async (tx) => {
    const sessions = await tx.session.findMany({
      where: { clinicId: actor.clinicId, clinicianId: actor.userId, patient, startsAt: { gte: from, lt: to } },
      orderBy: { startsAt: "asc" },
      select: rowSelect,
    });
    // One list read of several patients' appointments, like the roster and the dashboard.
    await recordAuditEvent(tx, { actor, action: "session.week.read", entityType: "Session" });
    return sessions.map(toRow);
  });
}

export type DashboardAlert = Alert & { patientId: string; patientName: string };
export type Dashboard = { today: string; todaySessions: SessionRow[]; unsignedNotes: SessionRow[]; alerts: DashboardAlert[] };

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
      select: rowSelect,
    });
    const unsigned = await tx.session.findMany({
      where: { clinicId: actor.clinicId, clinicianId: actor.userId, patient, noteStatus: "DRAFT", status: { in: ["SCHEDULED", "COMPLETED"] }, startsAt: { lt: new Date() } },
      orderBy: { startsAt: "asc" },
      take: 50,
      select: rowSelect,
    });
    const withPlans = await tx.patient.findMany({
      where: { ...patient, plans: { some: { status: "ACTIVE" } } },
      orderBy: [{ lastName: "asc" }, { firstName: "asc" }],
      take: 200,
      select: { id: true, firstName: true, lastName: true },
    });
    // All their alerts from a fixed number of set-based queries (not five per patient).
    const alertsOf = await alertsForPatients(tx, actor.clinicId, withPlans.map((p) => p.id), actor.timeZone);
    const alerts: DashboardAlert[] = withPlans.flatMap((p) => (alertsOf.get(p.id) ?? []).map((alert) => ({ ...alert, patientId: p.id, patientName: `${p.firstName} ${p.lastName}` })));
    await recordAuditEvent(tx, { actor, action: "dashboard.read", entityType: "Patient" });
    return { today, todaySessions: todaySessions.map(toRow), unsignedNotes: unsigned.map(toRow), alerts };
  });
}
