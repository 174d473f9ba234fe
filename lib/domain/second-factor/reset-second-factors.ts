import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { endAllUserSessions } from "@/lib/auth/user-session";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { ZResetSecondFactors } from "@/lib/validation/second-factor";
import { parseInput } from "@/lib/validation/parse";

/**
 * An admin removes every second factor of an account of their clinic (authenticator app,
 * recovery codes, passkeys), for a lost phone. The account's open sessions end now; staff set up
 * a new factor at their next sign-in. Written as `account.second_factor_reset`.
 */
export async function resetSecondFactors(actor: Actor, input: { userId: string }): Promise<void> {
  assertCan(actor, "account:manage");
  const { userId } = parseInput(ZResetSecondFactors, input);
  if (userId === actor.userId) throw new AppError("VALIDATION", "Another administrator must reset your own second factors.");
  await db().$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: userId, clinicId: actor.clinicId }, data: { sessionVersion: { increment: 1 } } });
    if (count === 0) throw notFound("Account");
    await endAllUserSessions(tx, userId, "ended_by_admin");
    await tx.totpFactor.deleteMany({ where: { userId } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.passkeyCredential.deleteMany({ where: { userId } });
    await tx.webAuthnChallenge.deleteMany({ where: { userId } });
    await recordAuditEvent(tx, { actor, action: "account.second_factor_reset", entityType: "User", entityId: userId });
  });
}
