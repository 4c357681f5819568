/**
 * Constructive heuristics: first-fit and best-fit decreasing by several size measures (sum, max,
 * L2 norm and product of the capacity-normalised sizes, and a sum weighted by each dimension's
 * total demand). The bin type to open is the one with the lowest cost per covered demand (what a
 * fresh bin of it would hold, filled from the remaining items), or in other variants the roomiest;
 * every bin is then right-sized to the cheapest type that holds it (`downsize`). Optional item
 * types are packed or left out by a marginal-cost test (or all packed, or none). When a group
 * limit forbids a new bin, an open bin is changed to a larger type if that makes room. They work
 * on item types with counts, so 10,000 replicas of 50 workloads are 50 placement steps, not 10,000.
 */
import type { Compiled } from "./compiled.js";
import { addCopies, costOf, groupCounts, groupHasRoom, newBin, roomFor, type Budget, type Rng, type WBin, type WSolution } from "./work.js";

/** How item types are ordered (largest first). */
export type SizeMeasure = "sum" | "max" | "l2" | "prod" | "weighted";
/** Where a copy goes among the open bins: the first that fits, or the one left fullest. */
export type FitRule = "first" | "best";
/**
 * What to do with optional item types: pack them when it adds no more than their alternative
 * cost, always, never, or as given (`construct`'s `fixedLeftOut`).
 */
export type OptionalPolicy = "marginal" | "all" | "none" | "fixed";

export interface ConstructVariant {
  readonly measure: SizeMeasure;
  readonly fit: FitRule;
  readonly optional: OptionalPolicy;
  /** Randomised construction: the order perturbed and the bin type to open sometimes chosen at random. */
  readonly rng?: Rng;
  /** Item types that fit fewer bin types first (only tried when item types differ in that). */
  readonly constrainedFirst?: boolean;
  /**
   * The bin type to open: by cost per covered demand (the default), or the roomiest (then
   * `downsize` right-sizes every bin at the end; with prices linear in size this avoids the
   * fragmentation of many small bins).
   */
  readonly open?: "efficient" | "roomiest";
}

export const SIZE_MEASURES: readonly SizeMeasure[] = ["sum", "max", "l2", "prod", "weighted"];

export function variantName(v: ConstructVariant): string {
  return `${v.rng ? "randomised-" : ""}${v.fit === "first" ? "ffd" : "bfd"}-${v.measure}${v.open === "roomiest" ? "-roomiest" : ""}${v.constrainedFirst ? "-constrained-first" : ""}${v.optional === "marginal" ? "" : `-optional-${v.optional}`}`;
}

/** The size of item type i under a measure (sizes normalised by the largest capacity in each dimension). */
export function measureOf(c: Compiled, measure: SizeMeasure): Float64Array {
  const { dims, nItems } = c;
  const out = new Float64Array(nItems);
  let weights: Float64Array | undefined;
  if (measure === "weighted") {
    // Each dimension weighted by its total normalised demand: scarce resources count more.
    weights = new Float64Array(dims);
    for (let i = 0; i < nItems; i++) for (let k = 0; k < dims; k++) weights[k]! += (c.count[i]! * c.size[i * dims + k]!) / c.refCap[k]!;
  }
  for (let i = 0; i < nItems; i++) {
    let v = 0;
    for (let k = 0; k < dims; k++) {
      const x = c.size[i * dims + k]! / c.refCap[k]!;
      switch (measure) {
        case "sum":
          v += x;
          break;
        case "max":
          v = Math.max(v, x);
          break;
        case "l2":
          v += x * x;
          break;
        case "prod":
          v += Math.log(x + 1e-4); // order by product, with a floor for zero sizes
          break;
        case "weighted":
          v += weights![k]! * x;
          break;
      }
    }
    out[i] = v;
  }
  return out;
}

/**
 * Item types in decreasing order of the measure (ties: by volume, then by index). With
 * `constrainedFirst`, item types that fit fewer bin types come first (then the measure).
 */
