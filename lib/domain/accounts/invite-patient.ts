import "server-only";
import { type Actor } from "@/lib/auth/actor";
import { isPasswordSet, unsetPasswordHash } from "@/lib/auth/password";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { refusedRecord } from "@/lib/audit/refused-access";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZInvitePatient, type TInvitePatient } from "@/lib/validation/accounts";
import { parseInput } from "@/lib/validation/parse";
import { isUniqueViolation } from "../conflict";
import { issueAccountLink } from "./account-links";

export type SentInvitation = { userId: string; expiresAt: string };

const emailTaken = () =>
  new AppError("CONFLICT", "Another account already uses this email address. Nothing was sent.", {
    email: ["Another account already uses this email address."],
  });

export const alreadyActive = () =>
  new AppError(
    "CONFLICT",
    "This patient has already set up their account. If they cannot sign in, they can use “Forgot password?” on the sign-in page. Nothing was sent.",
  );

/**
 * Invites a patient to the patient app by email (decision 034): a clinician on the patient's care
 * team or an admin of the clinic (anyone else: 404). Creates the patient's sign-in account with no
 * usable password, or reuses the one invited before and not yet activated (its address follows the
 * one given); the patient record's contact address follows too. A newer invitation replaces the
 * older (revoked, its unsent email cancelled). An activated or deactivated account, or an address
 * another account uses, is a 409 and changes nothing.
 */
export async function invitePatient(actor: Actor, input: TInvitePatient): Promise<SentInvitation> {
  const where = patientScope(actor, "patient:invite");
  const { patientId, email } = parseInput(ZInvitePatient, input);
  const now = new Date();
  try {
    const sent = await db().$transaction(async (tx) => {
      const patient = await tx.patient.findFirst({
        where: { ...where, id: patientId },
        select: { id: true, clinicId: true, firstName: true, lastName: true, email: true, user: { select: { id: true, passwordHash: true, active: true, email: true } } },
      });
      if (!patient) return null;
      const existing = patient.user;
      if (existing && isPasswordSet(existing.passwordHash)) throw alreadyActive();
      if (existing && !existing.active) throw new AppError("CONFLICT", "This patient's account is deactivated: an admin can reactivate it. Nothing was sent.");
      const other = await tx.user.findUnique({ where: { email }, select: { id: true } });
      if (other && other.id !== existing?.id) throw emailTaken();
      const name = `${patient.firstName} ${patient.lastName}`;
      const user = existing
        ? await tx.user.update({ where: { id: existing.id }, data: { email, name }, select: { id: true } })
        : await tx.user.create({
            data: { clinicId: patient.clinicId, email, name, role: "PATIENT", passwordHash: unsetPasswordHash(), mustChangePassword: false },
            select: { id: true },
          });
      if (!existing || patient.email !== email) {
        // The contact address is part of the record the care team edits: its version moves on.
        await tx.patient.update({ where: { id: patient.id }, data: { userId: user.id, email, version: { increment: 1 } } });
      }
      const link = await issueAccountLink(tx, {
        user: { id: user.id, clinicId: patient.clinicId, email, name, role: "PATIENT" },
        purpose: "INVITATION",
        createdById: actor.userId,
        now,
      });
      await recordAuditEvent(tx, { actor, action: "account.invitation_sent", entityType: "User", entityId: user.id, patientId: patient.id });
      return { userId: user.id, expiresAt: link.expiresAt.toISOString() };
    });
    if (!sent) throw await refusedRecord(actor, { entityType: "Patient", entityId: patientId, what: "Patient" });
    return sent;
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}
