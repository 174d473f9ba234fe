import "server-only";
import type { Tx } from "@/lib/db";
import type { Role } from "@/lib/db/generated/enums";

export type AuditActor = { userId: string; role: Role; clinicId: string; origin?: string };

export type AuditInput = {
  actor: AuditActor;
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
