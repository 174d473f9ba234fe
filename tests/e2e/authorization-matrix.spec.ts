// Issue 7, security battery: every page, route handler and server action × every kind of actor,
// over real HTTP, against the declared table in security/route-inventory.ts. The inventory itself
// is checked against the disk, so a new route cannot slip in without a row.
import { ACTOR_KEYS, API_ACTOR_KEYS, expect, test } from "./security/actors";
import { SecurityDb } from "./security/db";
import { builtActions, discover } from "./security/discover";
import { actionOutcome, callAction, get, handlerOutcome, pageOutcome, send, type Answer } from "./security/http";
import { forbiddenStrings, loadContext } from "./security/records";
import { ACTIONS, API_ROUTES, apiExpectation, DENIALS, HANDLERS, PAGES, segmentValues } from "./security/route-inventory";
import { prepareUndo } from "./security/undo";

test.describe.configure({ mode: "serial" });

let db: SecurityDb;
test.beforeAll(async () => {
  db = await SecurityDb.connect();
});
test.afterAll(async () => {
  await db?.close();
});

function difference(a: Iterable<string>, b: Iterable<string>): string[] {
  const other = new Set(b);
  return [...new Set(a)].filter((x) => !other.has(x)).sort();
}


/** Audit rows a refusal itself may write: security events, never a record of the work refused. */
const SECURITY_EVENTS = new Set([
  "access.refused",
  "account.password_change_failed",
  "auth.sign_in_failed",
  "auth.lockout",
  // An invitation or reset link that cannot be used (decision 034).
  "auth.account_link_refused",
  "auth.password_reset_throttled",
]);

test("the routes, route handlers and server actions on disk are exactly those of the declared table", () => {
  const disk = discover();
  const built = builtActions();
  const declaredPages = PAGES.map((p) => p.path);
  const declaredHandlers = HANDLERS.map((h) => `${h.method} ${h.path}`);
  const declaredActions = ACTIONS.map((a) => `${a.file}#${a.name}`);
  const diskActions = disk.actions.map((a) => `${a.file}#${a.name}`);
  const builtNames = built.map((a) => `${a.file}#${a.name}`);
  const problems = [
    ...difference(disk.pages, declaredPages).map((p) => `page on disk, not in the table: ${p}`),
    ...difference(declaredPages, disk.pages).map((p) => `page in the table, not on disk: ${p}`),
    ...difference(disk.handlers, declaredHandlers).map((h) => `route handler on disk, not in the table: ${h}`),
    ...difference(declaredHandlers, disk.handlers).map((h) => `route handler in the table, not on disk: ${h}`),
    ...difference(diskActions, declaredActions).map((a) => `server action on disk, not in the table: ${a}`),
    ...difference(declaredActions, diskActions).map((a) => `server action in the table, not on disk: ${a}`),
    // Inline "use server" functions in components show up only in the build.
    ...difference(builtNames, declaredActions).map((a) => `server action in the build, not in the table: ${a}`),
    ...difference(declaredActions, builtNames).map((a) => `server action in the table has no id in the build (unused or stale build): ${a}`),
    ...declaredPages.filter((p, i) => declaredPages.indexOf(p) !== i).map((p) => `page listed twice: ${p}`),
  ];
  console.log(
    `route inventory: ${disk.pages.length} pages, ${disk.handlers.length} route-handler methods, ${disk.actions.length} server actions on disk, ${built.length} action ids in the build; ${problems.length} differences from the table`,
  );
  expect(problems, problems.join("\n")).toEqual([]);
});

