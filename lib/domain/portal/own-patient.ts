import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db";
import { queryFirst } from "@/lib/db/run";
import type { RowOf } from "@/lib/db/statements/define";
import { ownPatientRecord } from "@/lib/db/statements/portal";
import { notFound } from "@/lib/errors";

export type OwnPatient = RowOf<typeof ownPatientRecord>;

/**
 * The signed-in patient's own record under a permission of the portal. Only a role whose grant
 * is scoped to "own" has a portal: a clinician calling a portal function is refused here.
 */
export async function ownPatient(tx: Tx, actor: Actor, permission: Permission): Promise<OwnPatient> {
  const scope = assertCan(actor, permission);
  if (actor.role !== "PATIENT" || !actor.patientId) throw notFound("Patient");
  // One statement (every portal request starts here): the record under the "own" scope and its clinic.
  const patient = await queryFirst(tx, ownPatientRecord({ actor, scope }));
  if (!patient) throw notFound("Patient");
  return patient;
}
