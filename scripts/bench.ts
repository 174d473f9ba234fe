// `npm run bench [-- --only=roster,plan,floor,open,capacity,two --duration=10 --warmup=10 --connections=20 --rounds=1 --capture-sql --save-pages]`
//   open loop: `--rate=25 --open-duration=60 --step=15 --clinics=3 --patients-per-clinic=20 --export=on|off --jobs=in-app|separate`
// Issue 8's benchmark (docs/decisions/017-benchmark-and-ceiling.md). On the scale data (ADR 011;
// filled first when missing), it builds the app (unless SKIP_BUILD=1), starts `next start` and the
// ceiling (scripts/bench/ceiling.ts: node:http + pg running the app's SQL, no framework), signs in
// over HTTP as c1-1 and p1-1, and loads five requests at a fixed concurrency from a separate
// process (scripts/bench/load.ts, autocannon): app, then ceiling, endpoint by endpoint. Prints
// the table and the targets and writes bench/results/<date>.json and .md. The home logs the
// write endpoint touches are put back afterwards.
// Then the open loop (issue 18, docs/decisions/053, scripts/bench/open-loop-run.ts): the clinic
// group's morning mix at a fixed rate from many signed-in users with a bulk export and the job
// schedule running ("open"), the highest rate one process meets p95 < 100 ms at ("capacity"), and
// the same with a second app process on BENCH_APP2_PORT, requests alternating ("two").
// With --capture-sql it measures nothing: it logs the SQL of one request per endpoint on both
// servers and compares the statement lists.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { cpuSample, postmasterOf } from "./bench/cpu";
import { endpoints, floorEndpoints, type Endpoint } from "./bench/endpoints";
import { CLINICIAN_EMAIL, DEFAULT_SEARCH, PATIENT_EMAIL, keepHomeLogs, loadFixtures } from "./bench/fixtures";
import type { LoadResult, LoadSpec } from "./bench/load";
import { openChecks, openLoopMarkdown } from "./bench/open-loop-report";
import { runOpenLoopPhases, type OpenLoopReport } from "./bench/open-loop-run";
import { checks, floorTable, markdown, progressLine, table, checksTable, type FloorResult, type Measured } from "./bench/report";
import { bin, startServer, type Server } from "./bench/servers";
import { passSecondFactor, signIn } from "./bench/sign-in";
import { compare, fold, readStatements, unmatchedAccessPaths } from "./bench/sql-capture";
import { ensureAppDatabase, externalUrls, type DatabaseUrls } from "./lib/db-roles";
import { ensurePostgres } from "./lib/postgres";
import { databaseEnv, migrate, run } from "./lib/prepare";
import { startMailSink } from "../lib/messaging/sink";
import { DEMO_PASSWORD } from "../prisma/seed-data/demo";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const CONNECTIONS = Number(option("connections", "20"));
const DURATION = Number(option("duration", "10"));
// 10 s: with 3 s the app's first measured run was up to a third slower than a second one (V8 still
// optimising Next.js's and React's code); a server in production is warm.
const WARMUP = Number(option("warmup", "10"));
const ROUNDS = Math.max(1, Number(option("rounds", "1")));
const ONLY = option("only", "").split(",").filter(Boolean);
const CAPTURE = args.includes("--capture-sql");
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3190);
const CEILING_PORT = Number(process.env.BENCH_CEILING_PORT ?? 3191);
const APP2_PORT = Number(process.env.BENCH_APP2_PORT ?? 3192);
const OPEN_PHASES = (["open", "capacity", "two"] as const).filter((p) => ONLY.length === 0 || ONLY.includes(p));
const POOL_SIZE = process.env.DB_POOL_SIZE ?? "10";
const TMP = path.resolve("bench", "tmp");
const RESULTS = path.resolve("bench", "results");

const log = (line: string) => console.log(`[bench] ${line}`);

