// The bulk export takes turns with the pages on the app's event loop (lib/domain/bulk-export/cooperate.ts,
// decision 050): turn() lets a request that is waiting run between two slices of the export's
// synchronous work; pause() waits while other work keeps the loop busy, and not while it is idle.
import { describe, expect, it } from "vitest";
import { Cooperation } from "@/lib/domain/bulk-export/cooperate";

/** Synchronous work for `ms`, as mapping a patient's records is. */
function work(ms: number) {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe("Cooperation", () => {
  it("turn(): a callback queued behind the export runs between two slices, not after the whole loop", async () => {
    const cooperation = new Cooperation({ sliceMs: 5 });
    const order: string[] = [];
    // A request that arrived: its handler is a macrotask, as socket reads are.
    setImmediate(() => order.push("request"));
    for (let i = 0; i < 10; i++) {
      work(3);
      order.push(`slice ${i}`);
      await cooperation.turn();
    }
    const at = order.indexOf("request");
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(order.length - 1);
  });

  it("turn(): without a yield (plain awaits) the same request would wait for the whole loop", async () => {
    const order: string[] = [];
    setImmediate(() => order.push("request"));
    for (let i = 0; i < 10; i++) {
      work(3);
      order.push(`slice ${i}`);
      await Promise.resolve();
    }
    await new Promise((r) => setImmediate(r));
    expect(order.at(-1)).toBe("request");
  });

  it("pause(): waits while other work keeps the loop busy, at most maxPauseMs; goes on at once when idle", async () => {
    const idle = new Cooperation({ workMs: 0, stepMs: 10, maxPauseMs: 2_000 });
    // One step, or two should a garbage collection fall into the first.
    expect(await idle.pause()).toBeLessThanOrEqual(20);

    const busy = new Cooperation({ workMs: 0, stepMs: 10, busyUtilisation: 0.5, maxPauseMs: 200 });
    // Pages keeping the loop busy: each timer's work outlasts its interval, so they run back to back.
    const pages = setInterval(() => work(15), 10);
    try {
      expect(await busy.pause()).toBe(200);
    } finally {
      clearInterval(pages);
    }
    expect(busy.waitedMs).toBe(200);
  });

  it("pause(): does nothing until workMs of export work has passed since the last pause", async () => {
    const cooperation = new Cooperation({ workMs: 60_000 });
    expect(await cooperation.pause()).toBe(0);
  });
});
