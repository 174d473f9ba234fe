// The open-loop part of `npm run bench` (issue 18, docs/decisions/053), after the closed loop:
// - "open": the morning mix at --rate (25) req/s for --open-duration (60) s against one app
//   process, while a FHIR bulk export of clinic 1 runs and pg-boss fires the reminder tick
//   (every minute) and the other scheduled jobs; reports p50/p95/p99, errors and what ran.
// - "capacity": the highest rate one process answers with p95 < 100 ms and no error
//   (--step (15) s per rate).
// - "two": the same search with a second `next start` on the same database (BENCH_APP2_PORT),
//   requests alternating between the two, signed in on the first only.
import type pg from "pg";
import { cpuSample } from "./cpu";
import type { OpenLoopResult, OpenLoopSpec } from "./open-loop";
import { backgroundWork, kickOffExport, morningMix, openLoop, searchCapacity, signInUsers, type BackgroundWork, type Capacity } from "./open-loop-phase";
import type { Server } from "./servers";
import { passSecondFactor, signIn } from "./sign-in";
import { keepHomeLogsOf, loadUsers } from "./users";
import { DEMO_PASSWORD } from "../../prisma/seed-data/demo";

export type OpenLoopOptions = {
  phases: ("open" | "capacity" | "two")[];
  rate: number;
  durationSeconds: number;
  warmupSeconds: number;
  stepSeconds: number;
  clinics: number;
  patientsPerClinic: number;
  /** Kick off the bulk export as the peak run starts (`--export=off`: a control run without it). */
  exportDuringLoad: boolean;
  /** Whether the workers ran in the app process ("in-app") or in a process of their own ("separate"). */
  jobs: "in-app" | "separate";
};

