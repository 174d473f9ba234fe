// `npm run seed:scale -- --no-seed -- npm run explain:scale [-- --audit-events]`
// The query-plan check of tests/integration/query-plans.test.ts on the full scale data (ADR 011):
// runs the hot requests (scripts/lib/hot-paths.ts) as c1-1, p1-1 and a1-1, records what each sends
// and EXPLAINs it with its parameters; prints per request the time (best of three warm runs), the
// statements and their plans, and exits 1 on a sequential scan of a large table.
// It calls the domain functions as the app does, so it writes what they write: audit events and
// p1-1's home log for today. `--audit-events` first adds a derived audit trail when there is none
// (scripts/lib/scale/fill-audit.ts), so the audit log and plan history are planned on real volume.
import pg from "pg";
import { describePlan, explain, largeFullScans, type PlanSummary } from "./lib/explain";
import { HOT_PATHS, findHotWorld } from "./lib/hot-paths";
import { installRecordingDb, recordQueries } from "./lib/query-recorder";
import { fillAuditEvents } from "./lib/scale/fill-audit";

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run it through `npm run seed:scale -- --no-seed -- …`");
  // EXPLAIN, ANALYZE and the derived audit trail as the owner (seed:scale sets its URL, ADR 021);
  // the domain functions run as the app's role.
  const client = new pg.Client({ connectionString: process.env.MIGRATION_DATABASE_URL || url });
  await client.connect();
  const restore = installRecordingDb(url);
  let failures = 0;
  try {
    if (process.argv.includes("--audit-events")) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "AuditEvent"`);
      if (Number(rows[0]!.n) < 1000) {
        console.log(`[explain] added ${await fillAuditEvents(client)} audit events`);
        await client.query(`ANALYZE "AuditEvent"`);
      }
    }
    const world = await findHotWorld(client);
    for (const [name, run] of Object.entries(HOT_PATHS)) {
      const times: number[] = [];
      let statements: Awaited<ReturnType<typeof recordQueries>>["recording"]["statements"] = [];
      for (let i = 0; i < 4; i++) {
        const started = performance.now();
        const { recording } = await recordQueries(() => run(world));
        if (i > 0) times.push(performance.now() - started); // the first run warms the caches
        statements = recording.statements;
      }
      const summaries: PlanSummary[] = [];
      for (const statement of statements) {
        const summary = await explain(client, statement);
        if (summary) summaries.push(summary);
      }
      const bad = summaries.filter((s) => largeFullScans(s).length > 0);
      failures += bad.length;
      console.log(`[explain] ${name}: ${Math.round(Math.min(...times))} ms, ${statements.length} statements${bad.length ? `, ${bad.length} reading a large table whole` : ""}`);
      for (const s of summaries) console.log(`  ${largeFullScans(s).length ? "!!" : "  "} ${describePlan(s)}`);
    }
  } finally {
    await restore();
    await client.end();
  }
  console.log(failures === 0 ? "[explain] no statement reads a large table whole" : `[explain] ${failures} statement(s) read a large table whole`);
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[explain] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
