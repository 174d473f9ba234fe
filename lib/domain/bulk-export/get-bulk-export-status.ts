import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { findExportFor, filesOf } from "./access";
import type { Progress } from "./run-bulk-export";

/** The Bulk Data IG's completion manifest (https://hl7.org/fhir/uv/bulkdata/export.html#response---complete-status). */
export type BulkManifest = {
  transactionTime: string;
  request: string;
  requiresAccessToken: true;
  output: { type: string; url: string; count: number }[];
  error: { type: string; url: string }[];
};

export type BulkExportStatus =
  | { state: "running"; progress: string }
  | { state: "completed"; manifest: BulkManifest; expiresAt: Date | null }
  | { state: "failed"; message: string };

/** "Patient: 4200/20000" while the patients are written; "queued" before the job starts. */
export function progressText(status: string, progress: unknown, attempts: number): string {
  const p = progress as Progress | null;
  if (status === "QUEUED" && attempts === 0) return "queued";
  const text = p ? `${p.phase}: ${p.done}/${p.total}` : "starting";
  return status === "QUEUED" ? `${text} (restarting)` : text;
}

/**
 * Where an export stands, for its status URL (decision 050): running (with X-Progress text),
 * completed (the manifest, file URLs under `fileUrlBase`) or failed (a message safe to show).
 * Reading the status is not audited: it reveals no health data; each file download is.
 */
export async function getBulkExportStatus(actor: Actor, input: { exportId: string; fileUrlBase: string }): Promise<BulkExportStatus> {
  const row = await findExportFor(actor, input.exportId);
  if (row.status === "FAILED") return { state: "failed", message: row.error ?? "The export failed." };
  if (row.status !== "COMPLETED") return { state: "running", progress: progressText(row.status, row.progress, row.attempts) };
  return {
    state: "completed",
    expiresAt: row.expiresAt,
    manifest: {
      transactionTime: (row.transactionTime ?? row.createdAt).toISOString(),
      request: row.requestUrl,
      requiresAccessToken: true,
      output: filesOf(row).map((file) => ({ type: file.type, url: `${input.fileUrlBase}/${file.name}`, count: file.count })),
      error: [],
    },
  };
}
