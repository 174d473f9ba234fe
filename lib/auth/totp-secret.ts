// Authenticator-app secrets at rest: AES-256-GCM under a key derived from NEXTAUTH_SECRET with
// HKDF-SHA-256 (its own `info`, so the key is used for nothing else), the user id as additional
// data (a ciphertext copied to another account does not decrypt). Stored as
// `v1.<iv>.<ciphertext>.<tag>` in base64url. No `server-only` import: the seed encrypts the demo
// staff's secret with it too. A secret is never logged.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const INFO = "riverside-plans totp-secret v1";
const SALT = "riverside-plans";

function key(authSecret: string | undefined = process.env.NEXTAUTH_SECRET): Buffer {
  if (!authSecret) throw new Error("NEXTAUTH_SECRET is not set: authenticator-app secrets cannot be encrypted or read");
  return Buffer.from(hkdfSync("sha256", authSecret, SALT, INFO, 32));
}

export function encryptTotpSecret(secret: string, userId: string, authSecret?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(authSecret), iv);
  cipher.setAAD(Buffer.from(userId, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [VERSION, iv, ciphertext, cipher.getAuthTag()].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** The secret, or null when the value is malformed, was written for another user or under another key. */
export function decryptTotpSecret(stored: string, userId: string, authSecret?: string): string | null {
  const [version, iv, ciphertext, tag, ...rest] = stored.split(".");
  if (version !== VERSION || !iv || !ciphertext || !tag || rest.length > 0) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(authSecret), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(userId, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
