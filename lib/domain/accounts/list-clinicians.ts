import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import type { ClinicianOption } from "./dto";

/** A clinic has tens of clinicians; the cap only guards the care-team pickers against a runaway list. */
export const CLINICIAN_OPTIONS_LIMIT = 500;

/** The clinic's active clinicians, by name, for the care-team pickers (at most CLINICIAN_OPTIONS_LIMIT). */
export async function listClinicians(actor: Actor): Promise<ClinicianOption[]> {
  assertCan(actor, "account:manage");
  return db().user.findMany({
    where: { clinicId: actor.clinicId, role: "CLINICIAN", active: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: CLINICIAN_OPTIONS_LIMIT,
    select: { id: true, name: true },
  });
}
