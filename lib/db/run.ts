import "server-only";
import { Prisma } from "./generated/client";
import type { Tx } from "./index";
import type { Statement } from "./statements/define";
import type { Sql } from "./statements/sql";

// The app's runner of the statements in lib/db/statements: their text as built, sent through
// Prisma's raw API (the ceiling sends the same text through `pg`; decision 054). The row type
// comes with the statement.

/** A transaction's client or the app's client itself. */
type Client = Pick<Tx, "$queryRawUnsafe" | "$executeRawUnsafe">;

export function queryRows<Row>(client: Client, statement: Statement<Row>): Promise<Row[]> {
  return client.$queryRawUnsafe<Row[]>(statement.text, ...statement.values);
}

export async function queryFirst<Row>(client: Client, statement: Statement<Row>): Promise<Row | undefined> {
  return (await queryRows(client, statement))[0];
}

/** A statement without rows (an INSERT): the number of rows it touched. */
export function execute(client: Client, statement: Statement<unknown>): Promise<number> {
  return client.$executeRawUnsafe(statement.text, ...statement.values);
}

/** A piece of statement SQL inside a Prisma.sql template (the scope condition, the activity columns in other reads). */
export const toPrismaSql = (piece: Sql): Prisma.Sql => new Prisma.Sql(piece.strings, piece.values);
