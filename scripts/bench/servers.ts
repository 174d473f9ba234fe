// Starting and stopping the processes the benchmark talks to: the production app (`next start`)
// and the ceiling, each in its own process group (so a signal reaches everything it started) with
// its output in bench/tmp/<name>.log.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import path from "node:path";

export type Server = { name: string; baseUrl: string; child: ChildProcess; stop: () => Promise<void> };

export const bin = (name: string) => path.resolve("node_modules", ".bin", name);

export async function startServer(options: {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  port: number;
  readyPath: string;
  logDir: string;
}): Promise<Server> {
  const logFile = path.join(options.logDir, `${options.name}.log`);
  const out = openSync(logFile, "w");
  const child = spawn(options.command, options.args, { env: options.env, stdio: ["ignore", out, out], detached: true });
  closeSync(out);
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      child.kill("SIGTERM");
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${options.name} exited during start (code ${child.exitCode}); see ${logFile}`);
    try {
      const response = await fetch(new URL(options.readyPath, baseUrl), { redirect: "manual" });
      await response.arrayBuffer();
      if (response.status < 500) return { name: options.name, baseUrl, child, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`${options.name} did not answer on ${baseUrl} within 60 s; see ${logFile}`);
}
