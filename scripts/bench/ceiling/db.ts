// The ceiling's database access: plain `pg`, one pool of the app's size (DB_POOL_SIZE, default 10,
// as lib/db/client.ts), values typed the way Prisma's adapter presents them (timestamps and dates
// as UTC Dates), and a transaction helper that sends BEGIN … COMMIT as Prisma's $transaction does.
// The statements themselves are the app's (lib/db/statements, decision 054): the same builders,
// so the same text, sent here through `pg`.
import pg from "pg";
import { newId } from "../../../lib/db/new-id";
import { insertAuditEvent } from "../../../lib/db/statements/audit";
import type { Statement } from "../../../lib/db/statements/define";
import { DATE_OID, parseUtcDate, parseUtcTimestamp, TIMESTAMP_OID } from "../../../lib/db/statements/presentation";

/** A request for a record the actor may not see (or that does not exist): 404, as the app answers. */
export class NotFound extends Error {}

// timestamp(3) columns hold UTC wall-clock times (Prisma's convention); dates arrive as UTC midnight.
pg.types.setTypeParser(TIMESTAMP_OID, parseUtcTimestamp);
pg.types.setTypeParser(DATE_OID, parseUtcDate);

/** A transaction's connection or the pool itself (each statement on whichever connection is free). */
export type Client = pg.PoolClient | pg.Pool;

let pool: pg.Pool | null = null;

export function db(): pg.Pool {
  pool ??= new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DB_POOL_SIZE ?? 10),
    connectionTimeoutMillis: 2_000,
    idleTimeoutMillis: 30_000,
  });
  return pool;
}

/** Runs the ceiling on another pool (the statement-text test's recording one); returns the previous one. */
export function usePool(next: pg.Pool | null): pg.Pool | null {
  const previous = pool;
  pool = next;
  return previous;
}

export async function rows<Row>(client: Client, statement: Statement<Row>): Promise<Row[]> {
  return (await client.query(statement.text, statement.values)).rows as Row[];
}

export async function first<Row>(client: Client, statement: Statement<Row>): Promise<Row | undefined> {
  return (await rows(client, statement))[0];
}

/** Reads the app does without a transaction: every statement straight on the pool, as Prisma sends them. */
export function direct<T>(work: (client: Client) => Promise<T>): Promise<T> {
  return work(db());
}

export async function transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db().connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export type AuditActor = { userId: string; role: string; clinicId: string; origin: string };

/** lib/audit/record-audit-event.ts for a signed-in user: one AuditEvent row in the caller's transaction. */
export async function audit(
  client: Client,
  actor: AuditActor,
  event: { action: string; entityType: string; entityId?: string | null; patientId?: string | null },
): Promise<void> {
  await rows(
    client,
    insertAuditEvent({
      id: newId(),
      clinicId: actor.clinicId,
      actorId: actor.userId,
      actorRole: actor.role,
      apiClientId: null,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId ?? null,
      patientId: event.patientId ?? null,
      origin: actor.origin.slice(0, 100),
      at: new Date(),
      detail: null,
    }),
  );
}
