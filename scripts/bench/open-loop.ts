// The open-loop load generator (issue 18), run as its own process
// (`tsx scripts/bench/open-loop.ts <spec.json> <result.json>`) so the servers never share its event
// loop. Requests arrive at a fixed rate whatever the answers' speed: request i is due at
// start + i / rate and is sent then even while earlier ones are still open (no connection limit),
// unlike the closed loop (scripts/bench/load.ts), where a slow answer delays the next request and
// hides the wait a user would have seen (coordinated omission). Latency is measured from the
// moment a request was due, not from when it went out, so a generator that fell behind shows up
// in the figures too (its lag is reported separately).
// Each request is one of the mix's kinds, drawn with a seeded random number so runs are
// comparable, and goes out as the next user of that kind's pool, to the targets in turn (two app
// processes: requests alternate between them).
import http from "node:http";
import { readFileSync, writeFileSync } from "node:fs";

export type OpenLoopRequest = {
  /** Index into `cookies`: whose session sends it. */
  user: number;
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** A 2xx answer only counts as a success when its body contains this. */
  expect: string;
};

export type OpenLoopSpec = {
  /** Base URLs; request i goes to targets[i % targets.length]. */
  targets: string[];
  ratePerSecond: number;
  durationSeconds: number;
  /** Kind → share of requests (sums to 1) and the requests of that kind, taken in turn. */
  mix: Record<string, { share: number; requests: OpenLoopRequest[] }>;
  /** One session cookie ("name=value") per user; replaced when a response slides the session. */
  cookies: string[];
  seed: number;
  timeoutSeconds?: number;
};

export type Percentiles = { count: number; p50: number; p95: number; p99: number; max: number };

export type OpenLoopResult = {
  ratePerSecond: number;
  durationSeconds: number;
  sent: number;
  /** Requests per second answered over the run (up to the last answer). */
  answeredPerSecond: number;
  latencyMs: Percentiles;
  byKind: Record<string, Percentiles & { failures: number }>;
  byTarget: Record<string, number>;
  statusCodes: Record<string, number>;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  mismatches: number;
  samples: string[];
  /** How late the generator itself sent requests (event-loop lag), p99 and max. */
  sendLagMs: { p99: number; max: number };
  /** Filled in by the benchmark: CPU ms per answered request of the app process(es) and PostgreSQL. */
  cpuMsPerRequest?: { server: number | null; db: number | null };
};

const round = (n: number) => Math.round(n * 100) / 100;

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!);
  return { count: sorted.length, p50: round(at(50)), p95: round(at(95)), p99: round(at(99)), max: round(sorted.at(-1) ?? Number.NaN) };
}

