import "server-only";
import { createHash, randomBytes } from "node:crypto";

// Single-use links to set a password (decision 034): 32 random bytes in base64url (43 characters)
// go into the link; only their SHA-256 is stored, so a copy of the database opens no account.

/** An invitation link is valid for 72 hours… */
export const INVITATION_TTL_MS = 72 * 60 * 60 * 1000;
/** …a password-reset link for 30 minutes. */
export const PASSWORD_RESET_TTL_MS = 30 * 60 * 1000;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newAccountToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashAccountToken(token) };
}

/** SHA-256 in hex: the token has 256 random bits, so a fast hash is enough (no guessing to slow down). */
export function hashAccountToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether a value has the shape of a token this app issues (anything else is refused unread). */
export function isWellFormedAccountToken(value: unknown): value is string {
  return typeof value === "string" && TOKEN_PATTERN.test(value);
}
