import "server-only";
import { type Actor } from "@/lib/auth/actor";
import { isPasswordSet } from "@/lib/auth/password";
import { patientScopeSql } from "@/lib/auth/scope";
import { refusedRecord } from "@/lib/audit/refused-access";
import { db } from "@/lib/db";
import type { PortalAccessStatus } from "./dto";

/** The patient's account (all null without one) and its latest invitation (null without one). */
type PortalRow = {
  userId: string | null;
  email: string | null;
  active: boolean | null;
  passwordHash: string | null;
  invitedAt: Date | null;
  expiresAt: Date | null;
  usedAt: Date | null;
  revokedAt: Date | null;
};

/**
 * Whether a patient can use the patient app (decision 034): not invited, invited (until when),
 * invitation expired, active or deactivated account. For those who may invite them: the care team
 * or the clinic's admin; anyone else gets 404. No clinical data, so not audited as a read.
 */
export async function getPortalAccess(actor: Actor, patientId: string): Promise<PortalAccessStatus> {
  const scope = patientScopeSql(actor, "patient:invite", "p");
  // One raw statement (issue 18): the patient overview asks on every visit, and as a Prisma
  // findFirst through the user to their latest invitation it was three statements and a query plan
  // compiled per call.
  const [patient] = await db().$queryRaw<PortalRow[]>`
    SELECT u."id" AS "userId", u."email", u."active", u."passwordHash",
           i."createdAt" AS "invitedAt", i."expiresAt", i."usedAt", i."revokedAt"
      FROM "Patient" p
      LEFT JOIN "User" u ON u."id" = p."userId"
      LEFT JOIN LATERAL (
        SELECT a."createdAt", a."expiresAt", a."usedAt", a."revokedAt" FROM "AccountToken" a
         WHERE a."userId" = u."id" AND a."purpose" = 'INVITATION'
         ORDER BY a."createdAt" DESC
         LIMIT 1
      ) i ON true
     WHERE ${scope} AND p."id" = ${patientId}`;
  if (!patient) throw await refusedRecord(actor, { entityType: "Patient", entityId: patientId, what: "Patient" });
  if (!patient.userId || patient.email === null || patient.passwordHash === null) return { state: "none" };
  if (!patient.active) return { state: "deactivated", email: patient.email };
  if (isPasswordSet(patient.passwordHash)) return { state: "active", email: patient.email };
  if (!patient.invitedAt || !patient.expiresAt) return { state: "none" };
  const dates = { email: patient.email, invitedAt: patient.invitedAt.toISOString(), expiresAt: patient.expiresAt.toISOString() };
  return patient.expiresAt.getTime() > Date.now() && !patient.revokedAt && !patient.usedAt ? { state: "invited", ...dates } : { state: "invitation-expired", ...dates };
}
