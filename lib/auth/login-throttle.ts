import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { utcTimestamp } from "@/lib/db/sql";

/** Sign-in attempts one address may make in a window (successful ones are given back)… */
export const IP_ATTEMPT_LIMIT = 30;
/** …per 15-minute window, after which the count starts again… */
export const IP_WINDOW_MS = 15 * 60 * 1000;
/** …and an address that exceeds it is refused for 15 minutes. */
export const IP_BLOCK_MS = 15 * 60 * 1000;

export type ThrottleVerdict = { allowed: boolean };

/**
 * A throttle's figures; the sign-in defaults above unless a caller counts something else with its
 * own key prefix (password-reset requests, decision 034: fewer attempts, longer windows).
 */
export type ThrottleLimits = { limit: number; windowMs: number; blockMs: number; auditAction?: string };
const SIGN_IN_LIMITS: ThrottleLimits = { limit: IP_ATTEMPT_LIMIT, windowMs: IP_WINDOW_MS, blockMs: IP_BLOCK_MS };

/**
 * Counts one sign-in attempt for a LoginThrottle key before any password is checked. One SQL
 * upsert, so concurrent attempts from instances anywhere each take exactly one place: the first
 * IP_ATTEMPT_LIMIT in a window go through, the next one starts the block, and while blocked the
 * row is left untouched (the conditional update returns no row). Writes `auth.sign_in_throttled`
 * once per block.
 */
export async function reserveSignInAttempt(
  key: string,
  options: { now: Date; origin?: string; email?: string; limits?: ThrottleLimits },
): Promise<ThrottleVerdict> {
  const { now } = options;
  const limits = options.limits ?? SIGN_IN_LIMITS;
  const windowOver = utcTimestamp(new Date(now.getTime() - limits.windowMs));
  const rows = await db().$queryRaw<{ attempts: number; blocked: boolean }[]>`
    INSERT INTO "LoginThrottle" ("key", "attempts", "windowStartAt", "blockedUntil")
    VALUES (${key}, 1, ${utcTimestamp(now)}, NULL)
    ON CONFLICT ("key") DO UPDATE SET
      "attempts" = CASE
        WHEN "LoginThrottle"."windowStartAt" <= ${windowOver} OR "LoginThrottle"."blockedUntil" IS NOT NULL THEN 1
        ELSE "LoginThrottle"."attempts" + 1 END,
      "windowStartAt" = CASE
        WHEN "LoginThrottle"."windowStartAt" <= ${windowOver} OR "LoginThrottle"."blockedUntil" IS NOT NULL THEN ${utcTimestamp(now)}
        ELSE "LoginThrottle"."windowStartAt" END,
      "blockedUntil" = CASE
        WHEN "LoginThrottle"."windowStartAt" > ${windowOver} AND "LoginThrottle"."blockedUntil" IS NULL
          AND "LoginThrottle"."attempts" + 1 > ${limits.limit} THEN ${utcTimestamp(new Date(now.getTime() + limits.blockMs))}
        ELSE NULL END
    WHERE "LoginThrottle"."blockedUntil" IS NULL OR "LoginThrottle"."blockedUntil" <= ${utcTimestamp(now)}
    RETURNING "attempts", ("blockedUntil" IS NOT NULL) AS "blocked"`;
  const row = rows[0];
  // No row: the key was already blocked. Audited only when the attempt names a known account, so a
  // flood of unknown emails cannot flood the log.
  if (!row) {
    await auditThrottled(options, { knownAccountOnly: true });
    return { allowed: false };
  }
  if (row.blocked) await auditThrottled(options);
  return { allowed: !row.blocked };
}

/**
 * `auth.sign_in_throttled`: once when an address's block starts, and for every attempt on a known
 * account while blocked, attached to that account's clinic so the clinic's admin sees who is
 * being guessed at.
 */
async function auditThrottled(
  options: { origin?: string; email?: string; limits?: ThrottleLimits },
  only: { knownAccountOnly?: boolean } = {},
): Promise<void> {
  const account = options.email
    ? await db().user.findUnique({ where: { email: options.email }, select: { id: true, clinicId: true } })
    : null;
  if (!account && only.knownAccountOnly) return;
  await recordAuditEvent(db(), {
    actor: { userId: null, role: null, clinicId: account?.clinicId ?? null, origin: options.origin },
    action: options.limits?.auditAction ?? "auth.sign_in_throttled",
    entityType: account ? "User" : "LoginThrottle",
    entityId: account?.id ?? null,
  });
}

/** Gives back the place a successful sign-in took, so only failures use up an address's allowance. */
export async function releaseSignInAttempt(key: string): Promise<void> {
  await db().$executeRaw`
    UPDATE "LoginThrottle" SET "attempts" = GREATEST("attempts" - 1, 0)
    WHERE "key" = ${key} AND "blockedUntil" IS NULL`;
}

/** The longest window of any throttle (a password-reset account's hour, decision 034). */
export const LONGEST_WINDOW_MS = 60 * 60 * 1000;

/**
 * Deletes rows whose window is over and that block nothing: the next attempt would reset them
 * anyway. Keys with an hour's window (`password-reset-account:`) are kept for their hour.
 */
export async function pruneLoginThrottle(now: Date): Promise<number> {
  return db().$executeRaw`
    DELETE FROM "LoginThrottle"
    WHERE "windowStartAt" <= ${utcTimestamp(new Date(now.getTime() - IP_WINDOW_MS))}
      AND ("key" NOT LIKE 'password-reset-account:%' OR "windowStartAt" <= ${utcTimestamp(new Date(now.getTime() - LONGEST_WINDOW_MS))})
      AND ("blockedUntil" IS NULL OR "blockedUntil" <= ${utcTimestamp(now)})`;
}
