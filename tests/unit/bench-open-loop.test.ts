// The benchmark's open-loop generator and capacity search (issue 18, docs/decisions/053): requests
// go out on schedule while earlier ones are still unanswered, latency counts from the moment a
// request was due, requests alternate between targets and each user's slid session cookie is
// kept; the search reports the highest rate that met p95 < 100 ms without an error.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { runOpenLoop, type OpenLoopResult } from "@/scripts/bench/open-loop";
import { searchCapacity } from "@/scripts/bench/open-loop-phase";

const servers: http.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A server that answers nothing until `hold` requests are open at once, then everything. */
function barrierServer(hold: number, seen: { cookie: string | undefined; path: string }[]): Promise<string> {
  const waiting: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ cookie: req.headers.cookie, path: req.url ?? "" });
    // The first answer slides the session, as the app's proxy does once a minute.
    if (seen.length === 1) res.setHeader("set-cookie", "next-auth.session-token=slid; Path=/; HttpOnly");
    waiting.push(res);
    if (waiting.length >= hold || seen.length > hold) for (const r of waiting.splice(0)) r.end("ok body");
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

describe("open-loop generator", () => {
  it("sends on schedule without waiting for answers and counts latency from the due time", async () => {
    const seen: { cookie: string | undefined; path: string }[] = [];
    const base = await barrierServer(8, seen);
    const request = (path: string) => ({ user: 0, method: "GET" as const, path, headers: {}, expect: "ok" });
    const result = await runOpenLoop({
      targets: [base, `${base}/`],
      ratePerSecond: 40,
      durationSeconds: 0.5,
      mix: { a: { share: 0.5, requests: [request("/a1"), request("/a2")] }, b: { share: 0.5, requests: [request("/b")] } },
      cookies: ["next-auth.session-token=first"],
      seed: 1,
    });
    // A closed loop with one connection would never get past the first request here.
    expect(result.sent).toBe(20);
    expect(result.latencyMs.count).toBe(20);
    expect(result.non2xx + result.errors + result.mismatches).toBe(0);
    // The first request waited until the 8th was due (7 intervals of 25 ms later) at the least.
    expect(result.latencyMs.max).toBeGreaterThanOrEqual(175);
    expect(Object.values(result.byTarget)).toEqual([10, 10]);
    expect((result.byKind.a?.count ?? 0) + (result.byKind.b?.count ?? 0)).toBe(20);
    expect(seen[0]!.cookie).toBe("next-auth.session-token=first");
    expect(seen.at(-1)!.cookie).toBe("next-auth.session-token=slid");
  });

  it("counts a 2xx answer without the expected content as a failure", async () => {
    const base = await barrierServer(1, []);
    const result = await runOpenLoop({
      targets: [base],
      ratePerSecond: 20,
      durationSeconds: 0.25,
      mix: { a: { share: 1, requests: [{ user: 0, method: "GET", path: "/", headers: {}, expect: "Your home routine" }] } },
      cookies: ["next-auth.session-token=x"],
      seed: 2,
    });
    expect(result.mismatches).toBe(5);
    expect(result.byKind.a!.failures).toBe(5);
  });
});

describe("capacity search", () => {
  const fake = (p95For: (rate: number) => number, failuresFrom = Infinity) => async (rate: number): Promise<OpenLoopResult> => ({
    ratePerSecond: rate,
    durationSeconds: 1,
    sent: rate,
    answeredPerSecond: rate,
    latencyMs: { count: rate, p50: 1, p95: p95For(rate), p99: p95For(rate), max: p95For(rate) },
    byKind: {},
    byTarget: {},
    statusCodes: {},
    errors: rate >= failuresFrom ? 1 : 0,
    non2xx: 0,
    mismatches: 0,
    samples: [],
    sendLagMs: { p99: 0, max: 0 },
  });
  const options = { settle: async () => undefined, start: 25, refine: 3, max: 400, targets: 1, stepSeconds: 1, log: () => undefined };

  it("climbs while the p95 holds, then narrows the gap to the first rate that misses it", async () => {
    const c = await searchCapacity({ ...options, run: fake((rate) => rate * 3) });
    expect(c.steps.map((s) => s.rate)).toEqual([25, 38, 32, 35, 34]);
    expect(c).toMatchObject({ highestPassing: 32, lowestFailing: 34 });
  });

  it("goes down when the starting rate misses, and an error fails a rate whatever its p95", async () => {
    const c = await searchCapacity({ ...options, run: fake(() => 10, 7) });
    expect(c.highestPassing).toBe(6);
    expect(c.lowestFailing).toBe(7);
    expect(c.steps.every((s) => s.pass === s.rate < 7)).toBe(true);
  });
});
