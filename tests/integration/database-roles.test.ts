// The app runs as a role that owns nothing and may only read and write rows; on the audit log
// only read and append (docs/decisions/021). Shown by connecting as that role (DATABASE_URL, what
// the app and the other tests use) and as the owner (MIGRATION_DATABASE_URL).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClinic, ownerUrl, truncateAll } from "../fixtures/db";

let runtime: pg.Client;
let owner: pg.Client;
let runtimeRole = "";
let ownerRole = "";

/** The error PostgreSQL answers a statement with (the statement must fail). */
async function refusal(client: pg.Client, sql: string): Promise<{ code: string; message: string }> {
  // A savepoint-free client: each statement is its own transaction, so a refusal leaves no state.
  try {
    await client.query(sql);
  } catch (error) {
    const e = error as { code?: string; message: string };
    return { code: e.code ?? "", message: e.message };
  }
  throw new Error(`accepted: ${sql}`);
}

const PRIVILEGES = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"] as const;

/** The table privileges `role` holds on each table of the public schema, granted or inherited. */
async function tablePrivileges(client: pg.Client, role: string): Promise<Record<string, string[]>> {
  const { rows } = await client.query<{ table: string; privileges: string[] }>(
    `SELECT c.relname AS table,
            array(SELECT p FROM unnest($2::text[]) p WHERE has_table_privilege($1, c.oid, p)) AS privileges
       FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
      ORDER BY c.relname`,
    [role, PRIVILEGES],
  );
  return Object.fromEntries(rows.map((r) => [r.table, r.privileges]));
}

beforeAll(async () => {
  await truncateAll();
  runtime = new pg.Client({ connectionString: process.env.DATABASE_URL });
  owner = new pg.Client({ connectionString: ownerUrl() });
  await runtime.connect();
  await owner.connect();
  runtimeRole = (await runtime.query<{ u: string }>("SELECT current_user AS u")).rows[0]!.u;
  ownerRole = (await owner.query<{ u: string }>("SELECT current_user AS u")).rows[0]!.u;
});

afterAll(async () => {
  await runtime?.end();
  await owner?.end();
});

