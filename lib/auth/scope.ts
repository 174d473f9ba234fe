import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { toPrismaSql } from "@/lib/db/run";
import { patientScopeCondition } from "@/lib/db/statements/scope";
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

/**
 * patientScope as an SQL condition on the "Patient" row aliased `alias` (a constant of the
 * caller's query, never input), for the reads written in SQL: the actor's clinic, not archived,
 * then the care team or the actor's own record. The same text as the hot statements'
 * (lib/db/statements/scope.ts), as a Prisma.Sql for the other raw reads.
 */
export function patientScopeSql(actor: Actor, permission: Permission, alias: string): Prisma.Sql {
  return toPrismaSql(patientScopeCondition(assertCan(actor, permission), actor, alias));
}
