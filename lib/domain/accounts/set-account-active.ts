import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { endAllUserSessions } from "@/lib/auth/user-session";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { ZSetAccountActive, type TSetAccountActive } from "@/lib/validation/accounts";
import { parseInput } from "@/lib/validation/parse";

/**
 * Deactivates or reactivates an account. Either way the session version is bumped, so every
 * open sign-in of the account ends on its next request; a deactivated account cannot sign in.
 * Asking for the state the account already has changes nothing and records nothing.
 */
export async function setAccountActive(actor: Actor, input: TSetAccountActive): Promise<{ active: boolean; changed: boolean }> {
  assertCan(actor, "account:manage");
  const { userId, active } = parseInput(ZSetAccountActive, input);
  // The clinic always keeps the admin who is acting: nobody locks themselves out.
  if (userId === actor.userId && !active) throw new AppError("VALIDATION", "You cannot deactivate your own account.");
  return db().$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId, clinicId: actor.clinicId, active: !active },
      data: { active, sessionVersion: { increment: 1 } },
    });
    if (count === 0) {
      const exists = await tx.user.findFirst({ where: { id: userId, clinicId: actor.clinicId }, select: { id: true } });
      if (!exists) throw notFound("Account");
      return { active, changed: false };
    }
    if (!active) await endAllUserSessions(tx, userId, "deactivated");
    await recordAuditEvent(tx, { actor, action: active ? "account.reactivate" : "account.deactivate", entityType: "User", entityId: userId });
    return { active, changed: true };
  });
}
