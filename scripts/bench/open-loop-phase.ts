// The benchmark's open-loop phases (issue 18, docs/decisions/053): the clinic group's morning mix
// at a fixed rate from many users (scripts/bench/open-loop.ts generates it), with background work
// running meanwhile (a FHIR bulk export of one clinic and the app's every-minute reminder tick),
// and the search for the highest rate one process — and then two processes on the same database,
// requests alternating — answers with p95 < 100 ms and no error.
import { writeFileSync, readFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { DEMO_PASSWORD } from "../../prisma/seed-data/demo";
import type { OpenLoopRequest, OpenLoopResult, OpenLoopSpec } from "./open-loop";
import { bin } from "./servers";
import { passSecondFactor, signIn } from "./sign-in";
import type { LoadUsers } from "./users";
import { run } from "../lib/prepare";

/** A clinic group's morning (issue 18): shares of the requests. */
export const MORNING_MIX = { roster: 0.3, overview: 0.25, today: 0.25, plan: 0.1, log: 0.1 } as const;
export const OPEN_TARGETS = { ratePerSecond: 25, p95Ms: 100, p99Ms: 250 } as const;

const MY_ROUTER_STATE = encodeURIComponent(JSON.stringify(["", { children: ["(patient)", { children: ["my", { children: ["__PAGE__", {}, null, null, 0] }, null, null, 0] }, null, null, 0] }, null, null, 16]));

export type SignedIn = { cookies: string[]; clinicianIndex: number[]; patientIndex: number[]; seconds: number };

/** Signs every user in on `baseUrl` (a few at a time: password hashing is the server's heaviest work); staff pass the second step. */
export async function signInUsers(options: { baseUrl: string; users: LoadUsers; authSecret: string; database: pg.Client; log: (line: string) => void }): Promise<SignedIn> {
  const { baseUrl, users, authSecret, database } = options;
  const started = Date.now();
  const emails = [...users.clinicians.map((c) => ({ email: c.email, staff: true })), ...users.patients.map((p) => ({ email: p.email, staff: false }))];
  const cookies: string[] = new Array(emails.length);
  let next = 0;
  const worker = async () => {
    while (next < emails.length) {
      const i = next++;
      const { email, staff } = emails[i]!;
      const cookie = await signIn(baseUrl, email, DEMO_PASSWORD);
      if (staff) await passSecondFactor({ baseUrl, cookie, email, authSecret, database });
      cookies[i] = cookie;
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  options.log(`signed in ${users.clinicians.length} clinicians (with the second step) and ${users.patients.length} patients in ${seconds} s`);
  return {
    cookies,
    clinicianIndex: users.clinicians.map((_, i) => i),
    patientIndex: users.patients.map((_, i) => users.clinicians.length + i),
    seconds,
  };
}

/** Every request of the mix, each as the user whose data it is, interleaved across users. */
export function morningMix(users: LoadUsers, signedIn: SignedIn, actionId: string): OpenLoopSpec["mix"] {
  const interleave = <T>(lists: T[][]): T[] => {
    const out: T[] = [];
    for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) out.push(l[i]!);
    return out;
  };
  const html = { accept: "text/html" };
  const roster = interleave(
    users.clinicians.map((c, ci) => [
      { user: signedIn.clinicianIndex[ci]!, method: "GET" as const, path: "/clinic", headers: html, expect: "Patients in your care team" },
      // A clinician types the first letters of a patient's last name.
      ...c.patients.slice(0, 3).map((p) => ({ user: signedIn.clinicianIndex[ci]!, method: "GET" as const, path: `/clinic?q=${encodeURIComponent(p.lastName.slice(0, 3))}`, headers: html, expect: "Patients in your care team" })),
    ]),
  );
  const overview = interleave(users.clinicians.map((c, ci) => c.patients.map((p) => ({ user: signedIn.clinicianIndex[ci]!, method: "GET" as const, path: `/clinic/patients/${p.patientId}`, headers: html, expect: "Past sessions" }))));
  const plan = interleave(
    users.clinicians.map((c, ci) => c.patients.map((p) => ({ user: signedIn.clinicianIndex[ci]!, method: "GET" as const, path: `/api/v1/plans/${p.planId}`, headers: { accept: "application/json" }, expect: '"activities":' }))),
  );
  const today = users.patients.map((_, pi) => ({ user: signedIn.patientIndex[pi]!, method: "GET" as const, path: "/my", headers: html, expect: "Your home routine" }));
  const log = interleave(
    users.patients.map((p, pi) =>
      p.writes.map((w, i): OpenLoopRequest => ({
        user: signedIn.patientIndex[pi]!,
        method: "POST",
        path: "/my",
        headers: { accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", "next-action": actionId, "next-router-state-tree": MY_ROUTER_STATE, origin: "set-per-target" },
        body: JSON.stringify([{ planActivityId: w.planActivityId, date: w.date, done: i % 4 !== 3, painDuring: i % 4 !== 3 ? i % 11 : null, difficulty: i % 4 !== 3 ? 1 + (i % 5) : null, note: i % 5 === 0 ? "Bench: felt fine" : null }]),
        expect: '"ok":true',
      })),
    ),
  );
  return {
    roster: { share: MORNING_MIX.roster, requests: roster },
    overview: { share: MORNING_MIX.overview, requests: overview },
    today: { share: MORNING_MIX.today, requests: today },
    plan: { share: MORNING_MIX.plan, requests: plan },
    log: { share: MORNING_MIX.log, requests: log },
  };
}

/** One open-loop run from a process of its own. */
export async function openLoop(spec: OpenLoopSpec, name: string, tmp: string): Promise<OpenLoopResult> {
  const specFile = path.join(tmp, `${name}.spec.json`);
  const resultFile = path.join(tmp, `${name}.result.json`);
  writeFileSync(specFile, JSON.stringify(spec));
  const code = await run(bin("tsx"), [path.resolve("scripts", "bench", "open-loop.ts"), specFile, resultFile], process.env);
  if (code !== 0) throw new Error(`the open-loop generator failed for ${name} (exit ${code})`);
  return JSON.parse(readFileSync(resultFile, "utf8")) as OpenLoopResult;
}

export const openFailures = (r: OpenLoopResult) => r.errors + r.non2xx + r.mismatches;
export const meetsP95 = (r: OpenLoopResult) => openFailures(r) === 0 && r.latencyMs.p95 < OPEN_TARGETS.p95Ms;

export type CapacityStep = { rate: number; p50: number; p95: number; p99: number; failures: number; pass: boolean; cpuMsPerRequest?: OpenLoopResult["cpuMsPerRequest"] };
export type Capacity = { targets: number; stepSeconds: number; steps: CapacityStep[]; highestPassing: number | null; lowestFailing: number | null };

/**
 * The highest rate that still meets p95 < 100 ms with no error: up by half again from `start`
 * while it passes (down by half while it fails), then halving the gap between the highest
 * passing and the lowest failing rate `refine` times. Short steps, each after a settle.
 */
export async function searchCapacity(options: {
  run: (rate: number) => Promise<OpenLoopResult>;
  settle: () => Promise<void>;
  start: number;
  refine: number;
  max: number;
  targets: number;
  stepSeconds: number;
  log: (line: string) => void;
}): Promise<Capacity> {
  const steps: CapacityStep[] = [];
  let pass: number | null = null;
  let fail: number | null = null;
  const measure = async (rate: number) => {
    const r = await options.run(rate);
    await options.settle();
    const step = { rate, p50: r.latencyMs.p50, p95: r.latencyMs.p95, p99: r.latencyMs.p99, failures: openFailures(r), pass: meetsP95(r), cpuMsPerRequest: r.cpuMsPerRequest };
    steps.push(step);
    options.log(`capacity (${options.targets} process${options.targets > 1 ? "es" : ""}) ${String(rate).padStart(4)} req/s: p50 ${step.p50} p95 ${step.p95} p99 ${step.p99} ms, ${step.failures} failures, cpu ${r.cpuMsPerRequest?.server ?? "–"} + ${r.cpuMsPerRequest?.db ?? "–"} ms/req → ${step.pass ? "meets" : "misses"} p95 < ${OPEN_TARGETS.p95Ms} ms${r.samples[0] ? ` (${r.samples[0]})` : ""}`);
    if (step.pass) pass = Math.max(pass ?? 0, rate);
    else fail = Math.min(fail ?? Infinity, rate);
    return step.pass;
  };
  let rate = options.start;
  if (await measure(rate)) {
    while (fail === null && rate < options.max) {
      rate = Math.min(options.max, Math.round(rate * 1.5));
      await measure(rate);
    }
  } else {
    while (pass === null && rate > 2) {
      rate = Math.max(1, Math.round(rate / 2));
      await measure(rate);
    }
  }
  for (let i = 0; i < options.refine && pass !== null && fail !== null && fail - pass > 2; i++) {
    await measure(Math.round((pass + fail) / 2));
  }
  return { targets: options.targets, stepSeconds: options.stepSeconds, steps, highestPassing: pass, lowestFailing: fail };
}

/** Kicks off a FHIR bulk export of the admin's clinic (decision 050) and returns its status URL's path. */
export async function kickOffExport(baseUrl: string, adminCookie: string): Promise<string> {
  const response = await fetch(new URL("/api/fhir/$export", baseUrl), { headers: { cookie: adminCookie, prefer: "respond-async", accept: "application/fhir+json" }, redirect: "manual" });
  await response.arrayBuffer();
  const location = response.headers.get("content-location");
  if (response.status !== 202 || !location) throw new Error(`the bulk export kick-off answered ${response.status}`);
  return new URL(location).pathname;
}

export type BackgroundWork = {
  export: { id: string; status: string; patients: number | null; files: number; queuedToDoneSeconds: number | null; doneDuringLoad: boolean } | null;
  /** pg-boss jobs that finished during the load, by queue. */
  jobsCompleted: Record<string, number>;
  jobsFailed: Record<string, number>;
};

/** What the background did between `from` and `to`: the export's state and the jobs pg-boss completed. */
export async function backgroundWork(db: pg.Client, exportId: string | null, from: Date, to: Date): Promise<BackgroundWork> {
  const { rows } = await db.query<{ name: string; state: string; n: number }>(
    `SELECT name, state::text AS state, count(*)::int AS n FROM pgboss.job
      WHERE completed_on BETWEEN $1 AND $2 GROUP BY name, state ORDER BY name`,
    [from, to],
  );
  const jobsCompleted: Record<string, number> = {};
  const jobsFailed: Record<string, number> = {};
  for (const r of rows) {
    if (r.state === "completed") jobsCompleted[r.name] = r.n;
    else if (r.state === "failed") jobsFailed[r.name] = r.n;
  }
  let exported: BackgroundWork["export"] = null;
  if (exportId) {
    const e = (
      await db.query<{ id: string; status: string; progress: { total?: number } | null; files: unknown[]; createdAt: Date; completedAt: Date | null }>(
        `SELECT id, status::text AS status, progress, files, "createdAt", "completedAt" FROM "BulkExport" WHERE id = $1`,
        [exportId],
      )
    ).rows[0];
    if (e) {
      exported = {
        id: e.id,
        status: e.status,
        patients: e.progress?.total ?? null,
        files: e.files.length,
        queuedToDoneSeconds: e.completedAt ? Math.round((e.completedAt.getTime() - e.createdAt.getTime()) / 100) / 10 : null,
        doneDuringLoad: e.completedAt !== null && e.completedAt <= to,
      };
    }
  }
  return { export: exported, jobsCompleted, jobsFailed };
}