/** The scale database: the owner's URL for the benchmark's own reads and restores, the runtime role's for the servers (ADR 021). */
async function scaleDatabase(): Promise<{ urls: DatabaseUrls; stop: () => Promise<void> }> {
  const external = Boolean(process.env.DATABASE_URL);
  const server = await ensurePostgres({ name: "pg-scale", port: Number(process.env.EMBEDDED_PG_SCALE_PORT ?? 54331), log });
  try {
    const urls = external ? externalUrls() : await ensureAppDatabase(server, "clinic_scale");
    await migrate(urls);
    const db = new pg.Client({ connectionString: urls.ownerUrl });
    await db.connect();
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "User" WHERE email IN ($1, $2)`, [CLINICIAN_EMAIL, PATIENT_EMAIL]).finally(() => db.end());
    if (rows[0]!.n < 2) {
      if (args.includes("--no-seed")) throw new Error("the scale data is missing: run `npm run seed:scale` first");
      log("the scale data is missing: filling it now with `npm run seed:scale` (1.5–3 minutes, 1.5 GB)");
      const code = await run(bin("tsx"), ["scripts/seed-scale.ts"], { ...process.env, ...databaseEnv(urls) });
      if (code !== 0) throw new Error(`seed:scale failed (exit ${code})`);
    }
    return { urls, stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

function logHomeActionId(): string {
  const manifest = JSON.parse(readFileSync(path.resolve(".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, a]) => a.filename === "app/(patient)/my/actions.ts" && a.exportedName === "logHomeActivityAction");
  if (!entry) throw new Error("logHomeActivityAction is not in .next/server/server-reference-manifest.json: build the app (without SKIP_BUILD=1)");
  return entry[0];
}

async function loadOnce(spec: LoadSpec, name: string): Promise<LoadResult> {
  const specFile = path.join(TMP, `${name}.spec.json`);
  const resultFile = path.join(TMP, `${name}.result.json`);
  writeFileSync(specFile, JSON.stringify(spec));
  const code = await run(bin("tsx"), [path.resolve("scripts", "bench", "load.ts"), specFile, resultFile], process.env);
  if (code !== 0) throw new Error(`the load generator failed for ${name} (exit ${code})`);
  return JSON.parse(readFileSync(resultFile, "utf8")) as LoadResult;
}

/** The warm-up (thrown away), then the measured run with the CPU the server and PostgreSQL spent on it. */
async function load(spec: LoadSpec, name: string, server: Server, postmaster: number | null): Promise<LoadResult> {
  if (spec.warmupSeconds > 0) await loadOnce({ ...spec, durationSeconds: spec.warmupSeconds, warmupSeconds: 0 }, `${name}-warmup`);
  const groups = { server: server.child.pid ?? null };
  const before = cpuSample(groups, postmaster);
  const result = await loadOnce({ ...spec, warmupSeconds: 0 }, name);
  const after = cpuSample(groups, postmaster);
  const perRequest = (key: string) => {
    const [a, b] = [before[key], after[key]];
    return a == null || b == null || result.requests === 0 ? null : Math.round(((b - a) / result.requests) * 100) / 100;
  };
  return { ...result, cpuMsPerRequest: { server: perRequest("server"), db: perRequest("db") } };
}

function specFor(endpoint: Endpoint, server: Server, cookie: string, target: "app" | "ceiling"): LoadSpec {
  const headers = { ...endpoint.headers };
  if (headers.origin) headers.origin = server.baseUrl;
  return {
    url: server.baseUrl + endpoint.path,
    method: endpoint.method,
    headers,
    bodies: endpoint.bodies,
    cookie,
    expect: endpoint.expect[target],
    connections: CONNECTIONS,
    warmupSeconds: WARMUP,
    durationSeconds: DURATION,
  };
}

/** A short-lived owner connection (the bench's own housekeeping, never the servers'). */
async function withOwner<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The process's background workers started (instrumentation.ts logs either line): jobs that do not run would flatter every figure. */
async function workersStarted(name: string, expected: boolean): Promise<void> {
  if (!expected) return;
  const file = path.join(TMP, `${name}.log`);
  for (let waited = 0; waited < 15_000; waited += 250) {
    const text = existsSync(file) ? readFileSync(file, "utf8") : "";
    if (text.includes("[jobs] workers started")) return;
    const failed = /\[jobs\] workers did not start: (.*)/.exec(text);
    if (failed) throw new Error(`the ${name} process's workers did not start: ${failed[1]}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the ${name} process's workers did not report starting within 15 s (${file})`);
}

/**
 * Waits until the database has no statement running for the servers: a server keeps working on
 * requests whose client went away when a run ended, which would slow down the next run.
 */
async function settle(db: pg.Client): Promise<void> {
  const deadline = Date.now() + 60_000;
  let quiet = 0;
  while (quiet < 3 && Date.now() < deadline) {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IS NOT NULL AND state <> 'idle'`,
    );
    quiet = rows[0]!.n === 0 ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round(((sorted[mid - 1]! + sorted[mid]!) / 2) * 100) / 100;
}

