// Migrates a database and, when asked, seeds it with the demo clinic.
import { spawn } from "node:child_process";
import path from "node:path";

const bin = (name: string) => path.resolve(process.cwd(), "node_modules", ".bin", name);

export function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export async function migrate(databaseUrl: string): Promise<void> {
  const started = Date.now();
  const code = await run(bin("prisma"), ["migrate", "deploy"], { ...process.env, DATABASE_URL: databaseUrl });
  if (code !== 0) throw new Error(`prisma migrate deploy failed (exit ${code})`);
  console.log(`[db] migrations applied (${Date.now() - started} ms)`);
}

export async function seed(databaseUrl: string, options: { quiet?: boolean; env?: Record<string, string> } = {}): Promise<void> {
  const args = ["prisma/seed.ts", ...(options.quiet ? ["--quiet"] : [])];
  const code = await run(bin("tsx"), args, { ...process.env, ...options.env, DATABASE_URL: databaseUrl });
  if (code !== 0) throw new Error(`seed failed (exit ${code})`);
}
