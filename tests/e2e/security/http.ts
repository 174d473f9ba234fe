// HTTP as the browser speaks it to the app: pages and route handlers, and server actions
// (POST to a page that uses the action, `Next-Action: <id>`, body = the JSON array of arguments,
// answer = a React Flight stream whose root row points at the action's return value).
import type { APIRequestContext, APIResponse } from "@playwright/test";

export type Answer = {
  status: number;
  /** Path of a redirect's Location (no origin), or null. */
  location: string | null;
  body: string;
  contentType: string;
  /** For server actions: the returned ActionResult, when the Flight stream carried one. */
  result: { ok: boolean; code?: string; data?: unknown; message?: string } | null;
  ms: number;
  /** RFC 6750's header on a refused bearer token (ADR 047), or null. */
  wwwAuthenticate?: string | null;
};

/** How long one request may take before it counts as hanging. */
export const REQUEST_TIMEOUT = 20_000;

async function answerOf(response: APIResponse, started: number): Promise<Answer> {
  const headers = response.headers();
  const location = headers.location ? new URL(headers.location, "http://x").pathname + new URL(headers.location, "http://x").search : null;
  const body = await response.text();
  return { status: response.status(), location, body, contentType: headers["content-type"] ?? "", result: null, ms: Date.now() - started, wwwAuthenticate: headers["www-authenticate"] ?? null };
}

export async function get(ctx: APIRequestContext, url: string, headers: Record<string, string> = {}): Promise<Answer> {
  const started = Date.now();
  return answerOf(await ctx.get(url, { headers, maxRedirects: 0, timeout: REQUEST_TIMEOUT }), started);
}

export async function send(
  ctx: APIRequestContext,
  method: string,
  url: string,
  options: { headers?: Record<string, string>; data?: string | Buffer } = {},
): Promise<Answer> {
  const started = Date.now();
  return answerOf(await ctx.fetch(url, { method, headers: options.headers, data: options.data, maxRedirects: 0, timeout: REQUEST_TIMEOUT }), started);
}

/**
 * The action's return value from a Flight response: row 0 is `{"a":"$@<row>",…}` and the named
 * row holds the ActionResult as JSON. Null when the stream has no such row.
 */
export function actionResult(body: string): Answer["result"] {
  const root = /^0:(\{.*\})$/m.exec(body);
  if (!root) return null;
  let ref: unknown;
  try {
    ref = (JSON.parse(root[1]!) as { a?: unknown }).a;
  } catch {
    return null;
  }
  const row = typeof ref === "string" ? /^\$@([0-9a-f]+)$/.exec(ref)?.[1] : undefined;
  if (!row) return null;
  const line = new RegExp(`^${row}:(\\{.*\\})$`, "m").exec(body);
  if (!line) return null;
  try {
    const value = JSON.parse(line[1]!) as Record<string, unknown>;
    return typeof value.ok === "boolean" ? (value as Answer["result"]) : null;
  } catch {
    return null;
  }
}

export type ActionCall = { id: string; page: string; origin: string; args?: unknown[]; rawBody?: string | Buffer; headers?: Record<string, string> };

/** Calls a server action the way React's client does (JSON-encoded arguments, text/plain body). */
export async function callAction(ctx: APIRequestContext, call: ActionCall): Promise<Answer> {
  const started = Date.now();
  const response = await ctx.post(call.page, {
    headers: {
      "Next-Action": call.id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: call.origin,
      ...call.headers,
    },
    data: call.rawBody ?? JSON.stringify(call.args ?? []),
    maxRedirects: 0,
    timeout: REQUEST_TIMEOUT,
  });
  const answer = await answerOf(response, started);
  answer.result = response.status() === 200 ? actionResult(answer.body) : null;
  return answer;
}

/** A redirect to the sign-in page. */
export function toSignIn(a: Answer): boolean {
  return a.status >= 300 && a.status < 400 && (a.location ?? "").startsWith("/sign-in");
}

/**
 * What a page answered: its status, "signin" for a redirect to sign-in, or "redirect:<path>"
 * for any other redirect.
 */
export function pageOutcome(a: Answer): string {
  if (toSignIn(a)) return "signin";
  if (a.status >= 300 && a.status < 400) return `redirect:${(a.location ?? "").split("?")[0]}`;
  return String(a.status);
}

/**
 * What a route handler answered: its status. A redirect to sign-in counts as 401 (a proxy may
 * send anonymous callers there first; either way they are refused).
 */
export function handlerOutcome(a: Answer): string {
  return toSignIn(a) ? "401" : String(a.status);
}

/**
 * What a server action answered: "ok" or the ActionResult's error code. A refusal before the
 * action runs (redirect to sign-in or 401 from a proxy) counts as UNAUTHENTICATED; any other
 * answer without an ActionResult is "http:<status>".
 */
export function actionOutcome(a: Answer): string {
  if (a.result) return a.result.ok ? "ok" : (a.result.code ?? "?");
  if (toSignIn(a) || a.status === 401) return "UNAUTHENTICATED";
  return `http:${a.status}`;
}

/** Stack frames, source paths and driver errors: a client must never see any of these. */
export function stackTraceIn(body: string): string | null {
  const patterns: [string, RegExp][] = [
    ["stack frame", /\n\s+at [^\s]+ \(?[^)\s]*:\d+:\d+\)?/],
    ["stack frame", /\bat (?:async )?[\w$.<>]+ \((?:file:\/\/|\/|node:)[^)]*\)/],
    ["source path", new RegExp(process.cwd().replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))],
    ["source path", /(?:^|[\s"'(])\/(?:app|work|home|root|srv|usr)\/[\w.-]+\/[\w./-]*\.(?:ts|tsx|js|mjs)\b/],
    ["node_modules", /node_modules[\\/]/],
    ["error trace", /\b(?:Type|Reference|Range|Syntax)?Error: [^\n"]*\n\s+at /],
    ["database error", /PrismaClient\w*Error|Invalid `prisma\.|invalid byte sequence for encoding|violates (?:not-null|foreign key|unique) constraint/],
  ];
  for (const [label, re] of patterns) {
    const m = re.exec(body);
    if (m) return `${label}: ${m[0].trim().slice(0, 120)}`;
  }
  return null;
}
