// One test run per checkout at a time: runs share the build output (.next), the test server and
// its databases, so a second run waits for the first instead of corrupting it.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function acquireLock(file: string, log: (line: string) => void): Promise<() => void> {
  mkdirSync(path.dirname(file), { recursive: true });
  let announced = false;
  for (;;) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => rmSync(file, { force: true });
      process.on("exit", release);
      return release;
    } catch {
      const holder = Number(readFileSync(file, "utf8") || "0");
      if (!holder || !alive(holder)) {
        rmSync(file, { force: true });
        continue;
      }
      if (!announced) log(`[test] another test run (pid ${holder}) is using this checkout; waiting for it to finish`);
      announced = true;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
