import "server-only";
import type { PgBoss } from "pg-boss";
import { runBulkExport } from "@/lib/domain/bulk-export/run-bulk-export";
import { sweepBulkExports } from "@/lib/domain/bulk-export/sweep-bulk-exports";
import { bulkExportJobOptions } from "@/lib/domain/bulk-export/limits";
import { runReminderTick } from "@/lib/domain/notifications/reminder-tick";
import { deliverMessage, findOverdueMessages, RetryableDeliveryError } from "@/lib/messaging/deliver";
import { getVapidKeys } from "@/lib/push/vapid";
import { deliveryRetryPolicy, QUEUES, startWorkerBoss } from "./boss";

// The background work of one app process (decision 032): every process runs the same workers on
// the same queues, and pg-boss hands each job to one of them (SELECT … FOR UPDATE SKIP LOCKED).
// Scheduled work (cron) is kept in pg-boss's schedule table and fired once per minute slot for the
// whole cluster, not once per process.

type MessageJob = { messageId: string };

export async function registerWorkers(boss: PgBoss): Promise<void> {
  const { retryDelay } = deliveryRetryPolicy();
  // Ten jobs a fetch, each settled on its own (a temporary failure retries that message only): with
  // one job per fetch pg-boss waits a polling interval between jobs, one message a second.
  await boss.work<MessageJob, unknown, { batchSize: number; pollingIntervalSeconds: number; perJobResults: true }>(
    QUEUES.deliverMessage,
    { batchSize: 10, pollingIntervalSeconds: 1, perJobResults: true },
    async (jobs) => {
      const results = [];
      for (const job of jobs) {
        try {
          await deliverMessage(job.data.messageId, { retryDelaySeconds: retryDelay });
          results.push({ id: job.id, status: "completed" as const });
        } catch (error) {
          // pg-boss retries the job with backoff; a temporary failure is expected and not logged as an error.
          if (!(error instanceof RetryableDeliveryError)) console.error(`[jobs] ${QUEUES.deliverMessage}: ${(error as Error).message}`);
          results.push({ id: job.id, status: "failed" as const });
        }
      }
      return results;
    },
  );

  await boss.schedule(QUEUES.messageSweep, "* * * * *");
  await boss.work(QUEUES.messageSweep, async () => {
    for (const messageId of await findOverdueMessages()) {
      await boss.send(QUEUES.deliverMessage, { messageId }, { ...deliveryRetryPolicy(), singletonKey: messageId });
    }
  });

  // Reminders (decision 035): one run per minute slot for the whole cluster; whichever process
  // takes the job queues what is due, and the dedupe keys make a repeated run a no-op.
  await boss.schedule(QUEUES.reminderTick, "* * * * *");
  await boss.work(QUEUES.reminderTick, async () => {
    const result = await runReminderTick(new Date());
    if (result.messages || result.failed) console.log(`[reminders] queued ${result.messages} message(s)${result.failed ? `, ${result.failed} failed (retried next minute)` : ""}`);
  });

  // FHIR bulk export (decision 050): one export at a time per process; a run that failed is put
  // back as QUEUED and thrown to pg-boss, which retries it with backoff.
  await boss.work<{ exportId: string }>(QUEUES.bulkExport, { pollingIntervalSeconds: 2 }, async ([job]) => {
    const outcome = await runBulkExport(job!.data.exportId);
    if (outcome === "retry") throw new Error("bulk export attempt failed; retrying");
    return { outcome };
  });
  // Expired exports deleted; exports whose worker died (stale heartbeat) queued again, here at
  // start-up too, so a restarted process picks up what the killed one was doing.
  await boss.schedule(QUEUES.bulkExportSweep, "* * * * *");
  await boss.work(QUEUES.bulkExportSweep, async () => {
    const result = await sweepBulkExports();
    for (const exportId of result.resumed) await boss.send(QUEUES.bulkExport, { exportId }, { ...bulkExportJobOptions(), singletonKey: exportId });
    if (result.expired || result.resumed.length || result.orphans) {
      console.log(`[bulk-export] sweep: ${result.expired} expired, ${result.resumed.length} resumed, ${result.orphans} orphan file(s) removed`);
    }
  });
  await boss.send(QUEUES.bulkExportSweep, {});
}

/** Starts this process's workers (from instrumentation.ts, or a test's child process); idempotent. */
export async function startWorkers(): Promise<PgBoss> {
  const holder = globalThis as unknown as { __riversideWorkers?: Promise<PgBoss> };
  holder.__riversideWorkers ??= (async () => {
    const boss = await startWorkerBoss();
    await registerWorkers(boss);
    // VAPID keys are made on first start (decision 036), not on a patient's first subscription.
    await getVapidKeys();
    return boss;
  })().catch((error) => {
    holder.__riversideWorkers = undefined;
    throw error;
  });
  return holder.__riversideWorkers;
}
