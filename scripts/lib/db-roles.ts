// The two database roles (docs/decisions/021-database-roles.md): an OWNER that owns the database
// and its objects and runs migrations, and a RUNTIME role the app connects as, which owns nothing
// and may only read and write rows — on "AuditEvent" only read and append. The SQL is built here
// once and used three ways: the embedded servers (scripts/with-db.ts, scripts/run-tests.ts, the
// reliability suite, the scale scripts) apply it themselves, `npm run db:roles` applies or prints
// it for an operator's server, and runtimeGrantsSql runs after every migration.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { PgServer } from "./postgres";

export const OWNER_ROLE = "riverside_owner";
export const RUNTIME_ROLE = "riverside_app";

/** The owner's URL (migrations, seeds at scale, test resets) and the runtime role's (the app). */
export type DatabaseUrls = { ownerUrl: string; runtimeUrl: string };

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Role and database names go into SQL unquoted-safe only: lower-case letters, digits, underscores. */
export function checkName(name: string, what: string): string {
  if (!NAME.test(name)) throw new Error(`${what} "${name}" must be lower-case letters, digits and underscores`);
  return name;
}

const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

export type RoleOptions = {
  owner: string;
  runtime: string;
  ownerPassword: string | null;
  runtimePassword: string | null;
  /** `prisma migrate dev` and `migrate diff --from-migrations` create a scratch database. */
  ownerCreatesDatabases: boolean;
};

/** Cluster-wide, run by a superuser (or a role with CREATEROLE): both roles, with no special attributes. */
export function rolesSql(o: RoleOptions): string[] {
  const owner = checkName(o.owner, "owner role");
  const runtime = checkName(o.runtime, "runtime role");
  if (owner === runtime) throw new Error("the owner and the runtime role must differ");
  const create = (role: string) =>
    `DO $$ BEGIN CREATE ROLE ${role}; EXCEPTION WHEN duplicate_object THEN NULL; END $$`;
  const password = (p: string | null) => (p === null ? "" : ` PASSWORD ${literal(p)}`);
  return [
    create(owner),
    create(runtime),
    `ALTER ROLE ${owner} LOGIN NOSUPERUSER ${o.ownerCreatesDatabases ? "CREATEDB" : "NOCREATEDB"} NOCREATEROLE NOREPLICATION NOBYPASSRLS${password(o.ownerPassword)}`,
    `ALTER ROLE ${runtime} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT${password(o.runtimePassword)}`,
    // Membership in the owner would hand the runtime role the owner's rights.
    `DO $$ BEGIN IF pg_has_role(${literal(runtime)}, ${literal(owner)}, 'MEMBER') THEN REVOKE ${owner} FROM ${runtime}; END IF; END $$`,
  ];
}

/**
 * Hands an existing database and everything in its public schema to the owner (a database first
 * migrated by the superuser, as the embedded default did before ADR 021). Run as a superuser,
 * connected to that database.
 */
export function adoptSql(database: string, owner: string): string[] {
  checkName(database, "database");
  checkName(owner, "owner role");
  return [
    `ALTER DATABASE ${database} OWNER TO ${owner}`,
    `ALTER SCHEMA public OWNER TO ${owner}`,
    `DO $$
DECLARE
  target regrole := ${literal(owner)}::regrole;
  r record;
BEGIN
  FOR r IN SELECT c.oid::regclass AS name FROM pg_class c
           WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relowner <> target LOOP
    EXECUTE format('ALTER TABLE %s OWNER TO %I', r.name, ${literal(owner)});
  END LOOP;
  FOR r IN SELECT c.oid::regclass AS name FROM pg_class c
           WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S' AND c.relowner <> target
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')) LOOP
    EXECUTE format('ALTER SEQUENCE %s OWNER TO %I', r.name, ${literal(owner)});
  END LOOP;
  FOR r IN SELECT t.oid::regtype AS name FROM pg_type t
           WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'c') AND t.typowner <> target
             AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c') LOOP
    EXECUTE format('ALTER TYPE %s OWNER TO %I', r.name, ${literal(owner)});
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p
           WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> target LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO %I', r.name, ${literal(owner)});
  END LOOP;
END $$`,
  ];
}

/**
 * Who may connect to the database it is run in: the runtime role, CONNECT only (no TEMPORARY:
 * temporary tables are DDL too); PUBLIC nothing. Run by the database's owner or a superuser when
 * the database is set up, not after every migration (other roles an operator keeps are theirs).
 */
export function databaseSql(runtime: string): string[] {
  checkName(runtime, "runtime role");
  return [
    `DO $$ BEGIN
  EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('REVOKE ALL ON DATABASE %I FROM %I', current_database(), ${literal(runtime)});
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), ${literal(runtime)});
END $$`,
  ];
}

/**
 * What the runtime role may do in the database it is connected to. Run by the owner (or a
 * superuser) after every migration; idempotent. Default privileges cover tables that later
 * migrations create; the explicit grants cover the ones that exist; the audit log and Prisma's
 * migration table are then narrowed again, so no grant ever widens them.
 */
