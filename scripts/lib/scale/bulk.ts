// Bulk loading without per-row constraint work: inside the seeding transaction, the tables'
// foreign keys, primary keys and indexes are dropped while empty and re-created from their exact
// catalog definitions after the load (one sort per index, one join per foreign key, instead of
// millions of row-by-row trigger checks and random index inserts). Everything happens in the
// transaction, so a failure leaves the schema as it was; afterwards the definitions are compared
// with the ones captured before, so a mismatch fails the run.
import type pg from "pg";

type Definition = { table: string; name: string; kind: "f" | "p" | "u" | "i"; sql: string };

async function definitions(db: pg.ClientBase, tables: string[]): Promise<Definition[]> {
  const { rows } = await db.query<Definition>(
    `
    SELECT c.relname AS table, con.conname AS name, con.contype AS kind, pg_get_constraintdef(con.oid) AS sql
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
    WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY ($1) AND con.contype IN ('f', 'p', 'u')
    UNION ALL
    SELECT c.relname, i.relname, 'i', pg_get_indexdef(x.indexrelid)
    FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
    WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY ($1)
      AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = x.indexrelid)
    ORDER BY 1, 2`,
    [tables],
  );
  return rows;
}

const id = (db: pg.ClientBase, name: string) => (db as pg.Client).escapeIdentifier(name);

/** Drops the constraints and indexes of (empty) tables; returns a function that restores them. */
export async function dropConstraints(db: pg.ClientBase, tables: string[]): Promise<() => Promise<number>> {
  const before = await definitions(db, tables);
  const byKind = (kinds: string) => before.filter((d) => kinds.includes(d.kind));
  for (const d of byKind("f")) await db.query(`ALTER TABLE ${id(db, d.table)} DROP CONSTRAINT ${id(db, d.name)}`);
  for (const d of byKind("pu")) await db.query(`ALTER TABLE ${id(db, d.table)} DROP CONSTRAINT ${id(db, d.name)}`);
  for (const d of byKind("i")) await db.query(`DROP INDEX ${id(db, d.name)}`);

  return async () => {
    for (const d of byKind("pu")) await db.query(`ALTER TABLE ${id(db, d.table)} ADD CONSTRAINT ${id(db, d.name)} ${d.sql}`);
    for (const d of byKind("i")) await db.query(d.sql);
    for (const d of byKind("f")) await db.query(`ALTER TABLE ${id(db, d.table)} ADD CONSTRAINT ${id(db, d.name)} ${d.sql}`);
    const after = await definitions(db, tables);
    const key = (list: Definition[]) => JSON.stringify(list.map((d) => [d.table, d.name, d.kind, d.sql]));
    if (key(after) !== key(before)) throw new Error("constraints or indexes differ after the bulk load; rolled back");
    return before.length;
  };
}
