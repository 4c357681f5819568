import { describe, expect, it } from "vitest";
import type { PackingProblem } from "../../src/solver/packing/problem.js";
import { exactTimeLimitMs, solvePacking } from "../../src/solver/solve-packing.js";

/** `copies` replicas of one size, on one node type. */
function problemOf(copies: number): PackingProblem {
  return { dims: 2, binTypes: [{ id: "node", capacity: [2000, 8000], cost: 70 }], items: [{ id: "web", size: [300, 700], count: copies }] };
}

describe("the exact phase's time limit", () => {
  it("is three quarters of the time limit by default, whatever the size", () => {
    expect(exactTimeLimitMs(problemOf(10), 10_000)).toBe(7500);
    expect(exactTimeLimitMs(problemOf(5000), 10_000)).toBe(7500);
  });

  it("is the full share up to exactReferenceCopies item copies", () => {
    expect(exactTimeLimitMs(problemOf(250), 10_000, 250)).toBe(7500);
  });

  it("shrinks in proportion beyond exactReferenceCopies: four times the copies, a quarter of the time", () => {
    expect(exactTimeLimitMs(problemOf(1000), 10_000, 250)).toBe(1875);
  });

  it("counts every copy of every item type", () => {
    const problem: PackingProblem = { ...problemOf(300), items: [...problemOf(300).items, { id: "api", size: [100, 100], count: 200 }] };
    expect(exactTimeLimitMs(problem, 10_000, 250)).toBe(3750);
  });

  it("still gives a feasible, bounded, deterministic answer when scaled down", async () => {
    const problem: PackingProblem = {
      dims: 2,
      binTypes: [
        { id: "small", capacity: [2000, 8000], cost: 70 },
        { id: "big", capacity: [4000, 16000], cost: 138 },
      ],
      items: [
        { id: "web", size: [300, 700], count: 40 },
        { id: "api", size: [700, 300], count: 30 },
      ],
    };
    const a = await solvePacking(problem, { timeLimitMs: 500, exactReferenceCopies: 10 });
    const b = await solvePacking(problem, { timeLimitMs: 500, exactReferenceCopies: 10 });
    expect(a).toEqual(b);
    expect(a.bins.flatMap((bin) => bin.items)).toHaveLength(70);
    expect(a.lowerBound).toBeLessThanOrEqual(a.cost);
  });
});
