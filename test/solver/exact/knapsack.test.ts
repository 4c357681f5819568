/**
 * The pricing problem's exact solver (bounded multi-dimensional knapsack by branch and bound):
 * against exhaustive search on small random instances, with and without a work limit.
 */
import { describe, expect, it } from "vitest";
import { solveKnapsack, type KnapsackItem } from "../../../src/solver/exact/index.js";
import { rng } from "./brute-force.js";

function exhaustive(capacity: number[], items: KnapsackItem[]): number {
  let best = 0;
  const rec = (j: number, value: number, residual: number[]): void => {
    if (j === items.length) {
      best = Math.max(best, value);
      return;
    }
    for (let a = 0; a <= items[j]!.max; a++) {
      const r = residual.map((x, d) => x - a * items[j]!.size[d]!);
      if (r.some((x) => x < 0)) break;
      rec(j + 1, value + a * items[j]!.profit, r);
    }
  };
  rec(0, 0, capacity);
  return best;
}

function randomInstance(r: () => number): { capacity: number[]; items: KnapsackItem[]; threshold: number } {
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const dims = int(1, 4);
  const capacity = Array.from({ length: dims }, () => int(5, 30));
  const items = Array.from({ length: int(1, 9) }, () => ({
    profit: 0.1 + r() * 3,
    size: Array.from({ length: dims }, () => (r() < 0.15 ? 0 : int(0, 14))),
    max: int(1, 3),
  }));
  return { capacity, items, threshold: r() * 3 };
}

describe("solveKnapsack", () => {
  it("finds the best pattern worth more than the threshold, and a valid upper bound", () => {
    const r = rng(42);
    for (let n = 0; n < 1500; n++) {
      const { capacity, items, threshold } = randomInstance(r);
      const optimum = exhaustive(capacity, items);
      const res = solveKnapsack({ capacity, items, threshold, workLimit: 1e9 });
      expect(res.exact).toBe(true);
      expect(res.upperBound).toBeGreaterThanOrEqual(optimum - 1e-9);
      if (optimum > threshold + 1e-6) expect(res.best?.value).toBeCloseTo(optimum, 9);
      else expect(res.best).toBeUndefined();
      if (res.best) {
        const load = capacity.map(() => 0);
        let value = 0;
        res.best.counts.forEach((c, j) => {
          expect(c).toBeLessThanOrEqual(items[j]!.max);
          value += c * items[j]!.profit;
          items[j]!.size.forEach((s, d) => (load[d]! += c * s));
        });
        load.forEach((l, d) => expect(l).toBeLessThanOrEqual(capacity[d]!));
        expect(value).toBeCloseTo(res.best.value, 9);
      }
    }
  });

  it("stopped by its work limit, still returns a valid upper bound and a feasible pattern", () => {
    const r = rng(7);
    let stopped = 0;
    for (let n = 0; n < 1500; n++) {
      const { capacity, items, threshold } = randomInstance(r);
      const optimum = exhaustive(capacity, items);
      const res = solveKnapsack({ capacity, items, threshold, workLimit: 1 + Math.floor(r() * 60) });
      if (!res.exact) stopped++;
      expect(res.upperBound).toBeGreaterThanOrEqual(optimum - 1e-9);
      if (res.best) expect(res.best.value).toBeLessThanOrEqual(optimum + 1e-9);
    }
    expect(stopped).toBeGreaterThan(100);
  });

  it("takes zero-size items in full and is deterministic", () => {
    const input = {
      capacity: [10, 10],
      items: [
        { profit: 1, size: [0, 0], max: 3 },
        { profit: 2, size: [6, 1], max: 2 },
        { profit: 2, size: [1, 6], max: 2 },
      ],
      threshold: 0,
      workLimit: 1e6,
    };
    const a = solveKnapsack(input);
    expect(a.best?.counts).toEqual([3, 1, 1]);
    expect(a.best?.value).toBe(7);
    expect(solveKnapsack(input)).toEqual(a);
  });
});
