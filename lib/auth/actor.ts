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
  /**
   * Signed in with an initial (admin-issued) password that must be replaced first: such an actor
   * may change their password and nothing else. Absent means false.
   */
  mustChangePassword?: boolean;
  /**
   * The second sign-in step of this session (ADR 022): "done" (or absent) once passed or when the
   * account needs none (a patient without a passkey), "pending" while an enrolled factor has not
   * been used yet, "enrol" for staff who have none yet. Anything but "done" grants nothing but
   * that step.
   */
  secondFactor?: SecondFactorState;
  /** The UserSession row of this request's sign-in (absent for actors built outside a request). */
  sessionId?: string;
  /** Where the request came from, for the audit trail (never health data). */
  origin?: string;
};

export type SecondFactorState = "done" | "pending" | "enrol";

/** FORBIDDEN until this session has passed the second step; pages turn it into a redirect. */
export class SecondFactorRequiredError extends AppError {
  constructor() {
    super("FORBIDDEN", "Complete the second sign-in step first");
    this.name = "SecondFactorRequiredError";
  }
}

export const secondFactorPending = (actor: Actor): boolean => (actor.secondFactor ?? "done") !== "done";

/** FORBIDDEN while the actor still has to replace an initial password; pages turn it into a redirect. */
export class PasswordChangeRequiredError extends AppError {
  constructor() {
    super("FORBIDDEN", "Change your password first");
    this.name = "PasswordChangeRequiredError";
  }
}

/** Refuses an actor whose scope values are missing (they end up in Prisma `where` clauses). */
export function assertSignedIn(actor: Actor): void {
  // Undefined in a Prisma `where` silently widens a query.
  if (!actor.clinicId || !actor.userId) throw new AppError("UNAUTHENTICATED", "Invalid session");
}

/** The scope the actor holds for a permission; throws FORBIDDEN when it holds none. */
export function assertCan(actor: Actor, permission: Permission): Scope {
  // Half a sign-in grants nothing (the second-factor functions do not come here)…
  if (secondFactorPending(actor)) throw new SecondFactorRequiredError();
  // …nor does a temporary password, but changing it (changeOwnPassword does not come here).
  if (actor.mustChangePassword) throw new PasswordChangeRequiredError();
  const scope = can(actor.role, permission);
  if (!scope) throw forbidden();
  assertSignedIn(actor);
  if (scope === "own" && !actor.patientId) throw forbidden();
  return scope;
}
