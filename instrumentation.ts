// Next.js calls register() once when a server process starts (not during `next build`). The
// Node.js server starts its background workers here (decision 032): message delivery, the retry
// sweep and the reminder schedule. JOBS=off turns them off (e.g. a process that only serves pages
// while others work the queue).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.JOBS === "off" || !process.env.DATABASE_URL) return;
  const { startWorkers } = await import("./lib/jobs/worker");
  try {
    await startWorkers();
    console.log("[jobs] workers started");
  } catch (error) {
    // The app still serves pages; queued work waits in the database for the next start.
    console.error(`[jobs] workers did not start: ${(error as Error).message}`);
  }
}
