/**
 * Turning rough packings into feasible, tidy ones, deterministically: removing surplus copies
 * (the covering master may pack more than needed), packing missing copies first-fit, dropping
 * empty bins and moving bins to cheaper types. Also the plain first-fit that is the last resort
 * when there is no warm start and the heuristics found nothing.
 */
import { type Instance, canonicalBins, solutionCost, violations } from "./instance.js";
import type { IntegerSolution } from "./integer-solution.js";

interface MutableBin {
  type: number;
  items: number[];
}

/** Moves each bin to the cheapest bin type (lowest index on ties) its contents fit in, within group limits. */
export function downgradeBins(inst: Instance, bins: MutableBin[]): void {
  const { problem, maxCopies, dims } = inst;
  const used = inst.groupMax.map(() => 0);
  for (const b of bins) if (inst.groupOf[b.type]! >= 0) used[inst.groupOf[b.type]!]!++;
  for (const b of bins) {
    const load = new Array<number>(dims).fill(0);
    const copies = new Map<number, number>();
    for (const i of b.items) {
      copies.set(i, (copies.get(i) ?? 0) + 1);
      for (let d = 0; d < dims; d++) load[d]! += problem.items[i]!.size[d] ?? 0;
    }
    let bestType = b.type;
    for (let t = 0; t < problem.binTypes.length; t++) {
      const bt = problem.binTypes[t]!;
      const cur = problem.binTypes[bestType]!;
      if (bt.cost > cur.cost || (bt.cost === cur.cost && t >= bestType)) continue;
      if (!load.every((l, d) => l <= (bt.capacity[d] ?? 0))) continue;
      let ok = true;
      for (const [i, n] of copies) if (maxCopies[t]![i]! < n) ok = false;
      if (!ok) continue;
      const g = inst.groupOf[t]!;
      if (g >= 0 && g !== inst.groupOf[b.type] && used[g]! >= inst.groupMax[g]!) continue;
      bestType = t;
    }
    if (bestType !== b.type) {
      const from = inst.groupOf[b.type]!;
      const to = inst.groupOf[bestType]!;
      if (from >= 0) used[from]!--;
      if (to >= 0) used[to]!++;
      b.type = bestType;
    }
  }
}

/**
 * Completes a rough packing into a feasible solution: copies of the left-out item types and
 * surplus copies are removed (from the emptiest bins first), missing copies are packed
 * first-fit by decreasing size (into open bins, else a new bin of the cheapest type with room
 * in its group); an optional item type that cannot be completed is left out. Undefined when a
 * mandatory item type cannot be completed.
 */
