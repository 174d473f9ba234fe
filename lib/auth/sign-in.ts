import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { Role } from "@/lib/db/generated/enums";
import { ZSignIn } from "@/lib/validation/auth";
import { isLocked, recordFailedSignIn, recordSuccessfulSignIn } from "./account-lockout";
import { throttleKeyForIp } from "./client-ip";
import { pruneLoginThrottle, releaseSignInAttempt, reserveSignInAttempt } from "./login-throttle";
import { dummyPasswordHash, verifyPassword } from "./password";
import { deviceTrustFor, newDeviceToken, parseDeviceToken, recordDeviceFailure } from "./trusted-device";

export type SignedInUser = {
  id: string;
  name: string;
  email: string;
  role: Role;
  clinicId: string;
  sessionVersion: number;
  /** The UserSession row this sign-in opened; the cookie carries it as `sid`. */
  sid: string;
  /** The device cookie to set: this browser is now trusted for this account. */
  deviceToken: string;
};

/**
 * Why a sign-in failed, for tests and nothing else: the user always sees the same message
 * ("The email or password is incorrect."), whatever the reason.
 */
export type SignInRefusal = "invalid" | "locked" | "throttled";
export type SignInOutcome = { ok: true; user: SignedInUser } | { ok: false; reason: SignInRefusal };

export type SignInContext = {
  /** The client address (lib/auth/client-ip.ts); null when unknown. */
  ip: string | null;
  /** The browser's device cookie (lib/auth/trusted-device.ts), when it sent one. */
  deviceToken?: string | null;
  /** The User-Agent header, summarised into the session row ("Chrome on Android"). */
  userAgent?: string | null;
  /** Injected by tests; the request's time otherwise. */
  now?: Date;
};

const refuse = (reason: SignInRefusal): SignInOutcome => ({ ok: false, reason });

/**
 * Checks credentials. A browser that signed in to this account before (a trusted device) is
 * checked against its own failure count only. Any other client is held to the per-address limit
 * and the per-account lock-out (both in PostgreSQL, so they hold across app instances); an
 * attacker who knows an email can therefore lock the account against untrusted clients but not
 * against the browsers its owner uses. Unknown email, wrong password, locked and deactivated
 * account do the same password-hash work and the same database writes, so neither the answer nor
 * its timing reveals whether an account exists or is locked. A throttled address is refused before
 * any hash work (and the refusal is audited against the account when the email is known).
 */
export async function signInWithPassword(input: unknown, context: SignInContext): Promise<SignInOutcome> {
  const now = context.now ?? new Date();
  const origin = context.ip ?? undefined;
  const parsed = ZSignIn.safeParse(input);
  if (!parsed.success) return refuse("invalid");
  const { email, password } = parsed.data;

  const presentedToken = parseDeviceToken(context.deviceToken);
  const device = await deviceTrustFor(presentedToken, email, now);
  if (device?.locked) {
    await recordRefusal(email, "auth.sign_in_refused_device_locked", origin);
    return refuse("locked");
  }

  const throttleKey = throttleKeyForIp(context.ip);
  if (!device && !(await reserveSignInAttempt(throttleKey, { now, origin, email })).allowed) return refuse("throttled");

  const user = await db().user.findUnique({ where: { email } });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  const locked = !device && user !== null && isLocked(user.lockedUntil, now);

  if (user && valid && user.active && !locked) {
    const deviceToken = presentedToken ?? newDeviceToken();
    const sid = await recordSuccessfulSignIn(user, { now, origin, userAgent: context.userAgent, deviceToken, trustedDevice: Boolean(device) });
    if (!sid) return refuse("locked");
    if (!device) await releaseSignInAttempt(throttleKey);
    await pruneLoginThrottle(now);
    return {
      ok: true,
      user: { id: user.id, name: user.name, email: user.email, role: user.role, clinicId: user.clinicId, sessionVersion: user.sessionVersion, sid, deviceToken },
    };
  }
  if (device) await recordTrustedDeviceFailure(device.id, now, origin);
  else await recordFailedSignIn(email, { now, origin });
  return refuse(locked ? "locked" : "invalid");
}

/** A wrong password from a trusted device: counted against that device only, audited. */
async function recordTrustedDeviceFailure(deviceId: string, now: Date, origin?: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const counted = await recordDeviceFailure(tx, deviceId, now);
    if (!counted) return;
    const actor = { userId: null, role: null, clinicId: counted.clinicId, origin };
    await recordAuditEvent(tx, { actor, action: "auth.sign_in_failed", entityType: "User", entityId: counted.userId });
    if (counted.lockedNow) await recordAuditEvent(tx, { actor, action: "auth.device_lockout", entityType: "User", entityId: counted.userId });
  });
}

/** Audits a refusal that checked no password, against the account when the email is known. */
async function recordRefusal(email: string, action: string, origin?: string): Promise<void> {
  const account = await db().user.findUnique({ where: { email }, select: { id: true, clinicId: true } });
  await recordAuditEvent(db(), {
    actor: { userId: null, role: null, clinicId: account?.clinicId ?? null, origin },
    action,
    entityType: "User",
    entityId: account?.id ?? null,
  });
}

/** next-auth's `authorize`: the signed-in user, or null for every kind of refusal alike. */
export async function authenticate(input: unknown, context: SignInContext): Promise<SignedInUser | null> {
  const outcome = await signInWithPassword(input, context);
  return outcome.ok ? outcome.user : null;
}
