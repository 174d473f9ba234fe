// PostgreSQL restart under load (issue 7). A PostgreSQL of its own (.data/pg-fault), migrated
// and seeded, and the production build (`next start`, built by scripts/run-tests.ts) against
// it on loopback. A signed-in clinician's GET /api/v1/plans/<id> runs at 10 requests/s while
// PostgreSQL runs (~3 s), is shut down (fast shutdown, ~5 s) and runs again (~8 s).
// Required: the app never exits; during the outage every request is a 503 within 2 s; within
// 5 s of PostgreSQL accepting connections again every request succeeds. Prints its figures.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/prisma/seed-data/demo";
import { ensureAppDatabase } from "../../scripts/lib/db-roles";
import { canConnect, ensurePostgres, shutDownPostgres, type PgServer } from "../../scripts/lib/postgres";
import { migrate, seed } from "../../scripts/lib/prepare";
import { passSecondFactor } from "../../scripts/bench/sign-in";
import { signIn } from "./sign-in";

const PG_PORT = Number(process.env.RELIABILITY_PG_PORT ?? 54331);
const APP_PORT = Number(process.env.RELIABILITY_APP_PORT ?? 3101);
const BASE = `http://127.0.0.1:${APP_PORT}`;
const DATABASE = "clinic_fault";
const RATE_MS = 100; // 10 requests/s
const BEFORE_MS = 3_000;
const OUTAGE_MS = 5_000; // from the moment PostgreSQL has exited
const AFTER_MS = 8_000;
const FAIL_FAST_MS = 2_000;
const RECOVERY_MS = 5_000;
const HANG_MS = 15_000; // a request still open after this counts as hung (status 0)

// The app's secret, also needed to give the clinician an authenticator app (ADR 022).
const AUTH_SECRET = randomBytes(32).toString("base64url");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const log = (line: string) => console.log(line);

let server: PgServer | undefined;
let app: ChildProcess | undefined;
let appExit: string | null = null;
let appOutput = "";

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

