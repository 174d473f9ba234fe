import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { Role } from "@/lib/db/generated/enums";
import { ZSignIn } from "@/lib/validation/auth";
import { dummyPasswordHash, verifyPassword } from "./password";

export type SignedInUser = { id: string; name: string; email: string; role: Role; clinicId: string; sessionVersion: number };

/**
 * Checks credentials. Unknown email, wrong password and deactivated account all answer null,
 * after the same amount of work, so the response never reveals whether an account exists.
 */
export async function authenticate(input: unknown): Promise<SignedInUser | null> {
  const parsed = ZSignIn.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await db().user.findUnique({ where: { email } });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !valid || !user.active) return null;

  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date(), failedLoginCount: 0 } });
    await recordAuditEvent(tx, {
      actor: { userId: user.id, role: user.role, clinicId: user.clinicId },
      action: "auth.sign_in",
      entityType: "User",
      entityId: user.id,
    });
  });
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    clinicId: user.clinicId,
    sessionVersion: user.sessionVersion,
  };
}
