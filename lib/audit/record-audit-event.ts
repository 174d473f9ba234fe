import "server-only";
import type { Tx } from "@/lib/db";
import type { Role } from "@/lib/db/generated/enums";

export type AuditActor = { userId: string; role: Role; clinicId: string; origin?: string };
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
};

/** Writes one audit event in the caller's transaction. Audit rows are never updated or deleted. */
export async function recordAuditEvent(tx: Tx, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      clinicId: input.actor.clinicId,
      actorId: input.actor.userId,
      actorRole: input.actor.role,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      patientId: input.patientId ?? null,
      origin: input.actor.origin?.slice(0, 100) ?? null,
    },
  });
}
