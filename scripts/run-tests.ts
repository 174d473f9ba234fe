// `npm test`: the whole suite — unit, integration (real PostgreSQL), reliability (the production
// build while its own PostgreSQL restarts) and e2e (Chromium against `next build && next start`)
// — on a test PostgreSQL of its own: embedded (data in .data/pg-test, port 54330) or, with
// DATABASE_URL set, that server, on databases `<name>_it` and `<name>_e2e` that are recreated
// every run, owned by the owner role; the tests' DATABASE_URL is the runtime role's and
// MIGRATION_DATABASE_URL the owner's (docs/decisions/021). The reliability suite always starts
// an embedded PostgreSQL of its own (.data/pg-fault, port EMBEDDED_PG_TEST_PORT + 1) and its app on E2E_PORT + 1.
// Ends with "N passed, N failed".
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { assertLocalDatabase } from "../tests/setup/local-database";
import { acquireLock } from "./lib/lock";
import { databaseSql, ensureAppDatabase, execute, externalUrls, onDatabase, roleOf, type DatabaseUrls } from "./lib/db-roles";
import { startMailSink, type MailSink } from "../lib/messaging/sink";
import { ensurePostgres, type PgServer } from "./lib/postgres";
import { databaseEnv, migrate, run, seed } from "./lib/prepare";
import { countPlaywright, countVitest, suiteCounts, type Counts, type PlaywrightReport, type VitestReport } from "./lib/test-counts";

const args = new Set(process.argv.slice(2));
const only = [...args].find((a) => a.startsWith("--only="))?.slice("--only=".length);
// Any other argument narrows the run to the test files whose path contains it (vitest and Playwright).
const filters = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const want = (suite: "unit" | "integration" | "reliability" | "e2e") => !only || only.split(",").includes(suite);
const bin = (name: string) => path.resolve("node_modules", ".bin", name);
const RESULTS = path.resolve("test-results");

/**
 * Drops and creates a test database, owned by the owner role: on the embedded server through its
 * superuser, on an external one as the owner (MIGRATION_DATABASE_URL, which then needs CREATEDB).
 */
