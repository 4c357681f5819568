/**
 * The packing problem at the core of placement: heterogeneous vector bin packing with costs.
 *
 * Items are replicas (request vectors: CPU, memory, GPUs, pods, …); bins are nodes of an
 * instance type in a node pool, with that type's allocatable capacity and its price. Identical
 * replicas are aggregated into item types with a count. The objective is the minimum total
 * cost of the bins bought plus the alternative cost of every optional item type left out.
 *
 * Classic vector bin packing (the `.vbp` benchmarks) is the special case of one bin type of
 * cost 1, no limits, and item types of count 1 (or `q` for a multiplicity).
 */

/** A kind of bin: a node of one instance type in one node pool. */
export interface BinType {
  /** Unique id, e.g. `main/general/m7i.large`. */
  readonly id: string;
  /** Capacity in every dimension (for a node: its allocatable resources). Non-negative integers. */
  readonly capacity: readonly number[];
  /** Cost of one bin (for a node: USD per month). Non-negative. */
  readonly cost: number;
  /** The count limit this bin type shares with others (a pool's `maxNodes`), if any: an id in `PackingProblem.groups`. */
  readonly group?: string;
}

/** A limit on the number of bins of all bin types in the group together (a node pool's `maxNodes`). */
export interface BinGroup {
  readonly id: string;
  readonly maxBins: number;
}

/** `count` identical items: the replicas of one workload, or one backing resource. */
export interface ItemType {
  /** Unique id, e.g. the part's name. */
  readonly id: string;
  /** Size in every dimension. Non-negative integers. */
  readonly size: readonly number[];
  /** How many copies must be packed. At least 1. */
  readonly count: number;
  /** The bin types a copy may go into; all when absent. */
  readonly allowedBinTypes?: readonly string[];
  /** At most one copy of this item type per bin (Kubernetes: replicas spread over nodes). */
  readonly spread?: boolean;
  /**
   * When present the item type is optional: either all `count` copies are packed, or none and
   * `alternativeCost` is paid instead (e.g. the part runs as a managed service).
   */
  readonly alternativeCost?: number;
}

/** An instance of the problem. */
export interface PackingProblem {
  /** Number of dimensions; every capacity and size has this length. */
  readonly dims: number;
  readonly binTypes: readonly BinType[];
  readonly groups?: readonly BinGroup[];
  readonly items: readonly ItemType[];
}

/** One bin of a solution: its type and the item types of the copies in it (an index repeats per copy). */
export interface PackedBin {
  /** Index into `PackingProblem.binTypes`. */
  readonly type: number;
  /** Indexes into `PackingProblem.items`, one per copy packed in this bin, ascending. */
  readonly items: readonly number[];
}

/** A solution, with a proof of its quality. */
export interface PackingSolution {
  /** The bins bought, in a canonical order (by bin type, then by contents). */
  readonly bins: readonly PackedBin[];
  /** Indexes of the optional item types left out (their alternative cost is paid), ascending. */
  readonly leftOut: readonly number[];
  /** Total cost: bins plus alternative costs of the item types left out. */
  readonly cost: number;
  /** A proven lower bound on the optimal cost. */
  readonly lowerBound: number;
  /** True when `cost` is proven optimal (it equals the lower bound, within rounding of costs). */
  readonly provenOptimal: boolean;
  /** Which method found the solution, e.g. `ffd-sum`, `local-search`, `column-generation`. */
  readonly method: string;
}

/** Options of a solve. */
export interface PackingOptions {
  /** Wall-clock budget in milliseconds. The answer does not depend on it except through how far the search gets. */
  readonly timeLimitMs?: number;
  /**
   * Epoch milliseconds (`Date.now()`) at which the search stops whatever its budget says: the
   * caller's hard time limit. Reaching it is, like the emergency stop, a timing-dependent exit.
   */
  readonly deadline?: number;
}
