// Query plans on the scale data's shape (issue 8): the test database gets the clinic group of
// `npm run seed:scale` at a tenth of its size — the same generator (scripts/lib/scale), the same
// 20 clinics and 200 clinicians, so every per-clinic, per-clinician and per-patient fraction the
// planner weighs is the same; a tenth of the patients, plans, sessions, home logs and outcomes
// (plus an audit trail derived from them) — then ANALYZE. The hot requests run as clinic 1's
// busiest clinician, its showcase patient and its admin; every statement they send is recorded
// with its parameters and EXPLAINed with them. A sequential scan of a table that grows with the
// group (LARGE_TABLES) fails: it would read the whole table on every request (a Seq Scan, or an
// index walked whole because its first column is not constrained). So does a statement expected
// to return more rows than any page lists (MAX_ROWS): a list without a cap.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { getActor } from "@/lib/auth/session";
import { nowInSeconds } from "@/lib/auth/session-timing";
import { sessionToken } from "../fixtures/session-cookie";
import { LARGE_TABLES, describePlan, explain, largeFullScans, type PlanSummary } from "@/scripts/lib/explain";
import { HOT_PATHS, findHotWorld, type HotWorld } from "@/scripts/lib/hot-paths";
import { installRecordingDb, recordQueries } from "@/scripts/lib/query-recorder";
import { fillAuditEvents } from "@/scripts/lib/scale/fill-audit";
import { fillScaleData } from "@/scripts/lib/scale/fill";
import { SCALE_SEED, SCALE_TARGETS, buildShape, type ScaleTargets } from "@/scripts/lib/scale/shape";
import { ownerUrl, truncateAll } from "../fixtures/db";

const request = vi.hoisted(() => ({ token: null as string | null }));
vi.mock("next/headers", async () => {
  const { cookieJar } = await import("../fixtures/session-cookie");
  return { headers: async () => new Headers(), cookies: async () => cookieJar(request) };
});

const TENTH: ScaleTargets = {
  ...SCALE_TARGETS,
  patients: SCALE_TARGETS.patients / 10,
  plans: SCALE_TARGETS.plans / 10,
  sessions: SCALE_TARGETS.sessions / 10,
  homeLogs: SCALE_TARGETS.homeLogs / 10,
  outcomes: SCALE_TARGETS.outcomes / 10,
};

/** The largest list a request may fetch: ALERT_PATIENTS_LIMIT + 1 patients, 200 calendar sessions. */
const MAX_ROWS = 250;

/**
 * Fewest rows a large table must hold here for "no sequential scan" to mean something: on a table
 * of a few pages a Seq Scan is the planner's right answer, and an index the request lacks would
 * not show. A tenth of the group has ~2 000 User rows (1 800 portal accounts).
 */
const MIN_LARGE_ROWS = 1_500;

const plans = new Map<string, PlanSummary[]>();
let tableRows = new Map<string, number>();
let client: pg.Client;

describe("query plans on the scale data's shape", () => {
  let restore: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    await truncateAll();
    // The bulk load truncates, drops and re-creates keys: the owner's work, not the app's.
    client = new pg.Client({ connectionString: ownerUrl() });
    await client.connect();
    await client.query("SET temp_buffers = '256MB'");
    const started = Date.now();
    const today = new Date().toISOString().slice(0, 10);
    await fillScaleData(client, { shape: buildShape(TENTH, SCALE_SEED), targets: TENTH, today, log: () => undefined });
    const audit = await fillAuditEvents(client);
    await client.query(`ANALYZE "AuditEvent"`);
    const { rows } = await client.query<{ t: string; n: string }>(
      `SELECT relname AS t, reltuples::bigint AS n FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname = ANY($1) ORDER BY relname`,
      [LARGE_TABLES],
    );
    tableRows = new Map(rows.map((r) => [r.t, Number(r.n)]));
    console.log(`[plans] a tenth of the scale data in ${((Date.now() - started) / 1000).toFixed(1)} s (${audit} audit events): ${rows.map((r) => `${r.t} ${r.n}`).join(", ")}`);

    const world: HotWorld = await findHotWorld(client);
    restore = installRecordingDb();
    const calls: [string, () => Promise<unknown>][] = Object.entries(HOT_PATHS).map(([name, run]) => [name, () => run(world)]);
    calls.unshift([
      "session check (getActor)",
      async () => {
        const now = nowInSeconds();
        const { rows: [u] } = await client.query(`SELECT id, role::text, "clinicId", "sessionVersion" AS sv FROM "User" WHERE id = $1`, [world.clinician.userId]);
        request.token = await sessionToken({ userId: u.id, role: u.role, clinicId: u.clinicId, sv: u.sv, authTime: now - 60, lastActivity: now - 10 });
        if (!(await getActor())) throw new Error("getActor refused the session");
      },
    ]);
    for (const [name, run] of calls) {
      const { recording } = await recordQueries(run);
      const summaries: PlanSummary[] = [];
      for (const statement of recording.statements) {
        const summary = await explain(client, statement);
        if (summary) summaries.push(summary);
      }
      plans.set(name, summaries);
    }
  }, 180_000);

  afterAll(async () => {
    await restore();
    await client?.end();
    await truncateAll();
  });

  it("every table counted as large is large in this data", () => {
    const small = LARGE_TABLES.filter((t) => (tableRows.get(t) ?? 0) < MIN_LARGE_ROWS).map((t) => `${t}: ${tableRows.get(t) ?? 0} rows`);
    expect(small, `fewer than ${MIN_LARGE_ROWS} rows`).toEqual([]);
  });

  it.each(["session check (getActor)", ...Object.keys(HOT_PATHS)])("%s: no large table read whole, no unbounded list", (name) => {
    const summaries = plans.get(name)!;
    expect(summaries.length, `${name} sent no statement`).toBeGreaterThan(0);
    console.log(`[plans] ${name}\n${summaries.map((s) => `  ${describePlan(s)}`).join("\n")}`);
    const offending = summaries.filter((s) => largeFullScans(s).length > 0);
    expect(offending.map((s) => `${largeFullScans(s).join(", ")} in ${s.sql.replace(/\s+/g, " ").slice(0, 400)}`)).toEqual([]);
    const unbounded = summaries.filter((s) => s.rows > MAX_ROWS);
    expect(unbounded.map((s) => `~${s.rows} rows from ${s.sql.replace(/\s+/g, " ").slice(0, 300)}`)).toEqual([]);
  });
});
