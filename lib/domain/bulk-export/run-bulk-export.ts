import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { Prisma, type BulkExport } from "@/lib/db/generated/client";
import type { MediaStorage } from "@/lib/storage";
import { deleteExportFiles, exportFileKey, exportPrefix, exportStorage, filesOf, type BulkExportFile } from "./access";
import { exportBatchSessionRows, exportBatchSize, exportPartPatients, exportStaleSeconds, exportTtlSeconds, MAX_EXPORT_ATTEMPTS } from "./limits";
import { nextPatientBatch } from "./next-patient-batch";
import { Cooperation, type CooperationOptions } from "./cooperate";
import { NdjsonPartWriter } from "./ndjson-part-writer";
import { fhirExportSource, type ExportResource, type ExportSource } from "./resources";

// The background half of a bulk export (decision 050), run by the `bulk-export` job. It claims the
// export with a lease, writes the clinic's resources and then the patients' in keyset batches, one
// NDJSON file per type per part, and records each finished part with the last patient in it: the
// checkpoint. A run that dies (process killed, database gone) leaves the export RUNNING with a
// heartbeat that goes stale; the next run (pg-boss's retry, or the sweep's re-queue) takes it over,
// deletes whatever the dead run wrote after the checkpoint, and carries on from there.

type Checkpoint = { stage: "clinic" | "patients"; after: string | null; part: number; patientsDone: number };
export type Progress = { phase: string; done: number; total: number };
export type RunOutcome = "completed" | "skipped" | "cancelled" | "failed" | "retry";

const FIRST: Checkpoint = { stage: "clinic", after: null, part: 1, patientsDone: 0 };

class LeaseLost extends Error {
  constructor() {
    super("The export was deleted or taken over by another run");
    this.name = "LeaseLost";
  }
}

async function claim(exportId: string, lease: string, now: Date): Promise<BulkExport | null> {
  const stale = new Date(now.getTime() - exportStaleSeconds() * 1000);
  const rows = await db().$queryRaw<{ id: string }[]>`
    UPDATE "BulkExport"
       SET "status" = 'RUNNING', "lease" = ${lease}, "heartbeatAt" = ${now}, "attempts" = "attempts" + 1,
           "startedAt" = COALESCE("startedAt", ${now}), "transactionTime" = COALESCE("transactionTime", ${now}), "updatedAt" = ${now}
     WHERE "id" = ${exportId}
       AND ("status" = 'QUEUED' OR ("status" = 'RUNNING' AND ("heartbeatAt" IS NULL OR "heartbeatAt" < ${stale})))
    RETURNING "id"`;
  if (rows.length === 0) return null;
  return db().bulkExport.findUnique({ where: { id: exportId } });
}

/** Writes under the lease only: a run that lost it (export deleted, or taken over) learns so here and stops. */
async function guarded(exportId: string, lease: string, data: Prisma.BulkExportUpdateManyMutationInput): Promise<void> {
  const { count } = await db().bulkExport.updateMany({ where: { id: exportId, lease }, data: { ...data, heartbeatAt: new Date() } });
  if (count === 0) throw new LeaseLost();
}

function passesSince(resource: ExportResource, since: Date | null): boolean {
  if (!since) return true;
  const updated = resource.meta?.lastUpdated;
  // A resource that does not say when it changed is sent: leaving it out could lose it for good.
  return !updated || new Date(updated) > since;
}

export type RunOptions = { source?: ExportSource; storage?: MediaStorage; now?: () => Date; onBatch?: (progress: Progress) => Promise<void> | void; cooperation?: CooperationOptions };

/**
 * Runs (or resumes) one export to the end. "skipped" when another run holds it or it is finished,
 * "cancelled" when it was deleted meanwhile (its files are removed), "retry" when this run failed
 * and the export is queued for another attempt (the caller lets pg-boss retry), "failed" after the
 * last attempt.
 */
