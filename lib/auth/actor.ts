import "server-only";
import type { ApiScope, Role } from "@/lib/db/generated/enums";
import { AppError, forbidden } from "@/lib/errors";
import { can, canWithScopes, type ActorRole, type Permission, type Scope } from "./permissions";

/** Who is asking. Every exported domain function takes one first and checks it itself. */
export type Actor = {
  /**
   * The signed-in user; for an API client (role API_CLIENT) the client's id, which matches no
   * user (so no care team), and is never written as a user (recordAuditEvent writes apiClientId).
   */
  userId: string;
  role: ActorRole;
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
  /**
   * Present exactly when role is API_CLIENT (ADR 047): the client whose bearer token made the
   * request. Its grants are its scopes' (API_SCOPE_PERMISSIONS), always the whole clinic.
   */
  apiClient?: ApiClientIdentity;
};

/** An actor signed in with a session cookie: a user, with a user's role. */
export type SessionActor = Actor & { role: Role; apiClient?: undefined };

export type ApiClientIdentity = { id: string; name: string; scopes: readonly ApiScope[] };

/** Whether the actor is an API client (a bearer token), not a signed-in user. */
export const isApiClientActor = (actor: Actor): actor is Actor & { role: "API_CLIENT"; apiClient: ApiClientIdentity } =>
  actor.role === "API_CLIENT" && actor.apiClient !== undefined;

/** The scope the actor holds for a permission (its role's grant, or its API scopes'), or null. */
export function grantOf(actor: Actor, permission: Permission): Scope | null {
  if (actor.role === "API_CLIENT") return actor.apiClient ? canWithScopes(actor.apiClient.scopes, permission) : null;
  return can(actor.role, permission);
}

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
  const scope = grantOf(actor, permission);
  if (!scope) throw forbidden();
  assertSignedIn(actor);
  if (scope === "own" && !actor.patientId) throw forbidden();
  return scope;
}