/** A fresh database with the app's two roles (docs/decisions/021): the app runs as the runtime role. */
async function recreateDatabase(): Promise<{ ownerUrl: string; runtimeUrl: string }> {
  const client = new pg.Client({ connectionString: server!.adminUrl.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists ${DATABASE} with (force)`);
  } finally {
    await client.end();
  }
  return ensureAppDatabase(server!, DATABASE);
}

async function firstPlanOf(url: string, email: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `select p.id from "TreatmentPlan" p join "Patient" pa on pa.id = p."patientId" where pa.email = $1 and p.status = 'ACTIVE' limit 1`,
      [email],
    );
    if (!rows[0]) throw new Error(`no active plan for ${email} in the seed`);
    return rows[0].id;
  } finally {
    await client.end();
  }
}

function killApp(signal: NodeJS.Signals): void {
  if (!app || app.exitCode !== null || app.signalCode !== null) return;
  try {
    process.kill(-app.pid!, signal);
  } catch {
    app.kill(signal);
  }
}
const killAppOnExit = () => killApp("SIGKILL");

async function startApp(url: string): Promise<void> {
  if (await portInUse(APP_PORT)) throw new Error(`port ${APP_PORT} is taken; set RELIABILITY_APP_PORT to a free one`);
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: url,
    NEXTAUTH_URL: BASE,
    NEXTAUTH_SECRET: AUTH_SECRET,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // Its own process group, so the app and anything it starts are stopped together.
  const child = spawn(path.resolve("node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", String(APP_PORT)], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  app = child;
  const keep = (chunk: Buffer) => (appOutput = (appOutput + chunk.toString()).slice(-8_000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  child.on("exit", (code, signal) => (appExit = `code ${code}, signal ${signal}`));
  process.on("exit", killAppOnExit);
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (appExit) throw new Error(`next start exited (${appExit}): ${appOutput.slice(-2_000)}`);
    const ok = await fetch(`${BASE}/sign-in`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(250);
  }
  throw new Error(`next start did not answer within 90 s: ${appOutput.slice(-2_000)}`);
}

type Sample = { sentAt: number; endedAt: number; status: number; code?: string };

async function hit(planUrl: string, cookie: string): Promise<Sample> {
  const sentAt = Date.now();
  try {
    const res = await fetch(planUrl, { headers: { cookie }, signal: AbortSignal.timeout(HANG_MS) });
    const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
    return { sentAt, endedAt: Date.now(), status: res.status, code: body?.error?.code };
  } catch (error) {
    // The app did not answer (refused, reset or hung).
    return { sentAt, endedAt: Date.now(), status: 0, code: error instanceof Error ? error.name : "error" };
  }
}

/** Polls until PostgreSQL accepts connections; resolves with that moment. */
async function acceptingAt(adminUrl: string): Promise<number> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await canConnect(adminUrl)) return Date.now();
    await sleep(20);
  }
  throw new Error("PostgreSQL did not accept connections within 30 s of its restart");
}

const max = (xs: number[]) => xs.reduce((a, b) => Math.max(a, b), 0);
const latency = (s: Sample) => s.endedAt - s.sentAt;
const tally = (xs: Sample[]) => {
  const counts = new Map<string, number>();
  for (const s of xs) counts.set(`${s.status}${s.code ? ` ${s.code}` : ""}`, (counts.get(`${s.status}${s.code ? ` ${s.code}` : ""}`) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} × ${k}`).join(", ");
};

describe("PostgreSQL restart under load", () => {
  let planUrl = "";
  let cookie = "";

  beforeAll(async () => {
    server = await ensurePostgres({ name: "pg-fault", port: PG_PORT, alwaysEmbedded: true, log });
    const urls = await recreateDatabase();
    await migrate(urls);
    await seed(urls.runtimeUrl, { quiet: true });
    planUrl = `${BASE}/api/v1/plans/${await firstPlanOf(urls.runtimeUrl, "jordan.lee@example.com")}`;
    await startApp(urls.runtimeUrl);
    cookie = await signIn(BASE, "maya.chen@riverside.example", DEMO_PASSWORD);
    // Staff pass a second step after the password (ADR 022).
    const database = new pg.Client({ connectionString: urls.runtimeUrl });
    await database.connect();
    try {
      await passSecondFactor({ baseUrl: BASE, cookie, email: "maya.chen@riverside.example", authSecret: AUTH_SECRET, database });
    } finally {
      await database.end();
    }
    // Warm up: the first requests to a fresh `next start` load and compile the route.
    for (let i = 0; i < 5; i++) {
      const warm = await hit(planUrl, cookie);
      expect(warm.status, "a signed-in clinician reads the plan before the test begins").toBe(200);
    }
  });

  afterAll(async () => {
    killApp("SIGTERM");
    if (app && appExit === null) await Promise.race([new Promise((r) => app!.once("exit", r)), sleep(10_000)]);
    killApp("SIGKILL");
    process.off("exit", killAppOnExit);
    if (server) await shutDownPostgres(server);
  });

  it("answers 503 fast while PostgreSQL is down and recovers within 5 s of it accepting connections again", async () => {
    const adminUrl = server!.adminUrl.toString();
    const pending: Promise<Sample>[] = [];
    const started = Date.now();
    const load = setInterval(() => pending.push(hit(planUrl, cookie)), RATE_MS);
    try {
      await sleep(BEFORE_MS);
      const stopAt = Date.now();
      await shutDownPostgres(server!);
      const downAt = Date.now();
      await sleep(downAt + OUTAGE_MS - Date.now());
      const restartAt = Date.now();
      const accepting = acceptingAt(adminUrl);
      server = await ensurePostgres({ name: "pg-fault", port: PG_PORT, alwaysEmbedded: true, log });
      const upAt = await accepting;
      await sleep(upAt + AFTER_MS - Date.now());
      clearInterval(load);
      const samples = await Promise.all(pending);

      // Phases by when a request was sent. PostgreSQL is certainly down from the moment its
      // process exited until the new one is spawned; while it shuts down and starts up a
      // request may still (or already) succeed.
      const before = samples.filter((s) => s.endedAt < stopAt);
      const shuttingDown = samples.filter((s) => s.endedAt >= stopAt && s.sentAt < downAt);
      const outage = samples.filter((s) => s.sentAt >= downAt && s.sentAt < restartAt);
      const startingUp = samples.filter((s) => s.sentAt >= restartAt && s.sentAt < upAt);
      const after = samples.filter((s) => s.sentAt >= upAt);
      const firstOk = after.find((s) => s.status === 200);
      const lastFailure = [...after].reverse().find((s) => s.status !== 200);
      const stableFrom = lastFailure ? after[after.indexOf(lastFailure) + 1] : firstOk;
      const firstOkMs = firstOk ? firstOk.endedAt - upAt : Infinity;
      const recoveredMs = stableFrom ? stableFrom.endedAt - upAt : Infinity;
      const outageMax = max(outage.map(latency));
      const transitions = [...shuttingDown, ...startingUp];

      log(
        `pg restart: ${samples.length} requests; before: ${before.filter((s) => s.status === 200).length}/${before.length} ok (max ${max(before.map(latency))} ms); ` +
          `outage: ${outage.filter((s) => s.status === 503).length}/${outage.length} × 503 (max ${outageMax} ms); ` +
          `after: ${after.filter((s) => s.status === 200).length}/${after.length} ok (max ${max(after.map(latency))} ms), ` +
          `recovered in ${recoveredMs} ms (first ok after ${firstOkMs} ms)`,
      );
      log(
        `pg restart timeline: shutdown took ${downAt - stopAt} ms (requests meanwhile: ${tally(shuttingDown) || "none"}); ` +
          `down ${restartAt - downAt} ms (${tally(outage)}); accepting ${upAt - restartAt} ms after start (requests meanwhile: ${tally(startingUp) || "none"}); ` +
          `after: ${tally(after)}; run ${Date.now() - started} ms`,
      );

      expect(appExit, `the app exited: ${appOutput.slice(-2_000)}`).toBeNull();
      // ~30 are sent before the shutdown; on a loaded machine some are still in flight when it begins.
      expect(before.length).toBeGreaterThanOrEqual(10);
      expect(tally(before.filter((s) => s.status !== 200)), "before the shutdown every request succeeds").toBe("");
      // While PostgreSQL shuts down or starts up a request succeeds or gets a fast 503: never a 500, never a hang.
      expect(tally(transitions.filter((s) => s.status !== 200 && s.status !== 503))).toBe("");
      expect(max(transitions.filter((s) => s.status === 503).map(latency))).toBeLessThan(FAIL_FAST_MS);
      expect(outage.length).toBeGreaterThanOrEqual(40);
      expect(tally(outage.filter((s) => s.status !== 503)), "while PostgreSQL is down every request is a 503").toBe("");
      expect(outageMax, "a 503 comes fast, not after a hang").toBeLessThan(FAIL_FAST_MS);
      expect(after.length).toBeGreaterThanOrEqual(70);
      expect(firstOkMs).toBeLessThanOrEqual(RECOVERY_MS);
      expect(recoveredMs, `after: ${tally(after)}`).toBeLessThanOrEqual(RECOVERY_MS);
    } finally {
      clearInterval(load);
    }
  });
});
