import "server-only";
import { type Actor } from "@/lib/auth/actor";
import { isPasswordSet } from "@/lib/auth/password";
import { patientScope } from "@/lib/auth/scope";
import { refusedRecord } from "@/lib/audit/refused-access";
import { db } from "@/lib/db";
import type { PortalAccessStatus } from "./dto";

/**
 * Whether a patient can use the patient app (decision 034): not invited, invited (until when),
 * invitation expired, active or deactivated account. For those who may invite them: the care team
 * or the clinic's admin; anyone else gets 404. No clinical data, so not audited as a read.
 */
export async function getPortalAccess(actor: Actor, patientId: string): Promise<PortalAccessStatus> {
  const where = patientScope(actor, "patient:invite");
  const patient = await db().patient.findFirst({
    where: { ...where, id: patientId },
    select: {
      user: {
        select: {
          email: true,
          active: true,
          passwordHash: true,
          accountTokens: { where: { purpose: "INVITATION" }, orderBy: { createdAt: "desc" }, take: 1, select: { createdAt: true, expiresAt: true, usedAt: true, revokedAt: true } },
        },
      },
    },
  });
  if (!patient) throw await refusedRecord(actor, { entityType: "Patient", entityId: patientId, what: "Patient" });
  const user = patient.user;
  if (!user) return { state: "none" };
  if (!user.active) return { state: "deactivated", email: user.email };
  if (isPasswordSet(user.passwordHash)) return { state: "active", email: user.email };
  const latest = user.accountTokens[0];
  if (!latest) return { state: "none" };
  const dates = { email: user.email, invitedAt: latest.createdAt.toISOString(), expiresAt: latest.expiresAt.toISOString() };
  return latest.expiresAt.getTime() > Date.now() && !latest.revokedAt && !latest.usedAt ? { state: "invited", ...dates } : { state: "invitation-expired", ...dates };
}
