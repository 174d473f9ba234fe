import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import type { Actor } from "./actor";
import { assertCan } from "./actor";
import type { Permission } from "./permissions";

/**
 * The Prisma `where` that limits patients to those the actor may see under a permission:
 * always the actor's clinic, then the care team or the actor's own record.
 */
export function patientScope(actor: Actor, permission: Permission): Prisma.PatientWhereInput {
  const scope = assertCan(actor, permission);
  const base: Prisma.PatientWhereInput = { clinicId: actor.clinicId, archivedAt: null };
  switch (scope) {
    case "clinic":
      return base;
    case "care-team":
      return { ...base, careTeam: { some: { clinicianId: actor.userId } } };
    case "own":
      return { ...base, id: actor.patientId! };
  }
}
