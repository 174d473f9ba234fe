import "server-only";
import type { Readable } from "node:stream";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { MediaStorage } from "@/lib/storage";
import { apiClientIdOf, exportFileKey, exportStorage, filesOf, findExportFor } from "./access";

/**
 * One NDJSON file of a completed export, as a stream (decision 050): the same clinic and the
 * requester (or the clinic's admin) only; a file of an expired, deleted or unfinished export, or a
 * name not in its manifest, is NOT_FOUND. Audited before the first byte leaves: the file's type
 * and resource count, no content.
 */
export async function openBulkExportFile(actor: Actor, input: { exportId: string; name: string }, storage: MediaStorage = exportStorage()): Promise<{ body: Readable; size: number; count: number }> {
  const row = await findExportFor(actor, input.exportId);
  const file = row.status === "COMPLETED" ? filesOf(row).find((f) => f.name === input.name) : undefined;
  if (!file) throw notFound("File");
  const object = await storage.get(exportFileKey(row, file.name));
  if (!object) throw notFound("File");
  try {
    await db().$transaction((tx) =>
      recordAuditEvent(tx, {
        actor,
        action: "bulk_export.download",
        entityType: "BulkExport",
        entityId: row.id,
        detail: { file: file.name, type: file.type, count: file.count, apiClientId: apiClientIdOf(actor) },
      }),
    );
  } catch (error) {
    object.body.destroy();
    throw error;
  }
  return { body: object.body, size: object.size, count: file.count };
}
