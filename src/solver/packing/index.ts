/** The packing core of placement: heterogeneous vector bin packing with costs. */
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
