// `npm run db:roles -- [--print | --admin-url=URL] [--database=clinic] [--owner=riverside_owner]
//   [--runtime=riverside_app] [--owner-createdb]`
// Sets up the app's two roles on your own PostgreSQL (docs/decisions/021-database-roles.md): the
// owner (owns the database, runs migrations: MIGRATION_DATABASE_URL) and the runtime role (the
// app's DATABASE_URL: rows only, the audit log read-and-append, no DDL, owns nothing).
//   --print           prints the SQL as a psql script to review and run yourself:
//                     psql -v ON_ERROR_STOP=1 -d postgres -f roles.sql   (as a superuser)
//   --admin-url=URL   applies it through URL (a superuser; any database on the server).
// Passwords: DB_OWNER_PASSWORD and DB_RUNTIME_PASSWORD when set; otherwise --admin-url generates
// them for roles it creates and prints them once, and --print leaves them to `\password`.
// Idempotent: run it again after changing names or to repair grants. `--owner-createdb` lets the
// owner create databases (needed for `npm test` on that server and for `prisma migrate dev`).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { OWNER_ROLE, RUNTIME_ROLE, adoptSql, checkName, databaseSql, execute, rolesSql, runtimeGrantsSql } from "./lib/db-roles";

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const database = checkName(option("database") ?? "clinic", "database");
const owner = checkName(option("owner") ?? OWNER_ROLE, "owner role");
const runtime = checkName(option("runtime") ?? RUNTIME_ROLE, "runtime role");
const ownerCreatesDatabases = args.includes("--owner-createdb");

const inDatabase = () => [...adoptSql(database, owner), ...databaseSql(runtime), ...runtimeGrantsSql(owner, runtime)];

function printScript(): void {
  const roles = rolesSql({ owner, runtime, ownerPassword: process.env.DB_OWNER_PASSWORD ?? null, runtimePassword: process.env.DB_RUNTIME_PASSWORD ?? null, ownerCreatesDatabases });
  const lines = [
    `-- Riverside Plans: database roles (docs/decisions/021-database-roles.md). Run as a superuser:`,
    `--   psql -v ON_ERROR_STOP=1 -d postgres -f this-file.sql`,
    `-- Owner ${owner}: owns ${database} and its objects, runs migrations (MIGRATION_DATABASE_URL).`,
    `-- Runtime ${runtime}: the app (DATABASE_URL); rows only, "AuditEvent" SELECT and INSERT only.`,
    "",
    ...roles.map((s) => `${s};`),
    ...(process.env.DB_OWNER_PASSWORD && process.env.DB_RUNTIME_PASSWORD ? [] : [`-- Set the passwords (psql asks for them):`, `\\password ${owner}`, `\\password ${runtime}`]),
    "",
    `SELECT 'CREATE DATABASE ${database} OWNER ${owner}' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '${database}') \\gexec`,
    `\\connect ${database}`,
    "",
    ...inDatabase().map((s) => `${s};`),
    "",
  ];
  process.stdout.write(lines.join("\n"));
}

async function apply(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const generated: Record<string, string> = {};
  try {
    const existing = new Set((await admin.query<{ rolname: string }>("SELECT rolname FROM pg_roles WHERE rolname = ANY ($1)", [[owner, runtime]])).rows.map((r) => r.rolname));
    const password = (role: string, fromEnv: string | undefined) => {
      if (fromEnv) return fromEnv;
      if (existing.has(role)) return null; // keep the one it has
      return (generated[role] = randomBytes(18).toString("base64url"));
    };
    const statements = rolesSql({ owner, runtime, ownerPassword: password(owner, process.env.DB_OWNER_PASSWORD), runtimePassword: password(runtime, process.env.DB_RUNTIME_PASSWORD), ownerCreatesDatabases });
    for (const sql of statements) await admin.query(sql);
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${database} OWNER ${owner}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  await execute(url.toString(), inDatabase());
  console.log(`[db:roles] ${owner} owns ${database}; ${runtime} may read and write its rows (the audit log: read and append only).`);
  for (const [role, secret] of Object.entries(generated)) console.log(`[db:roles] generated password for ${role} (shown once): ${secret}`);
  const host = `${url.hostname}${url.port ? `:${url.port}` : ""}`;
  console.log(`[db:roles] the app:        DATABASE_URL=postgresql://${runtime}:<password>@${host}/${database}`);
  console.log(`[db:roles] migrations:     MIGRATION_DATABASE_URL=postgresql://${owner}:<password>@${host}/${database}`);
}

async function main(): Promise<void> {
  const adminUrl = option("admin-url");
  if (args.includes("--print")) return printScript();
  if (!adminUrl) throw new Error("pass --print (SQL to run yourself) or --admin-url=postgresql://superuser@host/postgres");
  await apply(adminUrl);
}

main().catch((error: unknown) => {
  console.error(`[db:roles] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