export type OpenLoopReport = {
  options: OpenLoopOptions;
  users: { clinicians: number; patients: number; requestsInMix: Record<string, number>; signInSeconds: number };
  peak: (OpenLoopResult & { background: BackgroundWork; exportFinal: BackgroundWork["export"] }) | null;
  capacity: { one: Capacity | null; two: Capacity | null };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runOpenLoopPhases(context: {
  db: pg.Client;
  app: Server;
  startSecondApp: () => Promise<Server>;
  actionId: string;
  authSecret: string;
  today: string;
  tmp: string;
  settle: () => Promise<void>;
  /** PostgreSQL's postmaster, for the CPU it spends (null: not measurable, e.g. an external server). */
  postmaster: number | null;
  options: OpenLoopOptions;
  log: (line: string) => void;
}): Promise<{ report: OpenLoopReport; restore: () => Promise<number> }> {
  const { db, app, options, log } = context;
  const users = await loadUsers(db, { clinics: options.clinics, patientsPerClinic: options.patientsPerClinic });
  const restore = await keepHomeLogsOf(db, users.patients.map((p) => p.patientId), context.today);
  const signedIn = await signInUsers({ baseUrl: app.baseUrl, users, authSecret: context.authSecret, database: db, log });
  const mix = morningMix(users, signedIn, context.actionId);
  const report: OpenLoopReport = {
    options,
    users: {
      clinicians: users.clinicians.length,
      patients: users.patients.length,
      requestsInMix: Object.fromEntries(Object.entries(mix).map(([k, v]) => [k, v.requests.length])),
      signInSeconds: signedIn.seconds,
    },
    peak: null,
    capacity: { one: null, two: null },
  };
  let seed = 18;
  const spec = (targets: Server[], rate: number, seconds: number): OpenLoopSpec => ({ targets: targets.map((t) => t.baseUrl), ratePerSecond: rate, durationSeconds: seconds, mix, cookies: signedIn.cookies, seed: seed++ });
  // CPU ms per answered request of the app processes and of PostgreSQL: what a request costs,
  // which other work on a shared machine disturbs far less than latency.
  const measured = async (targets: Server[], rate: number, seconds: number, name: string): Promise<OpenLoopResult> => {
    const groups = Object.fromEntries(targets.map((t, i) => [`app${i}`, t.child.pid ?? null]));
    const before = cpuSample(groups, context.postmaster);
    const result = await openLoop(spec(targets, rate, seconds), name, context.tmp);
    const after = cpuSample(groups, context.postmaster);
    const delta = (keys: string[]) => (keys.some((k) => before[k] == null || after[k] == null) ? null : keys.reduce((n, k) => n + (after[k]! - before[k]!), 0));
    const per = (ms: number | null) => (ms === null || result.latencyMs.count === 0 ? null : Math.round((ms / result.latencyMs.count) * 10) / 10);
    return { ...result, cpuMsPerRequest: { server: per(delta(Object.keys(groups))), db: per(delta(["db"])) } };
  };

  if (options.warmupSeconds > 0) {
    await openLoop(spec([app], options.rate, options.warmupSeconds), "open-warmup", context.tmp);
    await context.settle();
  }

  if (options.phases.includes("open")) {
    // The background the issue asks for: an admin's bulk export of their whole clinic, started as
    // the load starts; the reminder tick and the other cron jobs run in the app as always.
    const adminCookie = await signIn(app.baseUrl, users.admin.email, DEMO_PASSWORD);
    await passSecondFactor({ baseUrl: app.baseUrl, cookie: adminCookie, email: users.admin.email, authSecret: context.authSecret, database: db });
    const from = new Date();
    const statusPath = options.exportDuringLoad ? await kickOffExport(app.baseUrl, adminCookie) : null;
    const exportId = statusPath?.split("/").at(-1) ?? null;
    log(`open loop: ${options.rate} req/s for ${options.durationSeconds} s, ${users.clinicians.length} clinicians and ${users.patients.length} patients; ${exportId ? `bulk export ${exportId} of ${users.admin.clinicSlug} kicked off` : "no bulk export (--export=off)"}`);
    const result = await measured([app], options.rate, options.durationSeconds, "open-peak");
    const to = new Date();
    const background = await backgroundWork(db, exportId, from, to);
    // The export may outlast the load; it is waited for (up to 5 minutes) so it does not load the capacity search.
    let exportFinal = background.export;
    for (let waited = 0; exportFinal && ["QUEUED", "RUNNING"].includes(exportFinal.status) && waited < 300; waited += 2) {
      await sleep(2000);
      exportFinal = (await backgroundWork(db, exportId, from, new Date())).export;
    }
    // A DELETE must come from the app's own origin (NEXTAUTH_URL: the first process's).
    const deleted = statusPath ? await fetch(new URL(statusPath, app.baseUrl), { method: "DELETE", headers: { cookie: adminCookie, "content-type": "application/json", origin: app.baseUrl } }) : null;
    await deleted?.arrayBuffer();
    report.peak = { ...result, background, exportFinal };
    log(
      `open loop ${options.rate} req/s: p50 ${result.latencyMs.p50} p95 ${result.latencyMs.p95} p99 ${result.latencyMs.p99} ms, ${result.errors + result.non2xx + result.mismatches} failures of ${result.sent}; ` +
        `jobs completed during it: ${JSON.stringify(background.jobsCompleted)}; export ${background.export?.status} at the end of the load, ${exportFinal?.status} after ${exportFinal?.queuedToDoneSeconds ?? "–"} s (deleted: ${deleted?.status ?? "–"})`,
    );
    await context.settle();
  }

  const search = (targets: Server[]) =>
    searchCapacity({
      run: (rate) => measured(targets, rate, options.stepSeconds, `capacity-${targets.length}-${rate}`),
      settle: context.settle,
      start: options.rate,
      refine: 3,
      max: 400,
      targets: targets.length,
      stepSeconds: options.stepSeconds,
      log,
    });
  if (options.phases.includes("capacity")) report.capacity.one = await search([app]);
  if (options.phases.includes("two")) {
    const second = await context.startSecondApp();
    try {
      // Warm the second process as the first one was (its first requests compile and load code).
      if (options.warmupSeconds > 0) await openLoop(spec([app, second], options.rate, options.warmupSeconds), "open-warmup-two", context.tmp);
      await context.settle();
      report.capacity.two = await search([app, second]);
    } finally {
      await second.stop();
    }
  }
  return { report, restore };
}
