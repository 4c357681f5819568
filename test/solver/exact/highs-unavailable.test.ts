/**
 * When HiGHS cannot be loaded, the exact engine does not fail: it returns the warm start with
 * the best simple bound (and says why in its statistics).
 */
import { describe, expect, it, vi } from "vitest";

vi.mock("highs", () => {
  throw new Error("simulated: the WebAssembly module cannot be loaded");
});

describe("solvePackingExact without HiGHS", () => {
  it("returns the warm start with a valid bound", async () => {
    const { solvePackingExact, highsLoadFailure } = await import("../../../src/solver/exact/index.js");
    const { checkSolution } = await import("../../../src/solver/packing/index.js");
    const problem = {
      dims: 1,
      binTypes: [{ id: "b", capacity: [10], cost: 1 }],
      items: [
        { id: "a", size: [6], count: 3 },
        { id: "c", size: [4], count: 2 },
      ],
    };
    const warm = { bins: [{ type: 0, items: [0] }, { type: 0, items: [0] }, { type: 0, items: [0] }, { type: 0, items: [1, 1] }], leftOut: [], cost: 4, lowerBound: 0, provenOptimal: false, method: "warm" };
    let stats: { highs: boolean; error?: string } | undefined;
    const s = await solvePackingExact(problem, { timeLimitMs: 200, warmStart: warm, onStats: (x) => (stats = x) });
    expect(checkSolution(problem, s)).toEqual([]);
    expect(s.bins).toEqual(warm.bins);
    expect(s.method).toBe("warm");
    expect(s.lowerBound).toBe(3);
    expect(s.provenOptimal).toBe(false);
    expect(stats?.highs).toBe(false);
    expect(highsLoadFailure()).toBeTruthy();
  });
});
