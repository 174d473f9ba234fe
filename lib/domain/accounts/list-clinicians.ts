import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import type { ClinicianOption } from "./dto";

/** The clinic's active clinicians, by name, for the care-team pickers. */
export async function listClinicians(actor: Actor): Promise<ClinicianOption[]> {
  assertCan(actor, "account:manage");
  return db().user.findMany({
    where: { clinicId: actor.clinicId, role: "CLINICIAN", active: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true },
  });
}
