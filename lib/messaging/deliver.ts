import "server-only";
import { db } from "@/lib/db";
import { MAX_DELIVERY_ATTEMPTS } from "@/lib/jobs/boss";
import { sendPush } from "@/lib/push/send";
import { TOPIC_OF, type MessageKind } from "./kinds";
import { SECRET_PURPOSE } from "./outbox";
import { unseal } from "./sealed";
import { renderMessage, type RenderedMessage } from "./templates";
import { appBaseUrl, mailFromAddress, mailTransport } from "./transport";
import { unsubscribeUrls } from "./unsubscribe";

// Delivers one OutboundMessage (decision 033). The row is claimed with one conditional UPDATE
// (QUEUED/RETRYING -> SENDING), so however many workers run the same job, one sends it. A
// temporary failure (SMTP 4xx, a refused connection, a push service's 429/5xx) puts it back to
// RETRYING and throws, and pg-boss runs the job again with backoff; a permanent one (SMTP 5xx,
// a push subscription that is gone) ends it as FAILED; the last attempt's failure too.

export class RetryableDeliveryError extends Error {}

export type DeliveryResult = "sent" | "skipped" | "failed" | "cancelled";

type Claimed = {
  id: string;
  clinicId: string;
  userId: string | null;
  channel: "EMAIL" | "PUSH";
  kind: string;
  recipient: string;
  data: Record<string, string | null>;
  secretEnc: string | null;
  attempts: number;
};

const messageIdHeader = (id: string) => `<${id}@${new URL(appBaseUrl()).hostname}>`;

async function claim(messageId: string): Promise<Claimed | null> {
  const rows = await db().$queryRaw<Claimed[]>`
    UPDATE "OutboundMessage" SET "status" = 'SENDING', "attempts" = "attempts" + 1, "updatedAt" = now() AT TIME ZONE 'UTC'
    WHERE "id" = ${messageId} AND "status" IN ('QUEUED', 'RETRYING')
    RETURNING "id", "clinicId", "userId", "channel"::text AS "channel", "kind", "recipient", "data", "secretEnc", "attempts"`;
  return rows[0] ?? null;
}

async function finish(id: string, status: "SENT" | "FAILED" | "CANCELLED", lastError: string | null, header?: string): Promise<void> {
  await db().outboundMessage.update({
    where: { id },
    data: {
      status,
      lastError,
      secretEnc: null,
      nextAttemptAt: null,
      ...(status === "SENT" ? { sentAt: new Date() } : {}),
      ...(header ? { messageIdHeader: header } : {}),
    },
  });
}

async function retryLater(message: Claimed, reason: string, retryDelaySeconds: number): Promise<never> {
  if (message.attempts >= MAX_DELIVERY_ATTEMPTS) {
    await finish(message.id, "FAILED", `${reason} (gave up after ${message.attempts} attempts)`);
    throw new Error(`delivery of ${message.id} failed for good`);
  }
  const delay = retryDelaySeconds * 2 ** (message.attempts - 1);
  await db().outboundMessage.update({
    where: { id: message.id },
    data: { status: "RETRYING", lastError: reason, nextAttemptAt: new Date(Date.now() + delay * 1000) },
  });
  throw new RetryableDeliveryError(`delivery of ${message.id} will be retried: ${reason}`);
}

/** Renders a claimed message with its clinic's details; exported for the Outbox preview and tests. */
export async function renderFor(message: Pick<Claimed, "id" | "clinicId" | "userId" | "kind" | "data" | "secretEnc">): Promise<RenderedMessage> {
  const clinic = await db().clinic.findUniqueOrThrow({ where: { id: message.clinicId }, select: { name: true, phone: true, address: true } });
  const kind = message.kind as MessageKind;
  const topic = TOPIC_OF[kind];
  const baseUrl = appBaseUrl();
  return renderMessage({
    kind,
    data: message.data,
    clinic,
    baseUrl,
    secret: message.secretEnc ? unseal(SECRET_PURPOSE, message.secretEnc, message.id) : null,
    unsubscribe: topic && message.userId ? unsubscribeUrls(baseUrl, message.userId, topic) : null,
  });
}

