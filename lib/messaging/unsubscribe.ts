// One-click unsubscribe tokens (RFC 8058; decision 033): `<userId>.<topic>.<mac>`, the MAC an
// HMAC-SHA-256 under a key derived from NEXTAUTH_SECRET for this purpose only. A token names one
// person and one reminder topic, works without signing in and only turns that topic off; it does
// not expire (an old email's link must keep working), and it cannot be forged or moved to another
// person or topic. No "server-only": tests build tokens too.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { REMINDER_TOPICS, type ReminderTopic } from "./kinds";

function key(): Buffer {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: unsubscribe links cannot be made or checked");
  return Buffer.from(hkdfSync("sha256", secret, "riverside-plans", "riverside-plans unsubscribe v1", 32));
}

const mac = (payload: string) => createHmac("sha256", key()).update(payload).digest().subarray(0, 18).toString("base64url");

export function unsubscribeToken(userId: string, topic: ReminderTopic): string {
  const payload = `${userId}.${topic}`;
  return `${payload}.${mac(payload)}`;
}

export function readUnsubscribeToken(token: string): { userId: string; topic: ReminderTopic } | null {
  if (typeof token !== "string" || token.length > 200) return null;
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [userId, topic, given] = parts as [string, string, string];
  if (!/^[a-z0-9]{1,40}$/i.test(userId) || !(REMINDER_TOPICS as readonly string[]).includes(topic)) return null;
  const expected = Buffer.from(mac(`${userId}.${topic}`));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return { userId, topic: topic as ReminderTopic };
}

export function unsubscribeUrls(baseUrl: string, userId: string, topic: ReminderTopic): { pageUrl: string; oneClickUrl: string } {
  const token = unsubscribeToken(userId, topic);
  return { pageUrl: `${baseUrl}/unsubscribe/${token}`, oneClickUrl: `${baseUrl}/api/v1/unsubscribe/${token}` };
}
