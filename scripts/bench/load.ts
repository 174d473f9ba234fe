// The load generator, run as its own process (`tsx scripts/bench/load.ts <spec.json> <result.json>`)
// so the servers under test never share an event loop with it. It drives autocannon's API at a
// fixed concurrency: a warm-up run whose numbers are thrown away, then the measured run. Latency
// percentiles are computed from every response (autocannon's own histogram has no p95 and leaves
// out non-2xx answers). Like a browser, it keeps the session cookie the server sends back (the
// proxy slides the session's last-activity time at most once a minute).
import { readFileSync, writeFileSync } from "node:fs";
import autocannon, { type AutocannonResult } from "autocannon";

export type LoadSpec = {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  /** Request bodies sent in turn (a POST varies what it writes); none for a GET. */
  bodies?: string[];
  /** Sent as `Cookie`; replaced when a response sets a new session cookie of the same name. */
  cookie: string;
  /** A response only counts as a success when its body contains this. */
  expect: string;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
};

export type LoadResult = {
  requests: number;
  seconds: number;
  rps: number;
  latencyMs: { p50: number; p95: number; p99: number; mean: number; max: number };
  statusCodes: Record<string, number>;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  /** 2xx answers whose body lacked the expected content (e.g. an action answering `ok: false`). */
  mismatches: number;
  sampleMismatch?: string;
  /** CPU milliseconds per answered request: the server's process group and PostgreSQL (scripts/bench/cpu.ts). */
  cpuMsPerRequest?: { server: number | null; db: number | null };
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

const round = (n: number) => Math.round(n * 100) / 100;

function run(spec: LoadSpec, seconds: number): Promise<LoadResult> {
  const cookieName = spec.cookie.slice(0, spec.cookie.indexOf("="));
  let cookie = spec.cookie;
  let turn = 0;
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let mismatches = 0;
  let sampleMismatch: string | undefined;
  const started = process.hrtime.bigint();

  const instance = autocannon({
    url: spec.url,
    method: spec.method,
    connections: spec.connections,
    duration: seconds,
    timeout: 30,
    headers: spec.headers,
    requests: [
      {
        setupRequest: (request: Record<string, unknown>) => {
          // No cookie at all for the floor's anonymous requests.
          const headers = cookie ? { ...(request.headers as Record<string, string>), cookie } : (request.headers as Record<string, string>);
          const body = spec.bodies?.length ? spec.bodies[turn++ % spec.bodies.length] : undefined;
          return { ...request, headers, ...(body !== undefined ? { body } : {}) };
        },
        onResponse: (status: number, body: string, _context: unknown, headers: Record<string, string | string[]>) => {
          if (status >= 200 && status < 300 && !body.includes(spec.expect)) {
            mismatches++;
            sampleMismatch ??= body.slice(0, 300);
          }
          const setCookie = headers["set-cookie"] ?? headers["Set-Cookie"];
          for (const line of [setCookie ?? []].flat()) {
            const pair = line.split(";")[0]!;
            if (pair.startsWith(`${cookieName}=`) && pair.length > cookieName.length + 1) cookie = pair;
          }
        },
      },
    ],
  });
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
  });
  return new Promise((resolve, reject) => {
    instance.on("done", (result: AutocannonResult) => {
      const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
      const sorted = latencies.sort((a, b) => a - b);
      const mean = sorted.reduce((s, v) => s + v, 0) / Math.max(1, sorted.length);
      const non2xx = Object.entries(statusCodes).reduce((n, [code, count]) => (code.startsWith("2") ? n : n + count), 0);
      resolve({
        requests: sorted.length,
        seconds: round(elapsed),
        rps: round(sorted.length / elapsed),
        latencyMs: { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), mean: round(mean), max: round(sorted.at(-1) ?? Number.NaN) },
        statusCodes,
        errors: result.errors + result.timeouts,
        non2xx,
        mismatches,
        sampleMismatch,
      });
    });
    instance.on("error", reject);
  });
}

async function main(): Promise<void> {
  const [specFile, resultFile] = process.argv.slice(2);
  if (!specFile || !resultFile) throw new Error("usage: load.ts <spec.json> <result.json>");
  const spec = JSON.parse(readFileSync(specFile, "utf8")) as LoadSpec;
  if (spec.warmupSeconds > 0) await run(spec, spec.warmupSeconds);
  const result = await run(spec, spec.durationSeconds);
  writeFileSync(resultFile, JSON.stringify(result, null, 2));
}

main().catch((error: unknown) => {
  console.error(`[load] ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
