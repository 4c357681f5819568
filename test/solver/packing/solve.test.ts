/**
 * The heuristic packing core against an exhaustive solver on small random problems, the
 * independent checker on larger ones, the lower bounds, and determinism.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  binCountLowerBound,
  checkSolution,
  packingLowerBound,
  PackingError,
  solvePackingHeuristic,
  solvePackingHeuristicWithStats,
  type PackingProblem,
} from "../../../src/solver/packing/index.js";
import { bruteForce, randomProblem, rng } from "./brute-force.js";

afterEach(() => vi.restoreAllMocks());

/** Solves, or returns the PackingError's kind. */
function solveOrKind(p: PackingProblem, workUnits: number) {
  try {
    return solvePackingHeuristic(p, { workUnits });
  } catch (error) {
    if (error instanceof PackingError) return error.kind;
    throw error;
  }
}

describe("solvePackingHeuristic against an exhaustive search (at most 8 copies)", () => {
  it("finds the optimum of classic vector bin packing (one bin type of cost 1)", () => {
    const next = rng(7);
    for (let n = 0; n < 100; n++) {
      const p = randomProblem(next, { maxCopies: 8, maxItemTypes: 6, maxBinTypes: 1, rich: false });
      const opt = bruteForce(p);
      const s = solveOrKind(p, 100_000);
      if (!Number.isFinite(opt)) {
        expect(s).toBe("infeasible"); // an item larger than the bin
        continue;
      }
      if (typeof s === "string") throw new Error(`${s} on ${JSON.stringify(p)}`);
      expect(checkSolution(p, s), JSON.stringify(p)).toEqual([]);
      expect(s.cost, JSON.stringify(p)).toBe(opt);
    }
  });

  it("finds the optimum with bin types, costs, groups, allowed types, spread and optional items, and throws only when none exists", () => {
    const next = rng(11);
    let infeasible = 0;
    for (let n = 0; n < 150; n++) {
      const p = randomProblem(next, { maxCopies: 8, maxItemTypes: 5, maxBinTypes: 3, rich: true });
      const opt = bruteForce(p);
      const s = solveOrKind(p, 100_000);
      if (!Number.isFinite(opt)) {
        infeasible++;
        expect(["infeasible", "not-found"], JSON.stringify(p)).toContain(s);
        continue;
      }
      if (typeof s === "string") throw new Error(`${s} on the feasible ${JSON.stringify(p)}`);
      expect(checkSolution(p, s), JSON.stringify(p)).toEqual([]);
      expect(s.cost, JSON.stringify(p)).toBeCloseTo(opt, 9);
    }
    expect(infeasible).toBeGreaterThan(5); // the generator makes some infeasible problems, so that branch is exercised
  });

  it("never reports a lower bound above the exhaustive optimum", () => {
    const next = rng(13);
    let tight = 0;
    for (let n = 0; n < 300; n++) {
      const p = randomProblem(next, { maxCopies: 8, maxItemTypes: 5, maxBinTypes: n % 2 === 0 ? 1 : 3, rich: n % 3 !== 0 });
      const opt = bruteForce(p);
      const lb = packingLowerBound(p);
      expect(lb, JSON.stringify(p)).toBeLessThanOrEqual(opt + 1e-9);
      if (Number.isFinite(opt) && lb >= opt - 1e-9) tight++;
    }
    expect(tight).toBeGreaterThan(100); // and it is not vacuous
  });
});

describe("binCountLowerBound", () => {
  it("is L1 when sizes are small, and counts pairwise incompatible items when they are large", () => {
    expect(binCountLowerBound([10, 10], [{ size: [3, 1] }, { size: [3, 1] }, { size: [5, 1] }])).toBe(2);
    // Three items larger than half the capacity: L1 says 2, but no two share a bin.
    expect(binCountLowerBound([10], [{ size: [6] }, { size: [6] }, { size: [6] }])).toBe(3);
    // Big items in different dimensions can share; the bound must not count them as a clique.
    expect(binCountLowerBound([10, 10], [{ size: [6, 1] }, { size: [1, 6] }])).toBe(1);
    // A spread item type with 4 copies needs 4 bins however small it is.
    expect(binCountLowerBound([10], [{ size: [1], count: 4, spread: true }])).toBe(4);
  });

  it("takes the cheapest cost per unit of capacity across bin types, and the alternative of an optional item when cheaper", () => {
    const p: PackingProblem = {
      dims: 1,
      binTypes: [
        { id: "small", capacity: [4], cost: 3 },
        { id: "big", capacity: [10], cost: 5 },
      ],
      items: [{ id: "a", size: [2], count: 10 }],
    };
    // 20 units of size at 0.5 per unit (the big bin) = 10: two big bins, exactly.
    expect(packingLowerBound(p)).toBe(10);
    expect(solvePackingHeuristic(p, { workUnits: 50_000 })).toMatchObject({ cost: 10, provenOptimal: true });
    const optional: PackingProblem = { ...p, items: [{ id: "a", size: [2], count: 10, alternativeCost: 4 }] };
    expect(packingLowerBound(optional)).toBe(4);
    expect(solvePackingHeuristic(optional, { workUnits: 50_000 })).toMatchObject({ cost: 4, leftOut: [0], bins: [], provenOptimal: true });
  });
});

