/**
 * The independent feasibility checker: what we trust. It reads the problem and the solution as
 * given (no shared code with the solvers beyond the types) and lists every violation.
 */
import type { PackedBin, PackingProblem, PackingSolution } from "./problem.js";

/** Relative tolerance on the recomputed cost. */
const COST_TOLERANCE = 1e-6;

/**
 * Lists the violations of `solution` for `problem`; empty means feasible and consistent.
 *
 * Checks: every bin's type exists and every item index exists; no bin is over capacity in any
 * dimension; every copy is in a bin type its item type allows; a spread item type has at most
 * one copy per bin; every group's bin count is within its limit; every mandatory item type has
 * exactly `count` copies packed, an optional one `count` copies or none (and then it is in
 * `leftOut`); `cost` equals the recomputed cost (bins plus alternative costs of `leftOut`) to a
 * relative 1e-6; `lowerBound` ≤ `cost`; `provenOptimal` only when the cost meets the bound; and
 * the canonical order that `problem.ts` prescribes (bins by type then contents, items and
 * `leftOut` ascending).
 */
export function checkSolution(problem: PackingProblem, solution: PackingSolution): string[] {
  const out: string[] = [];
  const { dims, binTypes, items } = problem;
  const groups = problem.groups ?? [];
  const packed = new Array<number>(items.length).fill(0);
  const binsInGroup = new Map<string, number>();
  let binCost = 0;

  solution.bins.forEach((bin, b) => {
    const where = `bin ${b}`;
    const type = binTypes[bin.type];
    if (!Number.isInteger(bin.type) || type === undefined) {
      out.push(`${where}: bin type ${String(bin.type)} does not exist`);
      return;
    }
    binCost += type.cost;
    if (type.group !== undefined) binsInGroup.set(type.group, (binsInGroup.get(type.group) ?? 0) + 1);
    const load = new Array<number>(dims).fill(0);
    const seen = new Set<number>();
    for (let j = 0; j < bin.items.length; j++) {
      const i = bin.items[j]!;
      const item = items[i];
      if (!Number.isInteger(i) || item === undefined) {
        out.push(`${where}: item type ${String(i)} does not exist`);
        continue;
      }
      if (j > 0 && bin.items[j - 1]! > i) out.push(`${where}: items are not in ascending order`);
      packed[i]! += 1;
      for (let k = 0; k < dims; k++) load[k]! += item.size[k]!;
      if (item.allowedBinTypes !== undefined && !item.allowedBinTypes.includes(type.id)) {
        out.push(`${where}: item type "${item.id}" is not allowed in bin type "${type.id}"`);
      }
      if (item.spread === true && seen.has(i)) out.push(`${where}: holds more than one copy of spread item type "${item.id}"`);
      seen.add(i);
    }
    for (let k = 0; k < dims; k++) {
      if (load[k]! > type.capacity[k]!) out.push(`${where} (type "${type.id}"): load ${load[k]} exceeds capacity ${type.capacity[k]} in dimension ${k}`);
    }
    if (b > 0 && compareBins(solution.bins[b - 1]!, bin) > 0) out.push(`${where}: bins are not in canonical order (by type, then contents)`);
  });

  for (const g of groups) {
    const used = binsInGroup.get(g.id) ?? 0;
    if (used > g.maxBins) out.push(`group "${g.id}": ${used} bins exceed its limit of ${g.maxBins}`);
  }

  const leftOut = new Set<number>();
  let altCost = 0;
  solution.leftOut.forEach((i, j) => {
    const item = items[i];
    if (!Number.isInteger(i) || item === undefined) {
      out.push(`leftOut: item type ${String(i)} does not exist`);
      return;
    }
    if (j > 0 && solution.leftOut[j - 1]! >= i) out.push("leftOut: not strictly ascending");
    if (leftOut.has(i)) return;
    leftOut.add(i);
    if (item.alternativeCost === undefined) out.push(`leftOut: item type "${item.id}" is not optional`);
    else altCost += item.alternativeCost;
  });

  items.forEach((item, i) => {
    const n = packed[i]!;
    if (leftOut.has(i)) {
      if (n > 0) out.push(`item type "${item.id}": left out but ${n} copies are packed`);
    } else if (n !== item.count) {
      out.push(`item type "${item.id}": ${n} copies packed, expected ${item.count}${item.alternativeCost !== undefined && n > 0 ? " (an optional item type is packed entirely or left out)" : ""}`);
    }
  });

  const cost = binCost + altCost;
  if (!Number.isFinite(solution.cost) || Math.abs(solution.cost - cost) > COST_TOLERANCE * Math.max(1, Math.abs(cost))) {
    out.push(`cost ${solution.cost} differs from the recomputed cost ${cost}`);
  }
  if (!(solution.lowerBound <= solution.cost + COST_TOLERANCE * Math.max(1, Math.abs(solution.cost)))) {
    out.push(`lowerBound ${solution.lowerBound} exceeds cost ${solution.cost}`);
  }
  if (solution.provenOptimal && !(solution.cost <= solution.lowerBound + COST_TOLERANCE * Math.max(1, Math.abs(solution.cost)))) {
    out.push(`provenOptimal, but cost ${solution.cost} is above lowerBound ${solution.lowerBound}`);
  }
  return out;
}

/** The canonical order of bins: by type, then contents compared element by element (a prefix first). */
export function compareBins(a: PackedBin, b: PackedBin): number {
  if (a.type !== b.type) return a.type - b.type;
  const n = Math.min(a.items.length, b.items.length);
  for (let j = 0; j < n; j++) if (a.items[j] !== b.items[j]) return a.items[j]! - b.items[j]!;
  return a.items.length - b.items.length;
}
