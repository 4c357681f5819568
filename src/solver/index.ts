/** Placement: deciding where every part runs, what to buy, what it costs, and why. */
export * from "./placement.js";
export { place, DEFAULT_TIME_LIMIT_SECONDS, EXACT_REFERENCE_PARTS, type PlaceOptions } from "./place.js";
export { loadCatalog, type Catalog, type InstanceTypeInfo } from "./catalog/catalog.js";
export { solvePacking } from "./solve-packing.js";
export type { PackingProblem, PackingSolution, BinType, ItemType, BinGroup, PackedBin } from "./packing/problem.js";
export { formatPlacementTable } from "./format-placement.js";