/** A larger random problem with everything: 5–60 copies, up to 4 bin types, groups, spread, allowed types, optional items. */
function richProblem(next: () => number): PackingProblem {
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const dims = int(1, 4);
  const groups = [
    { id: "pool-a", maxBins: int(4, 30) },
    { id: "pool-b", maxBins: int(4, 30) },
  ];
  const binTypes = Array.from({ length: int(1, 4) }, (_, t) => ({
    id: `type-${t}`,
    capacity: Array.from({ length: dims }, () => int(2000, 8000)),
    cost: Math.round(next() * 30000) / 100,
    ...(next() < 0.7 ? { group: groups[int(0, 1)]!.id } : {}),
  }));
  const items = Array.from({ length: int(1, 10) }, (_, i) => ({
    id: `part-${i}`,
    size: Array.from({ length: dims }, () => int(0, 2500)),
    count: int(1, 8),
    ...(next() < 0.3 ? { spread: true } : {}),
    ...(next() < 0.3 ? { allowedBinTypes: binTypes.filter((_, t) => t === 0 || next() < 0.5).map((b) => b.id) } : {}),
    ...(next() < 0.25 ? { alternativeCost: Math.round(next() * 50000) / 100 } : {}),
  }));
  return { dims, binTypes, groups, items };
}

describe("every solution passes the independent checker", () => {
  it("on random heterogeneous problems with groups, spread, allowed types and optional items", () => {
    const next = rng(17);
    let solved = 0;
    for (let n = 0; n < 40; n++) {
      const p = richProblem(next);
      const s = solveOrKind(p, 300_000);
      if (typeof s === "string") {
        expect(["infeasible", "not-found"]).toContain(s);
        continue;
      }
      solved++;
      expect(checkSolution(p, s), JSON.stringify(p)).toEqual([]);
      expect(s.lowerBound).toBeLessThanOrEqual(s.cost);
    }
    expect(solved).toBeGreaterThan(30);
  });

  it("throws a PackingError naming the item type that fits no bin type it is allowed in", () => {
    const p: PackingProblem = {
      dims: 2,
      binTypes: [{ id: "m7i.large", capacity: [1930, 7000], cost: 70 }],
      items: [
        { id: "web", size: [100, 100], count: 2 },
        { id: "db", size: [4000, 100], count: 1 },
      ],
    };
    expect(() => solvePackingHeuristic(p)).toThrow(PackingError);
    try {
      solvePackingHeuristic(p);
    } catch (error) {
      expect(error).toMatchObject({ kind: "infeasible", itemTypes: [1] });
      expect((error as Error).message).toContain('"db"');
    }
  });

  it("rejects a malformed problem with a PackingError of kind invalid-problem", () => {
    const p: PackingProblem = { dims: 2, binTypes: [{ id: "b", capacity: [1], cost: 1 }], items: [] };
    expect(() => solvePackingHeuristic(p)).toThrow(/capacity has 1 values, expected 2/);
  });
});

describe("determinism", () => {
  const problem = (): PackingProblem => richProblem(rng(23));

  it("returns the same bytes for the same input, twice", () => {
    const a = JSON.stringify(solvePackingHeuristic(problem(), { timeLimitMs: 50 }));
    const b = JSON.stringify(solvePackingHeuristic(problem(), { timeLimitMs: 50 }));
    expect(a).toBe(b);
  });

  it("does not depend on how fast the clock runs (below the emergency stop)", () => {
    const quiet = JSON.stringify(solvePackingHeuristic(problem(), { timeLimitMs: 50 }));
    let now = 1_000_000;
    vi.spyOn(Date, "now").mockImplementation(() => (now += 7)); // a slow machine: 7 ms pass between any two looks
    const slow = JSON.stringify(solvePackingHeuristic(problem(), { timeLimitMs: 50 }));
    expect(slow).toBe(quiet);
  });

  it("stops at the emergency stop (3× the time limit) with a feasible answer", () => {
    // 150 random items in 3 dimensions: the bound is not tight, so the search would use its whole budget.
    const next = rng(29);
    const p: PackingProblem = {
      dims: 3,
      binTypes: [{ id: "bin", capacity: [100, 100, 100], cost: 1 }],
      items: Array.from({ length: 150 }, (_, i) => ({ id: `i${i}`, size: [0, 0, 0].map(() => 20 + Math.floor(next() * 30)), count: 1 })),
    };
    let now = 1_000_000;
    vi.spyOn(Date, "now").mockImplementation(() => (now += 1_000));
    const { solution, stats } = solvePackingHeuristicWithStats(p, { timeLimitMs: 50 });
    expect(stats.emergencyStop).toBe(true);
    expect(checkSolution(p, solution)).toEqual([]);
  });

  it("returns bins in the canonical order: by type, then contents", () => {
    const s = solvePackingHeuristic(problem(), { workUnits: 100_000 });
    const sorted = [...s.bins].sort((x, y) => x.type - y.type || JSON.stringify(x.items).localeCompare(JSON.stringify(y.items)));
    expect(s.bins.map((b) => b.type)).toEqual(sorted.map((b) => b.type));
    for (const b of s.bins) expect([...b.items]).toEqual([...b.items].sort((x, y) => x - y));
  });
});
