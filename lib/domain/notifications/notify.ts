import "server-only";
// The fan-out of one reminder to the channels a patient chose (decision 035): email when email is
// on and the account has an address, push to every device subscription when push is on, nothing
// when that kind of reminder (its topic) is off or the account is inactive. Called inside the
// transaction of the change that causes the reminder, so a rolled-back change sends nothing.
import { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db";
import { queueMessage, type MessageData, type MessageKind } from "@/lib/messaging/outbox";
import { DEFAULT_PREFERENCES, TOPIC_COLUMN, type PreferenceFlags, type Topic } from "./defaults";

/** A patient account as the fan-out needs it: preferences (defaults filled in) and devices. */
export type Recipient = PreferenceFlags & {
  userId: string;
  clinicId: string;
  email: string | null;
  /** The patient's zone for labels: their own, else the clinic's. */
  timeZone: string;
  firstName: string;
  pushSubscriptionIds: string[];
};

type RecipientRow = Omit<Recipient, keyof PreferenceFlags> & { [K in keyof PreferenceFlags]: PreferenceFlags[K] | null };

/**
 * Active patient accounts of one clinic with their preferences and push subscriptions, in one
 * statement, found by user id or by their patient record (a session's or a plan's patient).
 */
export function loadRecipients(tx: Tx, clinicId: string, who: { userIds: string[] } | { patientId: string }): Promise<Map<string, Recipient>> {
  if ("userIds" in who && who.userIds.length === 0) return Promise.resolve(new Map());
  const match = "userIds" in who ? Prisma.sql`u."id" IN (${Prisma.join(who.userIds)})` : Prisma.sql`p."id" = ${who.patientId}`;
  return recipientsWhere(tx, Prisma.sql`u."clinicId" = ${clinicId} AND ${match}`);
}

/**
 * The same for the reminder tick, which works for every clinic at once: each account is read
 * with its own clinic (never another's), in one statement however many are due that minute.
 */
export function loadTickRecipients(tx: Tx, userIds: string[]): Promise<Map<string, Recipient>> {
  if (userIds.length === 0) return Promise.resolve(new Map());
  return recipientsWhere(tx, Prisma.sql`u."id" IN (${Prisma.join(userIds)})`);
}

async function recipientsWhere(tx: Tx, where: Prisma.Sql): Promise<Map<string, Recipient>> {
  const rows = await tx.$queryRaw<RecipientRow[]>`
    SELECT u."id" AS "userId", u."clinicId", u."email", p."firstName",
           coalesce(np."timezone", c."timezone") AS "timeZone",
           np."dailyReminder", np."dailyReminderTime", np."appointmentReminders", np."questionnaireReminders",
           np."emailEnabled", np."pushEnabled",
           coalesce((SELECT array_agg(s."id" ORDER BY s."createdAt") FROM "PushSubscription" s
                      WHERE s."userId" = u."id" AND s."clinicId" = u."clinicId"), ARRAY[]::text[]) AS "pushSubscriptionIds"
      FROM "User" u
      JOIN "Patient" p ON p."userId" = u."id" AND p."clinicId" = u."clinicId" AND p."archivedAt" IS NULL
      JOIN "Clinic" c ON c."id" = u."clinicId"
      LEFT JOIN "NotificationPreference" np ON np."userId" = u."id" AND np."clinicId" = u."clinicId"
     WHERE ${where} AND u."role" = 'PATIENT' AND u."active"`;
  const recipients = new Map<string, Recipient>();
  for (const row of rows) {
    const flags = Object.fromEntries(
      (Object.keys(DEFAULT_PREFERENCES) as (keyof PreferenceFlags)[]).map((key) => [key, row[key] ?? DEFAULT_PREFERENCES[key]]),
    ) as PreferenceFlags;
    recipients.set(row.userId, { ...row, ...flags });
  }
  return recipients;
}

export type Notification = {
  kind: MessageKind;
  topic: Topic;
  /** Unique per reminder: `daily:<userId>:<localDate>`, `appt24:<sessionId>:<startsAt>`… */
  dedupeBase: string;
  /** Names and labels only: never health data (DESIGN, data classes). */
  data: MessageData;
};

/** Queues one reminder to a loaded recipient; returns how many messages were written (0 when deduped or off). */
export async function queueForRecipient(tx: Tx, recipient: Recipient, notification: Notification): Promise<number> {
  if (!recipient[TOPIC_COLUMN[notification.topic]]) return 0;
  const base = { clinicId: recipient.clinicId, userId: recipient.userId, kind: notification.kind, data: notification.data };
  let queued = 0;
  if (recipient.emailEnabled && recipient.email) {
    const message = await queueMessage(tx, { ...base, channel: "EMAIL", recipient: recipient.email, dedupeKey: `${notification.dedupeBase}:email` });
    if (message) queued++;
  }
  if (recipient.pushEnabled) {
    for (const subscriptionId of recipient.pushSubscriptionIds) {
      const message = await queueMessage(tx, { ...base, channel: "PUSH", recipient: subscriptionId, dedupeKey: `${notification.dedupeBase}:push:${subscriptionId}` });
      if (message) queued++;
    }
  }
  return queued;
}

/**
 * Queues a reminder to one patient account (by user id, or the portal account of a patient record)
 * in the caller's transaction, by the channels their preferences allow. `data` gets the
 * recipient's first name as `recipientName`, and what `labels` computes in the recipient's time
 * zone. Returns how many messages were written: 0 for a staff, inactive or missing account, a
 * topic turned off, no channel, or a dedupe key already used.
 */
export async function queueNotification(
  tx: Tx,
  input: { clinicId: string } & ({ userId: string } | { patientId: string }) & Notification,
  labels: (recipient: Recipient) => MessageData = () => ({}),
): Promise<number> {
  const found = await loadRecipients(tx, input.clinicId, "userId" in input ? { userIds: [input.userId] } : { patientId: input.patientId });
  const [recipient] = found.values();
  if (!recipient) return 0;
  const data = { recipientName: recipient.firstName, ...labels(recipient), ...input.data };
  return queueForRecipient(tx, recipient, { kind: input.kind, topic: input.topic, dedupeBase: input.dedupeBase, data });
}
