// The ceiling's database access: plain `pg`, one pool of the app's size (DB_POOL_SIZE, default 10,
// as lib/db/client.ts), values typed the way Prisma's adapter presents them (timestamps and dates
// as UTC Dates), and a transaction helper that sends BEGIN … COMMIT as Prisma's $transaction does.
import pg from "pg";
import { newId } from "../../../lib/db/new-id";

// timestamp(3) columns hold UTC wall-clock times (Prisma's convention); dates arrive as UTC midnight.
pg.types.setTypeParser(1114, (value: string) => new Date(`${value.replace(" ", "T")}Z`));
pg.types.setTypeParser(1082, (value: string) => new Date(`${value}T00:00:00.000Z`));

export type Client = pg.PoolClient;

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

export async function rows<T>(client: Client | pg.Pool, text: string, values: unknown[] = []): Promise<T[]> {
  return (await client.query(text, values)).rows as T[];
}

export async function transaction<T>(work: (client: Client) => Promise<T>): Promise<T> {
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

/** lib/audit/record-audit-event.ts: one AuditEvent row in the caller's transaction. */
export async function audit(
  client: Client,
  actor: AuditActor,
  event: { action: string; entityType: string; entityId?: string | null; patientId?: string | null },
): Promise<void> {
  await client.query(
    `INSERT INTO "AuditEvent" ("id", "clinicId", "actorId", "actorRole", "action", "entityType", "entityId", "patientId", "origin", "at")
     VALUES ($1, $2, $3, $4::"Role", $5, $6, $7, $8, $9, $10)
     RETURNING "id", "clinicId", "actorId", "actorRole"::text, "action", "entityType", "entityId", "patientId", "origin", "at"`,
    [newId(), actor.clinicId, actor.userId, actor.role, event.action, event.entityType, event.entityId ?? null, event.patientId ?? null, actor.origin.slice(0, 100), ts(new Date())],
  );
}

const columns = (alias: string, list: string[]) => list.map((c) => `${alias}.${c.startsWith('"') ? c : `"${c}"`}`).join(", ");

/** Every column of PlanActivity, as Prisma selects them for an `include` (enums as text). */
export const activityColumns = (alias: string) =>
  columns(alias, ["id", "clinicId", "planId", "catalogItemId", "nameSnapshot", "instructionsSnapshot", '"kindSnapshot"::text AS "kindSnapshot"', "catalogVersionSnapshot",
    '"setting"::text AS "setting"', '"phase"::text AS "phase"', "position", "durationMin", "sets", "reps", "holdSec", "timesPerDay", "daysPerWeek", '"status"::text AS "status"',
    '"overriddenFlags"::text[] AS "overriddenFlags"', "overrideReason", "overriddenById", "overriddenAt", "createdAt", "updatedAt"]);

/** Every column of TreatmentPlan, as Prisma selects them for a findFirst without `select`. */
export const planColumns = (alias: string) =>
  columns(alias, ["id", "clinicId", "patientId", "clinicianId", "title", "condition", "icd10Code", "goals", '"status"::text AS "status"', "statusReason",
    "startDate", "reviewDate", "endDate", "plannedSessions", "odiRequestedAt", "templateId", "createdById", "version", "createdAt", "updatedAt"]);
