import "server-only";
import { PgBoss } from "pg-boss";

// One pg-boss per process (decision 032). Its schema is installed by a migration as the database
// owner; here it never migrates or creates anything but queue rows, and never reindexes (that
// needs ownership). A process that only sends jobs (a server action queuing a message, the seed)
// starts it without supervision or cron; the app's worker (lib/jobs/worker.ts) starts it fully.

export const QUEUES = {
  deliverMessage: "deliver-message",
  messageSweep: "message-sweep",
  reminderTick: "reminder-tick",
  // FHIR bulk export (decision 050): one job per export; the sweep resumes interrupted ones and deletes expired files.
  bulkExport: "bulk-export",
  bulkExportSweep: "bulk-export-sweep",
} as const;

export { deliveryRetryPolicy, MAX_DELIVERY_ATTEMPTS } from "./delivery-policy";

type Holder = { __riversideBoss?: Promise<PgBoss>; __riversideBossMode?: "send" | "work" };
const holder = globalThis as unknown as Holder;

function create(mode: "send" | "work"): PgBoss {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set");
  const boss = new PgBoss({
    connectionString,
    schema: "pgboss",
    max: mode === "work" ? 4 : 2,
    migrate: false,
    createSchema: false,
    supervise: mode === "work",
    schedule: mode === "work",
    reindex: false,
    application_name: `riverside-jobs-${mode}`,
  });
  // pg-boss reports its own errors (a lost connection it will retry) as events; never health data.
  boss.on("error", (error: Error) => console.error(`[jobs] ${error.message}`));
  return boss;
}

async function start(mode: "send" | "work"): Promise<PgBoss> {
  const boss = create(mode);
  await boss.start();
  for (const name of Object.values(QUEUES)) await boss.createQueue(name);
  return boss;
}

/** The process's pg-boss, started on first use (for sending jobs only unless startWorkerBoss ran first). */
export function getBoss(): Promise<PgBoss> {
  if (!holder.__riversideBoss) {
    holder.__riversideBossMode = "send";
    holder.__riversideBoss = start("send").catch((error) => {
      holder.__riversideBoss = undefined;
      throw error;
    });
  }
  return holder.__riversideBoss;
}

/** Starts this process's pg-boss with supervision and cron (the worker); idempotent. */
export async function startWorkerBoss(): Promise<PgBoss> {
  if (holder.__riversideBoss && holder.__riversideBossMode === "work") return holder.__riversideBoss;
  if (holder.__riversideBoss) {
    const previous = await holder.__riversideBoss.catch(() => null);
    await previous?.stop({ graceful: true }).catch(() => undefined);
  }
  holder.__riversideBossMode = "work";
  holder.__riversideBoss = start("work");
  return holder.__riversideBoss;
}

export async function stopBoss(): Promise<void> {
  const boss = await holder.__riversideBoss?.catch(() => null);
  holder.__riversideBoss = undefined;
  (globalThis as unknown as { __riversideWorkers?: unknown }).__riversideWorkers = undefined;
  holder.__riversideBossMode = undefined;
  await boss?.stop({ graceful: true, timeout: 10_000 }).catch(() => undefined);
}
