/**
 * A packing problem validated and laid out in flat arrays, as the heuristics, the local search
 * and the bounds read it. Internal to the packing core (the checker deliberately does not use
 * it: it reads `PackingProblem` directly, so that a mistake here cannot hide from it).
 */
import type { PackingProblem } from "./problem.js";

/** Why a packing could not be produced. */
export type PackingErrorKind =
  /** The problem itself is malformed (a size of the wrong length, an unknown group, …). */
  | "invalid-problem"
  /** Proven: no packing exists (e.g. a mandatory item fits no bin type it is allowed in). */
  | "infeasible"
  /** The heuristics found no packing within the group limits; infeasibility is not proven. */
  | "not-found"
  /** The deadline (the caller's time limit) passed before any packing was found. */
  | "time-limit";

/** Thrown by the packing core. `place()` turns it into a user-facing error. */
export class PackingError extends Error {
  readonly kind: PackingErrorKind;
  /** The item types concerned (indexes into `PackingProblem.items`), when the error is about some. */
  readonly itemTypes: readonly number[];

  constructor(kind: PackingErrorKind, message: string, itemTypes: readonly number[] = []) {
    super(message);
    this.name = "PackingError";
    this.kind = kind;
    this.itemTypes = itemTypes;
  }
}

/** The problem in flat arrays. Item `i` means item type `i`; bin type `t` means `binTypes[t]`. */
export interface Compiled {
  readonly problem: PackingProblem;
  readonly dims: number;
  readonly nItems: number;
  readonly nBinTypes: number;
  /** `size[i * dims + k]`. */
  readonly size: Float64Array;
  readonly count: Int32Array;
  readonly spread: Uint8Array;
  readonly optional: Uint8Array;
  /** Alternative cost of an optional item type (0 when mandatory). */
  readonly alt: Float64Array;
  /** `fits[i * nBinTypes + t]` = 1 when bin type t is allowed for item type i and one copy fits in an empty bin of it. */
  readonly fits: Uint8Array;
  /** `cap[t * dims + k]`. */
  readonly cap: Float64Array;
  readonly cost: Float64Array;
  /** Group index of a bin type, -1 when none. */
  readonly group: Int32Array;
  readonly groupMax: Int32Array;
  /** Per dimension, the largest capacity of any bin type (normalises sizes); 1 where every capacity is 0. */
  readonly refCap: Float64Array;
  /** Per item type, the sum over dimensions of size / refCap. */
  readonly volume: Float64Array;
  /** Bin types whose group limit is 0 or that no item fits are still listed; this is every index. */
  readonly allBinTypes: readonly number[];
  /** True when every bin and alternative cost is a multiple of `1 / costScale` (see `costScale`). */
  readonly costScale: number;
}

const isNonNegativeFinite = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x) && x >= 0;

/**
 * Validates the problem (throws `PackingError` "invalid-problem") and lays it out. Does not
 * decide feasibility: an item type that fits no bin type has an all-zero row in `fits`.
 */
