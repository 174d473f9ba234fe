// Small secrets at rest (a message's link token, the VAPID private key): AES-256-GCM under a key
// derived from NEXTAUTH_SECRET with HKDF-SHA-256 and a purpose of their own (`info`), the row's id
// as additional data so a ciphertext copied to another row does not open. Same format as the
// authenticator-app secrets (lib/auth/totp-secret.ts): `v1.<iv>.<ciphertext>.<tag>`, base64url.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const SALT = "riverside-plans";

function key(purpose: string): Buffer {
  const authSecret = process.env.NEXTAUTH_SECRET;
  if (!authSecret) throw new Error("NEXTAUTH_SECRET is not set: sealed values cannot be written or read");
  return Buffer.from(hkdfSync("sha256", authSecret, SALT, `riverside-plans ${purpose} v1`, 32));
}

export function seal(purpose: string, value: string, boundTo: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(purpose), iv);
  cipher.setAAD(Buffer.from(boundTo, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), ciphertext.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** The value, or null when malformed, bound to another row or sealed under another key. */
export function unseal(purpose: string, stored: string, boundTo: string): string | null {
  const [version, iv, ciphertext, tag, ...rest] = stored.split(".");
  if (version !== VERSION || !iv || !ciphertext || !tag || rest.length > 0) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(purpose), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(boundTo, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
