// The five benchmarked requests, each sent as the user whose data it is, identically to the app
// and to the ceiling (same path, cookie, headers and bodies). What counts as a correct answer
// differs: the app renders HTML / an RSC payload, the ceiling answers JSON.
import type { Fixtures } from "./fixtures";

export type Kind = "api" | "page" | "action";

export type Endpoint = {
  id: "roster" | "overview" | "plan" | "home" | "log" | "floor-page" | "floor-handler";
  label: string;
  kind: Kind;
  user: "clinician" | "patient";
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  bodies?: string[];
  expect: { app: string; ceiling: string };
};

// The router state a browser sends with an action posted from /my (copied from Chromium's request).
const MY_ROUTER_STATE = encodeURIComponent(JSON.stringify(["", { children: ["(patient)", { children: ["my", { children: ["__PAGE__", {}, null, null, 0] }, null, null, 0] }, null, null, 0] }, null, null, 16]));

/**
 * The home-log writes, as the browser's action call sends them: the arguments as a JSON array.
 * Every due (activity, day) of the last 7 days in turn, with changing answers, so each request
 * is a real upsert (a new row the first time, an update after).
 */
function logBodies(fixtures: Fixtures): string[] {
  return fixtures.writes.flatMap((w, i) =>
    [true, false].map((done, j) =>
      JSON.stringify([
        { planActivityId: w.planActivityId, date: w.date, done, painDuring: done ? (i + j) % 11 : null, difficulty: done ? 1 + ((i + 2 * j) % 5) : null, note: done && i % 3 === 0 ? "Bench: felt fine" : null },
      ]),
    ),
  );
}

export function endpoints(fixtures: Fixtures, origin: { app: string; ceiling: string }, actionId: string): Endpoint[] {
  return [
    {
      id: "roster",
      label: `Roster search /clinic?q=${fixtures.search}`,
      kind: "page",
      user: "clinician",
      method: "GET",
      path: `/clinic?q=${encodeURIComponent(fixtures.search)}`,
      headers: { accept: "text/html" },
      expect: { app: "Patients in your care team", ceiling: '"rows":' },
    },
    {
      id: "overview",
      label: "Patient overview /clinic/patients/<id>",
      kind: "page",
      user: "clinician",
      method: "GET",
      path: `/clinic/patients/${fixtures.patientId}`,
      headers: { accept: "text/html" },
      expect: { app: "Past sessions", ceiling: '"pastSessions":' },
    },
    {
      id: "plan",
      label: "Plan read GET /api/v1/plans/<id>",
      kind: "api",
      user: "clinician",
      method: "GET",
      path: `/api/v1/plans/${fixtures.planId}`,
      headers: { accept: "application/json" },
      expect: { app: '"activities":', ceiling: '"activities":' },
    },
    {
      id: "home",
      label: "Patient Today /my",
      kind: "page",
      user: "patient",
      method: "GET",
      path: "/my",
      headers: { accept: "text/html" },
      expect: { app: "Your home routine", ceiling: '"loggableDays":' },
    },
    {
      id: "log",
      label: "Home-log write (server action POST /my)",
      kind: "action",
      user: "patient",
      method: "POST",
      path: "/my",
      headers: {
        accept: "text/x-component",
        "content-type": "text/plain;charset=UTF-8",
        "next-action": actionId,
        "next-router-state-tree": MY_ROUTER_STATE,
        // Browsers send Origin on every POST; Next.js compares it with Host for actions.
        origin: origin.app,
      },
      bodies: logBodies(fixtures),
      expect: { app: '"ok":true', ceiling: '"ok":true' },
    },
  ];
}

/**
 * The floor Next.js itself sets on this machine, through the same proxy and server: the app's
 * lightest page (the sign-in form: no session, no database) and a route handler that touches no
 * database (next-auth's CSRF token). No ceiling and no targets: they show how far any page or
 * route handler of the app can go.
 */
export function floorEndpoints(): Endpoint[] {
  return [
    {
      id: "floor-page",
      label: "Floor: sign-in page GET /sign-in (no session, no database)",
      kind: "page",
      user: "clinician",
      method: "GET",
      path: "/sign-in",
      headers: { accept: "text/html" },
      expect: { app: "Sign in", ceiling: "" },
    },
    {
      id: "floor-handler",
      label: "Floor: route handler GET /api/auth/csrf (next-auth, no database)",
      kind: "api",
      user: "clinician",
      method: "GET",
      path: "/api/auth/csrf",
      headers: { accept: "application/json" },
      expect: { app: '"csrfToken":', ceiling: "" },
    },
  ];
}
