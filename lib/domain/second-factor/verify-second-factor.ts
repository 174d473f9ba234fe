import "server-only";
import { assertSignedIn, type Actor } from "@/lib/auth/actor";
import { isLocked, recordFailedSignIn } from "@/lib/auth/account-lockout";
import { releaseSignInAttempt, reserveSignInAttempt } from "@/lib/auth/login-throttle";
import { matchRecoveryCode } from "@/lib/auth/recovery-codes";
import { markSessionSecondFactor } from "@/lib/auth/second-factor-session";
import { matchTotpCode } from "@/lib/auth/totp";
import { decryptTotpSecret } from "@/lib/auth/totp-secret";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError, unauthenticated } from "@/lib/errors";
import { ZVerifySecondFactor, type TVerifySecondFactor } from "@/lib/validation/second-factor";
import { parseInput } from "@/lib/validation/parse";

const locked = () => new AppError("RATE_LIMITED", "Too many wrong codes: this account is locked for 15 minutes. An administrator can help.");
const throttled = () => new AppError("RATE_LIMITED", "Too many attempts: try again in 15 minutes.");
const wrong = (method: TVerifySecondFactor["method"]) =>
  method === "totp"
    ? new AppError("VALIDATION", "That code is not right.", { code: ["That code is not right, or it was already used. Enter the code your app shows now."] })
    : new AppError("VALIDATION", "That recovery code is not right.", { code: ["That recovery code is not right, or it was already used."] });

/**
 * The second sign-in step with an authenticator-app code or a recovery code. A wrong code counts
 * as a failed sign-in of the account (lib/auth/account-lockout.ts: ten in a row lock it for 15
 * minutes), as does a code whose time step was already used (replay). Every attempt first takes a
 * place in the account's own throttle, so guesses sent all at once cannot all read the account
 * unlocked. On success the session row records the step (`secondFactorAt`) and
 * `auth.second_factor` (or `auth.recovery_code_used`) is written.
 */
export async function verifySecondFactor(actor: Actor, input: TVerifySecondFactor): Promise<void> {
  assertSignedIn(actor);
  if (actor.secondFactor !== "pending") throw new AppError("CONFLICT", "This sign-in needs no code now.");
  const parsed = parseInput(ZVerifySecondFactor, input);
  const user = await db().user.findFirst({
    where: { id: actor.userId, clinicId: actor.clinicId, active: true },
    select: { email: true, lockedUntil: true, totpFactor: { select: { secretEnc: true, lastUsedStep: true, confirmedAt: true } } },
  });
  if (!user) throw unauthenticated();
  const now = new Date();
  if (isLocked(user.lockedUntil, now)) throw locked();
  const throttleKey = `second-factor:${actor.userId}`;
  if (!(await reserveSignInAttempt(throttleKey, { now, origin: actor.origin })).allowed) throw throttled();

  const accepted = parsed.method === "totp" ? await acceptTotp(actor, user.totpFactor, parsed.code, now) : await acceptRecoveryCode(actor, parsed.code, now);
  if (!accepted) {
    const { lockedNow } = await recordFailedSignIn(user.email, { now, origin: actor.origin });
    if (lockedNow) throw locked();
    throw wrong(parsed.method);
  }
  await releaseSignInAttempt(throttleKey);
}

type Factor = { secretEnc: string; lastUsedStep: number | null; confirmedAt: Date | null } | null;

async function acceptTotp(actor: Actor, factor: Factor, code: string, now: Date): Promise<boolean> {
  if (!factor?.confirmedAt) return false;
  const secret = decryptTotpSecret(factor.secretEnc, actor.userId);
  if (!secret) return false;
  const step = await matchTotpCode({ secret, code, now, afterStep: factor.lastUsedStep });
  if (step === null) return false;
  return db().$transaction(async (tx) => {
    // Conditional on no later step having been used meanwhile: the same code sent twice at once
    // passes once.
    const used = await tx.$executeRaw`
      UPDATE "TotpFactor" SET "lastUsedStep" = ${step}
       WHERE "userId" = ${actor.userId} AND "confirmedAt" IS NOT NULL AND ("lastUsedStep" IS NULL OR "lastUsedStep" < ${step})`;
    if (used === 0) return false;
    await complete(tx, actor, now, "auth.second_factor");
    return true;
  });
}

async function acceptRecoveryCode(actor: Actor, code: string, now: Date): Promise<boolean> {
  const unused = await db().recoveryCode.findMany({ where: { userId: actor.userId, usedAt: null }, select: { id: true, codeHash: true } });
  const index = await matchRecoveryCode(code, unused.map((c) => c.codeHash));
  const match = unused[index];
  if (!match) return false;
  return db().$transaction(async (tx) => {
    const { count } = await tx.recoveryCode.updateMany({ where: { id: match.id, usedAt: null }, data: { usedAt: now } });
    if (count === 0) return false;
    await complete(tx, actor, now, "auth.recovery_code_used");
    return true;
  });
}

async function complete(tx: Parameters<typeof markSessionSecondFactor>[0], actor: Actor, now: Date, action: string): Promise<void> {
  // Both factors proven: the failure count starts again, as after a correct password. Conditional
  // on the account not having been locked by concurrent wrong codes since the check.
  const { count } = await tx.user.updateMany({
    where: { id: actor.userId, active: true, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
    data: { failedLoginCount: 0, lockedUntil: null },
  });
  if (count === 0) throw locked();
  await markSessionSecondFactor(tx, actor, now);
  await recordAuditEvent(tx, { actor, action, entityType: "User", entityId: actor.userId });
}
