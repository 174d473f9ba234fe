import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { isPasswordSet } from "@/lib/auth/password";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { ZResetPassword } from "@/lib/validation/accounts";
import { parseInput } from "@/lib/validation/parse";
import { issueAccountLink } from "./account-links";
import type { SentLink } from "./dto";

/**
 * An admin's "Reset password" (decision 034): nobody but the account's owner ever sees a password.
 * An account that has set its password gets a password-reset link (30 minutes, single use); one
 * that never did gets its invitation again (72 hours), which replaces the earlier one. The current
 * password and open sessions stay until the owner uses the link: then every session ends and any
 * lock-out is lifted. A deactivated account gets nothing (409): reactivate it first.
 */
export async function resetPassword(actor: Actor, input: { userId: string }): Promise<SentLink> {
  assertCan(actor, "account:manage");
  const { userId } = parseInput(ZResetPassword, input);
  if (userId === actor.userId) throw new AppError("VALIDATION", "Change your own password on the Change password page.");
  const now = new Date();
  return db().$transaction(async (tx) => {
    const user = await tx.user.findFirst({
      where: { id: userId, clinicId: actor.clinicId },
      select: { id: true, clinicId: true, email: true, name: true, role: true, active: true, passwordHash: true, patient: { select: { id: true } } },
    });
    if (!user) throw notFound("Account");
    if (!user.active) throw new AppError("CONFLICT", "This account is deactivated: reactivate it before sending a link. Nothing was sent.");
    const purpose = isPasswordSet(user.passwordHash) ? "PASSWORD_RESET" : "INVITATION";
    const link = await issueAccountLink(tx, { user, purpose, createdById: actor.userId, now });
    await recordAuditEvent(tx, {
      actor,
      action: purpose === "INVITATION" ? "account.invitation_sent" : "account.password_reset_link_sent",
      entityType: "User",
      entityId: user.id,
      patientId: user.patient?.id ?? null,
    });
    return { sent: purpose, expiresAt: link.expiresAt.toISOString() };
  });
}
