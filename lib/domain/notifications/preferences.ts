import "server-only";
// The patient's own reminder settings (decision 035). No row means the defaults (everything on,
// daily reminder at 18:00, the clinic's time zone); the first save writes the row. Patients only:
// staff get no reminders (FORBIDDEN), and a patient whose record is gone or archived gets NOT_FOUND.
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db";
import { ownPatient } from "@/lib/domain/portal/own-patient";
import { parseInput } from "@/lib/validation/parse";
import { ZNotificationPreferences, type TNotificationPreferences } from "@/lib/validation/notifications";
import { staleVersion } from "../conflict";
import { DEFAULT_PREFERENCES, type PreferenceFlags } from "./defaults";

export type ReminderPreferences = PreferenceFlags & {
  /** The patient's own IANA zone, or null: the clinic's. */
  timeZone: string | null;
  clinicTimeZone: string;
  /** Where reminder emails go. */
  email: string;
  /** Devices with push turned on for this account. */
  pushDevices: number;
  version: number;
};

type Row = PreferenceFlags & { timezone: string | null; version: number };

const COLUMNS = {
  timezone: true,
  dailyReminder: true,
  dailyReminderTime: true,
  appointmentReminders: true,
  questionnaireReminders: true,
  emailEnabled: true,
  pushEnabled: true,
  version: true,
} as const;

async function load(tx: Tx, actor: Actor, clinicTimeZone: string): Promise<ReminderPreferences> {
  const [row, user, pushDevices] = await Promise.all([
    tx.notificationPreference.findFirst({ where: { userId: actor.userId, clinicId: actor.clinicId }, select: COLUMNS }),
    tx.user.findFirstOrThrow({ where: { id: actor.userId, clinicId: actor.clinicId }, select: { email: true } }),
    tx.pushSubscription.count({ where: { userId: actor.userId, clinicId: actor.clinicId } }),
  ]);
  const prefs: Row = row ?? { ...DEFAULT_PREFERENCES, timezone: null, version: 1 };
  const { timezone, ...rest } = prefs;
  return { ...rest, timeZone: timezone, clinicTimeZone, email: user.email, pushDevices };
}

/** The signed-in patient's reminder settings (the defaults when they never saved any). */
export async function getMyPreferences(actor: Actor): Promise<ReminderPreferences> {
  const patient = await ownPatient(db(), actor, "reminders:manage");
  return load(db(), actor, patient.timeZone);
}

/**
 * Saves the whole form made from `version` (1 for the defaults) and bumps it; a stale version
 * changes nothing (CONFLICT). Audited like the portal's writes: the patient, no values.
 */
export async function updateMyPreferences(actor: Actor, input: TNotificationPreferences): Promise<ReminderPreferences> {
  const { version, timeZone, ...flags } = parseInput(ZNotificationPreferences, input);
  return db().$transaction(async (tx) => {
    const patient = await ownPatient(tx, actor, "reminders:manage");
    // The defaults as version 1, so that the first save is checked like any other.
    await tx.$executeRaw`
      INSERT INTO "NotificationPreference" ("userId", "clinicId", "updatedAt") VALUES (${actor.userId}, ${actor.clinicId}, now())
      ON CONFLICT ("userId") DO NOTHING`;
    const { count } = await tx.notificationPreference.updateMany({
      where: { userId: actor.userId, clinicId: actor.clinicId, version },
      data: { ...flags, timezone: timeZone, version: { increment: 1 } },
    });
    if (count === 0) throw staleVersion("reminder setting");
    await recordAuditEvent(tx, { actor, action: "reminders.preferences.update", entityType: "NotificationPreference", entityId: actor.userId, patientId: patient.id });
    return load(tx, actor, patient.timeZone);
  });
}
