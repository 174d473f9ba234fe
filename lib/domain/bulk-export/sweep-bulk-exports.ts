import "server-only";
import { db } from "@/lib/db";
import type { MediaStorage } from "@/lib/storage";
import { deleteExportFiles, exportStorage } from "./access";
import { exportStaleSeconds } from "./limits";

export type SweepResult = { expired: number; resumed: string[]; orphans: number };

/**
 * The export housekeeping, every minute and at every worker start (decision 050): deletes exports
 * past their expiry with their files; returns the RUNNING exports whose worker stopped beating (a
 * killed process) so the caller re-queues them; and removes files left under an export that no
 * longer exists (a delete that raced a finishing part).
 */
export async function sweepBulkExports(now: Date = new Date(), storage: MediaStorage = exportStorage()): Promise<SweepResult> {
  const expired = await db().bulkExport.findMany({ where: { expiresAt: { lte: now } }, select: { id: true, clinicId: true }, take: 100 });
  for (const row of expired) {
    await deleteExportFiles(row, storage);
    await db().bulkExport.deleteMany({ where: { id: row.id, expiresAt: { lte: now } } });
  }

  const stale = new Date(now.getTime() - exportStaleSeconds() * 1000);
  const interrupted = await db().bulkExport.findMany({
    where: { status: "RUNNING", OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: stale } }] },
    select: { id: true },
    take: 100,
  });

  let orphans = 0;
  const keys = await storage.list("bulk-exports/");
  const byExport = new Map<string, string[]>();
  for (const key of keys) {
    const [, , exportId] = key.split("/");
    if (exportId) byExport.set(exportId, [...(byExport.get(exportId) ?? []), key]);
  }
  if (byExport.size > 0) {
    const known = new Set((await db().bulkExport.findMany({ where: { id: { in: [...byExport.keys()] } }, select: { id: true } })).map((r) => r.id));
    for (const [exportId, exportKeys] of byExport) {
      if (known.has(exportId)) continue;
      for (const key of exportKeys) await storage.delete(key);
      orphans += exportKeys.length;
    }
  }
  return { expired: expired.length, resumed: interrupted.map((r) => r.id), orphans };
}