export function completePacking(inst: Instance, rough: readonly { type: number; items: readonly number[] }[], leftOutIn: readonly number[]): IntegerSolution | undefined {
  const { problem, nItems, dims, maxCopies } = inst;
  const leftOut = new Set(leftOutIn.filter((i) => problem.items[i]!.alternativeCost !== undefined));
  for (const i of inst.unplaceable) if (problem.items[i]!.alternativeCost !== undefined) leftOut.add(i);
  const bins = rough.map((b) => ({ type: b.type, items: b.items.filter((i) => !leftOut.has(i)), load: new Array<number>(dims).fill(0) }));
  const maxCap = new Array<number>(dims).fill(1);
  for (const b of problem.binTypes) for (let d = 0; d < dims; d++) maxCap[d] = Math.max(maxCap[d]!, b.capacity[d] ?? 0);
  const fillOf = (b: { type: number; items: number[] }): number => {
    const cap = problem.binTypes[b.type]!.capacity;
    let s = 0;
    for (const i of b.items) for (let d = 0; d < dims; d++) s += (problem.items[i]!.size[d] ?? 0) / Math.max(1, cap[d] ?? 0);
    return s;
  };
  // Surplus copies.
  const have = new Array<number>(nItems).fill(0);
  // The bins holding each item type (one pass: removing copies of one type never adds another).
  const holding: number[][] = Array.from({ length: nItems }, () => []);
  bins.forEach((b, k) => {
    for (const i of b.items) {
      if (holding[i]!.at(-1) !== k) holding[i]!.push(k);
      have[i]!++;
    }
  });
  for (let i = 0; i < nItems; i++) {
    let surplus = have[i]! - (leftOut.has(i) ? 0 : problem.items[i]!.count);
    if (surplus <= 0) continue;
    const order = holding[i]!.map((k) => ({ k, n: bins[k]!.items.length, f: fillOf(bins[k]!) })).sort((a, b) => a.n - b.n || a.f - b.f || a.k - b.k);
    for (const o of order) {
      const b = bins[o.k]!;
      while (surplus > 0) {
        const at = b.items.indexOf(i);
        if (at < 0) break;
        b.items.splice(at, 1);
        have[i]!--;
        surplus--;
      }
      if (surplus === 0) break;
    }
  }
  // Missing copies, largest first.
  for (const b of bins) for (const i of b.items) for (let d = 0; d < dims; d++) b.load[d]! += problem.items[i]!.size[d] ?? 0;
  const used = inst.groupMax.map(() => 0);
  for (const b of bins) if (b.items.length > 0 && inst.groupOf[b.type]! >= 0) used[inst.groupOf[b.type]!]!++;
  const weight = (i: number): number => {
    let s = 0;
    for (let d = 0; d < dims; d++) s = Math.max(s, (problem.items[i]!.size[d] ?? 0) / maxCap[d]!);
    return s;
  };
  const missing: number[] = [];
  for (let i = 0; i < nItems; i++) if (!leftOut.has(i) && have[i]! < problem.items[i]!.count) missing.push(i);
  missing.sort((a, b) => weight(b) - weight(a) || a - b);
  const fits = (bin: { type: number; items: number[]; load: number[] }, i: number): boolean => {
    if (maxCopies[bin.type]![i]! <= 0) return false;
    const item = problem.items[i]!;
    if (item.spread && bin.items.includes(i)) return false;
    const cap = problem.binTypes[bin.type]!.capacity;
    for (let d = 0; d < dims; d++) if (bin.load[d]! + (item.size[d] ?? 0) > (cap[d] ?? 0)) return false;
    return true;
  };
  for (const i of missing) {
    const item = problem.items[i]!;
    const added: { bin: (typeof bins)[number]; fresh: boolean }[] = [];
    let ok = true;
    // Bins before `from` have no room for i, and never get any while i is packed (they only fill up).
    let from = 0;
    for (let c = have[i]!; c < item.count; c++) {
      while (from < bins.length && !(bins[from]!.items.length > 0 && fits(bins[from]!, i))) from++;
      let bin = bins[from];
      let fresh = false;
      if (!bin) {
        let best = -1;
        for (let t = 0; t < problem.binTypes.length; t++) {
          if (maxCopies[t]![i]! <= 0) continue;
          const g = inst.groupOf[t]!;
          if (g >= 0 && used[g]! >= inst.groupMax[g]!) continue;
          if (best < 0 || problem.binTypes[t]!.cost < problem.binTypes[best]!.cost) best = t;
        }
        if (best < 0) {
          ok = false;
          break;
        }
        const g = inst.groupOf[best]!;
        if (g >= 0) used[g]!++;
        bin = { type: best, items: [], load: new Array<number>(dims).fill(0) };
        bins.push(bin);
        fresh = true;
      }
      bin.items.push(i);
      for (let d = 0; d < dims; d++) bin.load[d]! += item.size[d] ?? 0;
      added.push({ bin, fresh });
    }
    if (!ok) {
      if (item.alternativeCost === undefined) return undefined;
      // Leave the optional item type out: take back what was added and every packed copy.
      for (const b of bins) {
        const before = b.items.length;
        b.items = b.items.filter((x) => x !== i);
        if (b.items.length !== before) {
          b.load = new Array<number>(dims).fill(0);
          for (const x of b.items) for (let d = 0; d < dims; d++) b.load[d]! += problem.items[x]!.size[d] ?? 0;
        }
      }
      for (const a of added) if (a.fresh && a.bin.items.length === 0 && inst.groupOf[a.bin.type]! >= 0) used[inst.groupOf[a.bin.type]!]!--;
      leftOut.add(i);
    }
  }
  const kept = bins.filter((b) => b.items.length > 0).map((b) => ({ type: b.type, items: b.items }));
  downgradeBins(inst, kept);
  const canonical = canonicalBins(kept);
  const out = [...leftOut].sort((a, b) => a - b);
  const solution = { bins: canonical, leftOut: out, cost: solutionCost(problem, canonical, out) };
  return violations(inst, solution).length === 0 ? solution : undefined;
}

/** First-fit by decreasing size from nothing (optional item types packed when they fit). */
export function firstFit(inst: Instance): IntegerSolution | undefined {
  return completePacking(inst, [], []);
}
