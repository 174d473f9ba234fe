import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { patientScopeSql } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { addDays, zonedToUtc, type IsoDate } from "@/lib/domain/schedule/dates";
import { parseInput } from "@/lib/validation/parse";
import { isoWeekdayOf, ZCalendarRange } from "@/lib/validation/sessions";

// The clinic calendar (issue 15, decision 038): every clinician's sessions for a day or a week,
// in one statement. Who the patient is shows only to a clinician of the patient's care team;
// everyone else sees the time as "Busy". Admins see occupancy only (no clinical records, DESIGN).

export type CalendarSession = {
  id: string;
  clinicianId: string;
  startsAt: string;
  durationMin: number;
  status: "SCHEDULED" | "COMPLETED" | "NO_SHOW";
  /** The patient's name, or null when the actor may not know whose session it is ("Busy"). */
  patientName: string | null;
};

export type ClinicCalendar = {
  view: "day" | "week";
  /** The day shown, or the Monday of the week shown. */
  start: IsoDate;
  days: IsoDate[];
  clinicians: { id: string; name: string }[];
  sessions: CalendarSession[];
  /** True when the range held more sessions than CALENDAR_LIMIT and the list was cut. */
  capped: boolean;
};

/** A hard cap on one calendar page (issue 8: no list grows without bound). */
export const CALENDAR_LIMIT = 2000;

type Row = { clinicianId: string; clinicianName: string; id: string | null; startsAt: Date | null; durationMin: number | null; status: CalendarSession["status"] | null; patientName: string | null };

/** The clinic's sessions of a day, or of the Monday-to-Sunday week containing `date`, by clinician. */
export async function getClinicCalendar(actor: Actor, input: { view: "day" | "week"; date: string }): Promise<ClinicCalendar> {
  assertCan(actor, "calendar:read");
  const { view, date } = parseInput(ZCalendarRange, input);
  const start = view === "day" ? date : addDays(date, 1 - isoWeekdayOf(date));
  const days = Array.from({ length: view === "day" ? 1 : 7 }, (_, i) => addDays(start, i));
  const from = zonedToUtc(start, "00:00", actor.timeZone);
  const to = zonedToUtc(addDays(start, days.length), "00:00", actor.timeZone);
  // Patient names only to whom session:read shows the session (a clinician's care team); an
  // admin, without session:read, sees none.
  const named = can(actor.role, "session:read") ? patientScopeSql(actor, "session:read", "p") : Prisma.sql`FALSE`;
  // Every active clinician gets a column, with or without sessions; a deactivated one only when
  // a session of theirs falls in the range. Cancelled sessions free their slot and are not shown.
  const rows = await db().$queryRaw<Row[]>`
    SELECT u."id" AS "clinicianId", u."name" AS "clinicianName", s."id", s."startsAt", s."durationMin", s."status"::text AS "status",
           CASE WHEN s."id" IS NOT NULL AND (${named}) THEN p."firstName" || ' ' || p."lastName" END AS "patientName"
      FROM "User" u
      LEFT JOIN "Session" s ON s."clinicianId" = u."id" AND s."clinicId" = ${actor.clinicId}
           AND s."status"::text IN ('SCHEDULED', 'COMPLETED', 'NO_SHOW') AND s."startsAt" >= ${from} AND s."startsAt" < ${to}
      LEFT JOIN "Patient" p ON p."id" = s."patientId"
     WHERE u."clinicId" = ${actor.clinicId} AND u."role"::text = 'CLINICIAN' AND (u."active" OR s."id" IS NOT NULL)
     ORDER BY u."name", u."id", s."startsAt"
     LIMIT ${CALENDAR_LIMIT + 1}`;
  const capped = rows.length > CALENDAR_LIMIT;
  const clinicians = new Map<string, string>();
  const sessions: CalendarSession[] = [];
  for (const r of rows.slice(0, CALENDAR_LIMIT)) {
    clinicians.set(r.clinicianId, r.clinicianName);
    if (r.id && r.startsAt && r.durationMin !== null && r.status)
      sessions.push({ id: r.id, clinicianId: r.clinicianId, startsAt: r.startsAt.toISOString(), durationMin: r.durationMin, status: r.status, patientName: r.patientName });
  }
  // A clinician reads care-team patients' appointments (names and times): audited like the week view.
  if (can(actor.role, "session:read")) await recordAuditEvent(db(), { actor, action: "session.calendar.read", entityType: "Session" });
  return { view, start, days, clinicians: [...clinicians].map(([id, name]) => ({ id, name })), sessions, capped };
}
