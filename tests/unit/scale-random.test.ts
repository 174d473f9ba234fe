// The deterministic random helpers behind `npm run seed:scale`: same seed, same numbers; exact
// totals when splitting and nudging counts.
import { describe, expect, it } from "vitest";
import { apportion, fitToTotal, intBetween, mulberry32, pick, triangular, weightedIndex } from "@/scripts/lib/scale/random";
import { drawPlanCount } from "@/scripts/lib/scale/plans";

const draw = (seed: number, n: number) => {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => rng());
};

describe("mulberry32", () => {
  it("repeats the same sequence for the same seed and another for another seed", () => {
    expect(draw(42, 5)).toEqual(draw(42, 5));
    expect(draw(43, 5)).not.toEqual(draw(42, 5));
  });

  it("stays in [0, 1) and is roughly uniform", () => {
    const values = draw(7, 100_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const deciles = Array.from({ length: 10 }, (_, d) => values.filter((v) => Math.floor(v * 10) === d).length);
    for (const count of deciles) expect(count).toBeGreaterThan(9_500);
    for (const count of deciles) expect(count).toBeLessThan(10_500);
  });
});

describe("small draws", () => {
  it("intBetween covers both ends and nothing outside", () => {
    const rng = mulberry32(1);
    const seen = new Set(Array.from({ length: 2_000 }, () => intBetween(rng, 3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it("triangular favours the middle", () => {
    const rng = mulberry32(2);
    const values = Array.from({ length: 20_000 }, () => triangular(rng, 0, 10));
    const middle = values.filter((v) => v >= 4 && v < 6).length;
    const edge = values.filter((v) => v < 2).length;
    expect(middle).toBeGreaterThan(2.5 * edge);
  });

  it("weightedIndex follows the weights and never picks a zero weight", () => {
    const rng = mulberry32(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[weightedIndex(rng, [1, 0, 3])]! += 1;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.7);
    expect(counts[2]! / counts[0]!).toBeLessThan(3.3);
    expect(() => weightedIndex(rng, [0, 0])).toThrow();
  });

  it("pick refuses an empty list", () => {
    expect(() => pick(mulberry32(1), [])).toThrow();
  });
});

describe("apportion", () => {
  it("splits a total exactly, in proportion, larger remainders first", () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(200, [1.6, 0.55, 1])).toEqual([102, 35, 63]);
    const parts = apportion(20_000, [1.6, 1.45, 1.35, 0.6, 0.55]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(20_000);
  });

  it("gives nothing to a zero weight and refuses impossible input", () => {
    expect(apportion(5, [0, 2, 0])).toEqual([0, 5, 0]);
    expect(apportion(0, [0, 0])).toEqual([0, 0]);
    expect(() => apportion(3, [0, 0])).toThrow();
    expect(() => apportion(2.5, [1])).toThrow();
    expect(() => apportion(3, [-1, 2])).toThrow();
  });
});

describe("fitToTotal", () => {
  it("reaches the target in small steps that respect the bounds", () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8];
    const up = fitToTotal(values, 50, mulberry32(5), (_, delta, v) => (delta > 0 ? v < 9 : v > 1));
    expect(up.reduce((a, b) => a + b, 0)).toBe(50);
    expect(Math.max(...up)).toBeLessThanOrEqual(9);
    const down = fitToTotal(values, 10, mulberry32(5), (_, delta, v) => (delta > 0 ? v < 9 : v > 1));
    expect(down.reduce((a, b) => a + b, 0)).toBe(10);
    expect(Math.min(...down)).toBeGreaterThanOrEqual(1);
  });

  it("never moves a locked value, and is deterministic", () => {
    const values = [5, 5, 5, 5];
    const fitted = fitToTotal(values, 26, mulberry32(9), (i) => i !== 0);
    expect(fitted[0]).toBe(5);
    expect(fitToTotal(values, 26, mulberry32(9), (i) => i !== 0)).toEqual(fitted);
    expect(values).toEqual([5, 5, 5, 5]);
  });

  it("fails loudly when the target cannot be reached", () => {
    expect(() => fitToTotal([1, 1], 10, mulberry32(1), (_, __, v) => v < 3)).toThrow(/cannot reach 10/);
  });
});

describe("drawPlanCount", () => {
  it("gives most patients one or two plans and a few many (mean about 2)", () => {
    const rng = mulberry32(11);
    const counts = Array.from({ length: 50_000 }, () => drawPlanCount(rng));
    const share = (f: (n: number) => boolean) => counts.filter(f).length / counts.length;
    expect(share((n) => n === 0)).toBeCloseTo(0.04, 2);
    expect(share((n) => n === 1 || n === 2)).toBeGreaterThan(0.65);
    expect(share((n) => n >= 6)).toBeGreaterThan(0.01);
    expect(share((n) => n >= 6)).toBeLessThan(0.05);
    expect(Math.max(...counts)).toBeLessThanOrEqual(12);
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    expect(mean).toBeGreaterThan(1.9);
    expect(mean).toBeLessThan(2.2);
  });
});