export function compile(problem: PackingProblem): Compiled {
  const bad = (message: string): never => {
    throw new PackingError("invalid-problem", message);
  };
  const dims = problem.dims;
  if (!Number.isInteger(dims) || dims < 0) bad(`dims must be a non-negative integer, got ${String(dims)}`);
  const binTypes = problem.binTypes;
  const items = problem.items;
  const groups = problem.groups ?? [];
  const groupIndex = new Map<string, number>();
  groups.forEach((g, j) => {
    if (groupIndex.has(g.id)) bad(`group id "${g.id}" is used twice`);
    if (!Number.isInteger(g.maxBins) || g.maxBins < 0) bad(`group "${g.id}": maxBins must be a non-negative integer, got ${String(g.maxBins)}`);
    groupIndex.set(g.id, j);
  });
  const binIndex = new Map<string, number>();
  const nBinTypes = binTypes.length;
  const cap = new Float64Array(nBinTypes * dims);
  const cost = new Float64Array(nBinTypes);
  const group = new Int32Array(nBinTypes).fill(-1);
  binTypes.forEach((b, t) => {
    if (binIndex.has(b.id)) bad(`bin type id "${b.id}" is used twice`);
    binIndex.set(b.id, t);
    if (b.capacity.length !== dims) bad(`bin type "${b.id}": capacity has ${b.capacity.length} values, expected ${dims}`);
    b.capacity.forEach((c, k) => {
      if (!isNonNegativeFinite(c)) bad(`bin type "${b.id}": capacity[${k}] must be a non-negative number, got ${String(c)}`);
      cap[t * dims + k] = c;
    });
    if (!isNonNegativeFinite(b.cost)) bad(`bin type "${b.id}": cost must be a non-negative number, got ${String(b.cost)}`);
    cost[t] = b.cost;
    if (b.group !== undefined) {
      const g = groupIndex.get(b.group);
      if (g === undefined) bad(`bin type "${b.id}": unknown group "${b.group}"`);
      group[t] = g!;
    }
  });
  const nItems = items.length;
  const size = new Float64Array(nItems * dims);
  const count = new Int32Array(nItems);
  const spread = new Uint8Array(nItems);
  const optional = new Uint8Array(nItems);
  const alt = new Float64Array(nItems);
  const fits = new Uint8Array(nItems * nBinTypes);
  const itemIds = new Set<string>();
  items.forEach((it, i) => {
    if (itemIds.has(it.id)) bad(`item type id "${it.id}" is used twice`);
    itemIds.add(it.id);
    if (it.size.length !== dims) bad(`item type "${it.id}": size has ${it.size.length} values, expected ${dims}`);
    it.size.forEach((s, k) => {
      if (!isNonNegativeFinite(s)) bad(`item type "${it.id}": size[${k}] must be a non-negative number, got ${String(s)}`);
      size[i * dims + k] = s;
    });
    if (!Number.isInteger(it.count) || it.count < 0) bad(`item type "${it.id}": count must be a non-negative integer, got ${String(it.count)}`);
    count[i] = it.count;
    spread[i] = it.spread === true ? 1 : 0;
    if (it.alternativeCost !== undefined) {
      if (!isNonNegativeFinite(it.alternativeCost)) bad(`item type "${it.id}": alternativeCost must be a non-negative number, got ${String(it.alternativeCost)}`);
      optional[i] = 1;
      alt[i] = it.alternativeCost;
    }
    const allowed = new Uint8Array(nBinTypes);
    if (it.allowedBinTypes === undefined) allowed.fill(1);
    else
      for (const id of it.allowedBinTypes) {
        const t = binIndex.get(id);
        if (t === undefined) bad(`item type "${it.id}": unknown bin type "${id}" in allowedBinTypes`);
        allowed[t!] = 1;
      }
    for (let t = 0; t < nBinTypes; t++) {
      if (!allowed[t]) continue;
      let ok = true;
      for (let k = 0; k < dims; k++) if (size[i * dims + k]! > cap[t * dims + k]!) ok = false;
      fits[i * nBinTypes + t] = ok ? 1 : 0;
    }
  });
  const refCap = new Float64Array(dims);
  for (let k = 0; k < dims; k++) {
    let m = 0;
    for (let t = 0; t < nBinTypes; t++) m = Math.max(m, cap[t * dims + k]!);
    refCap[k] = m > 0 ? m : 1;
  }
  const volume = new Float64Array(nItems);
  for (let i = 0; i < nItems; i++) {
    let v = 0;
    for (let k = 0; k < dims; k++) v += size[i * dims + k]! / refCap[k]!;
    volume[i] = v;
  }
  const groupMax = Int32Array.from(groups.map((g) => g.maxBins));
  const allCosts = [...cost, ...alt];
  return {
    problem,
    dims,
    nItems,
    nBinTypes,
    size,
    count,
    spread,
    optional,
    alt,
    fits,
    cap,
    cost,
    group,
    groupMax,
    refCap,
    volume,
    allBinTypes: Array.from({ length: nBinTypes }, (_, t) => t),
    costScale: costScaleOf(allCosts),
  };
}

/**
 * The smallest scale s in {1, 10, …, 10^6} such that every cost times s is an integer (to
 * within float rounding), or 0 when there is none. With s > 0 every total cost is a multiple of
 * 1/s, so a lower bound may be rounded up to the next multiple of 1/s.
 */
export function costScaleOf(costs: Iterable<number>): number {
  const list = [...costs];
  for (let s = 1; s <= 1e6; s *= 10) {
    if (list.every((c) => Math.abs(c * s - Math.round(c * s)) <= 1e-9 * Math.max(1, Math.abs(c * s)))) return s;
  }
  return 0;
}

/** Rounds a valid lower bound up to the next multiple of 1/scale (no rounding when scale is 0). */
export function roundBoundUp(bound: number, scale: number): number {
  if (scale <= 0 || !Number.isFinite(bound)) return bound;
  // The tolerance absorbs float error in the bound itself (sums of products of costs and sizes).
  const scaled = bound * scale;
  return Math.ceil(scaled - 1e-7 * Math.max(1, Math.abs(scaled))) / scale;
}

/** True when `cost` is proven optimal against `lowerBound`. */
export function meetsBound(cost: number, lowerBound: number): boolean {
  return cost <= lowerBound + 1e-9 * Math.max(1, Math.abs(cost));
}
