import "server-only";
import pg from "pg";
import { poolOf } from "./client";
import { Prisma } from "./generated/client";
import type { Tx } from "./index";
import type { Statement } from "./statements/define";
import { DATE_OID, parseUtcDate, parseUtcTimestamp, TIMESTAMP_OID } from "./statements/presentation";
import type { Sql } from "./statements/sql";

// The app's runner of the statements in lib/db/statements: their text as built, the row type
// with the statement (decision 054). On the app's client the text goes straight to the pg pool
// Prisma itself uses, skipping Prisma's per-statement work (decision 055: ~0.3 ms of CPU per
// statement); in a transaction it goes through Prisma's raw API on the transaction's connection.
// Either way the values come back as Prisma presents them, so callers cannot tell the two apart.

/** A transaction's client or the app's client itself. */
type Client = Pick<Tx, "$queryRawUnsafe" | "$executeRawUnsafe">;

// Prisma's presentation of raw results (its adapter for pg, then its client): timestamp(3)
// columns hold UTC wall-clock times, dates are UTC midnight, int8 is a bigint and numeric a
// Decimal. pg's own defaults cover the rest alike (text, numbers, booleans, json, timestamptz,
// text arrays). Column types whose pg default differs and that no statement returns are refused
// rather than presented differently.
const PARSERS: Record<number, (value: string) => unknown> = {
  [TIMESTAMP_OID]: parseUtcTimestamp,
  [DATE_OID]: parseUtcDate,
  20: (value) => BigInt(value),
  1700: (value) => new Prisma.Decimal(value),
};
const REFUSED = new Set([1083, 1266, 1115, 1182, 1016, 1231, 1183, 1270]); // time, timetz and arrays of the above
const types = {
  getTypeParser(oid: number, format?: string) {
    if (REFUSED.has(oid)) throw new Error(`lib/db/run.ts: column type ${oid} is not presented as Prisma would; add its parser.`);
    return PARSERS[oid] ?? (pg.types.getTypeParser as (oid: number, format?: string) => unknown)(oid, format);
  },
} as unknown as pg.CustomTypesConfig;

async function direct(pool: pg.Pool, statement: Statement<unknown>): Promise<pg.QueryResult> {
  return pool.query({ text: statement.text, values: statement.values as unknown[], types });
}

export async function queryRows<Row>(client: Client, statement: Statement<Row>): Promise<Row[]> {
  const pool = poolOf(client);
  if (pool) return (await direct(pool, statement)).rows as Row[];
  return client.$queryRawUnsafe<Row[]>(statement.text, ...statement.values);
}

export async function queryFirst<Row>(client: Client, statement: Statement<Row>): Promise<Row | undefined> {
  return (await queryRows(client, statement))[0];
}

/** A statement without rows (an INSERT): the number of rows it touched. */
export async function execute(client: Client, statement: Statement<unknown>): Promise<number> {
  const pool = poolOf(client);
  if (pool) return (await direct(pool, statement)).rowCount ?? 0;
  return client.$executeRawUnsafe(statement.text, ...statement.values);
}

/** A piece of statement SQL inside a Prisma.sql template (the scope condition, the activity columns in other reads). */
export const toPrismaSql = (piece: Sql): Prisma.Sql => new Prisma.Sql(piece.strings, piece.values);
