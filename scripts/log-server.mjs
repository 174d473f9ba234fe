// Runs a command with its stdout and stderr appended to a log file (for the e2e server, so a test
// can check that no health data reaches the logs). Signals go to the command; its exit code is ours.
//   node scripts/log-server.mjs <log file> -- <command> [args…]
import { spawn } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import path from "node:path";

const [logFile, separator, command, ...args] = process.argv.slice(2);
if (!logFile || separator !== "--" || !command) {
  console.error("usage: node scripts/log-server.mjs <log file> -- <command> [args…]");
  process.exit(2);
}
mkdirSync(path.dirname(logFile), { recursive: true });
const out = openSync(logFile, "a");
const child = spawn(command, args, { stdio: ["ignore", out, out] });
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
