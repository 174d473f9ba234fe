import "server-only";
// One-click unsubscribe (RFC 8058; decision 035): the link in a reminder email carries an HMAC token
// naming one account and one reminder topic (lib/messaging/unsubscribe.ts). Whoever holds the link
// may turn that topic off, without signing in, and do nothing else: never turn anything on, never
// read more than the topic's name and the clinic's. A token that does not verify, or names an
// account that is not a patient's, is NOT_FOUND. Reading (the page's GET) never changes anything:
// mail scanners open links.
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { ReminderTopic } from "@/lib/messaging/kinds";
import { readUnsubscribeToken } from "@/lib/messaging/unsubscribe";
import { TOPIC_COLUMN } from "./defaults";

export type UnsubscribeState = { topic: ReminderTopic; on: boolean; clinicName: string };

async function accountOf(token: string) {
  const read = readUnsubscribeToken(token);
  if (!read) throw notFound("Link");
  const user = await db().user.findFirst({
    where: { id: read.userId, role: "PATIENT" },
    select: { id: true, clinicId: true, clinic: { select: { name: true } }, preferences: { select: { [TOPIC_COLUMN[read.topic]]: true } } },
  });
  if (!user) throw notFound("Link");
  return { ...read, user };
}

/** What the link would turn off, and whether it is on now. Changes nothing. */
export async function describeUnsubscribe(token: string): Promise<UnsubscribeState> {
  const { topic, user } = await accountOf(token);
  const prefs = user.preferences as Record<string, boolean> | null;
  return { topic, on: prefs ? prefs[TOPIC_COLUMN[topic]] !== false : true, clinicName: user.clinic.name };
}

/**
 * Turns the link's topic off (writing the defaults first when the patient never saved settings)
 * and bumps the settings' version, so a settings form open elsewhere meets a conflict instead of
 * turning it back on. Audited without an actor. Already off: nothing changes, nothing is recorded.
 */
export async function unsubscribe(token: string, origin?: string): Promise<{ topic: ReminderTopic; changed: boolean }> {
  const { topic, user } = await accountOf(token);
  const column = TOPIC_COLUMN[topic];
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "NotificationPreference" ("userId", "clinicId", "updatedAt") VALUES (${user.id}, ${user.clinicId}, now())
      ON CONFLICT ("userId") DO NOTHING`;
    const { count } = await tx.notificationPreference.updateMany({
      where: { userId: user.id, clinicId: user.clinicId, [column]: true },
      data: { [column]: false, version: { increment: 1 } },
    });
    if (count > 0) {
      await recordAuditEvent(tx, {
        actor: { userId: null, role: null, clinicId: user.clinicId, origin },
        action: `reminders.unsubscribe.${topic}`,
        entityType: "NotificationPreference",
        entityId: user.id,
      });
    }
    return { topic, changed: count > 0 };
  });
}
