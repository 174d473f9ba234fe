import "server-only";
import { reserveSignInAttempt, type ThrottleLimits } from "@/lib/auth/login-throttle";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { ZRequestPasswordReset } from "@/lib/validation/accounts";
import { parseInput } from "@/lib/validation/parse";
import { issueAccountLink } from "./account-links";

/** Reset requests per email address: 3 in 15 minutes, then 15 minutes of silence (decision 034)… */
export const RESET_PER_ADDRESS: ThrottleLimits = { limit: 3, windowMs: 15 * 60_000, blockMs: 15 * 60_000, auditAction: "auth.password_reset_throttled" };
/** …and per account: 5 links an hour, then an hour of silence, so nobody can flood an inbox. */
export const RESET_PER_ACCOUNT: ThrottleLimits = { limit: 5, windowMs: 60 * 60_000, blockMs: 60 * 60_000, auditAction: "auth.password_reset_throttled" };

export type ResetRequestContext = { ip: string | null; now?: Date };

/**
 * "Forgot password?" (decision 034). Nobody is signed in, and the answer is the same whatever
 * happens here (the caller shows "If an account exists for that address, we've sent a link"):
 * unknown address, deactivated account, throttled address or account all return quietly. Only
 * malformed input is refused (422). A known account's request is audited (`auth.password_reset_requested`,
 * no actor, entity User); when a link goes out, `auth.password_reset_sent`. The link (30 minutes,
 * single use) replaces any earlier one.
 */
export async function requestPasswordReset(input: unknown, context: ResetRequestContext): Promise<void> {
  const { email } = parseInput(ZRequestPasswordReset, input);
  const now = context.now ?? new Date();
  const origin = context.ip ?? undefined;
  if (!(await reserveSignInAttempt(`password-reset-email:${email}`, { now, origin, email, limits: RESET_PER_ADDRESS })).allowed) return;
  const user = await db().user.findUnique({ where: { email }, select: { id: true, clinicId: true, email: true, name: true, role: true, active: true } });
  if (!user) return;
  const anonymous = { userId: null, role: null, clinicId: user.clinicId, origin };
  await recordAuditEvent(db(), { actor: anonymous, action: "auth.password_reset_requested", entityType: "User", entityId: user.id });
  if (!user.active) return;
  if (!(await reserveSignInAttempt(`password-reset-account:${user.id}`, { now, origin, email, limits: RESET_PER_ACCOUNT })).allowed) return;
  await db().$transaction(async (tx) => {
    await issueAccountLink(tx, { user, purpose: "PASSWORD_RESET", createdById: null, now });
    await recordAuditEvent(tx, { actor: anonymous, action: "auth.password_reset_sent", entityType: "User", entityId: user.id });
  });
}
