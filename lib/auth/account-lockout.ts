import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { Role } from "@/lib/db/generated/enums";
import { utcTimestamp } from "@/lib/db/sql";

/** Consecutive failed sign-ins that lock an account… */
export const MAX_FAILED_SIGN_INS = 10;
/** …for 15 minutes. A correct password resets the count; an admin's password reset unlocks. */
export const LOCKOUT_MS = 15 * 60 * 1000;

export const isLocked = (lockedUntil: Date | null, now: Date) => lockedUntil !== null && lockedUntil.getTime() > now.getTime();

/**
 * Counts a failed sign-in against the account with this email and locks it at the tenth. Run for
 * every failure, unknown emails and locked accounts included (where it matches no row), so all
 * failures cost the same queries. One conditional UPDATE: concurrent failures each add exactly one,
 * a lock that has run out starts the count again, and failures arriving while the account is
 * locked change nothing (the lock is never extended). Writes `auth.lockout` when it locks.
 */
export async function recordFailedSignIn(email: string, options: { now: Date; origin?: string }): Promise<{ lockedNow: boolean }> {
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

/**
 * Records a successful sign-in: resets the failure count and writes `auth.sign_in`. Conditional on
 * the account not being locked, so a correct password checked while concurrent failures locked the
 * account does not slip through; false in that case.
 */
export async function recordSuccessfulSignIn(
  user: { id: string; role: Role; clinicId: string },
  options: { now: Date; origin?: string },
): Promise<boolean> {
  const { now } = options;
  return db().$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: user.id, active: true, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
      data: { lastLoginAt: now, failedLoginCount: 0, lockedUntil: null },
    });
    if (count === 0) return false;
    await recordAuditEvent(tx, {
      actor: { userId: user.id, role: user.role, clinicId: user.clinicId, origin: options.origin },
      action: "auth.sign_in",
      entityType: "User",
      entityId: user.id,
    });
    return true;
  });
}
