import "server-only";
import { isLocked } from "@/lib/auth/account-lockout";
import { hashAccountToken, isWellFormedAccountToken } from "@/lib/auth/account-token";
import { hashPassword } from "@/lib/auth/password";
import { endAllUserSessions } from "@/lib/auth/user-session";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { Role } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { cancelQueuedMessages } from "@/lib/messaging/outbox";
import { linkProblemMessage, type LinkProblem } from "@/lib/validation/account-links";
import { passwordPolicyProblem, PASSWORD_MIN, ZSetPasswordWithToken, type AccountTokenPurposeName } from "@/lib/validation/accounts";
import { parseInput } from "@/lib/validation/parse";
import { passwordMinimum } from "./change-own-password";

export type LinkContext = { ip: string | null; now?: Date };
export type LinkState = { state: "valid"; name: string; email: string; minLength: number } | { state: LinkProblem };

const linkSelect = {
  id: true,
  purpose: true,
  clinicId: true,
  expiresAt: true,
  usedAt: true,
  revokedAt: true,
  user: {
    select: {
      id: true,
      clinicId: true,
      name: true,
      email: true,
      role: true,
      active: true,
      lockedUntil: true,
      totpFactor: { select: { confirmedAt: true } },
      _count: { select: { passkeys: true } },
    },
  },
} as const;

async function findLink(token: unknown) {
  if (!isWellFormedAccountToken(token)) return null;
  return db().accountToken.findUnique({ where: { tokenHash: hashAccountToken(token) }, select: linkSelect });
}
type Link = NonNullable<Awaited<ReturnType<typeof findLink>>>;

/** Why a link cannot be used now, or null when it can. A link of the other purpose is no link at all. */
function problemOf(link: Link | null, purpose: AccountTokenPurposeName, now: Date): LinkProblem | null {
  if (!link || link.purpose !== purpose || !link.user.active) return "invalid";
  if (link.usedAt) return "used";
  if (link.revokedAt) return "revoked";
  if (link.expiresAt.getTime() <= now.getTime()) return "expired";
  return null;
}

/**
 * Staff always add a second factor at their first sign-in (ADR 022), so 8 characters; a patient's
 * password is their only factor unless they have a passkey: 15 (ADR 009 as amended).
 */
function minimumFor(user: Link["user"]): number {
  return user.role === "PATIENT" ? passwordMinimum(user) : PASSWORD_MIN;
}

/**
 * `auth.account_link_refused`: a link that was presented and could not be used, attached to the
 * account and its clinic when the token is one this app issued (expired, used, replaced), unattached
 * for a forged or mistyped one. Nobody is signed in; no token is ever written.
 */
async function auditRefusal(link: Link | null, origin?: string): Promise<void> {
  await recordAuditEvent(db(), {
    actor: { userId: null, role: null, clinicId: link?.clinicId ?? null, origin },
    action: "auth.account_link_refused",
    entityType: link ? "User" : "AccountToken",
    entityId: link?.user.id ?? null,
  });
}

/**
 * What the page of a link shows (decision 034): the form for a usable link (the account's name and
 * sign-in address, and its password minimum), else why not. Anything presented that cannot be used
 * is audited; an empty link (no token at all) is not a use.
 */
export async function inspectAccountLink(token: unknown, purpose: AccountTokenPurposeName, context: LinkContext): Promise<LinkState> {
  const now = context.now ?? new Date();
  const link = await findLink(token);
  const problem = problemOf(link, purpose, now);
  if (problem) {
    if (typeof token === "string" && token !== "") await auditRefusal(link, context.ip ?? undefined);
    return { state: problem };
  }
  return { state: "valid", name: link!.user.name, email: link!.user.email, minLength: minimumFor(link!.user) };
}

/**
 * Sets the password of the link's account and spends the link, in one transaction: the link is
 * marked used only if it still is unused, unrevoked and unexpired (so two submissions at once set
 * one password), every other open link of the account is revoked and its unsent email cancelled,
 * a pending forced change and any lock-out are cleared, the session version is bumped and every
 * session of the account ends. Audited as `account.invitation_accepted` or
 * `auth.password_reset_completed`, with the account itself as the actor. An unusable link is a 404
 * with a message saying why, and changes nothing but the audit of the refusal. The caller then
 * signs the person in with the new password (their second step follows as usual).
 */
export async function setPasswordWithLink(input: unknown, context: LinkContext): Promise<{ email: string; role: Role }> {
  const { purpose, token, newPassword } = parseInput(ZSetPasswordWithToken, input);
  const now = context.now ?? new Date();
  const origin = context.ip ?? undefined;
  const link = await findLink(token);
  const problem = problemOf(link, purpose, now);
  if (problem || !link) {
    await auditRefusal(link, origin);
    throw new AppError("NOT_FOUND", linkProblemMessage(purpose, problem ?? "invalid"));
  }
  const { user } = link;
  const policy = passwordPolicyProblem(newPassword, { email: user.email, minLength: minimumFor(user) });
  if (policy) throw new AppError("VALIDATION", "Please correct the highlighted fields. Nothing was saved.", { newPassword: [policy] });
  const passwordHash = await hashPassword(newPassword);
  const spent = await db().$transaction(async (tx) => {
    const at = new Date();
    const { count } = await tx.accountToken.updateMany({
      where: { id: link.id, usedAt: null, revokedAt: null, expiresAt: { gt: at } },
      data: { usedAt: at },
    });
    if (count === 0) return false;
    const updated = await tx.user.updateMany({
      where: { id: user.id, active: true },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: at, sessionVersion: { increment: 1 }, failedLoginCount: 0, lockedUntil: null },
    });
    if (updated.count === 0) return false;
    await tx.accountToken.updateMany({ where: { userId: user.id, usedAt: null, revokedAt: null }, data: { revokedAt: at } });
    await cancelQueuedMessages(tx, { userId: user.id, kind: "account_invitation" });
    await cancelQueuedMessages(tx, { userId: user.id, kind: "password_reset" });
    await endAllUserSessions(tx, user.id, "password_reset", at);
    const self = { userId: user.id, role: user.role, clinicId: user.clinicId, origin };
    await recordAuditEvent(tx, {
      actor: self,
      action: purpose === "INVITATION" ? "account.invitation_accepted" : "auth.password_reset_completed",
      entityType: "User",
      entityId: user.id,
    });
    if (isLocked(user.lockedUntil, at)) await recordAuditEvent(tx, { actor: self, action: "auth.unlock", entityType: "User", entityId: user.id });
    return true;
  });
  if (!spent) {
    // Used, replaced or expired while the password was being hashed, or the account deactivated.
    const current = await findLink(token);
    await auditRefusal(current, origin);
    throw new AppError("NOT_FOUND", linkProblemMessage(purpose, problemOf(current, purpose, new Date()) ?? "used"));
  }
  return { email: user.email, role: user.role };
}
