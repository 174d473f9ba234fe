import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { getVapidKeys } from "@/lib/push/vapid";

/**
 * The server's VAPID public key (RFC 8292), which the browser needs to subscribe
 * (`applicationServerKey`). Public by nature, but only a patient has anything to subscribe to.
 */
export async function getPushPublicKey(actor: Actor): Promise<{ publicKey: string }> {
  assertCan(actor, "push:subscribe");
  const { publicKey } = await getVapidKeys();
  return { publicKey };
}
