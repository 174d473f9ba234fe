// Issue 7, security battery: the request shapes that have bypassed Next.js middleware/proxy checks
// or served a page's data by another door (CVE-2025-29927's x-middleware-subrequest, RSC and
// prefetch requests, .rsc and _rsc forms, internal routing headers, path spellings) get no
// protected data, as anonymous and as an actor of the wrong role, tenant or patient. The checks
// live in the domain layer (decision 003), so every door must end at the same refusal.
import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { expect, test, type ActorKey } from "./security/actors";
import { SecurityDb } from "./security/db";
import { get, stackTraceIn, type Answer } from "./security/http";
import { forbiddenStrings, loadContext, type Ctx } from "./security/records";

/** `nextRefuses`: Next.js itself answers 500 before any app code runs (decision 016). */
type Door = { name: string; url: (path: string) => string; headers?: Record<string, string>; nextRefuses?: boolean };

const five = (name: string) => Array(5).fill(name).join(":");
const STATE_TREE = encodeURIComponent(JSON.stringify(["", { children: ["__PAGE__", {}] }]));
const BAD_STATE_TREE = encodeURIComponent(JSON.stringify(["", { children: ["__PAGE__", {}, null, null] }, null, null, true]));
const buildId = () => readFileSync(".next/BUILD_ID", "utf8").trim();

const DOORS: Door[] = [
  { name: "plain", url: (p) => p },
  ...["middleware", "src/middleware", "proxy", "src/proxy"].map((m) => ({ name: `x-middleware-subrequest ${m}×5`, url: (p: string) => p, headers: { "x-middleware-subrequest": five(m) } })),
  { name: "x-middleware-subrequest pages/_middleware", url: (p) => p, headers: { "x-middleware-subrequest": "pages/_middleware" } },
  { name: "RSC: 1", url: (p) => p, headers: { RSC: "1" } },
  { name: "RSC prefetch", url: (p) => p, headers: { RSC: "1", "Next-Router-Prefetch": "1" } },
  { name: "RSC with a router state tree", url: (p) => p, headers: { RSC: "1", "Next-Router-State-Tree": STATE_TREE } },
  { name: "RSC with a malformed router state tree", url: (p) => p, headers: { RSC: "1", "Next-Router-State-Tree": BAD_STATE_TREE }, nextRefuses: true },
  { name: "RSC segment prefetch", url: (p) => p, headers: { RSC: "1", "Next-Router-Prefetch": "1", "Next-Router-Segment-Prefetch": "/_tree" } },
  { name: "RSC with x-middleware-subrequest", url: (p) => p, headers: { RSC: "1", "x-middleware-subrequest": five("middleware") } },
  { name: "?_rsc= without the header", url: (p) => `${p}${p.includes("?") ? "&" : "?"}_rsc=bypass` },
  { name: ".rsc suffix", url: (p) => `${p}.rsc` },
  { name: "trailing slash", url: (p) => `${p}/` },
  { name: "percent-encoded first letter", url: (p) => `/%${p.charCodeAt(1).toString(16)}${p.slice(2)}` },
  { name: "pages-router data URL", url: (p) => `/_next/data/${buildId()}${p}.json`, headers: { "x-nextjs-data": "1" } },
  { name: "__nextDataReq", url: (p) => `${p}?__nextDataReq=1`, headers: { "x-nextjs-data": "1" } },
  { name: "internal routing headers", url: (p) => p, headers: { "x-matched-path": "/sign-in", "x-invoke-path": "/sign-in", "x-invoke-query": "%7B%7D", "x-now-route-matches": "1" } },
  // The header proxy.ts sets for the return path after sign-in (decision 042), forged.
  { name: "forged request-path header", url: (p) => p, headers: { "x-riverside-request-path": "/\\evil.example/phish" } },
];

type Target = { path: (c: Ctx) => string; markers: string[]; rightful: ActorKey; wrong: ActorKey[] };

