import "server-only";
// The reminder schedule (decision 035), run once a minute by the job queue (lib/jobs/worker.ts):
// daily home-routine reminders at each patient's chosen local time on days with something still to
// log, and appointment reminders 24 hours ahead. Set-based: a fixed number of statements finds every
// reminder due that minute in every clinic, whatever the number of patients; then each recipient's
// messages are queued in a transaction of their own. Every message has a dedupe key, so a repeated
// tick, a tick run by two app processes at once or a retried job queues nothing twice.
import { db } from "@/lib/db";
import { utcTimestamp } from "@/lib/db/sql";
import { countsFrom } from "@/lib/domain/progress/rules";
import { todayIn, toIsoDate, utcToZoned, type IsoDate } from "@/lib/domain/schedule/dates";
import { plannedOccurrences } from "@/lib/domain/schedule/rules";
import { DEFAULT_PREFERENCES } from "./defaults";
import { loadTickRecipients, queueForRecipient, type Notification, type Recipient } from "./notify";
import { APPOINTMENT_WINDOW, dayLabel, dueReminderTimes, whenLabel } from "./reminder-time";

export type TickResult = { dailyCandidates: number; daily: number; appointments: number; messages: number; failed: number };

type Candidate = { userId: string; clinicId: string; patientId: string; localDate: IsoDate; clinicZone: string };
type ActivityRow = {
  patientId: string;
  startDate: Date;
  planCreatedAt: Date;
  createdAt: Date;
  daysPerWeek: number | null;
  timesPerDay: number | null;
  logged: number;
};
type AppointmentRow = { sessionId: string; userId: string; startsAt: Date };

const HOUR = 3_600_000;

/** Every time zone a patient's reminder can be in: each clinic's and each patient's own. */
async function zones(): Promise<string[]> {
  const rows = await db().$queryRaw<{ zone: string }[]>`
    SELECT "timezone" AS "zone" FROM "Clinic"
    UNION SELECT DISTINCT "timezone" FROM "NotificationPreference" WHERE "timezone" IS NOT NULL`;
  return rows.map((r) => r.zone);
}

/**
 * Patients whose daily reminder time has come in their zone (within the catch-up window) and who
 * have not had today's reminder yet, with reminders on and a channel to send it by.
 */
async function dailyCandidates(now: Date): Promise<Candidate[]> {
  const slots = [];
  for (const zone of await zones()) {
    try {
      const { localDate, times } = dueReminderTimes(now, zone);
      if (times.length) slots.push({ zone, localDate, times });
    } catch {
      // A zone this runtime does not know (saved under another ICU version): nothing is due in it.
    }
  }
  if (slots.length === 0) return [];
  return db().$queryRaw<Candidate[]>`
    WITH slot AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(slots)}::jsonb) AS s("zone" text, "localDate" text, "times" text[]))
    SELECT u."id" AS "userId", u."clinicId", p."id" AS "patientId", s."localDate", c."timezone" AS "clinicZone"
      FROM "User" u
      JOIN "Patient" p ON p."userId" = u."id" AND p."clinicId" = u."clinicId" AND p."archivedAt" IS NULL
      JOIN "Clinic" c ON c."id" = u."clinicId"
      LEFT JOIN "NotificationPreference" np ON np."userId" = u."id" AND np."clinicId" = u."clinicId"
      JOIN slot s ON s."zone" = coalesce(np."timezone", c."timezone")
                 AND coalesce(np."dailyReminderTime", ${DEFAULT_PREFERENCES.dailyReminderTime}) = ANY (s."times")
     WHERE u."role" = 'PATIENT' AND u."active" AND coalesce(np."dailyReminder", true)
       AND (coalesce(np."emailEnabled", true)
            OR (coalesce(np."pushEnabled", true) AND EXISTS (SELECT 1 FROM "PushSubscription" ps WHERE ps."userId" = u."id")))
       AND NOT EXISTS (SELECT 1 FROM "OutboundMessage" o
                        WHERE o."userId" = u."id" AND o."kind" = 'daily_reminder'
                          AND o."dedupeKey" LIKE 'daily:' || u."id" || ':' || s."localDate" || ':%')`;
}

/**
 * Of the candidates, those with at least one home activity due on the portal's today and not yet
 * logged as often as it is due: Today's own rule (get-patient-home.ts, ADR 025), so a several-a-day
 * activity counts until all its doses are logged. An "I didn't do it" log counts as an answer: the
 * patient has been and said so. One statement for every candidate's active plan and activities.
 */
