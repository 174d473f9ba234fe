import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { ZAssignCareTeam, type TAssignCareTeam } from "@/lib/validation/accounts";
import { parseInput } from "@/lib/validation/parse";
import { staleVersion } from "../conflict";
import { assertAssignableClinicians } from "./care-team-rules";

/**
 * Replaces a patient's care team (1–10 active clinicians of the clinic, exactly one primary) in
 * one transaction. Saved from the patient's `version`: a stale version changes nothing (CONFLICT).
 */
export async function assignCareTeam(actor: Actor, input: TAssignCareTeam): Promise<{ version: number }> {
  assertCan(actor, "account:manage");
  const { patientId, version, members } = parseInput(ZAssignCareTeam, input);
  const clinicId = actor.clinicId;
  return db().$transaction(async (tx) => {
    const patient = await tx.patient.findFirst({ where: { id: patientId, clinicId, archivedAt: null }, select: { version: true } });
    if (!patient) throw notFound("Patient");
    if (patient.version !== version) throw staleVersion("patient's care team");
    await assertAssignableClinicians(tx, clinicId, members.map((m) => m.clinicianId), "members");
    // The version check and bump is the lock: a concurrent save waits here and then finds no row.
    const { count } = await tx.patient.updateMany({ where: { id: patientId, clinicId, version }, data: { version: { increment: 1 } } });
    if (count === 0) throw staleVersion("patient's care team");
    await tx.careTeamMember.deleteMany({ where: { patientId, clinicId } });
    await tx.careTeamMember.createMany({ data: members.map((m) => ({ clinicId, patientId, clinicianId: m.clinicianId, isPrimary: m.isPrimary })) });
    await recordAuditEvent(tx, { actor, action: "careteam.assign", entityType: "Patient", entityId: patientId, patientId });
    return { version: version + 1 };
  });
}
