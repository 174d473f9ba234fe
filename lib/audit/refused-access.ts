import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { type AppError, notFound } from "@/lib/errors";
import { recordAuditEvent } from "./record-audit-event";

/**
 * A read of a record the actor may not see (or that does not exist: the two answer alike): audited
 * as `access.refused` with the record's id, so an admin sees who probed which record, then the
 * NOT_FOUND to throw. Written outside the caller's transaction (which the throw rolls back); ids
 * that cannot be ours are cut short, never stored whole.
 */
export async function refusedRecord(actor: Actor, refusal: { entityType: string; entityId: string; what: string }): Promise<AppError> {
  await recordAuditEvent(db(), { actor, action: "access.refused", entityType: refusal.entityType, entityId: refusal.entityId.slice(0, 64) });
  return notFound(refusal.what);
}
