import "server-only";
import { fromPrisma } from "pg-boss";
import type { Tx } from "@/lib/db";
import { newId } from "@/lib/db/new-id";
import { deliveryRetryPolicy, getBoss, QUEUES } from "@/lib/jobs/boss";
import type { MessageData, MessageKind } from "./kinds";
import { seal } from "./sealed";

export type { MessageData, MessageKind } from "./kinds";

export type QueueMessageInput = {
  clinicId: string;
  userId: string | null;
  channel: "EMAIL" | "PUSH";
  kind: MessageKind;
  /** An email address, or a PushSubscription id. */
  recipient: string;
  /** Unique per message: a second writer with the same key (another process, a repeated tick) writes nothing. */
  dedupeKey: string;
  data: MessageData;
  /** A link token: stored sealed, erased once the message is sent. */
  secret?: string;
};

export const SECRET_PURPOSE = "message-secret";

/**
 * Writes one message in the caller's transaction and enqueues its delivery job in the same
 * transaction (decision 033): the message exists exactly when the change that caused it
 * committed, and its job with it. Null when the dedupe key was taken (nothing written).
 */
export async function queueMessage(tx: Tx, input: QueueMessageInput): Promise<{ id: string } | null> {
  const id = newId();
  const secretEnc = input.secret ? seal(SECRET_PURPOSE, input.secret, id) : null;
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "OutboundMessage" ("id", "clinicId", "userId", "channel", "kind", "dedupeKey", "recipient", "data", "secretEnc", "status", "updatedAt")
    VALUES (${id}, ${input.clinicId}, ${input.userId}, ${input.channel}::"MessageChannel", ${input.kind}, ${input.dedupeKey},
            ${input.recipient}, ${JSON.stringify(input.data)}::jsonb, ${secretEnc}, 'QUEUED'::"MessageStatus", now() AT TIME ZONE 'UTC')
    ON CONFLICT ("dedupeKey") DO NOTHING
    RETURNING "id"`;
  if (inserted.length === 0) return null;
  const boss = await getBoss();
  await boss.send(QUEUES.deliverMessage, { messageId: id }, { ...deliveryRetryPolicy(), singletonKey: id, db: fromPrisma(tx) });
  return { id };
}

/** Cancels a person's messages of one kind that have not gone out yet (a newer invitation replaces an older). */
export async function cancelQueuedMessages(tx: Tx, where: { userId: string; kind: MessageKind }): Promise<number> {
  const { count } = await tx.outboundMessage.updateMany({
    where: { userId: where.userId, kind: where.kind, status: { in: ["QUEUED", "RETRYING"] } },
    data: { status: "CANCELLED", secretEnc: null },
  });
  return count;
}
