/**
 * The exact engine (column generation and price-and-branch on HiGHS): optimal and proven on
 * small instances where a brute-force solver agrees, never worse than its warm start, a lower
 * bound that never exceeds the optimum, optional item types and group limits, determinism, and
 * real 3-dimensional VBP instances of ~60 items read from ../shared at test time. Every
 * solution is checked by the packing core's independent checker.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseVbp, vbpProblem } from "../../../bench/vbp-format.js";
import { COLUMN_GENERATION_METHOD, solvePackingExact, type ExactStats } from "../../../src/solver/exact/index.js";
import { checkSolution, PackingError, solvePackingHeuristic, type PackingProblem, type PackingSolution } from "../../../src/solver/packing/index.js";
import { bruteForceOptimum, randomProblem } from "./brute-force.js";

const repo = fileURLToPath(new URL("../../..", import.meta.url));
const benchmarks = path.resolve(repo, "..", "shared", "benchmarks", "binpacking");

function readInstance(file: string): { problem: PackingProblem; optimum: number } {
  const problem = vbpProblem(parseVbp(readFileSync(path.join(benchmarks, "instances", file), "utf8"))).problem;
  const row = readFileSync(path.join(benchmarks, "optima.csv"), "utf8")
    .split("\n")
    .map((line) => line.split(","))
    .find((cols) => cols[1] === `instances/${file}`);
  if (!row) throw new Error(`${file} is not in optima.csv`);
  return { problem, optimum: Number(row[2]) };
}

/** Every copy in a bin of its own, of the cheapest type it fits: a poor but feasible warm start. */
function singletons(problem: PackingProblem): PackingSolution {
  const bins = problem.items.flatMap((it, i) => {
    const t = problem.binTypes
      .map((b, t) => ({ b, t }))
      .filter(({ b }) => (!it.allowedBinTypes || it.allowedBinTypes.includes(b.id)) && it.size.every((s, d) => s <= b.capacity[d]!))
      .sort((x, y) => x.b.cost - y.b.cost || x.t - y.t)[0]!.t;
    return Array.from({ length: it.count }, () => ({ type: t, items: [i] }));
  });
  const cost = bins.reduce((s, b) => s + problem.binTypes[b.type]!.cost, 0);
  return { bins, leftOut: [], cost, lowerBound: 0, provenOptimal: false, method: "singletons" };
}

async function solve(problem: PackingProblem, options: Parameters<typeof solvePackingExact>[1] = {}): Promise<PackingSolution> {
  const solution = await solvePackingExact(problem, options);
  expect(checkSolution(problem, solution)).toEqual([]);
  return solution;
}

describe("solvePackingExact on small instances, against brute force", () => {
  const seeds = Array.from({ length: 60 }, (_, k) => 1000 + k);
  it("finds the optimum, proves it, and its bound never exceeds it", async () => {
    let solved = 0;
    let infeasible = 0;
    for (const seed of seeds) {
      const problem = randomProblem(seed);
      const optimum = bruteForceOptimum(problem);
      if (optimum === undefined) {
        await expect(solvePackingExact(problem, { timeLimitMs: 1000 }), `seed ${seed}`).rejects.toBeInstanceOf(PackingError);
        infeasible++;
        continue;
      }
      const s = await solve(problem, { timeLimitMs: 1000 });
      expect(s.lowerBound, `seed ${seed}: bound`).toBeLessThanOrEqual(optimum + 1e-9);
      expect(s.cost, `seed ${seed}: cost`).toBeCloseTo(optimum, 9);
      expect(s.provenOptimal, `seed ${seed}: proven`).toBe(true);
      solved++;
    }
    // The generator covers both cases.
    expect(solved).toBeGreaterThan(40);
    expect(infeasible).toBeGreaterThan(0);
  });

  it("gets there by itself from a poor warm start (every copy alone)", async () => {
    for (const seed of seeds.slice(0, 30)) {
      const problem = randomProblem(seed);
      const optimum = bruteForceOptimum(problem);
      if (optimum === undefined || problem.groups || problem.items.some((it) => it.alternativeCost !== undefined)) continue;
      const warm = singletons(problem);
      const s = await solve(problem, { timeLimitMs: 1000, warmStart: warm });
      expect(s.cost, `seed ${seed}`).toBeCloseTo(optimum, 9);
      expect(s.cost).toBeLessThanOrEqual(warm.cost);
    }
  });
});

describe("solvePackingExact and its warm start", () => {
  it("never returns a solution worse than the warm start, and keeps its method when it stays best", async () => {
    const { problem } = readInstance("Panigrahy/class6/class6_40_5_1.vbp");
    const warm = solvePackingHeuristic(problem, { timeLimitMs: 100 });
    const s = await solve(problem, { timeLimitMs: 1000, warmStart: warm });
    expect(s.cost).toBeLessThanOrEqual(warm.cost);
    if (s.cost === warm.cost) expect(s.method).toBe(warm.method);
    expect(s.lowerBound).toBeGreaterThanOrEqual(warm.lowerBound);
  });

  it("improves a poor warm start and says the solution is its own", async () => {
    const { problem } = readInstance("Panigrahy/class6/class6_40_5_1.vbp");
    const warm = singletons(problem);
    const s = await solve(problem, { timeLimitMs: 1000, warmStart: warm });
    expect(s.cost).toBeLessThan(warm.cost);
    expect(s.method).toBe(COLUMN_GENERATION_METHOD);
  });

  it("ignores an infeasible warm start", async () => {
    const problem: PackingProblem = { dims: 1, binTypes: [{ id: "b", capacity: [10], cost: 1 }], items: [{ id: "a", size: [6], count: 3 }] };
    const bogus: PackingSolution = { bins: [{ type: 0, items: [0, 0, 0] }], leftOut: [], cost: 1, lowerBound: 1, provenOptimal: true, method: "bogus" };
    const s = await solve(problem, { timeLimitMs: 200, warmStart: bogus });
    expect(s.cost).toBe(3);
    expect(s.provenOptimal).toBe(true);
  });
});