export function runtimeGrantsSql(owner: string, runtime: string): string[] {
  checkName(owner, "owner role");
  checkName(runtime, "runtime role");
  return [
    `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
    `REVOKE ALL ON SCHEMA public FROM ${runtime}`,
    `GRANT USAGE ON SCHEMA public TO ${runtime}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${runtime}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${runtime}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${runtime}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${runtime}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${runtime}`,
    `DO $$ BEGIN
  IF to_regclass('public."AuditEvent"') IS NOT NULL THEN
    REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "AuditEvent" FROM ${runtime};
  END IF;
  IF to_regclass('public._prisma_migrations') IS NOT NULL THEN
    REVOKE ALL ON _prisma_migrations FROM ${runtime};
  END IF;
END $$`,
    // The job queue's schema (decision 032): the app reads and writes jobs, never changes the schema.
    `DO $$ BEGIN
  IF to_regnamespace('pgboss') IS NOT NULL THEN
    REVOKE ALL ON SCHEMA pgboss FROM ${runtime};
    GRANT USAGE ON SCHEMA pgboss TO ${runtime};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO ${runtime};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA pgboss TO ${runtime};
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgboss TO ${runtime};
  END IF;
END $$`,
  ];
}

/** Runs statements in one transaction on a fresh connection: a running app never sees a half-applied set. */
export async function execute(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    for (const sql of statements) await client.query(sql);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** Local passwords of the embedded servers' roles: generated once, kept in .data/ (mode 600). */
function embeddedPasswords(): { owner: string; runtime: string } {
  const file = path.resolve(".data", "db-role-passwords.json");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const fresh = { owner: randomBytes(18).toString("base64url"), runtime: randomBytes(18).toString("base64url") };
    try {
      writeFileSync(file, JSON.stringify(fresh) + "\n", { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error; // another process wrote it first
    }
  }
  return JSON.parse(readFileSync(file, "utf8")) as { owner: string; runtime: string };
}

function withCredentials(server: PgServer, database: string, user: string, password: string): string {
  const url = new URL(server.adminUrl);
  url.username = user;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * On an embedded server (connected as its superuser): both roles with their local passwords, and
 * the database, created when missing, owned by the owner with everything in it. Migrate with
 * `migrate(urls)` (scripts/lib/prepare.ts) afterwards; it applies the runtime grants.
 */
export async function ensureAppDatabase(server: PgServer, database: string): Promise<DatabaseUrls> {
  if (!server.embedded) throw new Error("ensureAppDatabase manages embedded servers only");
  checkName(database, "database");
  const passwords = embeddedPasswords();
  const admin = new pg.Client({ connectionString: server.adminUrl.toString() });
  await admin.connect();
  try {
    for (const sql of rolesSql({ owner: OWNER_ROLE, runtime: RUNTIME_ROLE, ownerPassword: passwords.owner, runtimePassword: passwords.runtime, ownerCreatesDatabases: true })) {
      await admin.query(sql);
    }
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${database} OWNER ${OWNER_ROLE}`);
  } finally {
    await admin.end();
  }
  const superuserUrl = new URL(server.adminUrl);
  superuserUrl.pathname = `/${database}`;
  // Every time, not only for a new database: a no-op once everything is the owner's.
  await execute(superuserUrl.toString(), [...adoptSql(database, OWNER_ROLE), ...databaseSql(RUNTIME_ROLE)]);
  return {
    ownerUrl: withCredentials(server, database, OWNER_ROLE, passwords.owner),
    runtimeUrl: withCredentials(server, database, RUNTIME_ROLE, passwords.runtime),
  };
}

/**
 * The URLs for an external server (DATABASE_URL set): MIGRATION_DATABASE_URL is the owner's;
 * without it both are DATABASE_URL and the app runs with the owner's rights, which is said.
 */
export function externalUrls(log: (line: string) => void = (line) => console.warn(line)): DatabaseUrls {
  const runtimeUrl = process.env.DATABASE_URL;
  if (!runtimeUrl) throw new Error("DATABASE_URL is not set");
  const ownerUrl = process.env.MIGRATION_DATABASE_URL;
  if (!ownerUrl) {
    log("[db] warning: MIGRATION_DATABASE_URL is not set, so migrations and the app share DATABASE_URL: the app runs with the rights of the role that owns the schema (it could change or empty the audit log). See README, \"Using your own PostgreSQL\".");
    return { ownerUrl: runtimeUrl, runtimeUrl };
  }
  return { ownerUrl, runtimeUrl };
}

/** The same URLs pointing at another database on the same server (the test databases). */
export function onDatabase(urls: DatabaseUrls, database: string): DatabaseUrls {
  const swap = (value: string) => {
    const url = new URL(value);
    url.pathname = `/${database}`;
    return url.toString();
  };
  return { ownerUrl: swap(urls.ownerUrl), runtimeUrl: swap(urls.runtimeUrl) };
}

/** The role a URL logs in as (decoded). */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}
