/**
 * A `PackingProblem` prepared for the exact engine: which item types fit which bin types and
 * how many copies of each fit in one bin, bin types that are never needed (dominated), group
 * indexes, the granularity of costs (for rounding bounds up), and canonical solution helpers.
 */
import { compareBins } from "../packing/check.js";
import { compile, costScaleOf } from "../packing/compiled.js";
import type { PackedBin, PackingProblem, PackingSolution } from "../packing/problem.js";

/** Prepared data, all indexes into the problem's arrays. */
export interface Instance {
  readonly problem: PackingProblem;
  readonly dims: number;
  readonly nItems: number;
  readonly nTypes: number;
  /** `maxCopies[t][i]`: copies of item type i that fit in one empty bin of type t (0: not allowed or does not fit). */
  readonly maxCopies: readonly (readonly number[])[];
  /** Group index of each bin type, -1 when it has none. */
  readonly groupOf: readonly number[];
  /** `maxBins` of each group. */
  readonly groupMax: readonly number[];
  /** Bin types worth pricing: not dominated by a cheaper, larger type with a superset of items and the same (or no) group. */
  readonly pricedTypes: readonly number[];
  /** Item types that fit no bin type at all (they must be left out). */
  readonly unplaceable: readonly number[];
  /** Every cost (bins and alternatives) is an integer multiple of this (0 when there is no such grid). */
  readonly costUnit: number;
}

/** Validates the problem (throws the packing core's `PackingError` "invalid-problem") and prepares it. */
export function prepare(problem: PackingProblem): Instance {
  compile(problem);
  const dims = problem.dims;
  const groupIds = (problem.groups ?? []).map((g) => g.id);
  const groupMax = (problem.groups ?? []).map((g) => Math.max(0, Math.floor(g.maxBins)));
  const groupOf = problem.binTypes.map((b) => (b.group === undefined ? -1 : groupIds.indexOf(b.group)));
  const typeIndex = new Map(problem.binTypes.map((b, t) => [b.id, t]));
  const allowed: boolean[][] = problem.binTypes.map(() => problem.items.map(() => false));
  problem.items.forEach((item, i) => {
    if (item.allowedBinTypes === undefined) for (const row of allowed) row[i] = true;
    else
      for (const id of item.allowedBinTypes) {
        const t = typeIndex.get(id);
        if (t !== undefined) allowed[t]![i] = true;
      }
  });
  const maxCopies = problem.binTypes.map((bin, t) =>
    problem.items.map((item, i) => {
      if (!allowed[t]![i]) return 0;
      if (groupOf[t]! >= 0 && groupMax[groupOf[t]!] === 0) return 0;
      let k = item.spread ? 1 : item.count;
      for (let d = 0; d < dims; d++) {
        const s = item.size[d] ?? 0;
        if (s > 0) k = Math.min(k, Math.floor((bin.capacity[d] ?? 0) / s));
      }
      return Math.max(0, k);
    }),
  );
  const unplaceable: number[] = [];
  problem.items.forEach((item, i) => {
    if (item.count > 0 && maxCopies.every((row) => row[i] === 0)) unplaceable.push(i);
  });
  const pricedTypes: number[] = [];
  for (let t = 0; t < problem.binTypes.length; t++) {
    if (maxCopies[t]!.every((k) => k === 0)) continue;
    let dominated = false;
    for (let u = 0; u < problem.binTypes.length && !dominated; u++) {
      if (u === t) continue;
      dominated = dominates(problem, allowed, groupOf, u, t);
    }
    if (!dominated) pricedTypes.push(t);
  }
  return {
    problem,
    dims,
    nItems: problem.items.length,
    nTypes: problem.binTypes.length,
    maxCopies,
    groupOf,
    groupMax,
    pricedTypes,
    unplaceable,
    costUnit: costUnit(problem),
  };
}

/** True when bin type u can replace bin type t in every solution at no extra cost (ties: the lower index wins). */
function dominates(problem: PackingProblem, allowed: boolean[][], groupOf: readonly number[], u: number, t: number): boolean {
  const a = problem.binTypes[u]!;
  const b = problem.binTypes[t]!;
  if (groupOf[u] !== -1 && groupOf[u] !== groupOf[t]) return false;
  if (a.cost > b.cost) return false;
  for (let d = 0; d < problem.dims; d++) if ((a.capacity[d] ?? 0) < (b.capacity[d] ?? 0)) return false;
  for (let i = 0; i < problem.items.length; i++) if (allowed[t]![i] && !allowed[u]![i]) return false;
  const identical =
    a.cost === b.cost && groupOf[u] === groupOf[t] && a.capacity.every((c, d) => c === b.capacity[d]) && allowed[t]!.every((x, i) => x === allowed[u]![i]);
  return identical ? u < t : true;
}

