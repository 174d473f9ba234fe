// Migrates a database as its owner, grants the runtime role its rights (docs/decisions/021) and,
// when asked, seeds the demo clinic as the runtime role.
import { spawn } from "node:child_process";
import path from "node:path";
import { execute, roleOf, runtimeGrantsSql, type DatabaseUrls } from "./db-roles";

const bin = (name: string) => path.resolve(process.cwd(), "node_modules", ".bin", name);

export function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** The environment for a command that gets both URLs: the app's DATABASE_URL and the owner's for migrations. */
export function databaseEnv(urls: DatabaseUrls): { DATABASE_URL: string; MIGRATION_DATABASE_URL: string } {
  return { DATABASE_URL: urls.runtimeUrl, MIGRATION_DATABASE_URL: urls.ownerUrl };
}

/**
 * `prisma migrate deploy` as the owner, then the runtime role's grants (when it is another role):
 * tables a migration created are the owner's, and the audit log stays read-and-append only.
 */
export async function migrate(urls: DatabaseUrls): Promise<void> {
  const started = Date.now();
  const code = await run(bin("prisma"), ["migrate", "deploy"], { ...process.env, ...databaseEnv(urls) });
  if (code !== 0) throw new Error(`prisma migrate deploy failed (exit ${code})`);
  const owner = roleOf(urls.ownerUrl);
  const runtime = roleOf(urls.runtimeUrl);
  if (owner !== runtime) await execute(urls.ownerUrl, runtimeGrantsSql(owner, runtime));
  console.log(`[db] migrations applied${owner !== runtime ? `, ${runtime} granted its rights` : ""} (${Date.now() - started} ms)`);
}

/** The demo seed only reads and inserts: it runs as the runtime role, as the app does. */
export async function seed(databaseUrl: string, options: { quiet?: boolean; env?: Record<string, string> } = {}): Promise<void> {
  // react-server: the seed stores its illustrations through the app's server-only upload pipeline (decision 028).
  const args = ["--conditions=react-server", "prisma/seed.ts", ...(options.quiet ? ["--quiet"] : [])];
  const code = await run(bin("tsx"), args, { ...process.env, ...options.env, DATABASE_URL: databaseUrl });
  if (code !== 0) throw new Error(`seed failed (exit ${code})`);
}
