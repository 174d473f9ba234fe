import "server-only";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * Care-team members must be active clinicians of the actor's clinic. Anything else (another
 * clinic's user, an admin, a deactivated clinician, an unknown id) is a field error on `field`.
 */
export async function assertAssignableClinicians(tx: Tx, clinicId: string, clinicianIds: string[], field: string): Promise<void> {
  const found = await tx.user.count({ where: { id: { in: clinicianIds }, clinicId, role: "CLINICIAN", active: true } });
  if (found !== new Set(clinicianIds).size) {
    throw new AppError("VALIDATION", "Please correct the highlighted fields. Nothing was saved.", {
      [field]: ["Choose active clinicians of this clinic. Remove anyone deactivated."],
    });
  }
}