async function recreate(server: PgServer, external: DatabaseUrls | null, database: string): Promise<DatabaseUrls> {
  const client = new pg.Client({ connectionString: external ? external.ownerUrl : server.adminUrl.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists ${client.escapeIdentifier(database)} with (force)`);
    if (external) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
  if (!external) return ensureAppDatabase(server, database);
  const urls = onDatabase(external, database);
  if (roleOf(urls.ownerUrl) !== roleOf(urls.runtimeUrl)) await execute(urls.ownerUrl, databaseSql(roleOf(urls.runtimeUrl)));
  return urls;
}

/** Both URLs of a test database, each refused unless local. */
function local(urls: DatabaseUrls): DatabaseUrls {
  return { ownerUrl: assertLocalDatabase(urls.ownerUrl), runtimeUrl: assertLocalDatabase(urls.runtimeUrl) };
}

function readReport<T>(file: string, count: (report: T) => Counts): Counts | null {
  if (!existsSync(file)) return null;
  try {
    return count(JSON.parse(readFileSync(file, "utf8")) as T);
  } catch {
    return null; // a half-written report: the runner died while writing it
  }
}

async function main(): Promise<number> {
  mkdirSync(RESULTS, { recursive: true });
  const release = await acquireLock(path.resolve(".data", "test-run.lock"), (line) => console.log(line));
  // Nothing from an earlier run may be read as this run's result: a runner that dies without a
  // report counts as a failure, not as the passes of the last run.
  for (const name of ["summary.txt", "vitest.json", "reliability.json", "playwright.json", "vitals/today-lcp.json"]) rmSync(path.join(RESULTS, name), { force: true });
  const started = Date.now();
  const testPort = Number(process.env.EMBEDDED_PG_TEST_PORT ?? 54330);
  const server = await ensurePostgres({ name: "pg-test", port: testPort });
  const base = process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL).pathname.slice(1) || "clinic" : "clinic";
  const external = server.embedded ? null : externalUrls();
  if (external) for (const name of [`${base}_it`, `${base}_e2e`]) local(onDatabase(external, name));
  // Only the commands that reset data get the owner's URL; the app under test never does.
  const inherited = { ...process.env };
  delete inherited.MIGRATION_DATABASE_URL;
  let it: DatabaseUrls | undefined;
  let e2e: DatabaseUrls | undefined;
  let sink: MailSink | null = null;
  const results: { suite: string; counts: Counts | null; code: number }[] = [];
  // The e2e app's secret, known before the seed encrypts the demo staff's authenticator-app secret with it.
  const e2eAuthSecret = randomBytes(32).toString("base64url");
  try {
    if (want("integration")) {
      it = local(await recreate(server, external, `${base}_it`));
      await migrate(it);
    }
    if (want("e2e")) {
      e2e = local(await recreate(server, external, `${base}_e2e`));
      await migrate(e2e);
      await seed(e2e.runtimeUrl, { quiet: true, env: { NEXTAUTH_SECRET: e2eAuthSecret } });
    }

    const projects = (["unit", "integration"] as const).filter(want);
    if (projects.length > 0) {
      const file = path.join(RESULTS, "vitest.json");
      const code = await run(
        bin("vitest"),
        ["run", ...projects.flatMap((p) => ["--project", p]), ...filters, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`],
        { ...inherited, ...(it ? databaseEnv(it) : {}) },
      );
      results.push({ suite: projects.join("+"), counts: readReport<VitestReport>(file, countVitest), code });
    }

    const port = process.env.E2E_PORT ?? "3100";
    // The e2e app sends mail through a real SMTP sink of its own (decision 033); tests read the
    // messages from test-results/mail (tests/fixtures/mail.ts). An SMTP_URL given to the run wins.
    if (want("e2e") && !process.env.SMTP_URL) {
      rmSync(path.join(RESULTS, "mail"), { recursive: true, force: true });
      sink = await startMailSink({ dir: path.join(RESULTS, "mail") });
    }
    const env = {
      ...inherited,
      ...(e2e ? { DATABASE_URL: e2e.runtimeUrl } : {}),
      PORT: port,
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXTAUTH_SECRET: e2eAuthSecret,
      NEXT_TELEMETRY_DISABLED: "1",
      ...(sink ? { SMTP_URL: sink.url, MAIL_SINK_DIR: sink.dir } : {}),
    };
    // One production build for the reliability suite and e2e.
    let build: Promise<number> | undefined;
    const built = () => (build ??= process.env.SKIP_BUILD === "1" ? Promise.resolve(0) : run(bin("next"), ["build"], env));

    if (want("reliability")) {
      const file = path.join(RESULTS, "reliability.json");
      const reliabilityEnv = {
        ...inherited,
        RELIABILITY_PG_PORT: process.env.RELIABILITY_PG_PORT ?? String(testPort + 1),
        RELIABILITY_APP_PORT: process.env.RELIABILITY_APP_PORT ?? String(Number(port) + 1),
      };
      const code = (await built()) === 0
        ? await run(bin("vitest"), ["run", "--config", "tests/reliability/vitest.config.ts", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`], reliabilityEnv)
        : 1;
      results.push({ suite: "reliability", counts: readReport<VitestReport>(file, countVitest), code });
    }

    if (want("e2e")) {
      // The e2e server's log (checked for health data by tests/e2e/zz-server-logs.spec.ts) starts empty.
      rmSync(path.join(RESULTS, "e2e-server.log"), { force: true });
      const buildCode = await built();
      const file = path.join(RESULTS, "playwright.json");
      const code = buildCode === 0 ? await run(bin("playwright"), ["test", ...filters], { ...env, PLAYWRIGHT_JSON_OUTPUT_FILE: file }) : buildCode;
      results.push({ suite: "e2e", counts: buildCode === 0 ? readReport<PlaywrightReport>(file, countPlaywright) : null, code });
    }
  } finally {
    await sink?.close();
    await server.stop();
    release();
  }

  let passed = 0;
  let failed = 0;
  for (const r of results) {
    // A runner that crashed before reporting counts as one failure.
    const counts = suiteCounts(r.counts, r.code);
    passed += counts.passed;
    failed += counts.failed;
    console.log(`[test] ${r.suite}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
  // Today's LCP on a throttled phone (tests/e2e/patient-phone-vitals.spec.ts): reported, never asserted.
  const vitals = path.join(RESULTS, "vitals", "today-lcp.json");
  if (want("e2e") && existsSync(vitals)) {
    const v = JSON.parse(readFileSync(vitals, "utf8")) as { cold: { lcpMs: number }; warm: { lcpMs: number } };
    console.log(`[test] Today's largest contentful paint, 375 px phone, Slow 4G + 4× CPU: cold ${v.cold.lcpMs} ms, warm ${v.warm.lcpMs} ms`);
  }
  const line = `${passed} passed, ${failed} failed`;
  writeFileSync(path.join(RESULTS, "summary.txt"), `${line}\n`);
  console.log(`[test] total in ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(line);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[test] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
