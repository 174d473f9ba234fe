// Records every statement the app sends to PostgreSQL, at the pg level: a Prisma client built like
// the app's (lib/db/client.ts, PrismaPg over a pg pool) whose pool creates pg clients that note
// each query's text and parameters before sending it. Installed as the app's singleton (lib/db's
// `db()`), so domain functions run unchanged; the factories keep their own client (testDb()),
// whose setup queries are never counted. BEGIN/COMMIT/ROLLBACK are counted apart from statements.
import pg from "pg";
import { createPrismaClient, type Db } from "../../lib/db/client";

export type RecordedQuery = { sql: string; values: unknown[] };
export type Recording = {
  /** Data statements (SELECT, INSERT, UPDATE, DELETE, WITH …), in the order sent. */
  statements: RecordedQuery[];
  /** Transaction control: BEGIN, COMMIT, ROLLBACK, SET TRANSACTION, SAVEPOINT. */
  control: string[];
};

const CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|SET\s+TRANSACTION|SAVEPOINT|RELEASE|START\s+TRANSACTION)\b/i;

let active: Recording | null = null;

function note(textOrConfig: unknown, maybeValues: unknown): void {
  if (!active) return;
  const config = typeof textOrConfig === "string" ? { text: textOrConfig } : (textOrConfig as { text?: string; values?: unknown[] } | null);
  const sql = config?.text ?? "";
  const values = Array.isArray(maybeValues) ? maybeValues : (config?.values ?? []);
  if (CONTROL.test(sql)) active.control.push(sql.trim().split(/\s+/)[0]!.toUpperCase());
  else active.statements.push({ sql, values: [...values] });
}

// pg's Pool builds its connections with `new Client(poolOptions)`; this one notes every query.
class RecordingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const send = this.query.bind(this) as (...args: unknown[]) => unknown;
    (this as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      note(args[0], args[1]);
      return send(...args);
    };
  }
}

const holder = globalThis as unknown as { __clinicDb?: Db };

/**
 * Makes the app's `db()` a recording client. Returns a function that puts
 * the previous client back and closes this one.
 */
export function installRecordingDb(connectionString = process.env.DATABASE_URL): () => Promise<void> {
  if (!connectionString) throw new Error("DATABASE_URL is not set");
  const previous = holder.__clinicDb;
  // Built as the app's (createPrismaClient), so that lib/db/run.ts sends its statements straight
  // to this pool as it does in the app (decision 055), and they are recorded all the same.
  const client = createPrismaClient(connectionString, { poolSize: 4, connection: RecordingClient });
  holder.__clinicDb = client;
  return async () => {
    holder.__clinicDb = previous;
    await client.$disconnect();
  };
}

/**
 * A plain pg pool whose connections note every query the same way: for code that talks to
 * PostgreSQL through `pg` itself (the benchmark's ceiling, decision 054). The caller ends it.
 */
export function recordingPool(connectionString = process.env.DATABASE_URL): pg.Pool {
  if (!connectionString) throw new Error("DATABASE_URL is not set");
  return new pg.Pool({ connectionString, max: 4, Client: RecordingClient as unknown as new () => pg.ClientBase });
}

/** Runs `fn` and returns what it sent to the database (only one recording at a time). */
export async function recordQueries<T>(fn: () => Promise<T>): Promise<{ result: T; recording: Recording }> {
  if (active) throw new Error("already recording");
  const recording: Recording = { statements: [], control: [] };
  active = recording;
  try {
    const result = await fn();
    return { result, recording };
  } finally {
    active = null;
  }
}

/** "3 statements + BEGIN/COMMIT" for a one-line figure. */
export function describeCount(r: Recording): string {
  const control = r.control.length ? ` + ${r.control.join("/")}` : "";
  return `${r.statements.length} statement${r.statements.length === 1 ? "" : "s"}${control}`;
}
