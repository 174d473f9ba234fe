import "server-only";
import type { Agent } from "node:https";
import webpush, { WebPushError } from "web-push";
import { getVapidKeys } from "./vapid";

// Sends one push message (RFC 8030, payload encrypted aes128gcm per RFC 8291, signed with VAPID):
// the browser's push service holds it until the device is online (TTL one day).

export type PushPayload = { title: string; body: string; url: string; tag: string };
export type PushTarget = { endpoint: string; p256dh: string; auth: string };
export type PushOutcome = { outcome: "sent" } | { outcome: "gone"; status: number } | { outcome: "retry"; reason: string } | { outcome: "rejected"; reason: string };

const holder = globalThis as unknown as { __riversidePushAgent?: Agent };

/** Tests point deliveries at a local receiver with a certificate of their own through this agent. */
export function setPushAgentForTests(agent: Agent | undefined): void {
  holder.__riversidePushAgent = agent;
}

export async function sendPush(target: PushTarget, payload: PushPayload): Promise<PushOutcome> {
  const vapid = await getVapidKeys();
  try {
    await webpush.sendNotification({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, JSON.stringify(payload), {
      vapidDetails: { subject: vapid.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
      TTL: 24 * 60 * 60,
      contentEncoding: "aes128gcm",
      urgency: "normal",
      timeout: 15_000,
      ...(holder.__riversidePushAgent ? { agent: holder.__riversidePushAgent } : {}),
    });
    return { outcome: "sent" };
  } catch (error) {
    if (error instanceof WebPushError) {
      // 404/410: the subscription has expired or was withdrawn; it will never work again.
      if (error.statusCode === 404 || error.statusCode === 410) return { outcome: "gone", status: error.statusCode };
      // 429 and 5xx: the push service is busy or failing; try again later.
      if (error.statusCode === 429 || error.statusCode >= 500) return { outcome: "retry", reason: `push service answered ${error.statusCode}` };
      return { outcome: "rejected", reason: `push service answered ${error.statusCode}` };
    }
    // Network errors (refused, reset, timed out) are temporary.
    return { outcome: "retry", reason: error instanceof Error ? error.message.slice(0, 120) : "push failed" };
  }
}
