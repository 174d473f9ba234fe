// CPU time spent by the servers under test, read from /proc (Linux): the app's or the ceiling's
// process group and the PostgreSQL server (postmaster and its backends). Divided by the requests
// answered, it gives CPU milliseconds per request, which other people's work on a shared machine
// disturbs far less than requests per second do: a diagnostic next to the targets, not a target.
import { readdirSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";

const TICK_MS = (() => {
  try {
    return 1000 / Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
  } catch {
    return 10;
  }
})();

type Stat = { pid: number; ppid: number; pgrp: number; own: number; children: number };

function stat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // Fields after the command: state ppid pgrp … utime(14) stime cutime cstime, counted from 1.
    const n = (i: number) => Number(f[i - 3]);
    return { pid, ppid: n(4), pgrp: n(5), own: (n(14) + n(15)) * TICK_MS, children: (n(16) + n(17)) * TICK_MS };
  } catch {
    return null;
  }
}

function all(): Stat[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => stat(Number(name)))
    .filter((s): s is Stat => s !== null);
}

/** CPU ms used so far by a process group (including its exited children) and by a process tree root's direct children. */
export function cpuSample(groups: Record<string, number | null>, postmaster: number | null): Record<string, number | null> {
  const stats = all();
  const sample: Record<string, number | null> = {};
  for (const [name, pgid] of Object.entries(groups)) {
    sample[name] = pgid === null ? null : stats.filter((s) => s.pgrp === pgid).reduce((ms, s) => ms + s.own + s.children, 0);
  }
  if (postmaster !== null) {
    const root = stats.find((s) => s.pid === postmaster);
    sample.db = root ? root.own + root.children + stats.filter((s) => s.ppid === postmaster).reduce((ms, s) => ms + s.own, 0) : null;
  } else sample.db = null;
  return sample;
}

/** The postmaster of a local PostgreSQL: the parent of a backend's process, when /proc shows it. */
export function postmasterOf(backendPid: number): number | null {
  return stat(backendPid)?.ppid ?? null;
}