/** mulberry32: a small seeded generator, so two runs draw the same sequence of kinds. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function runOpenLoop(spec: OpenLoopSpec): Promise<OpenLoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const random = seeded(spec.seed);
  const kinds = Object.entries(spec.mix).filter(([, k]) => k.share > 0 && k.requests.length > 0);
  const turn: Record<string, number> = {};
  const cookies = [...spec.cookies];
  const cookieName = cookies[0]!.slice(0, cookies[0]!.indexOf("="));
  const total = Math.round(spec.ratePerSecond * spec.durationSeconds);
  const intervalNs = 1e9 / spec.ratePerSecond;
  const timeoutMs = (spec.timeoutSeconds ?? 30) * 1000;

  const latencies: number[] = [];
  const byKind: Record<string, { latencies: number[]; failures: number }> = {};
  const byTarget: Record<string, number> = {};
  const statusCodes: Record<string, number> = {};
  const lags: number[] = [];
  const samples: string[] = [];
  let errors = 0;
  let non2xx = 0;
  let mismatches = 0;
  let done = 0;
  let lastAnswerNs = 0;

  const pickKind = (): string => {
    let r = random();
    for (const [name, k] of kinds) {
      if ((r -= k.share) < 0) return name;
    }
    return kinds.at(-1)![0];
  };

  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const sinceStartNs = () => Number(process.hrtime.bigint() - started);
    const finish = () => {
      agent.destroy();
      const seconds = lastAnswerNs / 1e9;
      resolve({
        ratePerSecond: spec.ratePerSecond,
        durationSeconds: spec.durationSeconds,
        sent: total,
        answeredPerSecond: round(latencies.length / Math.max(seconds, spec.durationSeconds)),
        latencyMs: percentiles(latencies),
        byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, { ...percentiles(v.latencies), failures: v.failures }])),
        byTarget,
        statusCodes,
        errors,
        non2xx,
        mismatches,
        samples,
        sendLagMs: { p99: percentiles(lags).p99, max: percentiles(lags).max },
      });
    };

    const send = (i: number) => {
      const dueNs = i * intervalNs;
      lags.push((sinceStartNs() - dueNs) / 1e6);
      const kind = pickKind();
      const pool = spec.mix[kind]!.requests;
      const request = pool[(turn[kind] = (turn[kind] ?? -1) + 1) % pool.length]!;
      const target = spec.targets[i % spec.targets.length]!;
      byTarget[target] = (byTarget[target] ?? 0) + 1;
      const headers: Record<string, string> = { ...request.headers, cookie: cookies[request.user]! };
      // Browsers send Origin on every POST; Next.js compares it with Host for server actions.
      if (headers.origin) headers.origin = target;
      if (request.body !== undefined) headers["content-length"] = String(Buffer.byteLength(request.body));
      const record = (status: number, failure: string | null) => {
        const latency = (sinceStartNs() - dueNs) / 1e6;
        lastAnswerNs = sinceStartNs();
        latencies.push(latency);
        const k = (byKind[kind] ??= { latencies: [], failures: 0 });
        k.latencies.push(latency);
        statusCodes[status] = (statusCodes[status] ?? 0) + 1;
        if (failure) {
          k.failures++;
          if (samples.length < 5) samples.push(`${kind} ${request.method} ${request.path}: ${failure}`.slice(0, 300));
        }
        if (++done === total) finish();
      };
      const req = http.request(new URL(request.path, target), { method: request.method, headers, agent, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          for (const line of res.headers["set-cookie"] ?? []) {
            const pair = line.split(";")[0]!;
            if (pair.startsWith(`${cookieName}=`) && pair.length > cookieName.length + 1) cookies[request.user] = pair;
          }
          if (status < 200 || status >= 300) {
            non2xx++;
            return record(status, `HTTP ${status}`);
          }
          const body = Buffer.concat(chunks).toString("utf8");
          if (!body.includes(request.expect)) {
            mismatches++;
            return record(status, `no ${JSON.stringify(request.expect)} in ${JSON.stringify(body.slice(0, 160))}`);
          }
          record(status, null);
        });
        res.on("error", (e) => {
          errors++;
          record(0, e.message);
        });
      });
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", (e) => {
        errors++;
        record(0, e.message);
      });
      req.end(request.body);
    };

    // The schedule: wake for the next due request; send every request that is due by now.
    let next = 0;
    const tick = () => {
      const now = sinceStartNs();
      while (next < total && next * intervalNs <= now) send(next++);
      if (next < total) setTimeout(tick, Math.max(0, (next * intervalNs - sinceStartNs()) / 1e6));
    };
    if (total === 0) finish();
    else tick();
  });
}

async function main(): Promise<void> {
  const [specFile, resultFile] = process.argv.slice(2);
  if (!specFile || !resultFile) throw new Error("usage: open-loop.ts <spec.json> <result.json>");
  const spec = JSON.parse(readFileSync(specFile, "utf8")) as OpenLoopSpec;
  writeFileSync(resultFile, JSON.stringify(await runOpenLoop(spec), null, 2));
}

if (process.argv[1]?.endsWith("open-loop.ts")) {
  main().catch((error: unknown) => {
    console.error(`[open-loop] ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  });
}
