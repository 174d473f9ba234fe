// The ceiling's database access: plain `pg`, one pool of the app's size (DB_POOL_SIZE, default 10,
// as lib/db/client.ts), values typed the way Prisma's adapter presents them (timestamps and dates
// as UTC Dates), and a transaction helper that sends BEGIN … COMMIT as Prisma's $transaction does.
import pg from "pg";
import { newId } from "../../../lib/db/new-id";

// timestamp(3) columns hold UTC wall-clock times (Prisma's convention); dates arrive as UTC midnight.
pg.types.setTypeParser(1114, (value: string) => new Date(`${value.replace(" ", "T")}Z`));
pg.types.setTypeParser(1082, (value: string) => new Date(`${value}T00:00:00.000Z`));

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

/** A Date as the UTC `timestamp(3)` literal Prisma sends for DateTime parameters. */
export const ts = (date: Date) => date.toISOString().replace("T", " ").replace("Z", "");

export async function rows<T>(client: Client, text: string, values: unknown[] = []): Promise<T[]> {
  return (await client.query(text, values)).rows as T[];
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

/** lib/audit/record-audit-event.ts: one AuditEvent row in the caller's transaction (a plain INSERT). */
export async function audit(
  client: Client,
  actor: AuditActor,
  event: { action: string; entityType: string; entityId?: string | null; patientId?: string | null },
): Promise<void> {
  await client.query(
    `INSERT INTO "AuditEvent" ("id", "clinicId", "actorId", "actorRole", "action", "entityType", "entityId", "patientId", "origin", "at")
     VALUES ($1, $2, $3, $4::"Role", $5, $6, $7, $8, $9, ($10::timestamptz AT TIME ZONE 'UTC'))`,
    [newId(), actor.clinicId, actor.userId, actor.role, event.action, event.entityType, event.entityId ?? null, event.patientId ?? null, actor.origin.slice(0, 100), new Date().toISOString()],
  );
}

/** lib/domain/plans/activity-rows.ts: the activity columns a DTO is made of. */
export const ACTIVITY_ROW_COLUMNS = `a."id", a."nameSnapshot", a."instructionsSnapshot", a."kindSnapshot"::text AS "kindSnapshot",
  a."setting"::text AS "setting", a."phase"::text AS "phase", a."status"::text AS "status", a."durationMin", a."sets", a."reps",
  a."holdSec", a."timesPerDay", a."daysPerWeek", a."overriddenFlags"::text[] AS "overriddenFlags", a."overrideReason"`;