test("every route and server action answers every actor as the table declares, and refusals change nothing", async ({ actors }) => {
  test.setTimeout(300_000);
  const ctx = await loadContext(db);
  const built = new Map(builtActions().map((a) => [`${a.file}#${a.name}`, a]));
  let cells = 0;
  let unexpected2xx = 0;
  const mismatches: string[] = [];
  const problems: string[] = [];

  /** Records one cell: compares, counts an unexpected success, and looks for data the actor must not get. */
  const check = (label: string, actor: (typeof ACTOR_KEYS)[number], expected: string, actual: string, answer: Answer) => {
    cells++;
    const succeeded = actual === "ok" || /^2\d\d$/.test(actual);
    if (DENIALS.has(expected) && succeeded) unexpected2xx++;
    if (actual !== expected) mismatches.push(`${label} as ${actor}: expected ${expected}, got ${actual}`);
    const leaked = forbiddenStrings(actor).filter((s) => answer.body.includes(s));
    if (leaked.length > 0) problems.push(`${label} as ${actor}: the answer contains ${leaked.map((s) => JSON.stringify(s)).join(", ")}`);
  };

  // Pages and route handlers: reads. A refused read writes no audit row but the security event
  // that records it (`access.refused` with the record's id, decision 023); no read changes data.
  const onlySecurityEvents = async (since: number) => (await db.latestAuditActions((await db.auditCount()) - since)).every((a) => SECURITY_EVENTS.has(a));
  const reads = [
    ...PAGES.flatMap((row) => row.cases.map((c) => ({ kind: "page", method: "GET", label: `page ${row.path}`, c }))),
    ...HANDLERS.flatMap((row) => row.cases.map((c) => ({ kind: "handler", method: row.method, label: `${row.method} ${row.path}`, c }))),
  ];
  for (const { kind, method, label, c } of reads) {
    const url = c.url(ctx);
    const before = await db.fingerprint();
    for (const actor of ACTOR_KEYS) {
      const audit = await db.auditCount();
      const answer = method === "GET" ? await get(actors.as[actor], url) : await send(actors.as[actor], method, url, { headers: { Origin: actors.baseURL } });
      const actual = kind === "page" ? pageOutcome(answer) : handlerOutcome(answer);
      check(`${label} [${c.target}]`, actor, c.expect[actor], actual, answer);
      if (DENIALS.has(c.expect[actor]) && !(await onlySecurityEvents(audit))) problems.push(`${label} [${c.target}] as ${actor}: a refused request wrote an audit row`);
    }
    const changed = SecurityDb.changed(before, await db.fingerprint());
    if (changed.length > 0) problems.push(`${label} [${c.target}]: a GET changed ${changed.join(", ")}`);
  }

  // Server actions: every cell is checked for changed rows; an allowed write is undone first.
  for (const row of ACTIONS) {
    const action = built.get(`${row.file}#${row.name}`);
    if (!action) {
      problems.push(`action ${row.name}: no id in the build`);
      continue;
    }
    for (const c of row.cases) {
      const values = segmentValues(ctx, c.target);
      const pageUrl = action.pages[0]!.replace(/\[(\w+)\]/g, (_, name: string) => values[name] ?? name);
      for (const actor of ACTOR_KEYS) {
        const expected = c.expect[actor];
        const allowed = !DENIALS.has(expected);
        const input = allowed && c.allowedInput ? c.allowedInput(ctx) : c.input(ctx);
        const before = await db.fingerprint();
        const audit = await db.auditCount();
        const undo = allowed ? await prepareUndo(db, c, ctx) : null;
        const answer = await callAction(actors.as[actor], { id: action.id, page: pageUrl, origin: actors.baseURL, args: [input] });
        await db.forgiveFailedPasswords();
        const actual = actionOutcome(answer);
        const label = `action ${row.name} [${c.target}]`;
        await undo?.undo(answer.result?.ok ? (answer.result.data as Record<string, unknown>) : undefined);
        check(label, actor, expected, actual, answer);
        const changed = SecurityDb.changed(before, await db.fingerprint());
        if (changed.length > 0) problems.push(`${label} as ${actor} (${actual}): rows changed in ${changed.join(", ")}`);
        if (!allowed && !(await onlySecurityEvents(audit))) problems.push(`${label} as ${actor}: a refused call wrote an audit row`);
      }
    }
  }

  console.log(`authorization matrix: ${cells} cells checked, ${unexpected2xx} unexpected 2xx (must be 0), ${mismatches.length} mismatches`);
  for (const line of [...mismatches, ...problems]) console.log(`  ${line}`);
  expect(unexpected2xx).toBe(0);
  expect(mismatches, mismatches.join("\n")).toEqual([]);
  expect(problems, problems.join("\n")).toEqual([]);
});

