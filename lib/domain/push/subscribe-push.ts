import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { newId } from "@/lib/db/new-id";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { ZPushSubscription } from "@/lib/validation/push";
import { isAllowedPushEndpoint } from "./endpoint-policy";
import { canonicalBase64url, isP256PublicKey } from "./key-material";

/** Devices one account may have subscribed at once; the oldest beyond this are dropped. */
export const MAX_PUSH_SUBSCRIPTIONS_PER_USER = 10;

export type PushSubscriptionDto = { id: string; createdAt: string; replaced: boolean };

const malformed = (message: string, fieldErrors?: Record<string, string[]>) =>
  new AppError("BAD_REQUEST", `${message} Nothing was saved.`, fieldErrors);

/** A User-Agent worth keeping to tell devices apart: printable text, at most 200 characters. */
function deviceLabel(userAgent: string | null | undefined): string | null {
  const text = (userAgent ?? "").replace(/[^\x20-\x7e]/g, "").trim().slice(0, 200);
  return text || null;
}

/**
 * The signed-in patient turns on push notifications on this device: the browser's
 * PushSubscription is stored for the patient's account (decision 036). The endpoint identifies the
 * browser, so subscribing again updates its keys, and an endpoint another account of a shared
 * phone had subscribed now belongs to whoever subscribed last (that account's notifications stop
 * going to this browser). Patients only; anything malformed is a 400 that writes nothing.
 */
export async function subscribePush(actor: Actor, input: unknown, options: { userAgent?: string | null } = {}): Promise<PushSubscriptionDto> {
  // Who is asking comes first: a caller without a portal learns nothing about the input.
  assertCan(actor, "push:subscribe");
  const parsed = ZPushSubscription.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    const first = Object.values(fieldErrors)[0]?.[0];
    throw malformed(`This is not a valid push subscription${first ? ` (${first})` : ""}.`, fieldErrors);
  }
  const { endpoint, keys } = parsed.data;
  if (!isP256PublicKey(keys.p256dh)) throw malformed("keys.p256dh is not a point on the P-256 curve.", { "keys.p256dh": ["not a P-256 public key"] });
  if (!isAllowedPushEndpoint(endpoint)) {
    throw malformed("This push service is not one the clinic's server sends to.", { endpoint: ["not a known push service"] });
  }
  const p256dh = canonicalBase64url(keys.p256dh);
  const auth = canonicalBase64url(keys.auth);
  const userAgent = deviceLabel(options.userAgent);

  return db().$transaction(async (tx) => {
    // One statement per endpoint at a time: two taps of "Turn on" make one row.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`push-endpoint:${endpoint}`}))`;
    const existing = await tx.pushSubscription.findUnique({ where: { endpoint }, select: { id: true, userId: true } });
    let id: string;
    let replaced = false;
    if (existing && existing.userId === actor.userId) {
      await tx.pushSubscription.update({ where: { id: existing.id }, data: { p256dh, auth, userAgent, clinicId: actor.clinicId } });
      id = existing.id;
    } else {
      if (existing) {
        // The browser was another account's: that account stops receiving here.
        await tx.pushSubscription.delete({ where: { id: existing.id } });
        replaced = true;
      }
      id = newId();
      await tx.pushSubscription.create({ data: { id, clinicId: actor.clinicId, userId: actor.userId, endpoint, p256dh, auth, userAgent } });
      const surplus = await tx.pushSubscription.findMany({
        where: { userId: actor.userId, clinicId: actor.clinicId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        skip: MAX_PUSH_SUBSCRIPTIONS_PER_USER,
        select: { id: true },
      });
      if (surplus.length > 0) await tx.pushSubscription.deleteMany({ where: { id: { in: surplus.map((s) => s.id) }, userId: actor.userId } });
    }
    await recordAuditEvent(tx, { actor, action: "push.subscribe", entityType: "PushSubscription", entityId: id, patientId: actor.patientId });
    const row = await tx.pushSubscription.findUniqueOrThrow({ where: { id }, select: { createdAt: true } });
    return { id, createdAt: row.createdAt.toISOString(), replaced };
  });
}
