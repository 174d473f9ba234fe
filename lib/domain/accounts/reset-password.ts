import "server-only";
import { isLocked } from "@/lib/auth/account-lockout";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { generateInitialPassword } from "@/lib/auth/initial-password";
import { hashPassword } from "@/lib/auth/password";
import { endAllUserSessions } from "@/lib/auth/user-session";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { ZResetPassword } from "@/lib/validation/accounts";
import { parseInput } from "@/lib/validation/parse";
import type { IssuedPassword } from "./dto";

/**
 * Issues a new initial password (shown to the admin once, stored only as a hash). The user must
 * change it at their next sign-in; open sessions end now and any lock-out is lifted.
 */
export async function resetPassword(actor: Actor, input: { userId: string }): Promise<IssuedPassword> {
  assertCan(actor, "account:manage");
  const { userId } = parseInput(ZResetPassword, input);
  if (userId === actor.userId) throw new AppError("VALIDATION", "Change your own password on the Change password page.");
  const initialPassword = generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  await db().$transaction(async (tx) => {
    const before = await tx.user.findFirst({ where: { id: userId, clinicId: actor.clinicId }, select: { lockedUntil: true } });
    const { count } = await tx.user.updateMany({
      where: { id: userId, clinicId: actor.clinicId },
      data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 }, failedLoginCount: 0, lockedUntil: null },
    });
    if (count === 0) throw notFound("Account");
    await endAllUserSessions(tx, userId, "password_reset");
    await recordAuditEvent(tx, { actor, action: "account.password_reset", entityType: "User", entityId: userId });
    if (before && isLocked(before.lockedUntil, new Date())) await recordAuditEvent(tx, { actor, action: "auth.unlock", entityType: "User", entityId: userId });
  });
  return { initialPassword };
}