/**
 * The largest grid u such that every cost is an integer multiple of u: with the packing core's
 * decimal scale s (every cost × s is an integer), u = gcd(cost × s) / s; 0 when there is no grid.
 */
function costUnit(problem: PackingProblem): number {
  const costs = [...problem.binTypes.map((b) => b.cost), ...problem.items.flatMap((i) => (i.alternativeCost === undefined ? [] : [i.alternativeCost]))];
  const scale = costScaleOf(costs);
  if (scale <= 0) return 0;
  let g = 0;
  for (const c of costs) {
    const n = Math.round(c * scale);
    if (!Number.isSafeInteger(n)) return 0;
    g = gcd(g, n);
  }
  return g > 0 ? g / scale : 0;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Relative tolerance for comparing costs. */
export function costTolerance(x: number): number {
  return 1e-9 * Math.max(1, Math.abs(x));
}

/** Rounds a valid lower bound up to the cost unit (all solutions cost a multiple of it), with a tolerance for float noise. */
export function roundBoundUp(instance: Instance, bound: number): number {
  if (!(bound > 0)) return Math.max(0, bound);
  const u = instance.costUnit;
  if (u > 0) return Math.ceil(bound / u - 1e-6 * Math.max(1, bound / u)) * u;
  return bound;
}

/** Total cost of bins plus the alternative costs of the item types left out. */
export function solutionCost(problem: PackingProblem, bins: readonly PackedBin[], leftOut: readonly number[]): number {
  let cost = 0;
  for (const b of bins) cost += problem.binTypes[b.type]!.cost;
  for (const i of leftOut) cost += problem.items[i]!.alternativeCost ?? 0;
  return cost;
}

/** Canonical order (problem.ts): items ascending in each bin, bins by type then contents; empty bins dropped. */
export function canonicalBins(bins: readonly PackedBin[]): PackedBin[] {
  return bins
    .filter((b) => b.items.length > 0)
    .map((b) => ({ type: b.type, items: [...b.items].sort((x, y) => x - y) }))
    .sort(compareBins);
}

/**
 * Feasibility check used by this engine on its own answers (the packing module's
 * `checkSolution` is the independent one). Returns human-readable violations.
 */
export function violations(instance: Instance, solution: Pick<PackingSolution, "bins" | "leftOut">): string[] {
  const { problem, dims } = instance;
  const out: string[] = [];
  const packed = problem.items.map(() => 0);
  const perGroup = instance.groupMax.map(() => 0);
  solution.bins.forEach((bin, k) => {
    const type = problem.binTypes[bin.type];
    if (!type) {
      out.push(`bin ${k}: unknown type ${bin.type}`);
      return;
    }
    if (instance.groupOf[bin.type]! >= 0) perGroup[instance.groupOf[bin.type]!]!++;
    const load = new Array<number>(dims).fill(0);
    const here = new Map<number, number>();
    for (const i of bin.items) {
      const item = problem.items[i];
      if (!item) {
        out.push(`bin ${k}: unknown item ${i}`);
        continue;
      }
      packed[i]!++;
      here.set(i, (here.get(i) ?? 0) + 1);
      for (let d = 0; d < dims; d++) load[d]! += item.size[d] ?? 0;
      if (item.allowedBinTypes && !item.allowedBinTypes.includes(type.id)) out.push(`bin ${k}: item ${item.id} not allowed in ${type.id}`);
    }
    for (const [i, n] of here) if (problem.items[i]!.spread && n > 1) out.push(`bin ${k}: ${n} copies of spread item ${problem.items[i]!.id}`);
    for (let d = 0; d < dims; d++) if (load[d]! > (type.capacity[d] ?? 0)) out.push(`bin ${k}: dimension ${d} load ${load[d]} > ${type.capacity[d]}`);
  });
  perGroup.forEach((n, g) => {
    if (n > instance.groupMax[g]!) out.push(`group ${problem.groups![g]!.id}: ${n} bins > ${instance.groupMax[g]}`);
  });
  const left = new Set(solution.leftOut);
  problem.items.forEach((item, i) => {
    if (left.has(i)) {
      if (item.alternativeCost === undefined) out.push(`item ${item.id} left out but not optional`);
      if (packed[i] !== 0) out.push(`item ${item.id} left out but ${packed[i]} copies packed`);
    } else if (packed[i] !== item.count) out.push(`item ${item.id}: ${packed[i]} copies packed, ${item.count} required`);
  });
  return out;
}