/** Several rounds → the median of each figure; failures are added up. */
function combine(results: LoadResult[]): LoadResult {
  if (results.length === 1) return results[0]!;
  const statusCodes: Record<string, number> = {};
  for (const r of results) for (const [code, n] of Object.entries(r.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  return {
    requests: results.reduce((n, r) => n + r.requests, 0),
    seconds: results.reduce((n, r) => n + r.seconds, 0),
    rps: median(results.map((r) => r.rps)),
    latencyMs: {
      p50: median(results.map((r) => r.latencyMs.p50)),
      p95: median(results.map((r) => r.latencyMs.p95)),
      p99: median(results.map((r) => r.latencyMs.p99)),
      mean: median(results.map((r) => r.latencyMs.mean)),
      max: Math.max(...results.map((r) => r.latencyMs.max)),
    },
    statusCodes,
    errors: results.reduce((n, r) => n + r.errors, 0),
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
    mismatches: results.reduce((n, r) => n + r.mismatches, 0),
    sampleMismatch: results.find((r) => r.sampleMismatch)?.sampleMismatch,
    cpuMsPerRequest: {
      server: results.some((r) => r.cpuMsPerRequest?.server == null) ? null : median(results.map((r) => r.cpuMsPerRequest!.server!)),
      db: results.some((r) => r.cpuMsPerRequest?.db == null) ? null : median(results.map((r) => r.cpuMsPerRequest!.db!)),
    },
  };
}

async function captureSql(db: pg.Client, list: Endpoint[], servers: { app: Server; ceiling: Server }, cookies: Record<Endpoint["user"], string>, stamp: string): Promise<boolean> {
  const files = { app: path.join(TMP, "sql-app.jsonl"), ceiling: path.join(TMP, "sql-ceiling.jsonl") };
  const sections: string[] = [
    `# SQL per request, app and ceiling (${stamp})`,
    "",
    "One request per endpoint to each server; statements as verb and table in the order they were sent (sibling relations go concurrently, so their order varies), repeated runs folded. Compared as a multiset; access paths: each app statement is paired with a ceiling statement whose plan (EXPLAIN with the values sent) scans the same tables and indexes with the same index-condition columns.",
    "",
  ];
  let allSame = true;
  for (const endpoint of list) {
    const statements: Record<"app" | "ceiling", ReturnType<typeof readStatements>["statements"]> = { app: [], ceiling: [] };
    for (const target of ["app", "ceiling"] as const) {
      const before = readStatements(files[target], 0).lines;
      const server = servers[target];
      const headers: Record<string, string> = { ...endpoint.headers, cookie: cookies[endpoint.user] };
      if (headers.origin) headers.origin = server.baseUrl;
      const response = await fetch(server.baseUrl + endpoint.path, { method: endpoint.method, headers, body: endpoint.bodies?.[0], redirect: "manual" });
      const body = await response.text();
      if (!response.ok || !body.includes(endpoint.expect[target])) throw new Error(`${endpoint.id} on ${target} answered ${response.status} without the expected content`);
      await new Promise((r) => setTimeout(r, 200));
      statements[target] = readStatements(files[target], before).statements;
      writeFileSync(path.join(TMP, `sql-${endpoint.id}-${target}.sql`), statements[target].map((s) => `${s.text};\n-- ${JSON.stringify(s.values)}\n`).join("\n"));
    }
    const c = compare(statements.app, statements.ceiling);
    // Same access paths: each app statement has a ceiling partner PostgreSQL reads the same way.
    const pathDiffs = c.same ? await unmatchedAccessPaths(db, statements.app, statements.ceiling) : [];
    allSame &&= c.same && pathDiffs.length === 0;
    const verdict = !c.same
      ? `DIFFERENT statements: app only ${c.missing.join(", ") || "–"}; ceiling only ${c.extra.join(", ") || "–"}`
      : pathDiffs.length > 0
        ? `same statements, ${pathDiffs.length} with DIFFERENT access paths: ${pathDiffs[0]}`
        : "same statements and access paths";
    log(`${endpoint.id.padEnd(8)} app ${String(c.app.length).padStart(3)} statements, ceiling ${String(c.ceiling.length).padStart(3)}: ${verdict}`);
    sections.push(`## ${endpoint.label}`, "", `${verdict.charAt(0).toUpperCase()}${verdict.slice(1)}: app ${c.app.length}, ceiling ${c.ceiling.length}.`, "", `- app: ${fold(c.app)}`, `- ceiling: ${fold(c.ceiling)}`, ...pathDiffs.map((d) => `- access paths differ: ${d}`), "");
  }
  writeFileSync(path.join(RESULTS, `${stamp}-sql.md`), sections.join("\n"));
  log(`wrote bench/results/${stamp}-sql.md (full statements in bench/tmp/sql-*.sql)`);
  return allSame;
}

/** --save-pages: one answer of the app per endpoint in bench/tmp/page-<id>.html, with its size and element count. */
async function savePages(list: Endpoint[], app: Server, cookies: Record<Endpoint["user"], string>): Promise<number> {
  for (const endpoint of list) {
    const headers: Record<string, string> = { ...endpoint.headers, cookie: cookies[endpoint.user] };
    if (headers.origin) headers.origin = app.baseUrl;
    const response = await fetch(app.baseUrl + endpoint.path, { method: endpoint.method, headers, body: endpoint.bodies?.[0], redirect: "manual" });
    const body = await response.text();
    writeFileSync(path.join(TMP, `page-${endpoint.id}.html`), body);
    const flight = [...body.matchAll(/self\.__next_f\.push\((.*?)\)<\/script>/g)].reduce((n, m) => n + m[1]!.length, 0);
    const elements = (body.match(/<[a-zA-Z]/g) ?? []).length;
    log(`${endpoint.id.padEnd(8)} ${response.status} ${(body.length / 1000).toFixed(1)} kB, ${elements} elements, RSC payload ${(flight / 1000).toFixed(1)} kB`);
  }
  return 0;
}

async function main(): Promise<number> {
  mkdirSync(TMP, { recursive: true });
  mkdirSync(RESULTS, { recursive: true });
  const startedAt = new Date();
  const stamp = startedAt.toISOString().slice(0, 16).replace(":", "");
  const database = await scaleDatabase();
  const servers: Server[] = [];
  let restore: (() => Promise<number>) | null = null;
  let restoreOpen: (() => Promise<number>) | null = null;
  let closeSink: (() => Promise<void>) | null = null;
  const db = new pg.Client({ connectionString: database.urls.ownerUrl });
  try {
    // The app and the ceiling run as the runtime role and never see the owner's URL.
    const inherited = { ...process.env };
    delete inherited.MIGRATION_DATABASE_URL;
    const env: NodeJS.ProcessEnv = { ...inherited, DATABASE_URL: database.urls.runtimeUrl, NEXT_TELEMETRY_DISABLED: "1" };
    if (process.env.SKIP_BUILD !== "1") {
      log("building the app (next build; SKIP_BUILD=1 skips this)");
      const code = await run(bin("next"), ["build"], env);
      if (code !== 0) throw new Error(`next build failed (exit ${code})`);
    } else if (!existsSync(path.resolve(".next", "BUILD_ID"))) {
      throw new Error("SKIP_BUILD=1 but there is no build in .next");
    }
    const actionId = logHomeActionId();
    const secret = randomBytes(32).toString("base64url");
    // Each run signs with a new NEXTAUTH_SECRET, and the VAPID key a previous run sealed under its
    // own cannot be read with this one: the app's workers would not start (lib/push/vapid.ts), and
    // the reminder tick, the sweeps and the bulk export would silently not run during the load.
    // A new key pair is made at start-up (the scale data has no push subscriptions to keep).
    await withOwner(database.urls.ownerUrl, async (client) => {
      // Never on a database whose browsers subscribed to push with the current key: they would
      // all stop receiving. The workers' check below then stops the run with the reason.
      const { rows: subscribed } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM "PushSubscription"');
      if (subscribed[0]!.n === 0) await client.query('DELETE FROM "VapidKeys"');
      else log(`keeping the VAPID key: ${subscribed[0]!.n} push subscription(s) use it, so this run's new secret cannot read it`);
      // Messages an earlier run queued and could not deliver are cancelled as lib/messaging/outbox.ts
      // cancels them (no sealed content left), so every run starts with the same empty outbox; their
      // delivery jobs still in pg-boss find them cancelled and end. The reminders this run's tick
      // queues are delivered to the sink.
      const { rowCount } = await client.query(
        `UPDATE "OutboundMessage" SET "status" = 'CANCELLED', "secretEnc" = NULL, "nextAttemptAt" = NULL, "updatedAt" = now() AT TIME ZONE 'UTC' WHERE "status" IN ('QUEUED', 'RETRYING', 'SENDING')`,
      );
      if (rowCount) log(`cancelled ${rowCount} message(s) earlier runs left undelivered`);
    });
    // Mail goes to a real SMTP server, as with `npm start`: the embedded sink, in this process
    // (outside the app's measured CPU, as a provider is), or SMTP_URL. Without one every reminder
    // the tick queues fails and is retried, a load a clinic with a working provider never has.
    if (!process.env.SMTP_URL) {
      const sink = await startMailSink({ dir: path.join(TMP, "mail") });
      closeSink = sink.close;
      env.SMTP_URL = sink.url;
    }
    const capture = (name: string) =>
      CAPTURE ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${pathToFileURL(path.resolve("scripts", "bench", "capture-sql.mjs")).href}`.trim(), BENCH_SQL_LOG: path.join(TMP, `sql-${name}.jsonl`) } : {};
    // BENCH_PROFILE=1: the app writes a V8 CPU profile to bench/tmp/profile when it stops
    // (scripts/bench/profile-summary.ts summarises it).
    const profile = process.env.BENCH_PROFILE === "1" ? ["--cpu-prof", `--cpu-prof-dir=${path.join(TMP, "profile")}`] : [];
    if (CAPTURE) for (const name of ["app", "ceiling"]) writeFileSync(path.join(TMP, `sql-${name}.jsonl`), "");
    const appUrl = `http://127.0.0.1:${APP_PORT}`;
    // Both app processes have the same configuration, as behind a load balancer: one public URL.
    const appEnv: NodeJS.ProcessEnv = { ...env, NODE_ENV: "production", NEXTAUTH_SECRET: secret, NEXTAUTH_URL: appUrl, DB_POOL_SIZE: POOL_SIZE, ...capture("app") };
    const nextBin = path.resolve("node_modules", "next", "dist", "bin", "next");
    // --jobs=separate: the app processes serve requests only (JOBS=off) and a process of their
    // build that gets no traffic runs the workers (the bulk export, the reminder tick), on
    // BENCH_WORKER_PORT (default BENCH_APP2_PORT, free unless the two-process phase runs).
    const separateJobs = option("jobs", "in-app") === "separate";
    if (separateJobs) appEnv.JOBS = "off";
    const app = await startServer({ name: "app", command: process.execPath, args: [...profile, nextBin, "start", "-p", String(APP_PORT)], env: appEnv, port: APP_PORT, readyPath: "/sign-in", logDir: TMP });
    if (separateJobs) {
      if (!process.env.BENCH_WORKER_PORT && OPEN_PHASES.includes("two")) throw new Error("--jobs=separate with the two-process phase needs BENCH_WORKER_PORT (BENCH_APP2_PORT is the second app's)");
      const workerPort = Number(process.env.BENCH_WORKER_PORT ?? APP2_PORT);
      servers.push(await startServer({ name: "worker", command: process.execPath, args: [nextBin, "start", "-p", String(workerPort)], env: { ...appEnv, JOBS: "on" }, port: workerPort, readyPath: "/sign-in", logDir: TMP }));
    }
    servers.push(app);
    await workersStarted(separateJobs ? "worker" : "app", separateJobs ? true : appEnv.JOBS !== "off");
    const ceiling = await startServer({
      name: "ceiling",
      command: bin("tsx"),
      args: [path.resolve("scripts", "bench", "ceiling.ts")],
      env: { ...env, NODE_ENV: "production", NEXTAUTH_SECRET: secret, PORT: String(CEILING_PORT), DB_POOL_SIZE: POOL_SIZE, ...capture("ceiling") },
      port: CEILING_PORT,
      readyPath: "/health",
      logDir: TMP,
    });
    servers.push(ceiling);
    log(`app ${app.baseUrl} (next start), ceiling ${ceiling.baseUrl}; DB pool ${POOL_SIZE} each; signing in ${CLINICIAN_EMAIL} and ${PATIENT_EMAIL}`);
    // Once each: the app throttles sign-ins per address (ADR 010). The ceiling reads the same cookie.
    const cookies = { clinician: await signIn(app.baseUrl, CLINICIAN_EMAIL, DEMO_PASSWORD), patient: await signIn(app.baseUrl, PATIENT_EMAIL, DEMO_PASSWORD) };

    await db.connect();
    // Staff pass a second step after the password (ADR 022).
    await passSecondFactor({ baseUrl: app.baseUrl, cookie: cookies.clinician, email: CLINICIAN_EMAIL, authSecret: secret, database: db });
    const backend = (await db.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    const postmaster = process.env.DATABASE_URL ? null : postmasterOf(backend);
    const fixtures = await loadFixtures(db, process.env.BENCH_SEARCH ?? DEFAULT_SEARCH);
    log(`search "${fixtures.search}" matches ${fixtures.searchMatches} of c1-1's patients; ${fixtures.writes.length} due (activity, day) pairs to log; today ${fixtures.today} (${fixtures.timeZone})`);
    restore = await keepHomeLogs(db, fixtures);
    await settle(db);
    const list = endpoints(fixtures, { app: app.baseUrl, ceiling: ceiling.baseUrl }, actionId).filter((e) => ONLY.length === 0 || ONLY.includes(e.id));
    if (CAPTURE) return (await captureSql(db, list, { app, ceiling }, cookies, stamp)) ? 0 : 1;
    if (args.includes("--save-pages")) return await savePages(list, app, cookies);

    const loadBefore = loadavg()[0]!.toFixed(2);
    const perRound: Record<string, { app: LoadResult[]; ceiling: LoadResult[] }> = {};
    for (let round = 1; round <= ROUNDS; round++) {
      if (ROUNDS > 1) log(`round ${round} of ${ROUNDS}`);
      for (const endpoint of list) {
        const results = (perRound[endpoint.id] ??= { app: [], ceiling: [] });
        for (const [target, server] of [["app", app], ["ceiling", ceiling]] as const) {
          const result = await load(specFor(endpoint, server, cookies[endpoint.user], target), `${endpoint.id}-${target}`, server, postmaster);
          results[target].push(result);
          await settle(db);
          console.log(progressLine(target, endpoint, result));
        }
      }
    }
    // The framework's own floor on this machine: the app's lightest page and a route handler that
    // touch no database, loaded the same way (app only, no targets).
    const floor: FloorResult[] = [];
    if (ONLY.length === 0 || ONLY.includes("floor")) {
      for (const reference of floorEndpoints()) {
        const result = await load(specFor(reference, app, "", "app"), `floor-${reference.id}`, app, postmaster);
        floor.push({ id: reference.id, label: reference.label, result });
        console.log(progressLine("app", reference, result));
      }
    }
    let open: OpenLoopReport | null = null;
    if (OPEN_PHASES.length > 0) {
      const phases = await runOpenLoopPhases({
        db,
        app,
        startSecondApp: () => startServer({ name: "app2", command: process.execPath, args: [nextBin, "start", "-p", String(APP2_PORT)], env: appEnv, port: APP2_PORT, readyPath: "/sign-in", logDir: TMP }),
        actionId,
        authSecret: secret,
        today: fixtures.today,
        tmp: TMP,
        settle: () => settle(db),
        postmaster,
        options: {
          phases: [...OPEN_PHASES],
          rate: Number(option("rate", "25")),
          durationSeconds: Number(option("open-duration", "60")),
          warmupSeconds: WARMUP,
          stepSeconds: Number(option("step", "15")),
          clinics: Number(option("clinics", "3")),
          patientsPerClinic: Number(option("patients-per-clinic", "20")),
          exportDuringLoad: option("export", "on") !== "off",
          jobs: separateJobs ? "separate" : "in-app",
        },
        log,
      });
      restoreOpen = phases.restore;
      open = phases.report;
    }
    const loadAfter = loadavg()[0]!.toFixed(2);
    const measured: Measured[] = list.map((e) => ({ endpoint: { id: e.id, label: e.label, kind: e.kind }, app: combine(perRound[e.id]!.app), ceiling: combine(perRound[e.id]!.ceiling) }));
    const openList = open ? openChecks(open) : [];
    if (measured.length > 0 && floor.length === 0) log("the floor was not measured in this run (--only without floor): the CPU targets are not checked");
    const list2 = [...checks(measured, floor), ...openList.map((c) => ({ ...c, endpoint: "open loop" }))];
    const git = (...a: string[]) => execFileSync("git", a, { encoding: "utf8" }).trim();
    const meta = {
      startedAt: startedAt.toISOString(),
      commit: git("rev-parse", "--short", "HEAD"),
      dirty: git("status", "--porcelain", "--untracked-files=no").length > 0,
      node: process.version,
      cpus: cpus().length,
      loadBefore,
      loadAfter,
      connections: CONNECTIONS,
      warmupSeconds: WARMUP,
      durationSeconds: DURATION,
      rounds: ROUNDS,
      poolSize: Number(POOL_SIZE),
      scaleToday: fixtures.today,
      search: fixtures.search,
      searchMatches: fixtures.searchMatches,
    };
    writeFileSync(path.join(RESULTS, `${stamp}.json`), JSON.stringify({ meta, measured, checks: list2, floor, open }, null, 2) + "\n");
    writeFileSync(path.join(RESULTS, `${stamp}.md`), markdown(meta, measured, list2, floor) + (open ? `\n${openLoopMarkdown(open)}` : ""));
    console.log(`\n${table(measured)}\n\n${checksTable(list2)}\n${floor.length ? `\n${floorTable(floor)}\n` : ""}${open ? `\n${openLoopMarkdown(open)}` : ""}`);
    const failed = list2.filter((c) => !c.pass).length;
    log(`${list2.length - failed} of ${list2.length} targets pass; wrote bench/results/${stamp}.json and .md`);
    return failed === 0 ? 0 : 1;
  } finally {
    // Last kept, first put back: the open loop kept p1-1's logs as the closed loop had left them.
    if (restoreOpen) log(`put back ${await restoreOpen()} home logs of the open loop's patients`);
    if (restore) log(`put back ${await restore()} home logs of ${PATIENT_EMAIL}`);
    await db.end().catch(() => undefined);
    for (const server of servers.reverse()) await server.stop();
    await closeSink?.();
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
