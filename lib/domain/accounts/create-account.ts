import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { unsetPasswordHash } from "@/lib/auth/password";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZCreateAccount, type TCreateAccount } from "@/lib/validation/accounts";
import { parseInput } from "@/lib/validation/parse";
import { fromIsoDate } from "../schedule/dates";
import { isUniqueViolation } from "../conflict";
import { issueAccountLink } from "./account-links";
import { assertAssignableClinicians } from "./care-team-rules";

export type CreatedAccount = {
  /** The sign-in account; null for a patient without portal access. */
  userId: string | null;
  patientId: string | null;
  /** When the emailed invitation expires (ISO); null when no sign-in account was created. */
  invitationExpiresAt: string | null;
};

const duplicateEmail = () =>
  new AppError("VALIDATION", "Please correct the highlighted fields. Nothing was saved.", {
    email: ["An account with this email address already exists."],
  });

/**
 * Creates an admin, clinician or patient. Every sign-in account starts without a password: an
 * invitation link (72 h, single use) is emailed in the same transaction, and its owner chooses
 * their password there (decision 034; nobody else ever sees one). A patient gets their record
 * and care team in the same transaction, with or without a portal account. Audit events hold ids only.
 */
export async function createAccount(actor: Actor, input: TCreateAccount): Promise<CreatedAccount> {
  assertCan(actor, "account:manage");
  const data = parseInput(ZCreateAccount, input);
  const withAccount = data.role !== "PATIENT" || data.portalAccess;
  const passwordHash = withAccount ? unsetPasswordHash() : null;
  const clinicId = actor.clinicId;
  const now = new Date();
  // The invitation is part of creating the account: `account.create` records both (one event per call).
  const invite = async (tx: Parameters<typeof issueAccountLink>[0], user: { id: string; email: string; name: string; role: "ADMIN" | "CLINICIAN" | "PATIENT" }) => {
    const link = await issueAccountLink(tx, { user: { ...user, clinicId }, purpose: "INVITATION", createdById: actor.userId, now });
    return link.expiresAt.toISOString();
  };
  try {
    const created = await db().$transaction(async (tx) => {
      if (data.role !== "PATIENT") {
        const user = await tx.user.create({
          data: { clinicId, email: data.email, name: data.name, role: data.role, passwordHash: passwordHash!, mustChangePassword: false },
          select: { id: true },
        });
        await recordAuditEvent(tx, { actor, action: "account.create", entityType: "User", entityId: user.id });
        const invitationExpiresAt = await invite(tx, { id: user.id, email: data.email, name: data.name, role: data.role });
        return { userId: user.id, patientId: null, invitationExpiresAt };
      }
      await assertAssignableClinicians(tx, clinicId, data.careTeam.map((m) => m.clinicianId), "careTeam");
      const user = passwordHash
        ? await tx.user.create({
            data: { clinicId, email: data.email!, name: `${data.firstName} ${data.lastName}`, role: "PATIENT", passwordHash, mustChangePassword: false },
            select: { id: true },
          })
        : null;
      const patient = await tx.patient.create({
        data: {
          clinicId,
          userId: user?.id ?? null,
          firstName: data.firstName,
          lastName: data.lastName,
          dateOfBirth: fromIsoDate(data.dateOfBirth),
          email: data.email,
          phone: data.phone,
          contraindications: data.contraindications,
          careTeam: { create: data.careTeam.map((m) => ({ clinicId, clinicianId: m.clinicianId, isPrimary: m.isPrimary })) },
        },
        select: { id: true },
      });
      await recordAuditEvent(tx, { actor, action: "account.create", entityType: "Patient", entityId: patient.id, patientId: patient.id });
      const invitationExpiresAt = user
        ? await invite(tx, { id: user.id, email: data.email!, name: `${data.firstName} ${data.lastName}`, role: "PATIENT" })
        : null;
      return { userId: user?.id ?? null, patientId: patient.id, invitationExpiresAt };
    });
    return created;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateEmail();
    throw error;
  }
}
