import "server-only";
import { isPasswordSet } from "@/lib/auth/password";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { ZId } from "@/lib/validation/common";
import { toIsoDate } from "../schedule/dates";
import type { AccountDto, PatientAccountDto } from "./dto";
import { refusedRecord } from "@/lib/audit/refused-access";

const PATIENT_SELECT = {
  id: true,
  userId: true,
  firstName: true,
  lastName: true,
  dateOfBirth: true,
  email: true,
  phone: true,
  version: true,
  careTeam: {
    orderBy: [{ isPrimary: "desc" as const }, { createdAt: "asc" as const }],
    select: { clinicianId: true, isPrimary: true, clinician: { select: { name: true, active: true, role: true } } },
  },
};

type PatientRow = {
  id: string;
  userId: string | null;
  firstName: string;
  lastName: string;
  dateOfBirth: Date;
  email: string | null;
  phone: string | null;
  version: number;
  careTeam: { clinicianId: string; isPrimary: boolean; clinician: { name: string; active: boolean; role: string } }[];
};

function toPatientDto(p: PatientRow): PatientAccountDto {
  return {
    id: p.id,
    userId: p.userId,
    firstName: p.firstName,
    lastName: p.lastName,
    dateOfBirth: toIsoDate(p.dateOfBirth),
    email: p.email,
    phone: p.phone,
    version: p.version,
    careTeam: p.careTeam.map((m) => ({
      clinicianId: m.clinicianId,
      name: m.clinician.name,
      isPrimary: m.isPrimary,
      assignable: m.clinician.active && m.clinician.role === "CLINICIAN",
    })),
  };
}

// An admin reads demographics (no clinical record), but a patient's record is still audited.
async function auditPatientRead(tx: Tx, actor: Actor, patientId: string) {
  await recordAuditEvent(tx, { actor, action: "patient.read", entityType: "Patient", entityId: patientId, patientId });
}

/** One account of the clinic, with the patient's record and care team for a patient account. */
export async function getAccount(actor: Actor, userId: string): Promise<AccountDto> {
  assertCan(actor, "account:manage");
  if (!ZId.safeParse(userId).success) throw notFound("Account");
  return db().$transaction(async (tx) => {
    const user = await tx.user.findFirst({
      where: { id: userId, clinicId: actor.clinicId },
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        active: true,
        mustChangePassword: true,
        lastLoginAt: true,
        passwordChangedAt: true,
        createdAt: true,
        passwordHash: true,
        accountTokens: { where: { purpose: "INVITATION" }, orderBy: { createdAt: "desc" }, take: 1, select: { createdAt: true, expiresAt: true, usedAt: true, revokedAt: true } },
        patient: { select: { ...PATIENT_SELECT, archivedAt: true } },
      },
    });
    if (!user) throw await refusedRecord(actor, { entityType: "User", entityId: userId, what: "Account" });
    // Sequential: an interactive transaction runs on one connection.
    const total = user.role === "CLINICIAN" ? await tx.careTeamMember.count({ where: { clinicId: actor.clinicId, clinicianId: user.id } }) : 0;
    const primary = total > 0 ? await tx.careTeamMember.count({ where: { clinicId: actor.clinicId, clinicianId: user.id, isPrimary: true } }) : 0;
    // An archived patient record is no longer managed here; the account itself still is.
    const patient = user.patient && !user.patient.archivedAt ? user.patient : null;
    if (patient) await auditPatientRead(tx, actor, patient.id);
    const passwordSet = isPasswordSet(user.passwordHash);
    const invitation = user.accountTokens[0];
    return {
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      active: user.active,
      mustChangePassword: user.mustChangePassword,
      lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
      passwordChangedAt: user.passwordChangedAt?.toISOString() ?? null,
      createdAt: user.createdAt.toISOString(),
      isSelf: user.id === actor.userId,
      passwordSet,
      invitation:
        !passwordSet && invitation
          ? {
              sentAt: invitation.createdAt.toISOString(),
              expiresAt: invitation.expiresAt.toISOString(),
              usable: !invitation.usedAt && !invitation.revokedAt && invitation.expiresAt.getTime() > Date.now(),
            }
          : null,
      careTeams: { total, primary },
      patient: patient ? toPatientDto(patient) : null,
    };
  });
}

/** A patient record of the clinic (with or without a portal account), for its care team. */
export async function getPatientAccount(actor: Actor, patientId: string): Promise<PatientAccountDto> {
  assertCan(actor, "account:manage");
  if (!ZId.safeParse(patientId).success) throw notFound("Patient");
  return db().$transaction(async (tx) => {
    const patient = await tx.patient.findFirst({ where: { id: patientId, clinicId: actor.clinicId, archivedAt: null }, select: PATIENT_SELECT });
    if (!patient) throw await refusedRecord(actor, { entityType: "Patient", entityId: patientId, what: "Patient" });
    await auditPatientRead(tx, actor, patient.id);
    return toPatientDto(patient);
  });
}