export function orderBy(c: Compiled, measure: SizeMeasure, constrainedFirst = false, rng?: Rng): number[] {
  const m = measureOf(c, measure);
  if (rng) for (let i = 0; i < m.length; i++) m[i]! *= 1 + 0.5 * rng.next();
  const order: number[] = [];
  for (let i = 0; i < c.nItems; i++) if (c.count[i]! > 0) order.push(i);
  const choices = new Int32Array(c.nItems);
  if (constrainedFirst) for (let i = 0; i < c.nItems; i++) for (let t = 0; t < c.nBinTypes; t++) choices[i]! += c.fits[i * c.nBinTypes + t]!;
  return order.sort((a, b) => choices[a]! - choices[b]! || m[b]! - m[a]! || c.volume[b]! - c.volume[a]! || a - b);
}

/** Total normalised capacity of bin type t. */
export function capacityVolume(c: Compiled, t: number): number {
  let v = 0;
  for (let k = 0; k < c.dims; k++) v += c.cap[t * c.dims + k]! / c.refCap[k]!;
  return v;
}

/** Normalised free space left in b after adding one copy of i (the best-fit criterion). */
function residualAfter(c: Compiled, b: WBin, i: number): number {
  const { dims } = c;
  let r = 0;
  for (let k = 0; k < dims; k++) r += (c.cap[b.type * dims + k]! - b.load[k]! - c.size[i * dims + k]!) / c.refCap[k]!;
  return r;
}

/**
 * The bin type to open for the next copies of `order[pos]` (with `remaining[j]` copies left of
 * item type j): among the types that fit it and whose group has room, the one with the lowest
 * cost per covered demand, where the covered demand is the volume a fresh bin of that type would
 * take when filled first-fit from `order[pos]` onwards. Ties: lower cost, then lower index.
 * Returns -1 when no type is possible.
 */
export function chooseBinType(c: Compiled, order: readonly number[], pos: number, remaining: Int32Array, groups: Int32Array, budget: Budget, rng?: Rng, open: "efficient" | "roomiest" = "efficient"): number {
  const i = order[pos]!;
  const candidates: number[] = [];
  for (let t = 0; t < c.nBinTypes; t++) if (c.fits[i * c.nBinTypes + t] && groupHasRoom(c, groups, t)) candidates.push(t);
  if (candidates.length <= 1) return candidates[0] ?? -1;
  // Randomised constructions take a random type half of the time.
  if (rng && rng.next() < 0.5) return candidates[rng.int(candidates.length)]!;
  if (open === "roomiest") {
    let best = candidates[0]!;
    for (const t of candidates) {
      const d = capacityVolume(c, t) - capacityVolume(c, best);
      if (d > 0 || (d === 0 && c.cost[t]! < c.cost[best]!)) best = t;
    }
    return best;
  }
  let best = -1;
  let bestScore = Infinity;
  const probe = newBin(c, 0);
  const horizon = Math.min(order.length, pos + 400);
  for (const t of candidates) {
    probe.type = t;
    probe.load.fill(0);
    probe.items.length = 0;
    let covered = 0;
    for (let p = pos; p < horizon; p++) {
      const j = order[p]!;
      const n = roomFor(c, probe, j, remaining[j]!);
      if (n > 0) {
        addCopies(c, probe, j, n);
        covered += n * c.volume[j]!;
      }
    }
    budget.spend(3 * (horizon - pos));
    const score = covered > 0 ? c.cost[t]! / covered : Infinity;
    if (score < bestScore || (score === bestScore && best >= 0 && c.cost[t]! < c.cost[best]!)) {
      best = t;
      bestScore = score;
    }
  }
  return best >= 0 ? best : candidates[0]!;
}

/**
 * Packs the item types in `order`, copy by copy (in practice: as many copies at a time as the
 * chosen bin takes). Returns null when a mandatory item type cannot be placed (a group limit).
 */
