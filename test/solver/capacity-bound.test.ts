import { describe, expect, it } from "vitest";
import { aggregateCapacityBound } from "../../src/solver/capacity-bound.js";
import type { PackingProblem } from "../../src/solver/packing/problem.js";
import { solvePacking } from "../../src/solver/solve-packing.js";

/** A seeded generator, so the random instances are the same on every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe("the aggregate-capacity bound", () => {
  it("counts nodes in whole numbers: 1.25 nodes' worth of pods needs two nodes", () => {
    const problem: PackingProblem = {
      dims: 2,
      binTypes: [
        { id: "small", capacity: [1000, 4000], cost: 65 },
        { id: "big", capacity: [4000, 16000], cost: 150 },
      ],
      items: [{ id: "web", size: [250, 500], count: 5 }],
    };
    expect(aggregateCapacityBound(problem)).toBe(130);
  });

  it("respects group limits and spread", () => {
    const problem: PackingProblem = {
      dims: 1,
      binTypes: [
        { id: "cheap", capacity: [10], cost: 1, group: "g" },
        { id: "dear", capacity: [10], cost: 5 },
      ],
      groups: [{ id: "g", maxBins: 1 }],
      items: [{ id: "a", size: [1], count: 3, spread: true }],
    };
    // Three copies need three bins; only one may be cheap.
    expect(aggregateCapacityBound(problem)).toBe(1 + 5 + 5);
  });

  it("ignores optional item types, which may be left out", () => {
    const problem: PackingProblem = {
      dims: 1,
      binTypes: [{ id: "n", capacity: [10], cost: 7 }],
      items: [{ id: "opt", size: [8], count: 3, alternativeCost: 1 }],
    };
    expect(aggregateCapacityBound(problem)).toBe(0);
  });

  it("never exceeds the cost of a packing the solver finds, on random heterogeneous instances", async () => {
    const next = random(7);
    for (let round = 0; round < 40; round++) {
      const dims = 1 + Math.floor(next() * 3);
      const binTypes = Array.from({ length: 1 + Math.floor(next() * 3) }, (_, t) => ({
        id: `t${t}`,
        capacity: Array.from({ length: dims }, () => 50 + Math.floor(next() * 100)),
        cost: 10 + Math.floor(next() * 90),
      }));
      const items = Array.from({ length: 1 + Math.floor(next() * 6) }, (_, i) => ({
        id: `i${i}`,
        size: Array.from({ length: dims }, () => 1 + Math.floor(next() * 49)),
        count: 1 + Math.floor(next() * 4),
      }));
      const problem: PackingProblem = { dims, binTypes, items };
      const solution = await solvePacking(problem, { timeLimitMs: 200 });
      expect(aggregateCapacityBound(problem), `round ${round}`).toBeLessThanOrEqual(solution.cost + 1e-9);
    }
  });
});
