// The benchmark's closed-loop targets (issue 18): req/s against the ceiling by kind, and server
// CPU per request against the floor of the same kind measured in the same run.
import { describe, expect, it } from "vitest";
import { checks, type FloorResult, type Measured } from "@/scripts/bench/report";
import type { LoadResult } from "@/scripts/bench/load";

const result = (rps: number, serverCpu: number, failed = 0): LoadResult => ({
  requests: Math.round(rps * 10),
  seconds: 10,
  rps,
  latencyMs: { p50: 10, p95: 500, p99: 600, mean: 12, max: 700 },
  statusCodes: { "200": Math.round(rps * 10) },
  errors: failed,
  non2xx: 0,
  mismatches: 0,
  cpuMsPerRequest: { server: serverCpu, db: 1 },
});

const floor: FloorResult[] = [
  { id: "floor-page", label: "page", result: result(400, 3) },
  { id: "floor-handler", label: "handler", result: result(900, 1.2) },
];

const ID = { page: "roster", api: "plan", action: "log" } as const;
const measured = (kind: keyof typeof ID, app: LoadResult, ceiling: LoadResult): Measured[] => [{ endpoint: { id: ID[kind], label: kind, kind }, app, ceiling }];
const byTarget = (list: ReturnType<typeof checks>) => Object.fromEntries(list.map((c) => [c.target, c.pass]));

describe("bench targets", () => {
  it("a page: ≥ 0.3 × the ceiling's req/s and ≤ 2.5 × the floor page's server CPU; closed-loop p95 is not a target", () => {
    expect(byTarget(checks(measured("page", result(30, 7.5), result(100, 1)), floor))).toEqual({
      "req/s ≥ 0.3 × ceiling": true,
      "server CPU ≤ 2.5 × floor-page": true,
      "zero errors": true,
    });
    expect(byTarget(checks(measured("page", result(29, 7.6), result(100, 1)), floor))).toEqual({
      "req/s ≥ 0.3 × ceiling": false,
      "server CPU ≤ 2.5 × floor-page": false,
      "zero errors": true,
    });
  });

  it("the API: ≥ 0.5 × and ≤ 1.5 × the floor handler's; the action: ≤ 2 × the floor page's and no ratio target", () => {
    expect(byTarget(checks(measured("api", result(50, 1.9), result(100, 1)), floor))).toEqual({ "req/s ≥ 0.5 × ceiling": true, "server CPU ≤ 1.5 × floor-handler": false, "zero errors": true });
    expect(byTarget(checks(measured("action", result(10, 6, 1), result(100, 1)), floor))).toEqual({ "server CPU ≤ 2 × floor-page": true, "zero errors": false });
  });

  it("without the floor in the run, no CPU target is checked", () => {
    expect(checks(measured("page", result(30, 100), result(100, 1))).map((c) => c.target)).toEqual(["req/s ≥ 0.3 × ceiling", "zero errors"]);
  });
});