describe("the app's database role", () => {
  it("is not the owner, holds no role attribute and belongs to no other role", async () => {
    expect(runtimeRole, "DATABASE_URL and MIGRATION_DATABASE_URL must name different roles").not.toBe(ownerRole);
    const { rows } = await runtime.query(
      `SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication,
              (SELECT count(*)::int FROM pg_auth_members m WHERE m.member = r.oid) AS memberships
         FROM pg_roles r WHERE rolname = current_user`,
    );
    expect(rows).toEqual([{ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false, rolreplication: false, memberships: 0 }]);
  });

  it("owns no object: no database, schema, table, sequence, type or function", async () => {
    const { rows } = await owner.query<{ kind: string; name: string }>(
      `SELECT 'database' AS kind, datname::text AS name FROM pg_database WHERE datdba = $1::regrole
       UNION ALL SELECT 'schema', nspname::text FROM pg_namespace WHERE nspowner = $1::regrole
       UNION ALL SELECT 'relation', relname::text FROM pg_class WHERE relowner = $1::regrole
       UNION ALL SELECT 'type', typname::text FROM pg_type WHERE typowner = $1::regrole
       UNION ALL SELECT 'function', proname::text FROM pg_proc WHERE proowner = $1::regrole`,
      [runtimeRole],
    );
    expect(rows).toEqual([]);
    // The check can fail: the owner owns the tables, the schema's functions and the database.
    const owned = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_class WHERE relowner = current_user::regrole AND relname = 'AuditEvent'`);
    expect(owned.rows[0]!.n).toBe(1);
  });

  it("reads and writes every table's rows, but on the audit log only reads and appends, and reaches no migration bookkeeping", async () => {
    const privileges = await tablePrivileges(owner, runtimeRole);
    expect(Object.keys(privileges)).toContain("AuditEvent");
    expect(Object.keys(privileges).length).toBeGreaterThan(10);
    for (const [table, held] of Object.entries(privileges)) {
      const expected = table === "AuditEvent" ? ["SELECT", "INSERT"] : table === "_prisma_migrations" ? [] : ["SELECT", "INSERT", "UPDATE", "DELETE"];
      expect(held, table).toEqual(expected);
    }
  });

  it("is refused UPDATE, DELETE, TRUNCATE and disabling the triggers of the audit log", async () => {
    const clinic = await createClinic();
    await runtime.query(`INSERT INTO "AuditEvent" (id, "clinicId", action, "entityType") VALUES ('roles-test-event', $1, 'test.event', 'Test')`, [clinic.id]);
    expect((await runtime.query(`SELECT action FROM "AuditEvent" WHERE id = 'roles-test-event'`)).rows).toEqual([{ action: "test.event" }]);

    for (const sql of [`UPDATE "AuditEvent" SET action = 'tampered'`, `DELETE FROM "AuditEvent"`, `TRUNCATE "AuditEvent"`]) {
      expect(await refusal(runtime, sql), sql).toMatchObject({ code: "42501", message: 'permission denied for table AuditEvent' });
    }
    for (const sql of [
      `ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_event_append_only`,
      `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`,
      `DROP TRIGGER audit_event_no_truncate ON "AuditEvent"`,
      `DROP TABLE "AuditEvent"`,
    ]) {
      expect(await refusal(runtime, sql), sql).toMatchObject({ code: "42501", message: expect.stringMatching(/^must be owner of (table|relation) AuditEvent$/) });
    }
    expect((await runtime.query(`SELECT count(*)::int AS n FROM "AuditEvent"`)).rows).toEqual([{ n: 1 }]);
  });

  it("is refused DDL and TRUNCATE anywhere", async () => {
    expect(await refusal(runtime, `CREATE TABLE "Sneaky" (id int)`)).toMatchObject({ code: "42501", message: "permission denied for schema public" });
    expect(await refusal(runtime, `CREATE FUNCTION sneaky() RETURNS int LANGUAGE sql AS 'select 1'`)).toMatchObject({ code: "42501", message: "permission denied for schema public" });
    expect(await refusal(runtime, `CREATE TEMP TABLE sneaky (id int)`)).toMatchObject({ code: "42501", message: expect.stringMatching(/permission denied to create temporary tables/) });
    expect(await refusal(runtime, `CREATE SCHEMA sneaky`)).toMatchObject({ code: "42501", message: expect.stringMatching(/permission denied for database/) });
    expect(await refusal(runtime, `TRUNCATE "Patient"`)).toMatchObject({ code: "42501", message: "permission denied for table Patient" });
    expect(await refusal(runtime, `ALTER TABLE "Patient" ADD COLUMN sneaky int`)).toMatchObject({ code: "42501", message: "must be owner of table Patient" });
  });
});

describe("the owner", () => {
  it("is refused TRUNCATE, UPDATE and DELETE of the audit log by its triggers", async () => {
    const clinic = await createClinic();
    await runtime.query(`INSERT INTO "AuditEvent" (id, "clinicId", action, "entityType") VALUES ('roles-owner-event', $1, 'test.event', 'Test')`, [clinic.id]);
    for (const sql of [`TRUNCATE "AuditEvent"`, `TRUNCATE "Clinic" CASCADE`, `UPDATE "AuditEvent" SET action = 'tampered'`, `DELETE FROM "AuditEvent"`]) {
      expect(await refusal(owner, sql), sql).toMatchObject({ code: "42501", message: expect.stringMatching(/^AuditEvent rows are append-only \((TRUNCATE|UPDATE|DELETE) refused\)$/) });
    }
    expect((await owner.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE id = 'roles-owner-event'`)).rows).toEqual([{ n: 1 }]);
  });

  it("creates tables (as a later migration would) that the runtime role may read and write at once, and the audit log stays read-and-append", async () => {
    await owner.query("BEGIN");
    try {
      await owner.query(`CREATE TABLE "FutureTable" (id int PRIMARY KEY, label text)`);
      const privileges = await tablePrivileges(owner, runtimeRole);
      expect(privileges.FutureTable).toEqual(["SELECT", "INSERT", "UPDATE", "DELETE"]);
      expect(privileges.AuditEvent).toEqual(["SELECT", "INSERT"]);
    } finally {
      await owner.query("ROLLBACK");
    }
  });
});