export function construct(c: Compiled, order: readonly number[], variant: ConstructVariant, budget: Budget, fixedLeftOut?: Uint8Array): WSolution | null {
  const bins: WBin[] = [];
  const leftOut = new Uint8Array(c.nItems);
  const groups = groupCounts(c, bins);
  const remaining = Int32Array.from(c.count);
  for (let i = 0; i < c.nItems; i++) {
    if (!c.optional[i]) continue;
    if (variant.optional === "fixed") {
      if (fixedLeftOut?.[i]) {
        leftOut[i] = 1;
        remaining[i] = 0;
      }
      continue;
    }
    let fitsSomewhere = false;
    for (let t = 0; t < c.nBinTypes && !fitsSomewhere; t++) fitsSomewhere = c.fits[i * c.nBinTypes + t] === 1;
    if (variant.optional === "none" || !fitsSomewhere) {
      leftOut[i] = 1;
      remaining[i] = 0;
    }
  }
  for (let pos = 0; pos < order.length; pos++) {
    const i = order[pos]!;
    if (leftOut[i] || remaining[i] === 0) continue;
    // Optional types are placed as a transaction, undone when they fail or cost more than their alternative.
    const undo = c.optional[i] ? bins.map((b) => b.items.length) : undefined;
    const typesBefore = c.optional[i] ? bins.map((b) => b.type) : undefined;
    const binsBefore = bins.length;
    let failed = false;
    // Bins before `start` have no room for a copy of i (bins only fill up while i is placed, except
    // when an upgrade changes a bin's type, which resets it), so the scans skip them.
    let start = 0;
    while (remaining[i]! > 0) {
      const found = scanForBin(c, bins, i, start, variant.fit);
      let target = found.target;
      start = found.start;
      budget.spend(3 * (found.scanned + 1));
      if (!target) {
        const t = chooseBinType(c, order, pos, remaining, groups, budget, variant.rng, variant.open);
        if (t >= 0) {
          target = newBin(c, t);
          bins.push(target);
          const g = c.group[t]!;
          if (g >= 0) groups[g]!++;
        } else {
          target = upgradeFor(c, bins, i, groups, budget);
          if (!target) {
            failed = true;
            break;
          }
          start = 0;
        }
      }
      const n = roomFor(c, target, i, remaining[i]!);
      addCopies(c, target, i, n);
      remaining[i]! -= n;
    }
    if (undo && typesBefore && variant.optional !== "fixed") {
      let added = 0;
      for (let b = binsBefore; b < bins.length; b++) added += c.cost[bins[b]!.type]!;
      for (let b = 0; b < binsBefore; b++) added += c.cost[bins[b]!.type]! - c.cost[typesBefore[b]!]!;
      if (failed || (variant.optional === "marginal" && added > c.alt[i]!)) {
        // Undo: drop the bins opened for it, the copies added to the others, and their type changes.
        for (const b of bins.splice(binsBefore)) {
          const g = c.group[b.type]!;
          if (g >= 0) groups[g]!--;
        }
        bins.forEach((b, j) => {
          while (b.items.length > undo[j]!) {
            const x = b.items.pop()!;
            for (let k = 0; k < c.dims; k++) b.load[k]! -= c.size[x * c.dims + k]!;
          }
          const before = typesBefore[j]!;
          if (b.type !== before) {
            const from = c.group[b.type]!;
            const to = c.group[before]!;
            if (from >= 0) groups[from]!--;
            if (to >= 0) groups[to]!++;
            b.type = before;
          }
        });
        leftOut[i] = 1;
        remaining[i] = 0;
      }
    } else if (failed) {
      return null;
    }
  }
  const solution: WSolution = { bins, leftOut, cost: 0, method: variantName(variant) };
  downsize(c, solution, budget);
  return solution;
}

/**
 * Moves every bin to the cheapest bin type that still holds its contents (allowed for all of
 * them, within capacity, within the group limit). Most expensive bins first. Recomputes the cost.
 */
