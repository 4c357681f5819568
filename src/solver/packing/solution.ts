/**
 * Building a `PackingSolution` from bins: canonical order, cost, bound and the optimality flag.
 * Shared by the heuristics and (for its warm start and its answers) the exact model.
 */
import { compareBins } from "./check.js";
import { meetsBound } from "./compiled.js";
import type { PackedBin, PackingProblem, PackingSolution } from "./problem.js";

/** Puts bins in the canonical order of `problem.ts`: items ascending in each bin, bins by type then contents. Drops empty bins. */
export function canonicalBins(bins: readonly PackedBin[]): PackedBin[] {
  return bins
    .filter((b) => b.items.length > 0)
    .map((b) => ({ type: b.type, items: [...b.items].sort((x, y) => x - y) }))
    .sort(compareBins);
}

/** Total cost of bins plus the alternative costs of the item types left out. */
export function solutionCost(problem: PackingProblem, bins: readonly PackedBin[], leftOut: readonly number[]): number {
  let cost = 0;
  for (const b of bins) cost += problem.binTypes[b.type]!.cost;
  for (const i of leftOut) cost += problem.items[i]!.alternativeCost ?? 0;
  return cost;
}

/**
 * A `PackingSolution` for the given bins and left-out item types (any order; empty bins are
 * dropped), with its cost recomputed and `provenOptimal` set when the cost meets `lowerBound`.
 * Does not check feasibility: use `checkSolution` for that.
 */
export function makeSolution(problem: PackingProblem, bins: readonly PackedBin[], leftOut: readonly number[], lowerBound: number, method: string): PackingSolution {
  const canonical = canonicalBins(bins);
  const out = [...new Set(leftOut)].sort((x, y) => x - y);
  const cost = solutionCost(problem, canonical, out);
  if (!meetsBound(lowerBound, cost)) throw new Error(`internal error: lower bound ${lowerBound} exceeds the cost ${cost} of a solution (${method})`);
  const bound = Math.min(lowerBound, cost); // only float noise is clamped here
  return { bins: canonical, leftOut: out, cost, lowerBound: bound, provenOptimal: meetsBound(cost, bound), method };
}
