import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { Role } from "@/lib/db/generated/enums";
import { utcTimestamp } from "@/lib/db/sql";
import { trustDevice } from "./trusted-device";
import { startUserSession } from "./user-session";

/** Consecutive failed sign-ins that lock an account… */
export const MAX_FAILED_SIGN_INS = 10;
/** …for 15 minutes. A correct password resets the count; an admin's password reset unlocks. */
export const LOCKOUT_MS = 15 * 60 * 1000;

export const isLocked = (lockedUntil: Date | null, now: Date) => lockedUntil !== null && lockedUntil.getTime() > now.getTime();

/**
 * Counts a failed sign-in against the account with this email and locks it at the tenth. Run for
 * every failure from a client the account does not trust, unknown emails and locked accounts
 * included (where it matches no row), so all failures cost the same queries. One conditional
 * UPDATE: concurrent failures each add exactly one, a lock that has run out starts the count
 * again, and failures arriving while the account is locked change nothing (the lock is never
 * extended). Every failure is audited (`auth.sign_in_failed`, or the caller's action), attached to
 * the account and its clinic when the email is known; `auth.lockout` when it locks.
 */
export async function recordFailedSignIn(
  email: string,
  options: { now: Date; origin?: string; action?: string },
): Promise<{ lockedNow: boolean }> {
  const { now } = options;
  return db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; clinicId: string; locked: boolean }[]>`
      UPDATE "User" SET
        "failedLoginCount" = CASE WHEN "lockedUntil" IS NOT NULL THEN 1 ELSE "failedLoginCount" + 1 END,
        "lockedUntil" = CASE
          WHEN "lockedUntil" IS NULL AND "failedLoginCount" + 1 >= ${MAX_FAILED_SIGN_INS}
          THEN ${utcTimestamp(new Date(now.getTime() + LOCKOUT_MS))}
          ELSE NULL END
      WHERE "email" = ${email} AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${utcTimestamp(now)})
      RETURNING "id", "clinicId", ("lockedUntil" IS NOT NULL) AS "locked"`;
    // A locked or unknown account matched no row: look it up for the audit trail only.
    const account = rows[0] ?? (await tx.$queryRaw<{ id: string; clinicId: string }[]>`SELECT "id", "clinicId" FROM "User" WHERE "email" = ${email}`)[0];
    await recordAuditEvent(tx, {
      actor: { userId: null, role: null, clinicId: account?.clinicId ?? null, origin: options.origin },
      action: options.action ?? "auth.sign_in_failed",
      entityType: "User",
      entityId: account?.id ?? null,
    });
    const row = rows[0];
    if (!row?.locked) return { lockedNow: false };
    await recordAuditEvent(tx, {
      actor: { userId: null, role: null, clinicId: row.clinicId, origin: options.origin },
      action: "auth.lockout",
      entityType: "User",
      entityId: row.id,
    });
    return { lockedNow: true };
  });
}

export type SuccessfulSignIn = {
  now: Date;
  origin?: string;
  userAgent?: string | null;
  /** The device cookie's token to remember for this account (new or the one the browser sent). */
  deviceToken: string;
  /** The browser is a trusted device of this account: the account's lock-out does not apply to it. */
  trustedDevice: boolean;
};

/**
 * Records a successful sign-in and opens its session: resets the failure count, remembers the
 * device, opens a UserSession row and writes `auth.sign_in`, in one transaction. Conditional on the
 * account being active and (unless the device is trusted) not locked, so a correct password checked
 * while concurrent failures locked the account does not slip through; null in that case, else the
 * new session's id. A trusted device leaves the account's lock-out alone: it holds against the
 * untrusted clients that caused it.
 */
export async function recordSuccessfulSignIn(user: { id: string; role: Role; clinicId: string }, options: SuccessfulSignIn): Promise<string | null> {
  const { now } = options;
  return db().$transaction(async (tx) => {
    const { count } = options.trustedDevice
      ? await tx.user.updateMany({ where: { id: user.id, active: true }, data: { lastLoginAt: now } })
      : await tx.user.updateMany({
          where: { id: user.id, active: true, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
          data: { lastLoginAt: now, failedLoginCount: 0, lockedUntil: null },
        });
    if (count === 0) return null;
    await trustDevice(tx, { token: options.deviceToken, userId: user.id, clinicId: user.clinicId, now });
    const sid = await startUserSession(tx, { userId: user.id, clinicId: user.clinicId, now, userAgent: options.userAgent, origin: options.origin });
    await recordAuditEvent(tx, {
      actor: { userId: user.id, role: user.role, clinicId: user.clinicId, origin: options.origin },
      action: "auth.sign_in",
      entityType: "User",
      entityId: user.id,
    });
    return sid;
  });
}
