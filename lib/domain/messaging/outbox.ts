import "server-only";
// The admins' Outbox (decision 033): every message the app sent or is sending for the clinic, with
// its delivery state ("failed, retrying" and why), and, while mail goes to the embedded sink (no
// SMTP_URL), each email as its recipient received it. Messages carry no health data by design;
// opening one is audited all the same (it names a person and their address).
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { MessageChannel, MessageStatus } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { mailSinkDir } from "@/lib/messaging/transport";
import { ZMessageId, ZOutboxFilters, type TOutboxFilters } from "@/lib/validation/outbox";
import { parseInput } from "@/lib/validation/parse";

const PAGE_SIZE = 50;

export type OutboxRow = {
  id: string;
  kind: string;
  channel: MessageChannel;
  recipient: string;
  recipientName: string | null;
  status: MessageStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  sentAt: Date | null;
};

export async function listOutbox(actor: Actor, filters: TOutboxFilters): Promise<{ rows: OutboxRow[]; total: number; page: number; pageSize: number; sinkMode: boolean }> {
  assertCan(actor, "outbox:read");
  const { page, status } = parseInput(ZOutboxFilters, filters);
  const where = { clinicId: actor.clinicId, ...(status ? { status } : {}) };
  const [rows, total] = await Promise.all([
    db().outboundMessage.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true, kind: true, channel: true, recipient: true, status: true, attempts: true, lastError: true,
        nextAttemptAt: true, createdAt: true, sentAt: true, user: { select: { name: true } },
      },
    }),
    db().outboundMessage.count({ where }),
  ]);
  return {
    rows: rows.map(({ user, channel, recipient, ...row }) => ({
      ...row,
      channel,
      // A push message's recipient is a device subscription id: say "this person's devices" instead.
      recipient: channel === "PUSH" ? "their devices" : recipient,
      recipientName: user?.name ?? null,
    })),
    total,
    page,
    pageSize: PAGE_SIZE,
    sinkMode: mailSinkDir() !== null,
  };
}

export type ReceivedEmail = { from: string; to: string; subject: string; date: Date | null; text: string; html: string | null; listUnsubscribe: string | null };

async function readFromSink(messageId: string): Promise<ReceivedEmail | null> {
  const dir = mailSinkDir();
  if (!dir) return null;
  const names = await readdir(dir).catch(() => [] as string[]);
  const name = names.find((n) => n.endsWith(`-${messageId}.eml`));
  if (!name) return null;
  const parsed = await simpleParser(await readFile(path.join(dir, name)));
  const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(", ") : (parsed.to?.text ?? "");
  const unsubscribe = parsed.headers.get("list-unsubscribe");
  return {
    from: parsed.from?.text ?? "",
    to,
    subject: parsed.subject ?? "",
    date: parsed.date ?? null,
    text: parsed.text ?? "",
    html: typeof parsed.html === "string" ? parsed.html : null,
    listUnsubscribe: unsubscribe ? JSON.stringify(unsubscribe) : null,
  };
}

/** One message of the actor's clinic (404 otherwise), with the email as received when the sink has it. */
export async function getOutboxMessage(actor: Actor, input: { messageId: string }): Promise<OutboxRow & { received: ReceivedEmail | null; sinkMode: boolean }> {
  assertCan(actor, "outbox:read");
  const { messageId } = parseInput(ZMessageId, input);
  const row = await db().outboundMessage.findFirst({
    where: { id: messageId, clinicId: actor.clinicId },
    select: {
      id: true, kind: true, channel: true, recipient: true, status: true, attempts: true, lastError: true,
      nextAttemptAt: true, createdAt: true, sentAt: true, user: { select: { name: true } },
    },
  });
  if (!row) throw notFound("Message");
  await db().$transaction((tx) => recordAuditEvent(tx, { actor, action: "outbox.read", entityType: "OutboundMessage", entityId: row.id }));
  const { user, ...rest } = row;
  const received = row.channel === "EMAIL" ? await readFromSink(row.id) : null;
  return {
    ...rest,
    recipient: row.channel === "PUSH" ? "their devices" : row.recipient,
    recipientName: user?.name ?? null,
    received,
    sinkMode: mailSinkDir() !== null,
  };
}
