// The numbers that bound a bulk export (decision 050), each overridable by the environment for tests
// and for operators: kept in one place so the ADR, the job and the sweep agree.

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

/** Patients read (with their records) per query batch. */
export const exportBatchSize = () => num("BULK_EXPORT_BATCH_SIZE", 100);
/** At most this many sessions (with their treatments and notes) per batch: the batch is cut before the patient that would pass it. */
export const exportBatchSessionRows = () => num("BULK_EXPORT_BATCH_SESSIONS", 500);
/** Patients per file part: a finished part is the restart point after a crash. */
export const exportPartPatients = () => num("BULK_EXPORT_PART_PATIENTS", 5000);
/** How long the files stay downloadable after the export completes. */
export const exportTtlSeconds = () => num("BULK_EXPORT_TTL_SECONDS", 24 * 3600);
/** A RUNNING export whose heartbeat is older than this was interrupted (its worker died). */
export const exportStaleSeconds = () => num("BULK_EXPORT_STALE_SECONDS", 120);
/** Runs of one export before it is marked FAILED. */
export const MAX_EXPORT_ATTEMPTS = 5;

/** pg-boss options of an export job: retried with backoff; pg-boss's own heartbeat catches a dead worker too. */
export function bulkExportJobOptions() {
  return { retryLimit: MAX_EXPORT_ATTEMPTS - 1, retryDelay: 30, retryBackoff: true, heartbeatSeconds: 60, expireInSeconds: 6 * 3600 };
}
