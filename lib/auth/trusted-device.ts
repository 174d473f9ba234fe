import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";
import { utcTimestamp } from "@/lib/db/sql";

// Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser that
// has signed in to an account before carries a random token; only its SHA-256 is kept, one row per
// account it signed in to. Such a browser is "trusted" for that account: it is not held back by
// its network address's sign-in limit (a clinic's shared network) nor by the account's lock-out
// (which anyone knowing the email could trigger). Its own wrong passwords lock that device only.

/** Wrong passwords from one trusted device that lock that device (not the account)… */
export const DEVICE_FAILURE_LIMIT = 5;
/** …for this long. */
export const DEVICE_LOCK_MS = 15 * 60 * 1000;
/** The cookie lives this long after its last sign-in. */
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

export function deviceCookieName(https: boolean): string {
  return `${https ? "__Host-" : ""}riverside.device`;
}

export const newDeviceToken = () => randomBytes(32).toString("base64url");

/** A token as this app issues it (43 base64url characters), else null: nothing else is looked up. */
export function parseDeviceToken(value: string | undefined | null): string | null {
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

export type DeviceTrust = { id: string; locked: boolean } | null;

/** This device's standing for the account with `email`: null when it never signed in to it. */
export async function deviceTrustFor(token: string | null, email: string, now: Date): Promise<DeviceTrust> {
  if (!token) return null;
  const rows = await db().$queryRaw<{ id: string; lockedUntil: Date | null }[]>`
    SELECT d."id", d."lockedUntil" FROM "TrustedDevice" d JOIN "User" u ON u."id" = d."userId"
     WHERE d."tokenHash" = ${hashToken(token)} AND u."email" = ${email}`;
  const row = rows[0];
  if (!row) return null;
  return { id: row.id, locked: row.lockedUntil !== null && row.lockedUntil.getTime() > now.getTime() };
}

/** Remembers (or refreshes) this device for the account after a correct password. */
export async function trustDevice(tx: Tx, input: { token: string; userId: string; clinicId: string; now: Date }): Promise<void> {
  const { token, userId, clinicId, now } = input;
  await tx.$executeRaw`
    INSERT INTO "TrustedDevice" ("id", "clinicId", "userId", "tokenHash", "createdAt", "lastUsedAt")
    VALUES (${randomBytes(12).toString("hex")}, ${clinicId}, ${userId}, ${hashToken(token)}, ${utcTimestamp(now)}, ${utcTimestamp(now)})
    ON CONFLICT ("tokenHash", "userId") DO UPDATE SET "lastUsedAt" = EXCLUDED."lastUsedAt", "failedCount" = 0, "lockedUntil" = NULL`;
}

/**
 * Counts a wrong password from a trusted device and locks the device at the limit. Conditional,
 * like the account lock-out: concurrent failures each add one and a running lock is not extended.
 */
export async function recordDeviceFailure(tx: Tx, deviceId: string, now: Date): Promise<{ lockedNow: boolean; userId: string; clinicId: string } | null> {
  const rows = await tx.$queryRaw<{ locked: boolean; userId: string; clinicId: string }[]>`
    UPDATE "TrustedDevice" SET
      "failedCount" = CASE WHEN "lockedUntil" IS NOT NULL THEN 1 ELSE "failedCount" + 1 END,
      "lockedUntil" = CASE
        WHEN "lockedUntil" IS NULL AND "failedCount" + 1 >= ${DEVICE_FAILURE_LIMIT}
        THEN ${utcTimestamp(new Date(now.getTime() + DEVICE_LOCK_MS))} ELSE NULL END
     WHERE "id" = ${deviceId} AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${utcTimestamp(now)})
    RETURNING ("lockedUntil" IS NOT NULL) AS "locked", "userId", "clinicId"`;
  const row = rows[0];
  return row ? { lockedNow: row.locked, userId: row.userId, clinicId: row.clinicId } : null;
}
