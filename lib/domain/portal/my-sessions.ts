import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { SessionStatus } from "@/lib/db/generated/enums";
import { PATIENT_VISIBLE_STATUSES } from "@/lib/domain/plans/get-plan";
import { buildCalendar, type CalendarEvent } from "./calendar";
import { ownPatient, type OwnPatient } from "./own-patient";
import { refusedRecord } from "@/lib/audit/refused-access";

export const PAST_PAGE_SIZE = 20;
const UPCOMING_LIMIT = 50;

export type MySession = {
  id: string;
  startsAt: string;
  durationMin: number;
  clinicianName: string;
  status: SessionStatus;
  /** The plan's title when the patient may see the plan (never a draft's). */
  planTitle: string | null;
  /** What the clinician wrote for the patient, once the note is signed. Never the SOAP note. */
  summary: string | null;
};

export type MySessions = { upcoming: MySession[]; past: MySession[]; page: number; pageCount: number; pastTotal: number };

// Only patient-facing columns are ever selected: the SOAP note and adverse event stay in the clinic.
const SESSION_FIELDS = {
  id: true,
  startsAt: true,
  durationMin: true,
  status: true,
  noteStatus: true,
  patientSummary: true,
  version: true,
  clinician: { select: { name: true } },
  plan: { select: { title: true, status: true } },
} as const;

type Row = {
  id: string;
  startsAt: Date;
  durationMin: number;
  status: SessionStatus;
  noteStatus: string;
  patientSummary: string | null;
  clinician: { name: string };
  plan: { title: string; status: string };
};

function toMySession(row: Row): MySession {
  return {
    id: row.id,
    startsAt: row.startsAt.toISOString(),
    durationMin: row.durationMin,
    clinicianName: row.clinician.name,
    status: row.status,
    planTitle: (PATIENT_VISIBLE_STATUSES as string[]).includes(row.plan.status) ? row.plan.title : null,
    summary: row.noteStatus === "SIGNED" ? row.patientSummary : null,
  };
}

/** The patient's visits still ahead (soonest first) and a page of past ones (newest first). Audited. */
export async function listMySessions(actor: Actor, page = 1): Promise<MySessions> {
  return db().$transaction(async (tx) => {
    const patient = await ownPatient(tx, actor, "session:read");
    const now = new Date();
    const mine = { clinicId: actor.clinicId, patientId: patient.id };
    // Coming up: every visit still ahead, a cancelled one with its status (so the patient knows).
    const upcomingWhere = { ...mine, startsAt: { gte: now } };
    const pastWhere = { ...mine, startsAt: { lt: now } };
    const [upcoming, pastTotal] = [
      await tx.session.findMany({ where: upcomingWhere, orderBy: { startsAt: "asc" }, take: UPCOMING_LIMIT, select: SESSION_FIELDS }),
      await tx.session.count({ where: pastWhere }),
    ];
    const pageCount = Math.max(1, Math.ceil(pastTotal / PAST_PAGE_SIZE));
    const current = Math.min(Math.max(1, page), pageCount);
    const past = await tx.session.findMany({ where: pastWhere, orderBy: { startsAt: "desc" }, skip: (current - 1) * PAST_PAGE_SIZE, take: PAST_PAGE_SIZE, select: SESSION_FIELDS });
    await recordAuditEvent(tx, { actor, action: "portal.sessions.read", entityType: "Patient", entityId: patient.id, patientId: patient.id });
    return { upcoming: upcoming.map(toMySession), past: past.map(toMySession), page: current, pageCount, pastTotal };
  });
}

/** LOCATION: the clinic's name and address on one line (calendar apps show and map it as one). */
export function clinicLocation(clinic: Pick<OwnPatient, "clinicName" | "clinicAddress">): string {
  return [clinic.clinicName, ...(clinic.clinicAddress?.split("\n") ?? [])].map((part) => part.trim()).filter(Boolean).join(", ");
}

export type CalendarFile = { filename: string; body: string };

/**
 * The patient's appointments as an iCalendar file: one session (any of theirs, a cancelled one
 * as STATUS:CANCELLED) or all upcoming ones. Events carry no health data (no plan title, no
 * notes), because calendar apps sync them to third parties.
 */
export async function exportMyCalendar(actor: Actor, sessionId?: string): Promise<CalendarFile> {
  return db().$transaction(async (tx) => {
    const patient = await ownPatient(tx, actor, "session:read");
    const mine = { clinicId: actor.clinicId, patientId: patient.id };
    const rows = sessionId
      ? await tx.session.findMany({ where: { ...mine, id: sessionId }, select: SESSION_FIELDS })
      : await tx.session.findMany({ where: { ...mine, status: "SCHEDULED", startsAt: { gte: new Date() } }, orderBy: { startsAt: "asc" }, take: 200, select: SESSION_FIELDS });
    if (sessionId && rows.length === 0) throw await refusedRecord(actor, { entityType: "Session", entityId: sessionId, what: "Session" });
    const events: CalendarEvent[] = rows.map((s) => ({
      uid: `session-${s.id}@clinic-plans`,
      sequence: s.version - 1,
      start: s.startsAt,
      end: new Date(s.startsAt.getTime() + s.durationMin * 60_000),
      summary: `Appointment with ${s.clinician.name}`,
      location: clinicLocation(patient),
      description: `Treatment session at ${patient.clinicName} with ${s.clinician.name} (${s.durationMin} min).${patient.clinicPhone ? `\nClinic phone: ${patient.clinicPhone}` : ""}`,
      status: s.status === "CANCELLED" ? "CANCELLED" : "CONFIRMED",
    }));
    await recordAuditEvent(tx, { actor, action: "portal.calendar.export", entityType: sessionId ? "Session" : "Patient", entityId: sessionId ?? patient.id, patientId: patient.id });
    const slug = patient.clinicName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "clinic";
    return {
      filename: sessionId ? `${slug}-appointment.ics` : `${slug}-appointments.ics`,
      body: buildCalendar(events, { name: `${patient.clinicName} appointments`, now: new Date() }),
    };
  });
}