export function downsize(c: Compiled, s: WSolution, budget: Budget): void {
  if (c.nBinTypes > 1) {
    const groups = groupCounts(c, s.bins);
    const order = s.bins.map((_, j) => j).sort((a, b) => c.cost[s.bins[b]!.type]! - c.cost[s.bins[a]!.type]! || a - b);
    for (const j of order) {
      const b = s.bins[j]!;
      let best = b.type;
      for (let t = 0; t < c.nBinTypes; t++) {
        if (c.cost[t]! >= c.cost[best]!) continue;
        if (c.group[t] !== c.group[b.type] && !groupHasRoom(c, groups, t)) continue;
        if (!holds(c, b, t)) continue;
        best = t;
      }
      budget.spend(3 * c.nBinTypes);
      if (best !== b.type) {
        const from = c.group[b.type]!;
        const to = c.group[best]!;
        if (from >= 0) groups[from]!--;
        if (to >= 0) groups[to]!++;
        b.type = best;
      }
    }
  }
  s.bins = s.bins.filter((b) => b.items.length > 0);
  s.cost = costOf(c, s.bins, s.leftOut);
}

/**
 * The open bin a copy of item type `i` goes into: the first with room, or the one it leaves
 * least room in (best fit), looking only at `bins[start..]`. Also returns the new `start` (bins
 * before it have no room for `i`) and how many bins were looked at, for the work budget.
 */
function scanForBin(c: Compiled, bins: readonly WBin[], i: number, start: number, fit: "first" | "best"): { target: WBin | undefined; start: number; scanned: number } {
  let scanned = 0;
  while (start < bins.length && roomFor(c, bins[start]!, i, 1) === 0) {
    start++;
    scanned++;
  }
  if (fit === "first") return { target: bins[start], start, scanned };
  let target: WBin | undefined;
  let bestR = Infinity;
  for (let j = start; j < bins.length; j++) {
    const b = bins[j]!;
    scanned++;
    if (roomFor(c, b, i, 1) === 0) continue;
    const r = residualAfter(c, b, i);
    if (r < bestR) {
      bestR = r;
      target = b;
    }
  }
  return { target, start, scanned };
}

/**
 * Adds `remaining[i]` copies of each item type in `types` (that order) to the bins: best fit
 * among the open bins, else a new bin of the type `chooseBinType` picks. Decrements `remaining`.
 * False when a group limit leaves some copy without a bin (the bins then hold what was placed).
 */
export function packInto(c: Compiled, bins: WBin[], types: readonly number[], remaining: Int32Array, budget: Budget): boolean {
  const groups = groupCounts(c, bins);
  for (let pos = 0; pos < types.length; pos++) {
    const i = types[pos]!;
    let start = 0; // as in `construct`: bins before it have no room for i
    while (remaining[i]! > 0) {
      const found = scanForBin(c, bins, i, start, "best");
      let target = found.target;
      start = found.start;
      budget.spend(3 * (found.scanned + 1));
      if (!target) {
        const t = chooseBinType(c, types, pos, remaining, groups, budget);
        if (t >= 0) {
          target = newBin(c, t);
          bins.push(target);
          const g = c.group[t]!;
          if (g >= 0) groups[g]!++;
        } else {
          target = upgradeFor(c, bins, i, groups, budget);
          if (!target) return false;
          start = 0;
        }
      }
      const n = roomFor(c, target, i, remaining[i]!);
      addCopies(c, target, i, n);
      remaining[i]! -= n;
    }
  }
  return true;
}

/**
 * When no bin can be opened (group limits), the open bin whose change to another bin type makes
 * room for one copy of i at the least extra cost, already changed; undefined when there is none.
 */
