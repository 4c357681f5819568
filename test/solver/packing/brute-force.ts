/**
 * Test helpers: a seeded generator of small packing problems, and an exhaustive solver for
 * problems of at most 8 copies. The exhaustive solver shares no code with the packing core.
 */
import type { PackingProblem } from "../../../src/solver/packing/index.js";

/** Deterministic random numbers for tests (mulberry32). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenOptions {
  /** Total copies at most this many. */
  readonly maxCopies: number;
  readonly maxItemTypes: number;
  readonly maxBinTypes: number;
  /** Allow groups, spread, allowed types and optional items. */
  readonly rich: boolean;
}

/** A random problem. Sizes are integers; costs are integers or halves. */
export function randomProblem(next: () => number, o: GenOptions): PackingProblem {
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const dims = int(1, 3);
  const nBin = int(1, o.maxBinTypes);
  const groups = o.rich && next() < 0.4 ? [{ id: "g0", maxBins: int(1, 3) }, { id: "g1", maxBins: int(1, 4) }] : [];
  const binTypes = Array.from({ length: nBin }, (_, t) => ({
    id: `b${t}`,
    capacity: Array.from({ length: dims }, () => int(6, 12)),
    cost: nBin === 1 ? 1 : int(2, 12) / (next() < 0.3 ? 2 : 1),
    ...(groups.length > 0 && next() < 0.7 ? { group: groups[int(0, groups.length - 1)]!.id } : {}),
  }));
  const items: PackingProblem["items"][number][] = [];
  let copies = 0;
  const nItems = int(1, o.maxItemTypes);
  for (let i = 0; i < nItems && copies < o.maxCopies; i++) {
    const count = Math.min(int(1, 3), o.maxCopies - copies);
    copies += count;
    const allowed = o.rich && nBin > 1 && next() < 0.3 ? binTypes.filter(() => next() < 0.6).map((b) => b.id) : undefined;
    items.push({
      id: `i${i}`,
      size: Array.from({ length: dims }, () => int(0, 8)),
      count,
      ...(allowed && allowed.length > 0 ? { allowedBinTypes: allowed } : {}),
      ...(o.rich && next() < 0.25 ? { spread: true } : {}),
      ...(o.rich && next() < 0.25 ? { alternativeCost: int(1, 20) } : {}),
    });
  }
  return { dims, binTypes, ...(groups.length > 0 ? { groups } : {}), items };
}

/**
 * The optimal cost by exhaustive search (Infinity when infeasible): every choice of left-out
 * optional types, every partition of the remaining copies into bins, every bin type per bin.
 */
export function bruteForce(p: PackingProblem): number {
  const optional = p.items.map((it, i) => (it.alternativeCost !== undefined ? i : -1)).filter((i) => i >= 0);
  let best = Infinity;
  for (let mask = 0; mask < 1 << optional.length; mask++) {
    const out = new Set(optional.filter((_, j) => mask & (1 << j)));
    let alt = 0;
    for (const i of out) alt += p.items[i]!.alternativeCost!;
    const copies: number[] = [];
    p.items.forEach((it, i) => {
      if (!out.has(i)) for (let n = 0; n < it.count; n++) copies.push(i);
    });
    if (copies.length > 8) throw new Error("brute force is for at most 8 copies");
    best = Math.min(best, alt + bestPartition(p, copies));
  }
  return best;
}

/** Cheapest cost of packing `copies` (item type per copy). */
function bestPartition(p: PackingProblem, copies: number[]): number {
  let best = Infinity;
  const blocks: number[][] = [];
  const assign = (j: number): void => {
    if (j === copies.length) {
      best = Math.min(best, cheapestTypes(p, blocks));
      return;
    }
    for (const b of blocks) {
      b.push(copies[j]!);
      assign(j + 1);
      b.pop();
    }
    blocks.push([copies[j]!]);
    assign(j + 1);
    blocks.pop();
  };
  assign(0);
  return best;
}

/** Cheapest assignment of bin types to blocks within the group limits (Infinity when none). */
function cheapestTypes(p: PackingProblem, blocks: number[][]): number {
  const options = blocks.map((block) => p.binTypes.map((_, t) => t).filter((t) => blockFits(p, block, t)));
  if (options.some((o) => o.length === 0)) return Infinity;
  const used = new Map<string, number>();
  let best = Infinity;
  const go = (j: number, cost: number): void => {
    if (cost >= best) return;
    if (j === blocks.length) {
      best = cost;
      return;
    }
    for (const t of options[j]!) {
      const g = p.binTypes[t]!.group;
      const limit = g === undefined ? Infinity : p.groups!.find((x) => x.id === g)!.maxBins;
      const n = g === undefined ? 0 : (used.get(g) ?? 0);
      if (n + 1 > limit) continue;
      if (g !== undefined) used.set(g, n + 1);
      go(j + 1, cost + p.binTypes[t]!.cost);
      if (g !== undefined) used.set(g, n);
    }
  };
  go(0, 0);
  return best;
}

function blockFits(p: PackingProblem, block: number[], t: number): boolean {
  const bt = p.binTypes[t]!;
  for (let k = 0; k < p.dims; k++) {
    let load = 0;
    for (const i of block) load += p.items[i]!.size[k]!;
    if (load > bt.capacity[k]!) return false;
  }
  const seen = new Set<number>();
  for (const i of block) {
    const it = p.items[i]!;
    if (it.allowedBinTypes && !it.allowedBinTypes.includes(bt.id)) return false;
    if (it.spread && seen.has(i)) return false;
    seen.add(i);
  }
  return true;
}
