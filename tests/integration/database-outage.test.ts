// What a request gets while the database is away: the errors Prisma and pg really raise for an
// unreachable server, a server starting up or shutting down, and a connection that dies
// mid-transaction are answered 503 UNAVAILABLE (retry), fast; other database errors stay 500.
import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CONNECT_TIMEOUT_MS, createPrismaClient } from "@/lib/db/client";
import { toErrorResponse } from "@/lib/server/map-error";

async function failure(run: () => Promise<unknown>): Promise<{ status: number; code: string; ms: number }> {
  const started = Date.now();
  try {
    await run();
  } catch (error) {
    const { status, body } = toErrorResponse(error);
    return { status, code: body.error.code, ms: Date.now() - started };
  }
  throw new Error("expected the call to fail");
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)));
}

/** A PostgreSQL look-alike that answers every connection with FATAL 57P03, like a server that is starting up or shutting down. */
function cannotConnectNow(message: string): net.Server {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C57P03\0M${message}\0\0`);
  const length = Buffer.alloc(4);
  length.writeInt32BE(fields.length + 4);
  return net.createServer((socket) => socket.once("data", () => socket.end(Buffer.concat([Buffer.from("E"), length, fields]))));
}

describe("database outages", () => {
  const servers: net.Server[] = [];
  beforeAll(() => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
  });
  afterAll(() => {
    for (const s of servers) s.close();
    vi.restoreAllMocks();
  });

  it("answers 503 within the connect timeout when nothing listens on the database port", async () => {
    const closed = net.createServer();
    const port = await listen(closed);
    await new Promise((r) => closed.close(r));
    const db = createPrismaClient(`postgresql://postgres:postgres@127.0.0.1:${port}/clinic`);
    try {
      for (const run of [() => db.user.findFirst(), () => db.$transaction(async (tx) => tx.user.findFirst())]) {
        const result = await failure(run);
        expect(result).toMatchObject({ status: 503, code: "UNAVAILABLE" });
        expect(result.ms).toBeLessThan(CONNECT_TIMEOUT_MS);
      }
    } finally {
      await db.$disconnect();
    }
  });

  it.each(["the database system is starting up", "the database system is shutting down"])("answers 503 when PostgreSQL says “%s” (57P03)", async (message) => {
    const server = cannotConnectNow(message);
    servers.push(server);
    const db = createPrismaClient(`postgresql://postgres:postgres@127.0.0.1:${await listen(server)}/clinic`);
    try {
      expect(await failure(() => db.user.findFirst())).toMatchObject({ status: 503, code: "UNAVAILABLE" });
      expect(await failure(() => db.$transaction(async (tx) => tx.user.findFirst()))).toMatchObject({ status: 503, code: "UNAVAILABLE" });
    } finally {
      await db.$disconnect();
    }
  });

  it("answers 503 when the connection dies mid-transaction, and gives the connection back to the pool", async () => {
    const db = createPrismaClient(process.env.DATABASE_URL, { poolSize: 2 });
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      // Twice the pool: the backend dies inside the callback (Prisma then fails to ROLLBACK) …
      for (let i = 0; i < 2; i++) {
        const result = await failure(() =>
          db.$transaction(async (tx) => {
            await tx.$executeRaw`select pg_terminate_backend(pg_backend_pid())`;
          }),
        );
        expect(result).toMatchObject({ status: 503, code: "UNAVAILABLE" });
      }
      // … or after it, so that COMMIT fails.
      for (let i = 0; i < 2; i++) {
        const result = await failure(() =>
          db.$transaction(async (tx) => {
            const [{ pid }] = await tx.$queryRaw<[{ pid: number }]>`select pg_backend_pid() as pid`;
            await admin.query("select pg_terminate_backend($1, 5000)", [pid]);
          }),
        );
        expect(result).toMatchObject({ status: 503, code: "UNAVAILABLE" });
      }
      // Without the repair the pool now holds two dead connections and this waits for a free one until it times out.
      const started = Date.now();
      expect(await db.$transaction(async (tx) => tx.$queryRaw`select 1 as one`)).toEqual([{ one: 1 }]);
      expect(await db.$queryRaw`select 2 as two`).toEqual([{ two: 2 }]);
      expect(Date.now() - started).toBeLessThan(CONNECT_TIMEOUT_MS);
    } finally {
      await admin.end();
      await db.$disconnect();
    }
  });

  it("keeps a 500 for database errors that are not an outage", async () => {
    const db = createPrismaClient(process.env.DATABASE_URL);
    try {
      expect(await failure(() => db.$queryRawUnsafe("selec 1"))).toMatchObject({ status: 500, code: "INTERNAL" });
      expect(await failure(() => db.$queryRaw`select 1 / 0`)).toMatchObject({ status: 500, code: "INTERNAL" });
    } finally {
      await db.$disconnect();
    }
  });
});
