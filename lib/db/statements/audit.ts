// The audit event nearly every request writes (lib/audit/record-audit-event.ts).
import { defineQuery } from "./define";
import { sql, utcTimestamp } from "./sql";

export type AuditEventValues = {
  id: string;
  clinicId: string | null;
  /** The user; null for an API client or an anonymous event. */
  actorId: string | null;
  actorRole: string | null;
  apiClientId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  patientId: string | null;
  origin: string | null;
  at: Date;
  /** JSON text, or null. */
  detail: string | null;
};

/** A plain INSERT: Prisma's create costs ~4× the CPU (a query plan compiled per call, the row read back unused). */
export const insertAuditEvent = defineQuery<never, AuditEventValues>(
  "audit insert",
  (e) => sql`
    INSERT INTO "AuditEvent" ("id", "clinicId", "actorId", "actorRole", "apiClientId", "action", "entityType", "entityId", "patientId", "origin", "at", "detail")
    VALUES (${e.id}, ${e.clinicId}, ${e.actorId}, ${e.actorRole}::"Role", ${e.apiClientId}, ${e.action}, ${e.entityType},
            ${e.entityId}, ${e.patientId}, ${e.origin}, ${utcTimestamp(e.at)},
            ${e.detail}::jsonb)`,
);
