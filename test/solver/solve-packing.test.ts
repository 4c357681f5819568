import { describe, expect, it } from "vitest";
import type { PackingProblem } from "../../src/solver/packing/problem.js";
import { exactTimeLimitMs, solvePacking } from "../../src/solver/solve-packing.js";

/** `types` item types of `copies` copies each, on one node type. */
function problemOf(types: number, copies = 2): PackingProblem {
  return {
    dims: 2,
    binTypes: [{ id: "node", capacity: [2000, 8000], cost: 70 }],
    items: Array.from({ length: types }, (_, i) => ({ id: `part-${i}`, size: [100 + (i % 7) * 50, 300 + (i % 5) * 100], count: copies })),
  };
}

describe("the exact phase's time limit", () => {
  it("is three quarters of the time limit by default, whatever the size", () => {
    expect(exactTimeLimitMs(problemOf(10), 10_000)).toBe(7500);
    expect(exactTimeLimitMs(problemOf(5000), 10_000)).toBe(7500);
  });

  it("is the full share up to exactReferenceItems item types", () => {
    expect(exactTimeLimitMs(problemOf(400), 10_000, 400)).toBe(7500);
  });

  it("shrinks with the square of the ratio beyond exactReferenceItems: twice the item types, a quarter of the time", () => {
    expect(exactTimeLimitMs(problemOf(800), 10_000, 400)).toBe(1875);
  });

  it("counts item types, not copies: 50 parts of 200 replicas each count as 50", () => {
    expect(exactTimeLimitMs(problemOf(50, 200), 10_000, 40)).toBeCloseTo(7500 * 0.64, 6);
  });

  it("still gives a feasible, bounded, deterministic answer when scaled down", async () => {
    const problem = problemOf(30, 3);
    const a = await solvePacking(problem, { timeLimitMs: 500, exactReferenceItems: 5 });
    const b = await solvePacking(problem, { timeLimitMs: 500, exactReferenceItems: 5 });
    expect(a).toEqual(b);
    expect(a.bins.flatMap((bin) => bin.items)).toHaveLength(90);
    expect(a.lowerBound).toBeLessThanOrEqual(a.cost);
  });
});
