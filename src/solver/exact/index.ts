/** The exact / bounding engine of the packing core: column generation, diving and price-and-branch on HiGHS. */
export { solvePackingExact, DEFAULT_TIME_LIMIT_MS, COLUMN_GENERATION_METHOD, type ExactOptions, type ExactStats } from "./solve-exact.js";
export { loadHighs, highsLoadFailure } from "./highs.js";
export { solveKnapsack, type KnapsackInput, type KnapsackItem, type KnapsackPattern, type KnapsackResult } from "./knapsack.js";
