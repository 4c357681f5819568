/**
 * A tiny exhaustive solver for packing problems with at most ~8 copies in all, written
 * independently of the engine: every choice of optional item types to leave out, every
 * partition of the remaining copies into bins, and for each partition the cheapest assignment
 * of bin types to its blocks within the group limits.
 */
import type { PackingProblem } from "../../../src/solver/packing/problem.js";

/** The optimal cost, or undefined when no packing exists. */
export function bruteForceOptimum(problem: PackingProblem): number | undefined {
  const optional = problem.items.map((it, i) => (it.alternativeCost !== undefined ? i : -1)).filter((i) => i >= 0);
  let best: number | undefined;
  for (let mask = 0; mask < 1 << optional.length; mask++) {
    const out = new Set(optional.filter((_, k) => (mask >> k) & 1));
    let alt = 0;
    for (const i of out) alt += problem.items[i]!.alternativeCost!;
    const copies: number[] = [];
    problem.items.forEach((it, i) => {
      if (!out.has(i)) for (let c = 0; c < it.count; c++) copies.push(i);
    });
    const packed = bestPartition(problem, copies);
    if (packed !== undefined && (best === undefined || packed + alt < best)) best = packed + alt;
  }
  return best;
}

/** Bin types a block of copies fits in (capacity, allowed types, spread). */
function typesFor(problem: PackingProblem, block: readonly number[]): number[] {
  const out: number[] = [];
  problem.binTypes.forEach((bt, t) => {
    const load = new Array<number>(problem.dims).fill(0);
    const seen = new Set<number>();
    for (const i of block) {
      const it = problem.items[i]!;
      if (it.allowedBinTypes && !it.allowedBinTypes.includes(bt.id)) return;
      if (it.spread && seen.has(i)) return;
      seen.add(i);
      it.size.forEach((s, d) => (load[d]! += s));
    }
    if (load.every((l, d) => l <= bt.capacity[d]!)) out.push(t);
  });
  return out;
}

function bestPartition(problem: PackingProblem, copies: readonly number[]): number | undefined {
  let best: number | undefined;
  const blocks: number[][] = [];
  const limit = new Map((problem.groups ?? []).map((g) => [g.id, g.maxBins]));
  const assign = (): number | undefined => {
    const options = blocks.map((b) => typesFor(problem, b));
    if (options.some((o) => o.length === 0)) return undefined;
    let cheapest: number | undefined;
    const used = new Map<string, number>();
    const rec = (k: number, cost: number): void => {
      if (cheapest !== undefined && cost >= cheapest) return;
      if (k === blocks.length) {
        cheapest = cost;
        return;
      }
      for (const t of options[k]!) {
        const g = problem.binTypes[t]!.group;
        if (g !== undefined && (used.get(g) ?? 0) >= (limit.get(g) ?? Infinity)) continue;
        if (g !== undefined) used.set(g, (used.get(g) ?? 0) + 1);
        rec(k + 1, cost + problem.binTypes[t]!.cost);
        if (g !== undefined) used.set(g, used.get(g)! - 1);
      }
    };
    rec(0, 0);
    return cheapest;
  };
  const rec = (j: number): void => {
    if (j === copies.length) {
      const c = assign();
      if (c !== undefined && (best === undefined || c < best)) best = c;
      return;
    }
    for (const b of blocks) {
      b.push(copies[j]!);
      rec(j + 1);
      b.pop();
    }
    blocks.push([copies[j]!]);
    rec(j + 1);
    blocks.pop();
  };
  rec(0);
  return best;
}

/** A deterministic pseudo-random generator (Park–Miller). */
export function rng(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

/** A small random problem: ≤ 3 dims, ≤ 3 bin types (maybe a group), ≤ 4 item types, ≤ 8 copies. */
export function randomProblem(seed: number): PackingProblem {
  const r = rng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const dims = int(1, 3);
  const nTypes = int(1, 3);
  const useGroup = r() < 0.4;
  const binTypes = Array.from({ length: nTypes }, (_, t) => ({
    id: `b${t}`,
    capacity: Array.from({ length: dims }, () => int(6, 14)),
    cost: int(2, 9),
    ...(useGroup && t === 0 ? { group: "g" } : {}),
  }));
  const items = [];
  let copies = 0;
  const nItems = int(1, 4);
  for (let i = 0; i < nItems && copies < 8; i++) {
    const count = Math.min(int(1, 3), 8 - copies);
    copies += count;
    const allowed = nTypes > 1 && r() < 0.3 ? binTypes.filter(() => r() < 0.6).map((b) => b.id) : undefined;
    items.push({
      id: `i${i}`,
      size: Array.from({ length: dims }, () => int(0, 8)),
      count,
      ...(allowed && allowed.length > 0 ? { allowedBinTypes: allowed } : {}),
      ...(r() < 0.25 ? { spread: true } : {}),
      ...(r() < 0.25 ? { alternativeCost: int(1, 12) } : {}),
    });
  }
  return { dims, binTypes, items, ...(useGroup ? { groups: [{ id: "g", maxBins: int(0, 2) }] } : {}) };
}
