import "server-only";
import { assertSignedIn, type Actor } from "@/lib/auth/actor";
import { isLocked, recordFailedSignIn } from "@/lib/auth/account-lockout";
import { releaseSignInAttempt, reserveSignInAttempt } from "@/lib/auth/login-throttle";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { endAllUserSessions } from "@/lib/auth/user-session";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError, unauthenticated } from "@/lib/errors";
import { passwordPolicyProblem, PASSWORD_MIN, PASSWORD_MIN_SINGLE_FACTOR, ZChangePassword, type TChangePassword } from "@/lib/validation/accounts";
import { parseInput } from "@/lib/validation/parse";

const fieldError = (field: keyof TChangePassword, message: string) =>
  new AppError("VALIDATION", "Please correct the highlighted fields. Nothing was saved.", { [field]: [message] });

const throttled = () => new AppError("RATE_LIMITED", "Too many attempts to change the password: try again in 15 minutes. Nothing was changed.");
const locked = () =>
  new AppError("RATE_LIMITED", "Too many wrong passwords: this account is locked for 15 minutes. Nothing was changed. An administrator can reset the password.");

/**
 * SP 800-63B rev. 4 §3.1.1.2: 15 characters for a password that is the account's only factor, 8
 * for one used with a second factor (ADR 022). Staff always have one before they get here.
 */
export function passwordMinimum(user: { totpFactor: { confirmedAt: Date | null } | null; _count: { passkeys: number } }): number {
  return user.totpFactor?.confirmedAt || user._count.passkeys > 0 ? PASSWORD_MIN : PASSWORD_MIN_SINGLE_FACTOR;
}

/** The minimum length of the actor's next password, for the form's hint. */
export async function passwordMinimumFor(actor: Actor): Promise<number> {
  assertSignedIn(actor);
  const user = await db().user.findFirst({
    where: { id: actor.userId, clinicId: actor.clinicId },
    select: { totpFactor: { select: { confirmedAt: true } }, _count: { select: { passkeys: true } } },
  });
  if (!user) throw unauthenticated();
  return passwordMinimum(user);
}

/**
 * Any signed-in user replaces their own password (an initial one included) after proving the
 * current one. Bumps the session version: every sign-in, this one too, must sign in again with
 * the new password. No permission is needed beyond being signed in, so this is the one domain
 * function an actor with a pending password change may call.
 *
 * A wrong current password counts as a failed sign-in of the account (ADR 010): ten in a row lock
 * it for 15 minutes, for password changes and sign-ins alike. Without that, a session left open on
 * a shared computer would let anyone guess the password without limit and then take the account.
 * Guesses sent all at once would each read the account unlocked before the first failure is
 * counted, so every attempt first takes a place in the account's own throttle (as sign-ins do per
 * address: 30 per 15 minutes, given back on success), and the change itself is written only while
 * the account is not locked.
 */
export async function changeOwnPassword(actor: Actor, input: TChangePassword): Promise<void> {
  assertSignedIn(actor);
  const { currentPassword, newPassword } = parseInput(ZChangePassword, input);
  const user = await db().user.findFirst({
    where: { id: actor.userId, clinicId: actor.clinicId, active: true },
    select: {
      email: true,
      passwordHash: true,
      lockedUntil: true,
      totpFactor: { select: { confirmedAt: true } },
      _count: { select: { passkeys: true } },
    },
  });
  if (!user) throw unauthenticated();
  const now = new Date();
  if (isLocked(user.lockedUntil, now)) throw locked();
  const throttleKey = `password-change:${actor.userId}`;
  if (!(await reserveSignInAttempt(throttleKey, { now, origin: actor.origin })).allowed) throw throttled();
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    const { lockedNow } = await recordFailedSignIn(user.email, { now, origin: actor.origin, action: "account.password_change_failed" });
    if (lockedNow) throw locked();
    throw fieldError("currentPassword", "Your current password is incorrect.");
  }
  // Proven: the place in the throttle is given back, as for a successful sign-in.
  await releaseSignInAttempt(throttleKey);
  const problem = passwordPolicyProblem(newPassword, { email: user.email, minLength: passwordMinimum(user) });
  if (problem) throw fieldError("newPassword", problem);
  const passwordHash = await hashPassword(newPassword);
  await db().$transaction(async (tx) => {
    // Conditional on the hash that was verified: a reset or change in the meantime wins.
    const { count } = await tx.user.updateMany({
      where: { id: actor.userId, clinicId: actor.clinicId, active: true, passwordHash: user.passwordHash, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date(), sessionVersion: { increment: 1 }, failedLoginCount: 0, lockedUntil: null },
    });
    if (count === 0) {
      // Locked by concurrent wrong guesses since the check above, or changed elsewhere.
      const current = await tx.user.findFirst({ where: { id: actor.userId, clinicId: actor.clinicId }, select: { lockedUntil: true } });
      if (current && isLocked(current.lockedUntil, new Date())) throw locked();
      throw new AppError("CONFLICT", "Your password was changed elsewhere in the meantime. Sign in again.");
    }
    await endAllUserSessions(tx, actor.userId, "password_changed");
    await recordAuditEvent(tx, { actor, action: "account.password_change", entityType: "User", entityId: actor.userId });
  });
}
