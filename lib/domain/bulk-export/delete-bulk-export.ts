import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { MediaStorage } from "@/lib/storage";
import { apiClientIdOf, deleteExportFiles, exportStorage, findExportFor } from "./access";

/**
 * Cancels a running export or deletes a finished one, with its files (the IG's DELETE on the status
 * URL). The row goes first, in one transaction with the audit event: a running job then loses its
 * lease at its next write, stops and removes what it wrote; the files known now are removed here.
 */
export async function deleteBulkExport(actor: Actor, exportId: string, storage: MediaStorage = exportStorage()): Promise<{ deletedFiles: number }> {
  const row = await findExportFor(actor, exportId);
  await db().$transaction(async (tx) => {
    await tx.bulkExport.delete({ where: { id: row.id } });
    await recordAuditEvent(tx, {
      actor,
      action: "bulk_export.delete",
      entityType: "BulkExport",
      entityId: row.id,
      detail: { status: row.status, apiClientId: apiClientIdOf(actor) },
    });
  });
  return { deletedFiles: await deleteExportFiles(row, storage) };
}
