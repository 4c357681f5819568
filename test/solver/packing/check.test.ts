/**
 * The checker is what every answer is trusted through, so it must reject every kind of bad
 * answer: each case below breaks one rule of a valid solution and expects the matching violation.
 */
import { describe, expect, it } from "vitest";
import { checkSolution, makeSolution, type PackingProblem, type PackingSolution } from "../../../src/solver/packing/index.js";

const problem: PackingProblem = {
  dims: 2,
  binTypes: [
    { id: "main/general/m7i.large", capacity: [1930, 7000], cost: 70, group: "general" },
    { id: "main/general/m7i.xlarge", capacity: [3920, 14000], cost: 140, group: "general" },
    { id: "main/gpu/g5.xlarge", capacity: [3920, 14000], cost: 730 },
  ],
  groups: [{ id: "general", maxBins: 2 }],
  items: [
    { id: "web", size: [500, 512], count: 3, spread: true },
    { id: "worker", size: [1000, 2048], count: 1, allowedBinTypes: ["main/general/m7i.xlarge", "main/gpu/g5.xlarge"] },
    { id: "db", size: [250, 1024], count: 1, alternativeCost: 15 },
  ],
};

/** Valid: web on three bins (spread), worker on the xlarge, db left out (managed instead). */
const valid: PackingSolution = {
  bins: [
    { type: 0, items: [0] },
    { type: 1, items: [0, 1] },
    { type: 2, items: [0] },
  ],
  leftOut: [2],
  cost: 70 + 140 + 730 + 15,
  lowerBound: 500,
  provenOptimal: false,
  method: "test",
};

const with_ = (patch: Partial<PackingSolution>): PackingSolution => ({ ...valid, ...patch });

describe("checkSolution", () => {
  it("accepts a feasible solution with its cost", () => {
    expect(checkSolution(problem, valid)).toEqual([]);
  });

  it("rejects a bin over capacity in some dimension", () => {
    const big: PackingProblem = { ...problem, items: [{ id: "web", size: [1000, 512], count: 2 }] };
    const s: PackingSolution = { ...valid, bins: [{ type: 0, items: [0, 0] }], leftOut: [], cost: 70, lowerBound: 70 };
    expect(checkSolution(big, s)).toEqual(['bin 0 (type "main/general/m7i.large"): load 2000 exceeds capacity 1930 in dimension 0']);
  });

  it("rejects an item in a bin type it does not allow", () => {
    const s = with_({ bins: [{ type: 0, items: [0, 1] }, { type: 1, items: [0] }, { type: 2, items: [0] }] });
    expect(checkSolution(problem, s)).toEqual(['bin 0: item type "worker" is not allowed in bin type "main/general/m7i.large"']);
  });

  it("rejects two copies of a spread item type in one bin", () => {
    const s = with_({ bins: [{ type: 1, items: [0, 0, 1] }, { type: 2, items: [0] }], cost: 140 + 730 + 15 });
    expect(checkSolution(problem, s)).toEqual(['bin 0: holds more than one copy of spread item type "web"']);
  });

  it("rejects more bins of a group than its limit", () => {
    const s = with_({ bins: [{ type: 0, items: [0] }, { type: 0, items: [0] }, { type: 1, items: [0, 1] }], cost: 70 + 70 + 140 + 15, lowerBound: 200 });
    expect(checkSolution(problem, s)).toEqual(['group "general": 3 bins exceed its limit of 2']);
  });

  it("rejects a mandatory item type with copies missing, or too many", () => {
    const missing = with_({ bins: [{ type: 1, items: [0, 1] }, { type: 2, items: [0] }], cost: 140 + 730 + 15 });
    expect(checkSolution(problem, missing)).toEqual(['item type "web": 2 copies packed, expected 3']);
    const extra = with_({ bins: [{ type: 0, items: [0] }, { type: 1, items: [0, 1, 1] }, { type: 2, items: [0] }] });
    expect(checkSolution(problem, extra)).toEqual(['item type "worker": 2 copies packed, expected 1']);
  });

  it("rejects an optional item type both left out and packed, or neither", () => {
    const both = with_({ bins: [{ type: 0, items: [0, 2] }, { type: 1, items: [0, 1] }, { type: 2, items: [0] }] });
    expect(checkSolution(problem, both)).toEqual(['item type "db": left out but 1 copies are packed']);
    const neither = with_({ leftOut: [], cost: 940 });
    expect(checkSolution(problem, neither)).toEqual(['item type "db": 0 copies packed, expected 1']);
  });

  it("rejects leaving out a mandatory item type", () => {
    const s = with_({ bins: [{ type: 0, items: [0] }, { type: 2, items: [0] }, { type: 2, items: [0] }], leftOut: [1, 2], cost: 70 + 730 + 730 + 15 });
    expect(checkSolution(problem, s)).toEqual(['leftOut: item type "worker" is not optional']);
  });

  it("rejects a cost that is not the cost of the bins plus the alternatives", () => {
    expect(checkSolution(problem, with_({ cost: 940 }))).toEqual(["cost 940 differs from the recomputed cost 955"]);
    expect(checkSolution(problem, with_({ cost: 955 * (1 + 1e-8) }))).toEqual([]); // within 1e-6 relative
  });

  it("rejects a lower bound above the cost, and a claim of optimality the bound does not support", () => {
    expect(checkSolution(problem, with_({ lowerBound: 956 }))).toEqual(["lowerBound 956 exceeds cost 955"]);
    expect(checkSolution(problem, with_({ provenOptimal: true }))).toEqual(["provenOptimal, but cost 955 is above lowerBound 500"]);
    expect(checkSolution(problem, with_({ lowerBound: 955, provenOptimal: true }))).toEqual([]);
  });

  it("rejects unknown bin types and item types", () => {
    expect(checkSolution(problem, with_({ bins: [...valid.bins, { type: 3, items: [] }] }))).toEqual(["bin 3: bin type 3 does not exist"]);
    expect(checkSolution(problem, with_({ bins: [{ type: 0, items: [0, 7] }, ...valid.bins.slice(1)] }))).toEqual(["bin 0: item type 7 does not exist"]);
    expect(checkSolution(problem, with_({ leftOut: [2, 9] }))).toEqual(["leftOut: item type 9 does not exist"]);
  });

  it("rejects bins out of the canonical order, and items or leftOut out of ascending order", () => {
    expect(checkSolution(problem, with_({ bins: [valid.bins[1]!, valid.bins[0]!, valid.bins[2]!] }))).toEqual(["bin 1: bins are not in canonical order (by type, then contents)"]);
    expect(checkSolution(problem, with_({ bins: [valid.bins[0]!, { type: 1, items: [1, 0] }, valid.bins[2]!] }))).toEqual(["bin 1: items are not in ascending order"]);
  });

  it("makeSolution puts bins in canonical order and recomputes the cost", () => {
    const s = makeSolution(problem, [{ type: 2, items: [0] }, { type: 1, items: [1, 0] }, { type: 0, items: [0] }], [2], 500, "test");
    expect(s).toEqual(valid);
    expect(checkSolution(problem, s)).toEqual([]);
  });
});
