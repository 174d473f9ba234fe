import "server-only";
import type { Tx } from "@/lib/db";
import { newId } from "@/lib/db/new-id";
import { execute } from "@/lib/db/run";
import { insertAuditEvent } from "@/lib/db/statements/audit";
import type { ActorRole } from "@/lib/auth/permissions";

/**
 * A user, or an API client (role API_CLIENT, ADR 047): then the event names the client
 * (apiClientId) and no user (actorId and actorRole stay null).
 */
export type AuditActor = { userId: string; role: ActorRole; clinicId: string; origin?: string; apiClient?: { id: string } };
/**
 * An event nobody signed in caused (a lock-out after failed sign-ins, a throttled address): no
 * actor, and a clinic only when the event concerns one of its accounts.
 */
export type AnonymousAuditActor = { userId: null; role: null; clinicId: string | null; origin?: string };

export type AuditInput = {
  actor: AuditActor | AnonymousAuditActor;
  /** dotted verb: patient.read, plan.read, catalog.update… */
  action: string;
  entityType: string;
  entityId?: string | null;
  /** The patient whose record was touched: an id, never health data. */
  patientId?: string | null;
  /** Facts about the event itself (an export's filters and row count): ids and counts, never health data. */
  detail?: Record<string, string | number | boolean | null> | null;
};

/**
 * Writes one audit event in the caller's transaction. Audit rows are never updated or deleted.
 * A plain INSERT rather than Prisma's create: nearly every request writes one, and create costs
 * ~4× the CPU (Prisma compiles each call to a query plan and reads the row back, unused).
 */
export async function recordAuditEvent(tx: Tx, input: AuditInput): Promise<void> {
  const { actor } = input;
  const apiClientId = actor.role === "API_CLIENT" ? (actor.apiClient?.id ?? actor.userId) : null;
  const userId = apiClientId ? null : actor.userId;
  const role = apiClientId ? null : actor.role;
  await execute(
    tx,
    insertAuditEvent({
      id: newId(),
      clinicId: actor.clinicId,
      actorId: userId,
      actorRole: role,
      apiClientId,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      patientId: input.patientId ?? null,
      origin: actor.origin?.slice(0, 100) ?? null,
      at: new Date(),
      detail: input.detail ? JSON.stringify(input.detail) : null,
    }),
  );
}