describe("solvePackingExact on the problem's features", () => {
  it("leaves an optional item type out when its alternative is cheaper, and packs it when not", async () => {
    const base = (alternativeCost: number): PackingProblem => ({
      dims: 2,
      binTypes: [{ id: "node", capacity: [4, 4], cost: 10 }],
      items: [
        { id: "web", size: [1, 1], count: 2 },
        { id: "db", size: [3, 3], count: 2, alternativeCost },
      ],
    });
    // Packed, the db copies need a bin each (3 + 3 > 4) and take the web copies along: 20.
    // Left out: one bin for the web copies, plus the alternative.
    const cheap = await solve(base(5), { timeLimitMs: 300 });
    expect(cheap.leftOut).toEqual([1]);
    expect(cheap.cost).toBe(15);
    expect(cheap.provenOptimal).toBe(true);
    const dear = await solve(base(12), { timeLimitMs: 300 });
    expect(dear.leftOut).toEqual([]);
    expect(dear.cost).toBe(20);
    expect(dear.provenOptimal).toBe(true);
  });

  it("respects group limits: buys the dearer type once the cheap pool is full", async () => {
    const problem: PackingProblem = {
      dims: 1,
      binTypes: [
        { id: "spot", capacity: [10], cost: 3, group: "spot-pool" },
        { id: "on-demand", capacity: [10], cost: 5 },
      ],
      groups: [{ id: "spot-pool", maxBins: 2 }],
      items: [{ id: "w", size: [5], count: 8 }],
    };
    const s = await solve(problem, { timeLimitMs: 300 });
    expect(s.bins.filter((b) => b.type === 0)).toHaveLength(2);
    expect(s.cost).toBe(2 * 3 + 2 * 5);
    expect(s.provenOptimal).toBe(true);
    expect(bruteForceOptimum({ ...problem, items: [{ id: "w", size: [5], count: 8 }] })).toBe(16);
  });

  it("spreads copies of a spread item type over bins and uses only allowed bin types", async () => {
    const problem: PackingProblem = {
      dims: 2,
      binTypes: [
        { id: "small", capacity: [4, 8], cost: 4 },
        { id: "large", capacity: [8, 16], cost: 7 },
        { id: "gpu", capacity: [8, 16], cost: 20 },
      ],
      items: [
        { id: "api", size: [1, 2], count: 3, spread: true },
        { id: "batch", size: [3, 3], count: 2, allowedBinTypes: ["large", "gpu"] },
      ],
    };
    const s = await solve(problem, { timeLimitMs: 300 });
    expect(s.cost).toBe(bruteForceOptimum(problem));
    expect(s.provenOptimal).toBe(true);
    for (const b of s.bins) expect(b.items.filter((i) => i === 0).length).toBeLessThanOrEqual(1);
  });

  it("throws the packing core's infeasible error when a required item type fits nowhere", async () => {
    const problem: PackingProblem = { dims: 1, binTypes: [{ id: "b", capacity: [4], cost: 1 }], items: [{ id: "huge", size: [5], count: 1 }] };
    await expect(solvePackingExact(problem, { timeLimitMs: 100 })).rejects.toMatchObject({ kind: "infeasible" });
  });
});

describe("solvePackingExact on real VBP instances (3 dimensions, ~60 items, from ../shared)", () => {
  it("proves Panigrahy class 7 (60 items) optimal, where the heuristics' bound falls short", async () => {
    const { problem, optimum } = readInstance("Panigrahy/class7/class7_60_3_0.vbp");
    const warm = solvePackingHeuristic(problem, { timeLimitMs: 300 });
    const started = performance.now();
    const s = await solve(problem, { timeLimitMs: 5000, warmStart: warm });
    expect(s.cost).toBe(optimum);
    expect(s.lowerBound).toBe(optimum);
    expect(s.provenOptimal).toBe(true);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("finds and proves the optimum of a Falkenauer triplet instance (60 items) from singleton bins", async () => {
    const { problem, optimum } = readInstance("Triplet/Falkenauer/classF_60_3_0.vbp");
    let stats: ExactStats | undefined;
    const s = await solve(problem, { timeLimitMs: 5000, warmStart: singletons(problem), onStats: (x) => (stats = x) });
    expect(s.bins).toHaveLength(optimum);
    expect(s.provenOptimal).toBe(true);
    expect(s.method).toBe(COLUMN_GENERATION_METHOD);
    expect(stats?.highs).toBe(true);
    expect(stats?.converged).toBe(true);
  });

  it("keeps a valid bound when its budget stops it early", async () => {
    for (const file of ["Panigrahy/class1/class1_120_3_0.vbp", "New/class2/class2_60_10_1.vbp"]) {
      const { problem, optimum } = readInstance(file);
      const s = await solve(problem, { timeLimitMs: 150, warmStart: singletons(problem) });
      expect(s.lowerBound, file).toBeLessThanOrEqual(optimum);
      expect(s.cost, file).toBeGreaterThanOrEqual(optimum);
    }
  });

  it("is deterministic: the same input gives the same output", async () => {
    const { problem } = readInstance("New/class5/class5_60_5_1.vbp");
    const warm = solvePackingHeuristic(problem, { timeLimitMs: 50 });
    const a = await solvePackingExact(problem, { timeLimitMs: 600, warmStart: warm });
    const b = await solvePackingExact(problem, { timeLimitMs: 600, warmStart: warm });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(checkSolution(problem, a)).toEqual([]);
  });
});
