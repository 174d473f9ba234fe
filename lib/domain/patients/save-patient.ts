import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db";
import { queryRows } from "@/lib/db/run";
import { activitiesInForce } from "@/lib/db/statements/patients";
import type { Contraindication } from "@/lib/db/generated/enums";
import { fromIsoDate } from "@/lib/domain/schedule/dates";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZPatientDetails, ZUpdatePatient, type TPatientDetails, type TUpdatePatient } from "@/lib/validation/patients";
import { staleVersion } from "../conflict";
import { contraindicationConflicts } from "../plans/rules";

export type FlagConflict = { activityId: string; activityName: string; flags: Contraindication[] };

const columns = (data: TPatientDetails) => ({
  firstName: data.firstName,
  lastName: data.lastName,
  dateOfBirth: fromIsoDate(data.dateOfBirth),
  email: data.email,
  phone: data.phone,
  contraindications: data.contraindications,
});

/** A clinician registers a patient; the creator joins the care team as primary clinician. */
export async function createPatient(actor: Actor, input: TPatientDetails): Promise<{ id: string }> {
  assertCan(actor, "patient:create");
  const data = parseInput(ZPatientDetails, input);
  return db().$transaction(async (tx) => {
    const patient = await tx.patient.create({
      data: {
        clinicId: actor.clinicId,
        ...columns(data),
        careTeam: { create: { clinicId: actor.clinicId, clinicianId: actor.userId, isPrimary: true } },
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, { actor, action: "patient.create", entityType: "Patient", entityId: patient.id, patientId: patient.id });
    return patient;
  });
}

/**
 * Saves demographics and contraindication flags from `version`. Returns the activities of the
 * patient's active or on-hold plans that the new flags contraindicate and that no override
 * covers, so the clinician sees at once what to review.
 */
export async function updatePatient(actor: Actor, input: TUpdatePatient): Promise<{ version: number; conflicts: FlagConflict[] }> {
  const scope = patientScope(actor, "patient:edit");
  const { patientId, version, ...data } = parseInput(ZUpdatePatient, input);
  return db().$transaction(async (tx) => {
    const { count } = await tx.patient.updateMany({
      where: { ...scope, id: patientId, version },
      data: { ...columns(data), version: { increment: 1 } },
    });
    if (count === 0) {
      const exists = await tx.patient.findFirst({ where: { ...scope, id: patientId }, select: { id: true } });
      throw exists ? staleVersion("patient record") : notFound("Patient");
    }
    await recordAuditEvent(tx, { actor, action: "patient.update", entityType: "Patient", entityId: patientId, patientId });
    const conflicts = await activeConflicts(tx, actor.clinicId, patientId, data.contraindications);
    return { version: version + 1, conflicts };
  });
}

/**
 * Activities in force whose treatment the patient's flags contraindicate, beyond existing
 * overrides. One statement (lib/db/statements/patients.ts), shared with the overview's read.
 */
export async function activeConflicts(tx: Tx, clinicId: string, patientId: string, flags: readonly Contraindication[]): Promise<FlagConflict[]> {
  if (flags.length === 0) return [];
  const activities = await queryRows(tx, activitiesInForce({ clinicId, patientId }));
  return activities.flatMap((a) => {
    const uncovered = contraindicationConflicts(flags, a.contraindications).filter((f) => !a.overriddenFlags.includes(f));
    return uncovered.length > 0 ? [{ activityId: a.id, activityName: a.nameSnapshot, flags: uncovered }] : [];
  });
}