// `markers` are in the rightful actor's answer (checked first, so a leak would be seen); the wrong
// actors must not get them, nor anything else `forbiddenStrings` names for them.
const TARGETS: Target[] = [
  { path: () => "/my", markers: ["Lower back spasm — acute episode"], rightful: "jordan", wrong: ["anonymous", "admin", "otherClinician"] },
  { path: (c) => `/my/plans/${c.plans.jordan.id}`, markers: ["Lower back spasm — acute episode", "Pain at rest below 3/10"], rightful: "jordan", wrong: ["anonymous", "ana", "admin"] },
  { path: (c) => `/clinic/plans/${c.plans.jordan.id}`, markers: ["Lower back spasm — acute episode", "Pain at rest below 3/10"], rightful: "maya", wrong: ["anonymous", "ana", "otherClinician"] },
  { path: (c) => `/clinic/sessions/${c.sessions.jordanSigned.id}`, markers: ["Lumbar flexion"], rightful: "maya", wrong: ["anonymous", "jordan", "admin"] },
  { path: (c) => `/clinic/patients/${c.patients.ana.id}`, markers: ["Ana Silva", "Pregnancy-related low back pain"], rightful: "sam", wrong: ["anonymous", "maya", "jordan"] },
  { path: () => "/admin/audit", markers: ["Sam Okafor", "Jordan Lee"], rightful: "admin", wrong: ["anonymous", "maya", "otherAdmin"] },
  { path: () => "/admin/accounts", markers: ["jordan.lee@example.com"], rightful: "admin", wrong: ["anonymous", "sam", "otherAdmin"] },
  { path: (c) => `/api/v1/plans/${c.plans.jordan.id}`, markers: ["Lower back spasm — acute episode"], rightful: "maya", wrong: ["anonymous", "ana", "admin"] },
  { path: () => "/my/sessions/calendar.ics", markers: ["Appointment with Dr Maya Chen"], rightful: "jordan", wrong: ["anonymous", "admin", "otherClinician"] },
];

/**
 * GET as the browser would, following only Next's own `_rsc` cache-busting redirect (an RSC
 * request whose `_rsc` does not match its headers is sent to the same path with the right one).
 */
async function fetchThrough(ctx: APIRequestContext, url: string, headers: Record<string, string>): Promise<{ answers: Answer[] }> {
  const first = await get(ctx, url, headers);
  const answers = [first];
  const path = url.split("?")[0];
  const next = first.location;
  if (first.status >= 300 && first.status < 400 && next && next.split("?")[0] === path && next.includes("_rsc")) {
    answers.push(await get(ctx, next, headers));
  }
  return { answers };
}

let db: SecurityDb;
test.beforeAll(async () => {
  db = await SecurityDb.connect();
});
test.afterAll(async () => {
  await db?.close();
});

test("no proxy-bypass header, RSC form or path spelling gets protected data to the wrong actor", async ({ actors }) => {
  test.setTimeout(180_000);
  const ctx = await loadContext(db);
  let requests = 0;
  const leaks: string[] = [];
  const controls: string[] = [];
  const serverErrors: string[] = [];
  const statuses = new Map<string, number>();

  for (const target of TARGETS) {
    const path = target.path(ctx);
    // The rightful actor gets the markers by the plain door and the RSC door: the check can see them.
    for (const door of [DOORS[0]!, DOORS.find((d) => d.name === "RSC: 1")!]) {
      const { answers } = await fetchThrough(actors.as[target.rightful], door.url(path), door.headers ?? {});
      requests += answers.length;
      const last = answers.at(-1)!;
      if (!target.markers.every((m) => last.body.includes(m))) controls.push(`${path} via ${door.name} as ${target.rightful}: ${last.status} without ${target.markers.join(" / ")}`);
    }
    for (const actor of target.wrong) {
      const protectedStrings = [...new Set([...target.markers, ...forbiddenStrings(actor)])];
      for (const door of DOORS) {
        const { answers } = await fetchThrough(actors.as[actor], door.url(path), door.headers ?? {});
        requests += answers.length;
        for (const a of answers) {
          statuses.set(String(a.status), (statuses.get(String(a.status)) ?? 0) + 1);
          if (a.status >= 500 && !door.nextRefuses) serverErrors.push(`${path} via ${door.name} as ${actor}: ${a.status}`);
          const trace = stackTraceIn(a.body);
          if (trace) serverErrors.push(`${path} via ${door.name} as ${actor}: ${a.status} shows a ${trace}`);
          const found = protectedStrings.filter((s) => a.body.includes(s));
          if (found.length > 0) leaks.push(`${path} via ${door.name} as ${actor}: ${a.status} with ${found.map((s) => JSON.stringify(s)).join(", ")}`);
        }
      }
    }
  }

  const byStatus = [...statuses.entries()].sort().map(([s, n]) => `${s}×${n}`).join(" ");
  console.log(`bypass: ${requests} requests, ${leaks.length} leaks (wrong-actor answers by status: ${byStatus})`);
  for (const line of [...controls, ...leaks, ...serverErrors]) console.log(`  ${line}`);
  expect(controls, controls.join("\n")).toEqual([]);
  expect(leaks, leaks.join("\n")).toEqual([]);
  expect(serverErrors, serverErrors.join("\n")).toEqual([]);
});
