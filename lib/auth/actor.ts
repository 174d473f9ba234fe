import "server-only";
import type { Role } from "@/lib/db/generated/enums";
import { AppError, forbidden } from "@/lib/errors";
import { can, type Permission, type Scope } from "./permissions";

/** Who is asking. Every exported domain function takes one first and checks it itself. */
export type Actor = {
  userId: string;
  role: Role;
  clinicId: string;
  name: string;
  /** The clinic's IANA time zone, for showing dates and times. */
  timeZone: string;
  /** The patient record of a PATIENT actor; null for staff. */
  patientId: string | null;
  /** Where the request came from, for the audit trail (never health data). */
  origin?: string;
};

/** The scope the actor holds for a permission; throws FORBIDDEN when it holds none. */
export function assertCan(actor: Actor, permission: Permission): Scope {
  const scope = can(actor.role, permission);
  if (!scope) throw forbidden();
  // Scope values end up in Prisma `where` clauses, where undefined silently widens a query.
  if (!actor.clinicId || !actor.userId) throw new AppError("UNAUTHENTICATED", "Invalid session");
  if (scope === "own" && !actor.patientId) throw forbidden();
  return scope;
}
