// `npm test`: the whole suite — unit, integration (real PostgreSQL), reliability (the production
// build while its own PostgreSQL restarts) and e2e (Chromium against `next build && next start`)
// — on a test PostgreSQL of its own: embedded (data in .data/pg-test, port 54330) or, with
// DATABASE_URL set, that server, on databases `<name>_it` and `<name>_e2e` that are recreated
// every run. The reliability suite always starts an embedded PostgreSQL of its own
// (.data/pg-fault, port EMBEDDED_PG_TEST_PORT + 1) and its app on E2E_PORT + 1.
// Ends with "N passed, N failed".
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { assertLocalDatabase } from "../tests/setup/local-database";
import { acquireLock } from "./lib/lock";
import { databaseUrl, ensurePostgres } from "./lib/postgres";
import { migrate, run, seed } from "./lib/prepare";
import { countPlaywright, countVitest, suiteCounts, type Counts, type PlaywrightReport, type VitestReport } from "./lib/test-counts";

const args = new Set(process.argv.slice(2));
const only = [...args].find((a) => a.startsWith("--only="))?.slice("--only=".length);
// Any other argument narrows the run to the test files whose path contains it (vitest and Playwright).
const filters = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const want = (suite: "unit" | "integration" | "reliability" | "e2e") => !only || only.split(",").includes(suite);
const bin = (name: string) => path.resolve("node_modules", ".bin", name);
const RESULTS = path.resolve("test-results");

async function recreate(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${client.escapeIdentifier(database)} with (force)`);
    await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
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
  for (const name of ["summary.txt", "vitest.json", "reliability.json", "playwright.json"]) rmSync(path.join(RESULTS, name), { force: true });
  const started = Date.now();
  const testPort = Number(process.env.EMBEDDED_PG_TEST_PORT ?? 54330);
  const server = await ensurePostgres({ name: "pg-test", port: testPort });
  const base = process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL).pathname.slice(1) || "clinic" : "clinic";
  const itUrl = assertLocalDatabase(databaseUrl(server, `${base}_it`));
  const e2eUrl = assertLocalDatabase(databaseUrl(server, `${base}_e2e`));
  const results: { suite: string; counts: Counts | null; code: number }[] = [];
  // The e2e app's secret, known before the seed encrypts the demo staff's authenticator-app secret with it.
  const e2eAuthSecret = randomBytes(32).toString("base64url");
  try {
    const adminUrl = server.adminUrl.toString();
    if (want("integration")) {
      await recreate(adminUrl, `${base}_it`);
      await migrate(itUrl);
    }
    if (want("e2e")) {
      await recreate(adminUrl, `${base}_e2e`);
      await migrate(e2eUrl);
      await seed(e2eUrl, { quiet: true, env: { NEXTAUTH_SECRET: e2eAuthSecret } });
    }

    const projects = (["unit", "integration"] as const).filter(want);
    if (projects.length > 0) {
      const file = path.join(RESULTS, "vitest.json");
      const code = await run(
        bin("vitest"),
        ["run", ...projects.flatMap((p) => ["--project", p]), ...filters, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`],
        { ...process.env, DATABASE_URL: itUrl },
      );
      results.push({ suite: projects.join("+"), counts: readReport<VitestReport>(file, countVitest), code });
    }

    const port = process.env.E2E_PORT ?? "3100";
    const env = {
      ...process.env,
      DATABASE_URL: e2eUrl,
      PORT: port,
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXTAUTH_SECRET: e2eAuthSecret,
      NEXT_TELEMETRY_DISABLED: "1",
    };
    // One production build for the reliability suite and e2e.
    let build: Promise<number> | undefined;
    const built = () => (build ??= process.env.SKIP_BUILD === "1" ? Promise.resolve(0) : run(bin("next"), ["build"], env));

    if (want("reliability")) {
      const file = path.join(RESULTS, "reliability.json");
      const reliabilityEnv = {
        ...process.env,
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
