import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import type { Permission } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";

export type OwnPatient = { id: string; firstName: string; timeZone: string; clinicName: string };

/**
 * The signed-in patient's own record under a permission of the portal. Only a role whose grant
 * is scoped to "own" has a portal: a clinician calling a portal function is refused here.
 */
export async function ownPatient(tx: Tx, actor: Actor, permission: Permission): Promise<OwnPatient> {
  const scope = patientScope(actor, permission);
  if (actor.role !== "PATIENT" || !actor.patientId) throw notFound("Patient");
  const patient = await tx.patient.findFirst({
    where: scope,
    select: { id: true, firstName: true, clinic: { select: { timezone: true, name: true } } },
  });
  if (!patient) throw notFound("Patient");
  return { id: patient.id, firstName: patient.firstName, timeZone: patient.clinic.timezone, clinicName: patient.clinic.name };
}
