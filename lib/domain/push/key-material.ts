import "server-only";
import { ECDH } from "node:crypto";
import { base64urlBytes } from "@/lib/validation/push";

/**
 * True when keys.p256dh is a point on the P-256 curve (not merely 65 bytes starting 0x04): an
 * off-curve key would make every delivery fail at encryption time, after the subscription was
 * accepted. OpenSSL refuses such a point when converting it.
 */
export function isP256PublicKey(p256dh: string): boolean {
  const bytes = base64urlBytes(p256dh);
  if (!bytes || bytes.length !== 65 || bytes[0] !== 0x04) return false;
  try {
    ECDH.convertKey(Buffer.from(bytes), "prime256v1", undefined, undefined, "uncompressed");
    return true;
  } catch {
    return false;
  }
}

/** The key in the unpadded base64url form web-push and the Push API use. */
export function canonicalBase64url(value: string): string {
  return Buffer.from(base64urlBytes(value)!).toString("base64url");
}
