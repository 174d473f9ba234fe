// The benchmark's table, its targets (issue 8) and the files it leaves in bench/results/.
import type { Endpoint, Kind } from "./endpoints";
import type { LoadResult } from "./load";

export const TARGETS = {
  /** The plan read API reaches at least half of what the ceiling does. */
  apiRatio: 0.5,
  /** Pages (and the page's server action) reach at least a fifth. */
  pageRatio: 0.2,
  /** p95 latency of the app at the benchmark's concurrency. */
  p95Ms: 100,
} as const;

export type Measured = { endpoint: Pick<Endpoint, "id" | "label" | "kind">; app: LoadResult; ceiling: LoadResult };
export type FloorResult = { id: string; label: string; result: LoadResult };
export type Check = { target: string; endpoint: string; value: string; pass: boolean };

/** Failed answers; a run that got no answer at all counts as one failure. */
export const failures = (r: LoadResult) => r.errors + r.non2xx + r.mismatches + (r.requests === 0 ? 1 : 0);
const ratioTarget = (kind: Kind) => (kind === "api" ? TARGETS.apiRatio : TARGETS.pageRatio);
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "–");

export function checks(measured: Measured[]): Check[] {
  return measured.flatMap(({ endpoint, app, ceiling }) => {
    const ratio = app.rps / ceiling.rps;
    const target = ratioTarget(endpoint.kind);
    return [
      { target: `req/s ≥ ${target} × ceiling`, endpoint: endpoint.id, value: f2(ratio), pass: Number.isFinite(ratio) && ratio >= target },
      { target: `p95 < ${TARGETS.p95Ms} ms`, endpoint: endpoint.id, value: `${f1(app.latencyMs.p95)} ms`, pass: Number.isFinite(app.latencyMs.p95) && app.latencyMs.p95 < TARGETS.p95Ms },
      { target: "zero errors", endpoint: endpoint.id, value: `${failures(app)} app / ${failures(ceiling)} ceiling`, pass: failures(app) === 0 && failures(ceiling) === 0 },
    ];
  });
}

/** CPU ms per request, server + PostgreSQL, or NaN when not measured. */
const cpu = (r: LoadResult) => (r.cpuMsPerRequest?.server ?? Number.NaN) + (r.cpuMsPerRequest?.db ?? Number.NaN);
const cpuCell = (r: LoadResult) => `${f1(r.cpuMsPerRequest?.server ?? Number.NaN)} + ${f1(r.cpuMsPerRequest?.db ?? Number.NaN)}`;

export function table(measured: Measured[]): string {
  const header = ["Endpoint", "App req/s", "App p50 / p95 / p99 ms", "Ceiling req/s", "Ceiling p95 ms", "Ratio", "Errors app / ceiling", "CPU ms/req app (server + db)", "CPU ms/req ceiling", "CPU ratio"];
  const rows = measured.map(({ endpoint, app, ceiling }) => [
    endpoint.label,
    f1(app.rps),
    `${f1(app.latencyMs.p50)} / ${f1(app.latencyMs.p95)} / ${f1(app.latencyMs.p99)}`,
    f1(ceiling.rps),
    f1(ceiling.latencyMs.p95),
    f2(app.rps / ceiling.rps),
    `${failures(app)} / ${failures(ceiling)}`,
    cpuCell(app),
    cpuCell(ceiling),
    f2(cpu(ceiling) / cpu(app)),
  ]);
  return [header, header.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

export function floorTable(floor: FloorResult[]): string {
  const header = ["Framework floor (app only)", "req/s", "p50 / p95 / p99 ms", "Errors", "CPU ms/req (server + db)"];
  const rows = floor.map(({ label, result }) => [label, f1(result.rps), `${f1(result.latencyMs.p50)} / ${f1(result.latencyMs.p95)} / ${f1(result.latencyMs.p99)}`, String(failures(result)), cpuCell(result)]);
  return [header, header.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

export function checksTable(list: Check[]): string {
  const rows = list.map((c) => [c.endpoint, c.target, c.value, c.pass ? "PASS" : "**FAIL**"]);
  return [["Endpoint", "Target", "Measured", ""], ["---", "---", "---", "---"], ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

export function markdown(meta: Record<string, unknown>, measured: Measured[], list: Check[], floor: FloorResult[] = []): string {
  const passed = list.filter((c) => c.pass).length;
  return [
    `# Benchmark ${meta.startedAt}`,
    "",
    `Commit \`${meta.commit}\`${meta.dirty ? " (with uncommitted changes)" : ""} · ${meta.connections} connections · ${meta.warmupSeconds} s warm-up + ${meta.durationSeconds} s per endpoint and server · Node ${meta.node} · ${meta.cpus} CPUs · load average ${meta.loadBefore} before, ${meta.loadAfter} after · scale data of ${meta.scaleToday} · DB pool ${meta.poolSize} in each server.`,
    "",
    table(measured),
    "",
    `Targets: ${passed} of ${list.length} pass.`,
    "",
    checksTable(list),
    "",
    ...(floor.length ? [floorTable(floor), "", "The floor: what Next.js itself allows on this machine for a page or a route handler that does no work of the app's, through the same proxy and server."] : []),
    "",
    "Ratio = app req/s ÷ ceiling req/s measured in the same run. Errors = connection errors + non-2xx answers + 2xx answers without the expected content.",
    "CPU ms/req = CPU time of the server process (group) and of PostgreSQL during the measured run ÷ answers (from /proc); CPU ratio = ceiling ÷ app of their sums. A diagnostic that other load on the machine disturbs less than req/s; the targets use req/s.",
    "",
  ].join("\n");
}

/** One line per endpoint for the terminal while the run is going. */
export function progressLine(target: "app" | "ceiling", endpoint: Pick<Endpoint, "id">, r: LoadResult): string {
  const codes = Object.entries(r.statusCodes)
    .map(([code, n]) => `${code}×${n}`)
    .join(" ");
  return `[bench] ${endpoint.id.padEnd(8)} ${target.padEnd(7)} ${f1(r.rps).padStart(7)} req/s  p50 ${f1(r.latencyMs.p50)}  p95 ${f1(r.latencyMs.p95)}  p99 ${f1(r.latencyMs.p99)} ms  cpu ${cpuCell(r)} ms/req  ${codes}${failures(r) ? `  FAILURES ${failures(r)}${r.sampleMismatch ? `: ${JSON.stringify(r.sampleMismatch.slice(0, 120))}` : ""}` : ""}`;
}
