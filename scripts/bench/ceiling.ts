// The benchmark's ceiling (`tsx scripts/bench/ceiling.ts`, PORT, DATABASE_URL, NEXTAUTH_SECRET):
// a bare node:http + pg server answering the benchmarked requests with the same SQL the app sends
// for them — the session check getActor() does, the care-team scope, the reads, the audit INSERT,
// each in a transaction where the app has one, built by the app's own statement builders
// (lib/db/statements, decision 054) — and the same data as JSON, without Next.js, React or Prisma. What the app could reach at best doing the same database work; see
// docs/decisions/017-benchmark-and-ceiling.md for how the statements were derived and checked.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { actorOf, type Actor } from "./ceiling/actor";
import { db } from "./ceiling/db";
import { NotFound } from "./ceiling/db";
import { overviewPage } from "./ceiling/overview";
import { planApi } from "./ceiling/plan";
import { Invalid, logHomeActivity, todayPage } from "./ceiling/portal";
import { rosterPage } from "./ceiling/roster";

function send(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(json), "Cache-Control": "no-store" });
  response.end(json);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function requireRole(actor: Actor | null, role: Actor["role"]): Actor {
  if (!actor || actor.secondFactorPending || actor.mustChangePassword) throw new Unauthenticated();
  if (actor.role !== role) throw new NotFound();
  return actor;
}

class Unauthenticated extends Error {}

async function route(request: IncomingMessage): Promise<[number, unknown]> {
  const url = new URL(request.url ?? "/", "http://ceiling");
  const path = url.pathname;
  if (path === "/health") return [200, { ok: true }];
  const actor = await actorOf(request);
  if (request.method === "GET" && path === "/clinic") return [200, await rosterPage(requireRole(actor, "CLINICIAN"), url.searchParams)];
  const patient = /^\/clinic\/patients\/([a-z0-9]{25})$/.exec(path);
  if (request.method === "GET" && patient) return [200, await overviewPage(requireRole(actor, "CLINICIAN"), patient[1]!)];
  const plan = /^\/api\/v1\/plans\/([a-z0-9]{25})$/.exec(path);
  if (request.method === "GET" && plan) return [200, await planApi(requireRole(actor, "CLINICIAN"), plan[1]!)];
  if (path === "/my" && request.method === "GET") return [200, await todayPage(requireRole(actor, "PATIENT"), url.searchParams.get("day") ?? undefined)];
  if (path === "/my" && request.method === "POST") {
    // A server action: its arguments as a JSON array. Its answer is the result only: the action
    // does not revalidate /my, so Next.js renders no page into it (decision 052).
    const [input] = JSON.parse(await readBody(request)) as unknown[];
    return [200, { ok: true, data: await logHomeActivity(requireRole(actor, "PATIENT"), input) }];
  }
  return [404, { error: "Not found" }];
}

const server = createServer((request, response) => {
  route(request).then(
    ([status, body]) => send(response, status, body),
    (error: unknown) => {
      if (error instanceof Unauthenticated) return send(response, 401, { error: "Please sign in" });
      if (error instanceof NotFound) return send(response, 404, { error: "Not found" });
      if (error instanceof Invalid) return send(response, 200, { ok: false, code: "VALIDATION" });
      console.error(`[ceiling] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      send(response, 500, { error: "Internal" });
    },
  );
});
// Like Next.js's server: keep-alive connections stay open between requests.
server.keepAliveTimeout = 5_000;
const port = Number(process.env.PORT ?? 3191);
server.listen(port, "127.0.0.1", () => console.log(`[ceiling] listening on http://127.0.0.1:${port}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    void db()
      .end()
      .finally(() => process.exit(0));
  });
}
