import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { endAllUserSessions } from "@/lib/auth/user-session";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { ZChangeRole, type TChangeRole } from "@/lib/validation/accounts";
import { parseInput } from "@/lib/validation/parse";

/**
 * Moves a staff account between ADMIN and CLINICIAN and bumps its session version, so open
 * sign-ins end instead of silently gaining (or keeping) the other role's area. Patients stay
 * patients. A clinician on a care team keeps the role until those teams are reassigned: a
 * patient's primary clinician must be a clinician.
 */
export async function changeRole(actor: Actor, input: TChangeRole): Promise<{ role: TChangeRole["role"]; changed: boolean }> {
  assertCan(actor, "account:manage");
  const { userId, role } = parseInput(ZChangeRole, input);
  if (userId === actor.userId) throw new AppError("VALIDATION", "You cannot change your own role. Ask another admin.");
  return db().$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: userId, clinicId: actor.clinicId }, select: { role: true, name: true } });
    if (!user) throw notFound("Account");
    if (user.role === "PATIENT") throw new AppError("VALIDATION", "A patient account cannot become a staff account. Create a separate staff account.");
    if (user.role === role) return { role, changed: false };
    if (user.role === "CLINICIAN") {
      const teams = await tx.careTeamMember.count({ where: { clinicId: actor.clinicId, clinicianId: userId } });
      if (teams > 0) {
        throw new AppError(
          "VALIDATION",
          `${user.name} is on the care team of ${teams} ${teams === 1 ? "patient" : "patients"}. Assign ${teams === 1 ? "that patient" : "those patients"} other clinicians first.`,
        );
      }
    }
    // The role read above is part of the condition: a concurrent change makes this a no-op.
    const { count } = await tx.user.updateMany({
      where: { id: userId, clinicId: actor.clinicId, role: user.role },
      data: { role, sessionVersion: { increment: 1 } },
    });
    if (count === 0) throw new AppError("CONFLICT", "This account was changed by someone else just now. Reload and try again.");
    await endAllUserSessions(tx, userId, "role_changed");
    await recordAuditEvent(tx, { actor, action: "account.role_change", entityType: "User", entityId: userId });
    return { role, changed: true };
  });
}