function upgradeFor(c: Compiled, bins: readonly WBin[], i: number, groups: Int32Array, budget: Budget): WBin | undefined {
  const { dims, nBinTypes } = c;
  let best: WBin | undefined;
  let bestType = -1;
  let bestExtra = Infinity;
  for (const b of bins) {
    if (c.spread[i] && b.items.includes(i)) continue;
    for (let t = 0; t < nBinTypes; t++) {
      if (t === b.type || !c.fits[i * nBinTypes + t]) continue;
      if (c.group[t] !== c.group[b.type] && !groupHasRoom(c, groups, t)) continue;
      const extra = c.cost[t]! - c.cost[b.type]!;
      if (extra >= bestExtra) continue;
      let ok = true;
      for (let k = 0; k < dims && ok; k++) ok = b.load[k]! + c.size[i * dims + k]! <= c.cap[t * dims + k]!;
      for (let j = 0; j < b.items.length && ok; j++) ok = c.fits[b.items[j]! * nBinTypes + t] === 1;
      if (!ok) continue;
      best = b;
      bestType = t;
      bestExtra = extra;
    }
  }
  budget.spend(3 * bins.length * nBinTypes);
  if (!best) return undefined;
  const from = c.group[best.type]!;
  const to = c.group[bestType]!;
  if (from >= 0) groups[from]!--;
  if (to >= 0) groups[to]!++;
  best.type = bestType;
  return best;
}

/** True when a bin of type t can hold b's contents (allowed and within capacity). */
export function holds(c: Compiled, b: WBin, t: number): boolean {
  for (let k = 0; k < c.dims; k++) if (b.load[k]! > c.cap[t * c.dims + k]!) return false;
  for (const i of b.items) if (!c.fits[i * c.nBinTypes + t]) return false;
  return true;
}

/** The constructive variants tried, in a fixed order (the order breaks ties between equal costs). */
export function constructVariants(c: Compiled): ConstructVariant[] {
  const hasOptional = c.optional.some((x) => x === 1);
  const policies: OptionalPolicy[] = hasOptional ? ["marginal", "all", "none"] : ["marginal"];
  const out: ConstructVariant[] = [];
  for (const optional of policies)
    for (const fit of ["first", "best"] as const)
      for (const measure of SIZE_MEASURES) {
        if (optional !== "marginal" && measure !== "sum" && measure !== "weighted") continue;
        out.push({ measure, fit, optional });
      }
  // Item types that fit different numbers of bin types: also place the most constrained first.
  let restricted = false;
  for (let i = 1; i < c.nItems && !restricted; i++) {
    for (let t = 0; t < c.nBinTypes && !restricted; t++) restricted = c.fits[i * c.nBinTypes + t] !== c.fits[t];
  }
  if (restricted) {
    for (const optional of policies) for (const fit of ["first", "best"] as const) out.push({ measure: "sum", fit, optional, constrainedFirst: true });
  }
  // Several bin types: also open the roomiest, and let `downsize` right-size the bins.
  if (c.nBinTypes > 1) {
    for (const fit of ["first", "best"] as const) for (const measure of ["sum", "weighted"] as const) out.push({ measure, fit, optional: "marginal", open: "roomiest" });
  }
  return out;
}

/**
 * Randomised constructions (perturbed order, random bin types half of the time), for problems
 * where the deterministic variants may miss a packing within tight group limits or choices of
 * bin types: up to `count` of them; the cheapest, or null when none found a packing.
 */
export function randomisedConstructions(c: Compiled, count: number, rng: Rng, budget: Budget, fixedLeftOut?: Uint8Array): WSolution | null {
  let best: WSolution | null = null;
  const measures = SIZE_MEASURES;
  for (let r = 0; r < count && !budget.exhausted; r++) {
    const optional: OptionalPolicy = fixedLeftOut ? "fixed" : (["marginal", "all", "none"] as const)[rng.int(3)]!;
    const variant: ConstructVariant = { measure: measures[rng.int(measures.length)]!, fit: rng.next() < 0.5 ? "first" : "best", optional, rng, open: rng.next() < 0.5 ? "efficient" : "roomiest" };
    const s = construct(c, orderBy(c, variant.measure, rng.next() < 0.5, rng), variant, budget, fixedLeftOut);
    if (s && (best === null || s.cost < best.cost)) best = s;
  }
  return best;
}
