/**
 * The packing core `place()` and the `.vbp` benchmark share: fast heuristics with local search
 * first, then, unless they already proved their answer optimal, the column-generation model on
 * HiGHS, warm-started from the heuristic answer. Deterministic for a given time limit.
 */
import { aggregateCapacityBound } from "./capacity-bound.js";
import { solvePackingExact } from "./exact/solve-exact.js";
import type { PackingOptions, PackingProblem, PackingSolution } from "./packing/problem.js";
import { solvePackingHeuristic } from "./packing/solve.js";

/** Share of the time limit given to the heuristics; the exact model gets the rest. */
const HEURISTIC_SHARE = 0.25;

/** Default time limit of one packing solve, in milliseconds. */
export const DEFAULT_PACKING_TIME_LIMIT_MS = 10_000;

/** Options of `solvePacking()`. */
export interface SolvePackingOptions extends PackingOptions {
  /**
   * Scale the exact phase down on instances with many item types: with more than this, the
   * exact phase gets its share of the time limit times `(exactReferenceItems / item types)²`.
   * Column generation's master has a row per item type and its pricing a knapsack item per
   * type, so every iteration costs more as they grow, and on large instances it rarely
   * converges within the limit. (Many copies of few types stay cheap: they are counts, not rows.)
   * Absent (the default): the exact phase always gets its full share.
   */
  readonly exactReferenceItems?: number;
}

/** Milliseconds of time limit the exact phase gets: its share, scaled down beyond `referenceItems` item types. */
export function exactTimeLimitMs(problem: PackingProblem, timeLimitMs: number, referenceItems?: number): number {
  const share = timeLimitMs * (1 - HEURISTIC_SHARE);
  const types = problem.items.length;
  return referenceItems === undefined || types <= referenceItems ? share : share * (referenceItems / types) ** 2;
}

/**
 * Packs a problem as well as the time limit allows, with a proven lower bound. With a
 * `deadline`, every phase stops by then (the exact phase is skipped when it has passed).
 */
export async function solvePacking(problem: PackingProblem, options: SolvePackingOptions = {}): Promise<PackingSolution> {
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_PACKING_TIME_LIMIT_MS;
  if (problem.items.length === 0) {
    return { bins: [], leftOut: [], cost: 0, lowerBound: 0, provenOptimal: true, method: "empty" };
  }
  const deadline = options.deadline === undefined ? {} : { deadline: options.deadline };
  const capacityBound = aggregateCapacityBound(problem, options.deadline);
  const heuristic = withBound(solvePackingHeuristic(problem, { timeLimitMs: timeLimitMs * HEURISTIC_SHARE, ...deadline }), capacityBound);
  if (heuristic.provenOptimal) return heuristic;
  if (options.deadline !== undefined && Date.now() >= options.deadline) return heuristic;
  const exactMs = exactTimeLimitMs(problem, timeLimitMs, options.exactReferenceItems);
  return withBound(await solvePackingExact(problem, { timeLimitMs: exactMs, warmStart: heuristic, ...deadline }), capacityBound);
}

/** The solution with the better of its own bound and `bound`; proven optimal when its cost reaches it. */
export function withBound(solution: PackingSolution, bound: number): PackingSolution {
  if (bound <= solution.lowerBound) return solution;
  const lowerBound = Math.min(bound, solution.cost);
  return { ...solution, lowerBound, provenOptimal: solution.cost - lowerBound <= 1e-9 * Math.max(1, solution.cost) };
}
