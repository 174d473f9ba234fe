import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { Contraindication } from "@/lib/db/generated/enums";
import { toIsoDate } from "@/lib/domain/schedule/dates";
import { notFound } from "@/lib/errors";
import { ZId } from "@/lib/validation/common";
import { refusedRecord } from "@/lib/audit/refused-access";

export type PatientDetails = {
  id: string;
  firstName: string;
  lastName: string;
  name: string;
  dateOfBirth: string;
  email: string | null;
  phone: string | null;
  flags: Contraindication[];
  /** The version a save of these details must start from. */
  version: number;
};

/**
 * A patient's demographics and contraindication flags as an editor of the record sees them: the
 * edit form and the plan builder. Care team only (`patient:edit`); anything else is NOT_FOUND or
 * FORBIDDEN. Audited as a read of the patient's record.
 */
export async function getPatientDetails(actor: Actor, patientId: string): Promise<PatientDetails> {
  const scope = patientScope(actor, "patient:edit");
  // An id that cannot exist answers like one that does not exist.
  if (!ZId.safeParse(patientId).success) throw notFound("Patient");
  return db().$transaction(async (tx) => {
    const patient = await tx.patient.findFirst({
      where: { ...scope, id: patientId },
      select: { id: true, firstName: true, lastName: true, dateOfBirth: true, email: true, phone: true, contraindications: true, version: true },
    });
    if (!patient) throw await refusedRecord(actor, { entityType: "Patient", entityId: patientId, what: "Patient" });
    await recordAuditEvent(tx, { actor, action: "patient.read", entityType: "Patient", entityId: patient.id, patientId: patient.id });
    return {
      id: patient.id,
      firstName: patient.firstName,
      lastName: patient.lastName,
      name: `${patient.firstName} ${patient.lastName}`,
      dateOfBirth: toIsoDate(patient.dateOfBirth),
      email: patient.email,
      phone: patient.phone,
      flags: patient.contraindications,
      version: patient.version,
    };
  });
}
