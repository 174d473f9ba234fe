// Deterministic pseudo-random helpers for the scale data set: the same seed gives the same clinic
// group on every machine, so benchmark runs compare like with like.

export type Rng = () => number;

/** mulberry32: a small, fast 32-bit generator; returns numbers in [0, 1). */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number from min to max, both included. */
export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** The mean of two uniforms: values near the middle of [min, max] are likelier. */
export function triangular(rng: Rng, min: number, max: number): number {
  return min + ((rng() + rng()) / 2) * (max - min);
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error("pick from an empty list");
  return items[Math.floor(rng() * items.length)]!;
}

/** An index drawn with probability proportional to its weight. */
export function weightedIndex(rng: Rng, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new Error("weights must add up to more than 0");
  let x = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/**
 * Splits a whole total in proportion to the weights (largest remainder: floors first, then one
 * more to the largest fractions, ties to the lower index). The parts always add up to the total.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0) throw new Error("total must be a whole number ≥ 0");
  if (weights.some((w) => !(w >= 0))) throw new Error("weights must be ≥ 0");
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) {
    if (total === 0) return weights.map(() => 0);
    throw new Error("cannot apportion a positive total over zero weights");
  }
  const exact = weights.map((w) => (w / sum) * total);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, frac: e - Math.floor(e) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/**
 * Nudges whole numbers one step at a time, at random positions, until they add up to the target.
 * `canStep(index, delta)` says whether that value may move by ±1 (bounds, locked rows). Used to
 * hit an exact row count while keeping the drawn distribution (the nudges are small and spread).
 */
export function fitToTotal(
  values: readonly number[],
  target: number,
  rng: Rng,
  canStep: (index: number, delta: 1 | -1, value: number) => boolean,
): number[] {
  const out = [...values];
  let diff = target - out.reduce((a, b) => a + b, 0);
  const maxTries = 200 * (Math.abs(diff) + out.length);
  for (let tries = 0; diff !== 0; tries++) {
    if (tries > maxTries) throw new Error(`cannot reach ${target}: ${diff} left after ${maxTries} tries`);
    const i = Math.floor(rng() * out.length);
    const delta = diff > 0 ? 1 : -1;
    if (!canStep(i, delta, out[i]!)) continue;
    out[i]! += delta;
    diff -= delta;
  }
  return out;
}
