import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScopeSql } from "@/lib/auth/scope";
import type { Permission } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";

export type OwnPatient = {
  id: string;
  firstName: string;
  timeZone: string;
  clinicName: string;
  /** The clinic's contact details (decision 030), for calendar files. */
  clinicAddress: string | null;
  clinicPhone: string | null;
};

/**
 * The signed-in patient's own record under a permission of the portal. Only a role whose grant
 * is scoped to "own" has a portal: a clinician calling a portal function is refused here.
 */
export async function ownPatient(tx: Tx, actor: Actor, permission: Permission): Promise<OwnPatient> {
  const scope = patientScopeSql(actor, permission, "p");
  if (actor.role !== "PATIENT" || !actor.patientId) throw notFound("Patient");
  // One statement (every portal request starts here): the record under the "own" scope and its clinic.
  const [patient] = await tx.$queryRaw<OwnPatient[]>`
    SELECT p."id", p."firstName", c."timezone" AS "timeZone", c."name" AS "clinicName",
           c."address" AS "clinicAddress", c."phone" AS "clinicPhone"
      FROM "Patient" p JOIN "Clinic" c ON c."id" = p."clinicId"
     WHERE ${scope}`;
  if (!patient) throw notFound("Patient");
  return patient;
}