const smtpCode = (error: unknown): number | null => {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === "number" ? code : null;
};

export async function deliverMessage(messageId: string, options: { retryDelaySeconds: number }): Promise<DeliveryResult> {
  const message = await claim(messageId);
  if (!message) return "skipped";
  const rendered = await renderFor(message);

  if (message.channel === "EMAIL") {
    if ((message.kind === "account_invitation" || message.kind === "password_reset") && !message.secretEnc) {
      await finish(message.id, "CANCELLED", "link no longer available");
      return "cancelled";
    }
    const header = messageIdHeader(message.id);
    const clinic = await db().clinic.findUniqueOrThrow({ where: { id: message.clinicId }, select: { name: true } });
    const topic = TOPIC_OF[message.kind as MessageKind];
    const unsubscribe = topic && message.userId ? unsubscribeUrls(appBaseUrl(), message.userId, topic) : null;
    try {
      await mailTransport().sendMail({
        from: { name: clinic.name, address: mailFromAddress() },
        to: message.recipient,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        messageId: header,
        headers: {
          "X-Riverside-Message": message.kind,
          ...(unsubscribe ? { "List-Unsubscribe": `<${unsubscribe.oneClickUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {}),
        },
      });
    } catch (error) {
      const code = smtpCode(error);
      const reason = code ? `SMTP ${code}` : `SMTP ${(error as { code?: string }).code ?? "error"}`;
      if (code !== null && code >= 500) {
        await finish(message.id, "FAILED", `${reason}: the mail server refused the message`);
        return "failed";
      }
      return retryLater(message, reason, options.retryDelaySeconds);
    }
    await finish(message.id, "SENT", null, header);
    return "sent";
  }

  const subscription = await db().pushSubscription.findUnique({ where: { id: message.recipient } });
  if (!subscription) {
    await finish(message.id, "CANCELLED", "the device unsubscribed");
    return "cancelled";
  }
  const result = await sendPush(subscription, { title: rendered.push.title, body: rendered.push.body, url: rendered.push.path, tag: message.kind });
  switch (result.outcome) {
    case "sent":
      await db().pushSubscription.updateMany({ where: { id: subscription.id }, data: { lastSuccessAt: new Date() } });
      await finish(message.id, "SENT", null);
      return "sent";
    case "gone":
      // The push service says this subscription will never work again: forget it.
      await db().pushSubscription.deleteMany({ where: { id: subscription.id } });
      await finish(message.id, "FAILED", `push service answered ${result.status}: subscription removed`);
      return "failed";
    case "rejected":
      await finish(message.id, "FAILED", result.reason);
      return "failed";
    case "retry":
      return retryLater(message, result.reason, options.retryDelaySeconds);
  }
}

/**
 * Puts back what a crash left behind (decision 033): a message stuck in SENDING for 10 minutes
 * (its worker died mid-send) becomes RETRYING; QUEUED and RETRYING messages whose job is overdue
 * are returned so the sweep enqueues a job for them again (the claim keeps it to one send).
 */
export async function findOverdueMessages(now = new Date()): Promise<string[]> {
  await db().outboundMessage.updateMany({
    where: { status: "SENDING", updatedAt: { lt: new Date(now.getTime() - 10 * 60_000) } },
    data: { status: "RETRYING", lastError: "the worker stopped while sending" },
  });
  const rows = await db().outboundMessage.findMany({
    where: {
      OR: [
        { status: "QUEUED", createdAt: { lt: new Date(now.getTime() - 5 * 60_000) } },
        { status: "RETRYING", OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lt: new Date(now.getTime() - 5 * 60_000) } }] },
      ],
    },
    select: { id: true },
    take: 500,
  });
  return rows.map((row) => row.id);
}
