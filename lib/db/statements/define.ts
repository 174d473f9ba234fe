// Each hot statement declares its row type once, next to its SQL: `defineQuery<Row, Params>`
// carries the row type with the builder, and both runners (lib/db/run.ts for the app,
// scripts/bench/ceiling/db.ts for the ceiling) take it from there instead of a type written
// beside each call. Prisma's TypedSQL would infer the types, but in 6.19 `prisma generate --sql`
// needs the native schema engine and a live database, and it cannot express the optional parts
// of these statements (docs/decisions/054-one-source-for-the-sql.md).
import type { Sql, SqlValue } from "./sql";

/** A statement ready to send: its text with $n placeholders, its values, and (as a type only) its row. */
export type Statement<Row> = { readonly name: string; readonly text: string; readonly values: SqlValue[]; readonly row?: Row };

export type Query<Row, Params> = ((params: Params) => Statement<Row>) & { readonly queryName: string };

/** The row type of a query defined with defineQuery. */
export type RowOf<Q> = Q extends Query<infer Row, never> ? Row : never;

export function defineQuery<Row, Params = void>(name: string, build: (params: Params) => Sql): Query<Row, Params> {
  const query = (params: Params): Statement<Row> => {
    const built = build(params);
    return { name, text: built.text, values: [...built.values] };
  };
  return Object.assign(query, { queryName: name });
}
