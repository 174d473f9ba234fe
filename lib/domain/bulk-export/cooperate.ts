import "server-only";
import { performance } from "node:perf_hooks";
import { setImmediate as nextTurn, setTimeout as sleep } from "node:timers/promises";

// A bulk export runs in the app's own process by default (lib/jobs: pg-boss workers start with the
// server), on the same event loop as the pages. Mapping a patient's records is synchronous work,
// and resources handed over by an async generator continue on microtasks, which never let the loop
// read a socket: the open-loop benchmark of issue 18 (ADR 053) saw pages wait 24 s (p50) and 409 of
// 1 500 requests time out while clinic 1's export ran. So the export takes turns (decision 050):
//
// - turn(): at least every `sliceMs` of work it yields a macrotask, so requests that arrived
//   meanwhile are read and handled between two slices of the export;
// - pause(): between batches, after `workMs` of work, it waits while the process is busy with other
//   work (event-loop utilisation while the export sleeps at or above `busyUtilisation`), in steps of
//   `stepMs`, at most `maxPauseMs` at a time so that an export always finishes.
//
// An idle server costs the export one `stepMs` per `workMs` of work (about 5 %).

export type CooperationOptions = { sliceMs?: number; workMs?: number; stepMs?: number; busyUtilisation?: number; maxPauseMs?: number };

export class Cooperation {
  private lastTurn = performance.now();
  private lastPause = performance.now();
  private readonly sliceMs: number;
  private readonly workMs: number;
  private readonly stepMs: number;
  private readonly busyUtilisation: number;
  private readonly maxPauseMs: number;
  /** Milliseconds spent waiting for other work, in all. */
  waitedMs = 0;

  constructor(options: CooperationOptions = {}) {
    this.sliceMs = options.sliceMs ?? 10;
    this.workMs = options.workMs ?? 250;
    this.stepMs = options.stepMs ?? 10;
    this.busyUtilisation = options.busyUtilisation ?? 0.5;
    this.maxPauseMs = options.maxPauseMs ?? 2_000;
  }

  /** Called in a long loop: lets pending I/O (requests) run at least every `sliceMs`. */
  async turn(): Promise<void> {
    if (performance.now() - this.lastTurn < this.sliceMs) return;
    await nextTurn();
    this.lastTurn = performance.now();
  }

  /** Called between batches: waits while other work keeps the event loop busy. Returns the milliseconds waited. */
  async pause(): Promise<number> {
    if (performance.now() - this.lastPause < this.workMs) return 0;
    let waited = 0;
    for (;;) {
      const before = performance.eventLoopUtilization();
      await sleep(this.stepMs);
      waited += this.stepMs;
      // While this export sleeps, whatever keeps the loop busy is someone else's work: pages.
      if (performance.eventLoopUtilization(before).utilization < this.busyUtilisation || waited >= this.maxPauseMs) break;
    }
    this.waitedMs += waited;
    this.lastPause = this.lastTurn = performance.now();
    return waited;
  }
}
