import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { generateInitialPassword } from "@/lib/auth/initial-password";
import { hashPassword } from "@/lib/auth/password";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZCreateAccount, type TCreateAccount } from "@/lib/validation/accounts";
import { parseInput } from "@/lib/validation/parse";
import { fromIsoDate } from "../schedule/dates";
import { isUniqueViolation } from "../conflict";
import { assertAssignableClinicians } from "./care-team-rules";

export type CreatedAccount = {
  /** The sign-in account; null for a patient without portal access. */
  userId: string | null;
  patientId: string | null;
  /** Shown to the admin once; only its hash is stored. Null when no account was created. */
  initialPassword: string | null;
};

const duplicateEmail = () =>
  new AppError("VALIDATION", "Please correct the highlighted fields. Nothing was saved.", {
    email: ["An account with this email address already exists."],
  });

/**
 * Creates an admin, clinician or patient. Every sign-in account starts with a random initial
 * password that must be changed at first sign-in. A patient gets their record and care team in
 * the same transaction, with or without a portal account. One audit event, ids only.
 */
export async function createAccount(actor: Actor, input: TCreateAccount): Promise<CreatedAccount> {
  assertCan(actor, "account:manage");
  const data = parseInput(ZCreateAccount, input);
  const withAccount = data.role !== "PATIENT" || data.portalAccess;
  const initialPassword = withAccount ? generateInitialPassword() : null;
  // Hashing takes ~0.3 s: done before the transaction so it holds no locks meanwhile.
  const passwordHash = initialPassword ? await hashPassword(initialPassword) : null;
  const clinicId = actor.clinicId;
  try {
    const created = await db().$transaction(async (tx) => {
      if (data.role !== "PATIENT") {
        const user = await tx.user.create({
          data: { clinicId, email: data.email, name: data.name, role: data.role, passwordHash: passwordHash!, mustChangePassword: true },
          select: { id: true },
        });
        await recordAuditEvent(tx, { actor, action: "account.create", entityType: "User", entityId: user.id });
        return { userId: user.id, patientId: null };
      }
      await assertAssignableClinicians(tx, clinicId, data.careTeam.map((m) => m.clinicianId), "careTeam");
      const user = passwordHash
        ? await tx.user.create({
            data: { clinicId, email: data.email!, name: `${data.firstName} ${data.lastName}`, role: "PATIENT", passwordHash, mustChangePassword: true },
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
      return { userId: user?.id ?? null, patientId: patient.id };
    });
    return { ...created, initialPassword };
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateEmail();
    throw error;
  }
}
