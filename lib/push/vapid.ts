import "server-only";
import webpush from "web-push";
import { db } from "@/lib/db";
import { seal, unseal } from "@/lib/messaging/sealed";
import { appBaseUrl, mailFromAddress } from "@/lib/messaging/transport";

// The server's VAPID key pair (RFC 8292; decision 036): made on first start, kept in the
// database (one row; the private key sealed under NEXTAUTH_SECRET), so every app process and
// every restart signs with the same key and browsers' subscriptions stay valid.

const PURPOSE = "vapid-private-key";
const BOUND = "vapid";

export type VapidKeys = { publicKey: string; privateKey: string; subject: string };

const holder = globalThis as unknown as { __riversideVapid?: Promise<VapidKeys> };

/** The VAPID subject: VAPID_SUBJECT, or the app's https origin, or a mailto: of the sender address. */
export function vapidSubject(): string {
  if (process.env.VAPID_SUBJECT) return process.env.VAPID_SUBJECT;
  const base = appBaseUrl();
  return base.startsWith("https://") ? base : `mailto:${mailFromAddress()}`;
}

async function load(): Promise<VapidKeys> {
  const existing = await db().vapidKeys.findUnique({ where: { id: 1 } });
  if (!existing) {
    const generated = webpush.generateVAPIDKeys();
    // Two processes starting at once: the first insert wins and both read it back.
    await db().$executeRaw`
      INSERT INTO "VapidKeys" ("id", "publicKey", "privateKeyEnc") VALUES (1, ${generated.publicKey}, ${seal(PURPOSE, generated.privateKey, BOUND)})
      ON CONFLICT ("id") DO NOTHING`;
  }
  const row = existing ?? (await db().vapidKeys.findUniqueOrThrow({ where: { id: 1 } }));
  const privateKey = unseal(PURPOSE, row.privateKeyEnc, BOUND);
  if (!privateKey) throw new Error("The VAPID private key cannot be read (was NEXTAUTH_SECRET changed?)");
  return { publicKey: row.publicKey, privateKey, subject: vapidSubject() };
}

export function getVapidKeys(): Promise<VapidKeys> {
  holder.__riversideVapid ??= load().catch((error) => {
    holder.__riversideVapid = undefined;
    throw error;
  });
  return holder.__riversideVapid;
}