// ---- API clients (issue 17, ADR 047): the API client as an actor, with each scope.
test("every route handler, page and server action answers API clients' bearer tokens as the table declares", async ({ actors }) => {
  test.setTimeout(300_000);
  const ctx = await loadContext(db);
  const built = new Map(builtActions().map((a) => [`${a.file}#${a.name}`, a]));
  // What an API client's request may write to the audit log even when refused: its own request
  // (api.request names the client and the answer), a revoked token's use, a record outside its reach.
  const API_EVENTS = new Set([...SECURITY_EVENTS, "api.request", "api.token_refused"]);
  const onlyApiEvents = async (since: number) => (await db.latestAuditActions((await db.auditCount()) - since)).every((a) => API_EVENTS.has(a));
  let cells = 0;
  let unexpected2xx = 0;
  const mismatches: string[] = [];
  const problems: string[] = [];
  const check = (label: string, actor: string, expected: string, actual: string) => {
    cells++;
    if (DENIALS.has(expected) && (actual === "ok" || /^2\d\d$/.test(actual))) unexpected2xx++;
    if (actual !== expected) mismatches.push(`${label} as ${actor}: expected ${expected}, got ${actual}`);
  };

  // Every declared API route is a real route handler of the table.
  for (const key of Object.keys(API_ROUTES)) if (!HANDLERS.some((h) => `${h.method} ${h.path}` === key)) problems.push(`API route not in HANDLERS: ${key}`);

  for (const row of HANDLERS) {
    for (const c of row.cases) {
      const url = c.url(ctx);
      const before = await db.fingerprint();
      for (const actor of API_ACTOR_KEYS) {
        const expected = apiExpectation(row.method, row.path, c, actor);
        const audit = await db.auditCount();
        const answer = row.method === "GET" ? await get(actors.api[actor], url) : await send(actors.api[actor], row.method, url, { headers: { Origin: actors.baseURL } });
        const actual = handlerOutcome(answer);
        check(`${row.method} ${row.path} [${c.target}]`, actor, expected, actual);
        if (actual === "401" && !/^Bearer error="invalid_token"$/.test(answer.wwwAuthenticate ?? "") && !row.path.startsWith("/api/auth/")) {
          problems.push(`${row.method} ${row.path} [${c.target}] as ${actor}: 401 without WWW-Authenticate: Bearer error="invalid_token"`);
        }
        if (actual === "403" && !/^Bearer error="insufficient_scope"/.test(answer.wwwAuthenticate ?? "")) {
          problems.push(`${row.method} ${row.path} [${c.target}] as ${actor}: 403 without insufficient_scope`);
        }
        if (DENIALS.has(expected) && !(await onlyApiEvents(audit))) problems.push(`${row.method} ${row.path} [${c.target}] as ${actor}: a refused request wrote an audit row`);
      }
      const changed = SecurityDb.changed(before, await db.fingerprint());
      if (changed.length > 0) problems.push(`${row.method} ${row.path} [${c.target}]: an API request changed ${changed.join(", ")}`);
    }
  }

  // Pages: a bearer token makes the request an anonymous one (no session, even with a cookie).
  for (const row of PAGES) {
    for (const c of row.cases) {
      for (const actor of ["apiAllScopes", "samWithRevokedToken"] as const) {
        check(`page ${row.path} [${c.target}]`, actor, c.expect.anonymous, pageOutcome(await get(actors.api[actor], c.url(ctx))));
      }
    }
  }

  // Server actions: refused as for an anonymous caller; only the rows anonymous callers are refused.
  for (const row of ACTIONS) {
    const action = built.get(`${row.file}#${row.name}`);
    if (!action) continue;
    for (const c of row.cases) {
      if (!DENIALS.has(c.expect.anonymous)) continue;
      const values = segmentValues(ctx, c.target);
      const pageUrl = action.pages[0]!.replace(/\[(\w+)\]/g, (_, name: string) => values[name] ?? name);
      for (const actor of ["apiAllScopes", "samWithRevokedToken"] as const) {
        const before = await db.fingerprint();
        const answer = await callAction(actors.api[actor], { id: action.id, page: pageUrl, origin: actors.baseURL, args: [c.input(ctx)] });
        check(`action ${row.name} [${c.target}]`, actor, c.expect.anonymous, actionOutcome(answer));
        const changed = SecurityDb.changed(before, await db.fingerprint());
        if (changed.length > 0) problems.push(`action ${row.name} [${c.target}] as ${actor}: rows changed in ${changed.join(", ")}`);
      }
    }
  }

  console.log(`authorization matrix, API clients: ${cells} cells checked, ${unexpected2xx} unexpected 2xx (must be 0), ${mismatches.length} mismatches`);
  for (const line of [...mismatches, ...problems]) console.log(`  ${line}`);
  expect(unexpected2xx).toBe(0);
  expect(mismatches, mismatches.join("\n")).toEqual([]);
  expect(problems, problems.join("\n")).toEqual([]);
});