export async function runBulkExport(exportId: string, options: RunOptions = {}): Promise<RunOutcome> {
  const now = options.now ?? (() => new Date());
  const storage = options.storage ?? exportStorage();
  const source = options.source ?? fhirExportSource;
  const lease = randomUUID();
  const row = await claim(exportId, lease, now());
  if (!row) return "skipped";

  let writer: NdjsonPartWriter | null = null;
  const heartbeat = setInterval(() => {
    void db().bulkExport.updateMany({ where: { id: exportId, lease }, data: { heartbeatAt: new Date() } }).catch(() => undefined);
  }, 10_000);
  heartbeat.unref();
  try {
    // Takes turns with the pages on this event loop (./cooperate.ts).
    const cooperation = new Cooperation(options.cooperation);
    const types = new Set<string>(row.types);
    const files: BulkExportFile[] = filesOf(row);
    let checkpoint: Checkpoint = (row.checkpoint as Checkpoint | null) ?? FIRST;
    const keyOf = (name: string) => exportFileKey(row, name);

    // A previous run may have died mid-part: whatever is not a recorded file goes.
    const kept = new Set(files.map((f) => exportFileKey(row, f.name)));
    for (const key of await storage.list(exportPrefix(row))) if (!kept.has(key)) await storage.delete(key);

    const total = await db().patient.count({ where: { clinicId: row.clinicId } });
    // Definitional resources (catalog items, protocols) already in a file: a batch adds only others.
    const seen = new Set<string>();
    const clinicResources = await source.clinicResources(row.clinicId, types);
    for (const resource of clinicResources) seen.add(`${resource.resourceType}/${resource.id}`);
    if (checkpoint.stage === "clinic") {
      writer = new NdjsonPartWriter(storage, keyOf, 1);
      for (const resource of clinicResources) {
        if (types.has(resource.resourceType) && passesSince(resource, row.since)) await writer.write(resource);
        await cooperation.turn();
      }
      files.push(...(await writer.finish()));
      checkpoint = { stage: "patients", after: null, part: 1, patientsDone: 0 };
      await guarded(exportId, lease, { files: files as unknown as Prisma.InputJsonValue, checkpoint, progress: { phase: "Patient", done: 0, total } });
    }

    const batchSize = exportBatchSize();
    const sessionRows = exportBatchSessionRows();
    const partPatients = exportPartPatients();
    let { after, part, patientsDone } = checkpoint;
    writer = new NdjsonPartWriter(storage, keyOf, part);
    let inPart = 0;
    for (;;) {
      const batch = await nextPatientBatch(row.clinicId, after, { patients: batchSize, sessionRows });
      const ids = batch.ids;
      if (ids.length === 0) break;
      // Written as they are mapped, patient by patient: the batch's resources are never all in memory at once.
      for await (const resource of source.patientResources(row.clinicId, ids, types, seen)) {
        if (types.has(resource.resourceType) && passesSince(resource, row.since)) await writer.write(resource);
        await cooperation.turn();
      }
      after = ids.at(-1)!;
      inPart += ids.length;
      patientsDone += ids.length;
      const progress = { phase: "Patient", done: patientsDone, total: Math.max(total, patientsDone) };
      if (inPart >= partPatients) {
        files.push(...(await writer.finish()));
        part += 1;
        writer = new NdjsonPartWriter(storage, keyOf, part);
        inPart = 0;
        await guarded(exportId, lease, { files: files as unknown as Prisma.InputJsonValue, checkpoint: { stage: "patients", after, part, patientsDone }, progress });
      } else {
        await guarded(exportId, lease, { progress });
      }
      await options.onBatch?.(progress);
      if (batch.last) break;
      await cooperation.pause();
    }
    files.push(...(await writer.finish()));
    writer = null;
    const finished = now();
    await guarded(exportId, lease, {
      status: "COMPLETED",
      files: files as unknown as Prisma.InputJsonValue,
      checkpoint: Prisma.DbNull,
      progress: { phase: "Patient", done: patientsDone, total: patientsDone },
      completedAt: finished,
      expiresAt: new Date(finished.getTime() + exportTtlSeconds() * 1000),
      lease: null,
      error: null,
    });
    return "completed";
  } catch (error) {
    await writer?.abort();
    if (error instanceof LeaseLost) {
      // Deleted while running: nothing of it may stay. Taken over: the other run cleans up for itself.
      const still = await db().bulkExport.findUnique({ where: { id: exportId }, select: { id: true } });
      if (!still) await deleteExportFiles(row, storage);
      return "cancelled";
    }
    const lastAttempt = row.attempts >= MAX_EXPORT_ATTEMPTS;
    // The class of the error only: a database error's message can quote the data it was given.
    const message = `The export stopped on an internal error (${error instanceof Error ? error.name : "unknown"})${lastAttempt ? "" : "; it will be retried"}.`;
    console.error(`[bulk-export] ${exportId} attempt ${row.attempts}: ${error instanceof Error ? error.name : typeof error}`);
    const finished = now();
    await db()
      .bulkExport.updateMany({
        where: { id: exportId, lease },
        data: lastAttempt
          ? { status: "FAILED", error: message, lease: null, completedAt: finished, expiresAt: new Date(finished.getTime() + exportTtlSeconds() * 1000) }
          : { status: "QUEUED", error: message, lease: null },
      })
      .catch(() => undefined);
    if (lastAttempt) await deleteExportFiles(row, storage).catch(() => undefined);
    return lastAttempt ? "failed" : "retry";
  } finally {
    clearInterval(heartbeat);
  }
}