async function withSomethingToLog(candidates: Candidate[], now: Date): Promise<Candidate[]> {
  if (candidates.length === 0) return [];
  // Logs are dated in the clinic's zone (the portal's "today"), whatever zone the reminder uses.
  const days = candidates.map((c) => ({ patientId: c.patientId, clinicId: c.clinicId, day: todayIn(c.clinicZone, now) }));
  const rows = await db().$queryRaw<ActivityRow[]>`
    WITH cand AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(days)}::jsonb) AS c("patientId" text, "clinicId" text, "day" date))
    SELECT cand."patientId", t."startDate", t."createdAt" AS "planCreatedAt", a."createdAt", a."daysPerWeek", a."timesPerDay",
           (SELECT count(*)::int FROM "HomeLog" h WHERE h."planActivityId" = a."id" AND h."date" = cand."day") AS "logged"
      FROM cand
      CROSS JOIN LATERAL (
        SELECT t."id", t."startDate", t."createdAt" FROM "TreatmentPlan" t
         WHERE t."clinicId" = cand."clinicId" AND t."patientId" = cand."patientId" AND t."status" = 'ACTIVE'
         ORDER BY t."startDate" DESC LIMIT 1) t
      JOIN "PlanActivity" a ON a."planId" = t."id" AND a."clinicId" = cand."clinicId" AND a."status" = 'ACTIVE' AND a."setting" <> 'IN_CLINIC'`;
  const dayOf = new Map(days.map((d) => [d.patientId, d.day]));
  const zoneOf = new Map(candidates.map((c) => [c.patientId, c.clinicZone]));
  const unfinished = new Set<string>();
  for (const row of rows) {
    const day = dayOf.get(row.patientId)!;
    const start = toIsoDate(row.startDate);
    const from = countsFrom(start, row.planCreatedAt, row.createdAt, utcToZoned(row.createdAt, zoneOf.get(row.patientId)!).date);
    const times = from <= day ? plannedOccurrences(row, day, start) : 0;
    if (times > 0 && row.logged < times) unfinished.add(row.patientId);
  }
  return candidates.filter((c) => unfinished.has(c.patientId));
}

/** Scheduled sessions starting 23–24 h from now whose reminder for that start time is not queued yet. */
async function dueAppointments(now: Date): Promise<AppointmentRow[]> {
  const from = new Date(now.getTime() + APPOINTMENT_WINDOW.fromHours * HOUR);
  const to = new Date(now.getTime() + APPOINTMENT_WINDOW.toHours * HOUR);
  return db().$queryRaw<AppointmentRow[]>`
    SELECT s."id" AS "sessionId", p."userId", s."startsAt"
      FROM "Session" s
      JOIN "Patient" p ON p."id" = s."patientId" AND p."clinicId" = s."clinicId" AND p."archivedAt" IS NULL AND p."userId" IS NOT NULL
     WHERE s."status" = 'SCHEDULED' AND s."startsAt" > ${utcTimestamp(from)} AND s."startsAt" <= ${utcTimestamp(to)}
       AND NOT EXISTS (SELECT 1 FROM "OutboundMessage" o
                        WHERE o."userId" = p."userId" AND o."kind" = 'appointment_reminder'
                          AND o."dedupeKey" LIKE 'appt24:' || s."id" || ':' || to_char(s."startsAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || ':%')`;
}

/** Queues each recipient's messages in a transaction of its own: one failure does not hold back the rest. */
async function queueEach(jobs: { recipient: Recipient; notification: Notification }[]): Promise<{ messages: number; failed: number }> {
  let messages = 0;
  let failed = 0;
  for (const { recipient, notification } of jobs) {
    try {
      messages += await db().$transaction((tx) => queueForRecipient(tx, recipient, notification));
    } catch (error) {
      // The next tick tries again (the dedupe key keeps it single). No ids or data in the log.
      failed++;
      console.error(`[reminders] queueing a ${notification.kind} failed: ${error instanceof Error ? error.name : "error"}`);
    }
  }
  return { messages, failed };
}

/** One run of the schedule for the minute `now`. */
export async function runReminderTick(now: Date = new Date()): Promise<TickResult> {
  const candidates = await dailyCandidates(now);
  const daily = await withSomethingToLog(candidates, now);
  const appointments = await dueAppointments(now);
  const recipients = await loadTickRecipients(db(), [...new Set([...daily.map((c) => c.userId), ...appointments.map((a) => a.userId)])]);

  const jobs: { recipient: Recipient; notification: Notification }[] = [];
  for (const c of daily) {
    const recipient = recipients.get(c.userId);
    if (!recipient) continue;
    jobs.push({
      recipient,
      notification: {
        kind: "daily_reminder",
        topic: "daily",
        dedupeBase: `daily:${c.userId}:${c.localDate}`,
        data: { recipientName: recipient.firstName, dayLabel: dayLabel(c.localDate) },
      },
    });
  }
  for (const a of appointments) {
    const recipient = recipients.get(a.userId);
    if (!recipient) continue;
    jobs.push({
      recipient,
      notification: {
        kind: "appointment_reminder",
        topic: "appointments",
        dedupeBase: `appt24:${a.sessionId}:${a.startsAt.toISOString()}`,
        data: { recipientName: recipient.firstName, whenLabel: whenLabel(a.startsAt, recipient.timeZone) },
      },
    });
  }
  const { messages, failed } = await queueEach(jobs);
  return { dailyCandidates: candidates.length, daily: daily.length, appointments: appointments.length, messages, failed };
}
