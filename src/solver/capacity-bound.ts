/**
 * The aggregate-capacity bound: the cheapest whole number of bins of each type whose summed
 * capacity covers the summed demand in every dimension, within the group limits, with at
 * least as many bins as the largest spread item type has copies.
 *
 * Valid because every packing buys such a set of bins: its bins hold every mandatory copy, so
 * their capacities sum to at least the demand in each dimension; it respects the group limits;
 * and a spread item type with c copies needs c distinct bins. Optional item types are left out
 * of the demand, which only lowers the bound (their cost is ≥ 0 either way). Unlike the LP
 * relaxation it counts bins in whole numbers, which is what makes small apps provably optimal:
 * 1.25 nodes' worth of pods needs two nodes.
 *
 * Solved exactly by a small depth-first branch and bound over the bin counts, with a
 * deterministic node limit; when the limit is hit it returns the root bound, which is valid too.
 */
import type { PackingProblem } from "./packing/problem.js";

/** Search nodes explored at most. */
const NODE_LIMIT = 200_000;
/**
 * Bin types visited at most, summed over the nodes (each node's bound visits the types not yet
 * fixed): with hundreds of types, 200,000 nodes would take seconds.
 */
const TYPE_VISIT_LIMIT = 20_000_000;

interface Type {
  readonly capacity: readonly number[];
  readonly cost: number;
  readonly group: number;
}

/**
 * A lower bound on the cost of any packing of `problem`. The search also stops at `deadline`
 * (epoch ms), returning the root bound then, like at its node limit.
 */
export function aggregateCapacityBound(problem: PackingProblem, deadline = Infinity): number {
  const dims = problem.dims;
  const demand = new Array<number>(dims).fill(0);
  let spread = 0;
  for (const item of problem.items) {
    if (item.alternativeCost !== undefined) continue;
    item.size.forEach((s, d) => (demand[d]! += s * item.count));
    if (item.spread) spread = Math.max(spread, item.count);
  }
  if (demand.every((d) => d === 0)) return 0;
  const groupIds = (problem.groups ?? []).map((g) => g.id);
  const groupLimits = (problem.groups ?? []).map((g) => g.maxBins);
  const types: Type[] = problem.binTypes
    .map((b) => ({ capacity: b.capacity, cost: b.cost, group: b.group === undefined ? -1 : groupIds.indexOf(b.group) }))
    // Cheapest per unit of the scarcest resource first: good answers early prune the rest.
    .sort((a, b) => efficiency(a, demand) - efficiency(b, demand));

  const rootBound = fractionalBound(types, 0, demand, spread);
  if (!Number.isFinite(rootBound)) return 0; // no bin type can cover the demand: infeasible, no bound to give
  let best = Infinity;
  let nodes = 0;
  const used = groupLimits.map(() => 0);

  let visits = 0;
  let stopped = false;
  const search = (index: number, remaining: number[], binsNeeded: number, cost: number): void => {
    if (stopped || ++nodes > NODE_LIMIT) return;
    visits += types.length - index + 1;
    if (visits > TYPE_VISIT_LIMIT || (nodes % 1024 === 0 && Date.now() > deadline)) {
      stopped = true;
      return;
    }
    if (remaining.every((r) => r <= 0) && binsNeeded <= 0) {
      best = Math.min(best, cost);
      return;
    }
    if (index >= types.length) return;
    if (cost + fractionalBound(types, index, remaining, binsNeeded) >= best - 1e-9) return;
    const type = types[index]!;
    const room = type.group >= 0 ? groupLimits[type.group]! - used[type.group]! : Infinity;
    const useful = Math.max(binsNeeded, ...remaining.map((r, d) => (r > 0 ? (type.capacity[d]! > 0 ? Math.ceil(r / type.capacity[d]!) : 0) : 0)));
    const most = Math.min(room, useful);
    for (let n = most; n >= 0 && !stopped && nodes <= NODE_LIMIT; n--) {
      if (type.group >= 0) used[type.group]! += n;
      search(
        index + 1,
        remaining.map((r, d) => r - n * type.capacity[d]!),
        binsNeeded - n,
        cost + n * type.cost,
      );
      if (type.group >= 0) used[type.group]! -= n;
    }
  };
  search(0, demand, spread, 0);
  if (stopped || nodes > NODE_LIMIT || best === Infinity) return rootBound;
  return Math.max(best, rootBound);
}

/** Cost per unit of capacity in the dimension where the demand is largest relative to this type. */
function efficiency(type: Type, demand: readonly number[]): number {
  const fill = Math.max(...demand.map((d, i) => (type.capacity[i]! > 0 ? d / type.capacity[i]! : d > 0 ? Infinity : 0)));
  return fill > 0 ? type.cost / Math.min(1, 1 / fill) : type.cost;
}

/**
 * A valid bound on the cost of covering `remaining` with types from `from` on: in each
 * dimension, the demand times the cheapest cost per unit of capacity among those types; and
 * `bins` bins at the cheapest price. The largest of these.
 */
function fractionalBound(types: readonly Type[], from: number, remaining: readonly number[], bins: number): number {
  let bound = 0;
  remaining.forEach((r, d) => {
    if (r <= 0) return;
    let cheapest = Infinity;
    for (let i = from; i < types.length; i++) if (types[i]!.capacity[d]! > 0) cheapest = Math.min(cheapest, types[i]!.cost / types[i]!.capacity[d]!);
    bound = Math.max(bound, r * cheapest);
  });
  if (bins > 0) {
    let cheapestBin = Infinity;
    for (let i = from; i < types.length; i++) cheapestBin = Math.min(cheapestBin, types[i]!.cost);
    bound = Math.max(bound, bins * cheapestBin);
  }
  return bound;
}
