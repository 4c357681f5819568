/**
 * The packing core of placement: heterogeneous vector bin packing with costs (problem.ts).
 *
 * - `solvePackingHeuristic`: the anytime heuristic (solve.ts): constructive variants
 *   (heuristics.ts), then a local search that empties bins (local-search.ts), then the choice of
 *   optional item types; deterministic, budgeted in work units derived from the time limit.
 * - `checkSolution`: the independent feasibility checker (check.ts), what every answer is trusted through.
 * - `packingLowerBound` / `boundReport`: cheap proven lower bounds (bounds.ts).
 * - `makeSolution`, `canonicalBins`: building a canonical `PackingSolution` (solution.ts).
 */
export type { BinGroup, BinType, ItemType, PackedBin, PackingOptions, PackingProblem, PackingSolution } from "./problem.js";
export { checkSolution, compareBins } from "./check.js";
export { binCountLowerBound, boundReport, packingLowerBound, type BoundReport } from "./bounds.js";
export { compile, PackingError, type Compiled, type PackingErrorKind } from "./compiled.js";
export { canonicalBins, makeSolution, solutionCost } from "./solution.js";
export {
  DEFAULT_TIME_LIMIT_MS,
  solvePackingHeuristic,
  solvePackingHeuristicWithStats,
  type HeuristicOptions,
  type HeuristicStats,
} from "./solve.js";
