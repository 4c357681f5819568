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
 * chosen bin takes, and runs of identical new bins at once). Returns null when a mandatory item
 * type cannot be placed (a group limit), or when the budget's emergency stop (its deadline)
 * fires. It does not stop when the budget's units run out: callers check that between runs.
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
      if (budget.emergency) return null;
      const found = scanForBin(c, bins, i, start, variant.fit);
      let target = found.target;
      start = found.start;
      budget.spend(3 * (found.scanned + 1));
      if (!target) {
        const before = budget.used;
        const t = chooseBinType(c, order, pos, remaining, groups, budget, variant.rng, variant.open);
        if (t >= 0) {
          openAndFill(c, bins, groups, t, i, remaining);
          // Deterministic variants: the next bins would be chosen and filled the same way; open them at once.
          if (!variant.rng) start = repeatBins(c, bins, groups, i, remaining, variant.open ?? "efficient", budget, 6 + budget.used - before);
          continue;
        }
        const upgraded = upgradeFor(c, bins, i, groups, budget);
        if (!upgraded) {
          failed = true;
          break;
        }
        start = 0;
        fillTwins(c, bins, groups, upgraded, i, remaining, budget);
        continue;
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
    const holding = c.nBinTypes > MANY_BIN_TYPES ? new HoldingTypes(c) : undefined;
    for (const j of order) {
      // Stopping early leaves a valid packing: a bin only ever moves to a type that holds it.
      if (budget.emergency) break;
      const b = s.bins[j]!;
      let best = b.type;
      if (holding) {
        for (const t of holding.of(b)) {
          if (c.cost[t]! >= c.cost[best]!) break;
          if (c.group[t] !== c.group[b.type] && !groupHasRoom(c, groups, t)) continue;
          best = t;
          break;
        }
      } else {
        for (let t = 0; t < c.nBinTypes; t++) {
          if (c.cost[t]! >= c.cost[best]!) continue;
          if (c.group[t] !== c.group[b.type] && !groupHasRoom(c, groups, t)) continue;
          if (!holds(c, b, t)) continue;
          best = t;
        }
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
 * False when a group limit leaves some copy without a bin, or the deadline passes (the bins then
 * hold what was placed).
 */
export function packInto(c: Compiled, bins: WBin[], types: readonly number[], remaining: Int32Array, budget: Budget): boolean {
  const groups = groupCounts(c, bins);
  for (let pos = 0; pos < types.length; pos++) {
    const i = types[pos]!;
    let start = 0; // as in `construct`: bins before it have no room for i
    while (remaining[i]! > 0) {
      if (budget.emergency) return false;
      const found = scanForBin(c, bins, i, start, "best");
      let target = found.target;
      start = found.start;
      budget.spend(3 * (found.scanned + 1));
      if (!target) {
        const before = budget.used;
        const t = chooseBinType(c, types, pos, remaining, groups, budget);
        if (t >= 0) {
          openAndFill(c, bins, groups, t, i, remaining);
          start = repeatBins(c, bins, groups, i, remaining, "efficient", budget, 6 + budget.used - before);
          continue;
        }
        const upgraded = upgradeFor(c, bins, i, groups, budget);
        if (!upgraded) return false;
        start = 0;
        fillTwins(c, bins, groups, upgraded, i, remaining, budget);
        continue;
      }
      const n = roomFor(c, target, i, remaining[i]!);
      addCopies(c, target, i, n);
      remaining[i]! -= n;
    }
  }
  return true;
}

/** Opens a bin of type t (counted in its group) and puts as many of the remaining copies of i into it as fit. */
function openAndFill(c: Compiled, bins: WBin[], groups: Int32Array, t: number, i: number, remaining: Int32Array): void {
  const bin = newBin(c, t);
  bins.push(bin);
  const g = c.group[t]!;
  if (g >= 0) groups[g]!++;
  const n = roomFor(c, bin, i, remaining[i]!);
  addCopies(c, bin, i, n);
  remaining[i]! -= n;
}

/** Copies of item type i that fit in an empty bin of type t (1 at most for a spread type). */
function copiesPerBin(c: Compiled, t: number, i: number): number {
  if (!c.fits[i * c.nBinTypes + t]) return 0;
  let n = c.spread[i] ? 1 : Number.MAX_SAFE_INTEGER;
  for (let k = 0; k < c.dims && n > 0; k++) {
    const w = c.size[i * c.dims + k]!;
    if (w > 0) n = Math.min(n, Math.floor(c.cap[t * c.dims + k]! / w + 1e-12));
  }
  return n;
}

/**
 * After a new bin of type t was opened for item type i and filled with a full bin's worth of
 * copies: opens the further bins that the copy-by-copy loop would open, all alike, in one go,
 * and returns the index of the last bin (where that loop's scan resumes).
 *
 * The loop would open them alike while `chooseBinType` picks t again and fills the bin to the
 * full: its candidates (types that fit i with room in their group) stay the same while t's group
 * has room, and their scores stay the same while at least a full bin of every candidate's worth
 * of copies of i remains (its probe then takes a full bin of i, and the copies of later item types
 * are untouched). The work units are charged as the loop would charge them (`unitsPerBin`: its
 * scan of the last bin and the choice), so the budget, and with it the answer, is unchanged.
 * With a random source the choices differ from bin to bin, so randomised variants do not use it.
 */
function repeatBins(c: Compiled, bins: WBin[], groups: Int32Array, i: number, remaining: Int32Array, open: "efficient" | "roomiest", budget: Budget, unitsPerBin: number): number {
  const last = bins[bins.length - 1]!;
  const t = last.type;
  const full = copiesPerBin(c, t, i);
  if (full <= 0 || last.items.length !== full || remaining[i]! < full) return bins.length - 1;
  // What the next choice needs to come out the same: at least `need` copies left.
  let need = full;
  let candidates = 0;
  for (let u = 0; u < c.nBinTypes; u++) {
    if (!c.fits[i * c.nBinTypes + u] || !groupHasRoom(c, groups, u)) continue;
    candidates++;
    if (open === "efficient") need = Math.max(need, copiesPerBin(c, u, i));
  }
  if (!groupHasRoom(c, groups, t)) return bins.length - 1;
  const g = c.group[t]!;
  let n = Math.floor((remaining[i]! - need) / full) + 1;
  if (candidates <= 1 || open === "roomiest") n = Math.floor(remaining[i]! / full);
  if (g >= 0) n = Math.min(n, c.groupMax[g]! - groups[g]!);
  for (let r = 0; r < n; r++) {
    if (budget.emergency) break;
    const bin = newBin(c, t);
    addCopies(c, bin, i, full);
    bins.push(bin);
    remaining[i]! -= full;
    if (g >= 0) groups[g]!++;
    budget.spend(unitsPerBin);
  }
  return bins.length - 1;
}

/**
 * After `upgradeFor` changed `target`'s type and the remaining copies of i still need room: the
 * bins that looked like `target` before (same former type, load and contents), changed the same
 * way while their group allows, each filled with copies of i, until none remain. (Searching for
 * the best upgrade once per bin would cost O(bins × bin types) a bin, on thousands of bins.)
 * Fills `target` itself first.
 */
function fillTwins(c: Compiled, bins: readonly WBin[], groups: Int32Array, upgraded: Upgrade, i: number, remaining: Int32Array, budget: Budget): void {
  const target = upgraded.bin;
  const from = { type: upgraded.from, items: [...target.items] };
  const n = roomFor(c, target, i, remaining[i]!);
  addCopies(c, target, i, n);
  remaining[i]! -= n;
  if (remaining[i]! <= 0 || n <= 0) return;
  const { dims } = c;
  const load = target.load;
  const size = c.size.subarray(i * dims, (i + 1) * dims);
  const to = target.type;
  let scanned = 0;
  for (const b of bins) {
    if (remaining[i]! <= 0 || budget.emergency) break;
    scanned++;
    if (b === target || b.type !== from.type || b.items.length !== from.items.length) continue;
    let same = true;
    for (let k = 0; k < dims && same; k++) same = Math.abs(b.load[k]! + n * size[k]! - load[k]!) <= 1e-9 * Math.max(1, load[k]!);
    for (let j = 0; j < b.items.length && same; j++) same = b.items[j] === from.items[j];
    if (!same) continue;
    const gFrom = c.group[b.type]!;
    const gTo = c.group[to]!;
    if (gFrom !== gTo) {
      if (!groupHasRoom(c, groups, to)) break;
      if (gFrom >= 0) groups[gFrom]!--;
      if (gTo >= 0) groups[gTo]!++;
    }
    b.type = to;
    const m = roomFor(c, b, i, remaining[i]!);
    addCopies(c, b, i, m);
    remaining[i]! -= m;
  }
  budget.spend(3 * scanned * (1 + dims));
}

/** A bin `upgradeFor` changed to another type, and its type before. */
interface Upgrade {
  readonly bin: WBin;
  readonly from: number;
}

/**
 * When no bin can be opened (group limits), the open bin whose change to another bin type makes
 * room for one copy of i at the least extra cost, already changed; undefined when there is none.
 */
function upgradeFor(c: Compiled, bins: readonly WBin[], i: number, groups: Int32Array, budget: Budget): Upgrade | undefined {
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
  const upgrade = { bin: best, from: best.type };
  const from = c.group[best.type]!;
  const to = c.group[bestType]!;
  if (from >= 0) groups[from]!--;
  if (to >= 0) groups[to]!++;
  best.type = bestType;
  return upgrade;
}

/** With more bin types than this, `downsize` looks up the types that hold a bin by its contents (`HoldingTypes`). */
const MANY_BIN_TYPES = 8;

/**
 * The bin types that hold a bin's contents, cheapest first (lowest index on ties), remembered by
 * load and contents: a packing of many replicas has many bins alike, and testing every type for
 * each costs O(bins × bin types). Taking the first of them that costs less than the bin's type
 * and whose group has room is the choice the plain loop of `downsize` makes.
 */
class HoldingTypes {
  private readonly c: Compiled;
  private readonly byCost: number[];
  private readonly known = new Map<string, number[]>();

  constructor(c: Compiled) {
    this.c = c;
    this.byCost = c.allBinTypes.slice().sort((a, b) => c.cost[a]! - c.cost[b]! || a - b);
  }

  of(b: WBin): readonly number[] {
    const key = `${b.load.join(",")}|${b.items.join(",")}`;
    let types = this.known.get(key);
    if (!types) {
      types = this.byCost.filter((t) => holds(this.c, b, t));
      this.known.set(key, types);
    }
    return types;
  }
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
