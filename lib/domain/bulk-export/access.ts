import "server-only";
import { assertCan, isApiClientActor, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import type { BulkExport, Prisma } from "@/lib/db/generated/client";
import { notFound } from "@/lib/errors";
import { mediaStorage, type MediaStorage } from "@/lib/storage";

// Who may see an export (decision 050): `fhir:bulk-export` in the export's clinic, and then either an
// admin of that clinic (any export of it) or the API client that asked for it (its own only).

/** The export's files live under this storage prefix, and nothing else does. */
export const exportPrefix = (row: { clinicId: string; id: string }) => `bulk-exports/${row.clinicId}/${row.id}/`;
export const exportFileKey = (row: { clinicId: string; id: string }, name: string) => `${exportPrefix(row)}${name}`;

/** The storage the export files go to: the app's storage driver (local .data/media or S3), under its own prefix. */
export function exportStorage(): MediaStorage {
  return mediaStorage();
}

export type BulkExportFile = { type: string; name: string; count: number; size: number };

export function filesOf(row: Pick<BulkExport, "files">): BulkExportFile[] {
  return Array.isArray(row.files) ? (row.files as unknown as BulkExportFile[]) : [];
}

/** The Prisma `where` narrowing exports to those the actor may see (throws FORBIDDEN without `fhir:bulk-export`). */
export function exportScope(actor: Actor): Prisma.BulkExportWhereInput {
  assertCan(actor, "fhir:bulk-export");
  const clientId = apiClientIdOf(actor);
  // An API client sees its own exports only; an admin every export of the clinic.
  return clientId ? { clinicId: actor.clinicId, requestedByClientId: clientId } : { clinicId: actor.clinicId };
}

/** The API client an actor stands for, when it is one (bearer tokens, ADR 047); null for people. */
export function apiClientIdOf(actor: Actor): string | null {
  return isApiClientActor(actor) ? actor.apiClient.id : null;
}

/** The export, or NOT_FOUND when it does not exist, is another clinic's or another client's, or has expired. */
export async function findExportFor(actor: Actor, exportId: string, now = new Date()): Promise<BulkExport> {
  const row = await db().bulkExport.findFirst({ where: { AND: [exportScope(actor), { id: exportId }] } });
  if (!row || (row.expiresAt && row.expiresAt <= now)) throw notFound("Export");
  return row;
}

/** Removes every object under the export's prefix (finished files, and any part a crash left). */
export async function deleteExportFiles(row: { clinicId: string; id: string }, storage = exportStorage()): Promise<number> {
  const keys = await storage.list(exportPrefix(row));
  for (const key of keys) await storage.delete(key);
  return keys.length;
}
