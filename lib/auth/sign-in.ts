import "server-only";
import { db } from "@/lib/db";
import type { Role } from "@/lib/db/generated/enums";
import { ZSignIn } from "@/lib/validation/auth";
import { isLocked, recordFailedSignIn, recordSuccessfulSignIn } from "./account-lockout";
import { throttleKeyForIp } from "./client-ip";
import { pruneLoginThrottle, releaseSignInAttempt, reserveSignInAttempt } from "./login-throttle";
import { dummyPasswordHash, verifyPassword } from "./password";

export type SignedInUser = { id: string; name: string; email: string; role: Role; clinicId: string; sessionVersion: number };

/**
 * Why a sign-in failed, for tests and nothing else: the user always sees the same message
 * ("The email or password is incorrect."), whatever the reason.
 */
export type SignInRefusal = "invalid" | "locked" | "throttled";
export type SignInOutcome = { ok: true; user: SignedInUser } | { ok: false; reason: SignInRefusal };

export type SignInContext = {
  /** The client address (lib/auth/client-ip.ts); null when unknown. */
  ip: string | null;
  /** Injected by tests; the request's time otherwise. */
  now?: Date;
};

const refuse = (reason: SignInRefusal): SignInOutcome => ({ ok: false, reason });

/**
 * Checks credentials under the per-address limit and the per-account lock-out (both in
 * PostgreSQL, so they hold across app instances). Unknown email, wrong password, locked and
 * deactivated account do the same password-hash work and the same database writes, so neither the
 * answer nor its timing reveals whether an account exists or is locked. A throttled address is
 * refused before any hash work.
 */
export async function signInWithPassword(input: unknown, context: SignInContext): Promise<SignInOutcome> {
  const now = context.now ?? new Date();
  const origin = context.ip ?? undefined;
  const parsed = ZSignIn.safeParse(input);
  if (!parsed.success) return refuse("invalid");
  const { email, password } = parsed.data;

  const throttleKey = throttleKeyForIp(context.ip);
  if (!(await reserveSignInAttempt(throttleKey, { now, origin })).allowed) return refuse("throttled");

  const user = await db().user.findUnique({ where: { email } });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  const locked = user !== null && isLocked(user.lockedUntil, now);

  if (user && valid && user.active && !locked) {
    if (!(await recordSuccessfulSignIn(user, { now, origin }))) return refuse("locked");
    await releaseSignInAttempt(throttleKey);
    await pruneLoginThrottle(now);
    return {
      ok: true,
      user: { id: user.id, name: user.name, email: user.email, role: user.role, clinicId: user.clinicId, sessionVersion: user.sessionVersion },
    };
  }
  await recordFailedSignIn(email, { now, origin });
  return refuse(locked ? "locked" : "invalid");
}

/** next-auth's `authorize`: the signed-in user, or null for every kind of refusal alike. */
export async function authenticate(input: unknown, context: SignInContext): Promise<SignedInUser | null> {
  const outcome = await signInWithPassword(input, context);
  return outcome.ok ? outcome.user : null;
}
