/**
 * Local search that empties bins: the consistent-neighbourhood search of Buljubašić and Vasquez
 * (Computers & OR, 2016) generalised to several dimensions, bin types with costs, allowed types,
 * spread and groups.
 *
 * One attempt removes a few bins R from the packing, puts their copies into a pool, and chooses
 * a "reserve" K of bin types with cost(K) < cost(R) — for identical bins, R is three bins and K
 * two of them. A tabu search then swaps copies between the pool and the remaining bins (take p
 * copies out of a bin and put q pool copies in, p, q ≤ 2, never overfilling a bin) so as to
 * lower the pool's weight, until the pool fits into the reserve bins: a packing that costs less.
 * A failed attempt completes its partial packing greedily and keeps it when it costs no more (a
 * plateau move that changes the structure), so the next attempt starts elsewhere. Attempts get
 * more effort as they keep failing.
 */
import { meetsBound, type Compiled } from "./compiled.js";
import { capacityVolume, downsize, packInto } from "./heuristics.js";
import { addCopies, cloneSolution, groupCounts, groupHasRoom, newBin, type Budget, type Rng, type WBin, type WSolution } from "./work.js";

export interface LocalSearchOptions {
  readonly budget: Budget;
  readonly rng: Rng;
  /** Stop when the cost meets this bound. */
  readonly lowerBound: number;
  /** Stop after this many attempts in a row without an improvement (default: unlimited). */
  readonly maxFailures?: number;
}

export interface LocalSearchResult {
  readonly solution: WSolution;
  /** Attempts made, and how many lowered the cost. */
  readonly attempts: number;
  readonly improvements: number;
}

/**
 * Work units of the first attempt; each failure makes the next attempt 10 % longer, up to
 * `ATTEMPT_PER_COPY` per copy packed (between `MIN_ATTEMPT` and `MAX_ATTEMPT`).
 */
const FIRST_ATTEMPT = 20_000;
const GROWTH = 1.1;
const ATTEMPT_PER_COPY = 5_000;
const MIN_ATTEMPT = 50_000;
const MAX_ATTEMPT = 2_000_000;
/** The search gives up after this many failed attempts in a row at the longest attempt length. */
const MAX_FAILURES_AT_CAP = 150;

/** Improves `start` (not modified) within the budget; returns the best packing found. */
export function localSearch(c: Compiled, start: WSolution, options: LocalSearchOptions): LocalSearchResult {
  const { budget, rng } = options;
  let current = cloneSolution(start);
  let attempts = 0;
  let improvements = 0;
  let failures = 0;
  let copies = 0;
  for (const b of start.bins) copies += b.items.length;
  const cap = Math.max(MIN_ATTEMPT, Math.min(MAX_ATTEMPT, ATTEMPT_PER_COPY * copies));
  let attemptLimit = Math.min(FIRST_ATTEMPT, cap);
  let failuresAtCap = 0;
  const search = new PoolSearch(c, rng, budget);
  while (!budget.exhausted && !meetsBound(current.cost, options.lowerBound)) {
    if (options.maxFailures !== undefined && failures >= options.maxFailures) break;
    if (failuresAtCap >= MAX_FAILURES_AT_CAP) break;
    const plan = planAttempt(c, current, rng, attempts);
    if (!plan) break;
    attempts++;
    const outcome = search.attempt(current, plan, Math.min(attemptLimit, budget.remaining));
    if (outcome.improved) {
      current = outcome.solution;
      improvements++;
      failures = 0;
      failuresAtCap = 0;
    } else {
      failures++;
      if (attemptLimit >= cap) failuresAtCap++;
      // A plateau move: the same cost, another structure.
      if (outcome.solution.cost <= current.cost) current = outcome.solution;
      attemptLimit = Math.min(cap, Math.ceil(attemptLimit * GROWTH));
    }
  }
  current.method = improvements > 0 ? `${start.method}+local-search` : start.method;
  return { solution: current, attempts, improvements };
}

/** Which bins to remove, and the bin types the pool must fit into at the end. */
export interface Plan {
  readonly remove: readonly number[];
  readonly reserve: readonly number[];
}

/** Normalised volume held by a bin. */
function binVolume(c: Compiled, b: WBin): number {
  let v = 0;
  for (const i of b.items) v += c.volume[i]!;
  return v;
}

/**
 * The next attempt. Bins are picked at random with a strong bias to those holding the least
 * volume per cost. Kinds, in rotation (the last three only with several bin types):
 * - "drop one of three": R = three bins, K = the types of two of them (the first picked is dropped);
 * - "replace": R = one bin, K = one type that costs less (see below);
 * - "merge": R = two bins, K = one type that costs less than both;
 * - "re-type a pair": R = two bins, K = the cheapest two types, costing less, whose capacities
 *   add up to the load (else as "merge").
 */
function planAttempt(c: Compiled, s: WSolution, rng: Rng, attempt: number): Plan | null {
  const candidates = s.bins.map((_, j) => j).filter((j) => c.cost[s.bins[j]!.type]! > 0);
  if (candidates.length === 0) return null;
  const key = candidates.map((j) => binVolume(c, s.bins[j]!) / c.cost[s.bins[j]!.type]!);
  const ranked = candidates.map((j, x) => [j, key[x]!] as const).sort((a, b) => a[1] - b[1] || a[0] - b[0]).map((p) => p[0]);
  const picked = new Set<number>();
  const pick = (): number => {
    for (let tries = 0; tries < 8; tries++) {
      const j = ranked[Math.min(ranked.length - 1, Math.floor(rng.next() ** 2 * ranked.length))]!;
      if (!picked.has(j)) {
        picked.add(j);
        return j;
      }
    }
    const j = ranked.find((x) => !picked.has(x))!;
    picked.add(j);
    return j;
  };
  const kind = c.nBinTypes === 1 ? 0 : attempt % 4;
  if (kind === 0 || ranked.length < 2) {
    const first = pick();
    const others: number[] = [];
    while (others.length < 2 && picked.size < s.bins.length) {
      // The other two may be any bins, also ones that cost nothing.
      const rest = s.bins.map((_, j) => j).filter((j) => !picked.has(j));
      const j = ranked.length > picked.size ? pick() : rest[rng.int(rest.length)]!;
      picked.add(j);
      others.push(j);
    }
    return { remove: [first, ...others], reserve: others.map((j) => s.bins[j]!.type) };
  }
  const remove = kind === 1 ? [pick()] : [pick(), pick()];
  const saved = remove.reduce((sum, j) => sum + c.cost[s.bins[j]!.type]!, 0);
  const groups = groupCounts(c, s.bins);
  for (const j of remove) {
    const g = c.group[s.bins[j]!.type]!;
    if (g >= 0) groups[g]!--;
  }
  const content = remove.flatMap((j) => s.bins[j]!.items);
  const load = new Float64Array(c.dims);
  for (const i of content) for (let k = 0; k < c.dims; k++) load[k]! += c.size[i * c.dims + k]!;
  if (kind === 3) {
    // Two bins for two others that cost less: the cheapest pair of types whose capacities add up to
    // the load, and that between them allow every copy (ties: at random).
    let best: [number, number] | undefined;
    let bestCost = saved;
    let ties = 0;
    for (let t1 = 0; t1 < c.nBinTypes; t1++) {
      for (let t2 = t1; t2 < c.nBinTypes; t2++) {
        const cost = c.cost[t1]! + c.cost[t2]!;
        if (cost > bestCost || cost >= saved - 1e-9 * Math.max(1, saved)) continue;
        const g1 = c.group[t1]!;
        const g2 = c.group[t2]!;
        if (g1 >= 0 && groups[g1]! + 1 + (g1 === g2 ? 1 : 0) > c.groupMax[g1]!) continue;
        if (g2 >= 0 && g2 !== g1 && groups[g2]! + 1 > c.groupMax[g2]!) continue;
        let ok = content.every((i) => c.fits[i * c.nBinTypes + t1] === 1 || c.fits[i * c.nBinTypes + t2] === 1);
        for (let k = 0; k < c.dims && ok; k++) ok = load[k]! <= c.cap[t1 * c.dims + k]! + c.cap[t2 * c.dims + k]!;
        if (!ok) continue;
        if (cost < bestCost) {
          best = [t1, t2];
          bestCost = cost;
          ties = 1;
        } else if (rng.int(++ties) === 0) best = [t1, t2];
      }
    }
    if (best) return { remove, reserve: best };
  }
  // The reserve type: one that holds the removed contents as they are (the cheapest such), else one
  // that allows all of them (the roomiest), else the roomiest.
  const spreadTwice = content.some((i, x) => c.spread[i] && content.indexOf(i) !== x);
  let bestT = -1;
  let bestRank = -1;
  for (let t = 0; t < c.nBinTypes; t++) {
    if (c.cost[t]! >= saved || !groupHasRoom(c, groups, t)) continue;
    const allows = content.every((i) => c.fits[i * c.nBinTypes + t] === 1);
    let holdsAll = allows && !spreadTwice;
    for (let k = 0; k < c.dims && holdsAll; k++) holdsAll = load[k]! <= c.cap[t * c.dims + k]!;
    const rank = holdsAll ? 2 : allows ? 1 : 0;
    const better =
      bestT < 0 ||
      rank > bestRank ||
      (rank === bestRank &&
        (rank === 2
          ? c.cost[t]! < c.cost[bestT]!
          : capacityVolume(c, t) > capacityVolume(c, bestT) || (capacityVolume(c, t) === capacityVolume(c, bestT) && c.cost[t]! < c.cost[bestT]!)));
    if (better) {
      bestT = t;
      bestRank = rank;
    }
  }
  if (bestT < 0) return { remove: [remove[0]!], reserve: [] };
  return { remove, reserve: [bestT] };
}

/**
 * Work units charged per operation, about 10 ns each on the reference machine (fitted on the
 * `.vbp` benchmark: time against operation counts), so that a budget in units tracks time across
 * problem shapes.
 */
const COST = {
  evaluation: 0.3,
  evaluationPerDim: 0.05,
  outScan: 1,
  binScan: 15,
  groupPerDim: 2,
  reservePerCopyDim: 5,
  node: 50,
  iteration: 65,
  attempt: 3_000,
  attemptPerBin: 30,
} as const;

interface Outcome {
  readonly improved: boolean;
  readonly solution: WSolution;
}

/** A set of 1 or 2 copies moved in one swap, with its summed size and weight. */
interface Group {
  readonly a: number;
  /** -1 for a single copy. */
  readonly b: number;
  readonly w: number;
  readonly size: Float64Array;
}

/** The tabu search over the pool. Reused across attempts. */
class PoolSearch {
  private readonly c: Compiled;
  private readonly rng: Rng;
  private readonly budget: Budget;
  /** Weight of one copy of each item type in the pool objective. */
  private readonly weight: Float64Array;
  private readonly poolCount: Int32Array;
  private pool: number[] = [];
  private bins: WBin[] = [];
  /** (bin id, item type) → the iteration until which the type may not enter / leave that bin. */
  private readonly tabuIn = new Map<number, number>();
  private readonly tabuOut = new Map<number, number>();
  private iter = 0;
  /** Groups of one copy of each item type, and of pairs (built when first needed). */
  private readonly singles: Group[];
  private readonly pairs = new Map<number, Group>();
  private readonly empty: Group;
  private readonly slack: Float64Array;
  /** Out-groups per bin id, recomputed when the bin changes. */
  private readonly outCache = new Map<number, Group[]>();
  private readonly mark: Int32Array;
  private stamp = 0;

  constructor(c: Compiled, rng: Rng, budget: Budget) {
    this.c = c;
    this.rng = rng;
    this.budget = budget;
    // The pool's weight is its normalised volume: a swap is better the more volume it packs.
    // (Squared volumes, which favour big copies in bins and small ones in the pool, did worse on
    // the benchmark: 3.8 % against 1.7 % mean gap on a sample.)
    this.weight = Float64Array.from(c.volume);
    this.poolCount = new Int32Array(c.nItems);
    this.mark = new Int32Array(c.nItems);
    this.singles = Array.from({ length: c.nItems }, (_, i) => ({ a: i, b: -1, w: this.weight[i]!, size: c.size.subarray(i * c.dims, (i + 1) * c.dims) }));
    this.empty = { a: -1, b: -1, w: 0, size: new Float64Array(c.dims) };
    this.slack = new Float64Array(c.dims);
  }

  attempt(from: WSolution, plan: Plan, limit: number): Outcome {
    const c = this.c;
    const s = cloneSolution(from);
    this.budget.spend(COST.attempt + COST.attemptPerBin * (s.bins.length + c.nItems));
    const removed = new Set(plan.remove);
    this.pool = [];
    this.poolCount.fill(0);
    for (const j of plan.remove) for (const i of s.bins[j]!.items) this.addToPool(i);
    this.bins = s.bins.filter((_, j) => !removed.has(j));
    this.tabuIn.clear();
    this.tabuOut.clear();
    this.outCache.clear();
    this.iter = 0;
    const reserve = this.run(plan.reserve, limit);
    s.bins = this.bins;
    if (reserve) {
      s.bins.push(...reserve);
      downsize(c, s, this.budget);
      return { improved: s.cost < from.cost - 1e-9 * Math.max(1, from.cost), solution: s };
    }
    // Complete the partial packing greedily: the pool's copies, largest first, best fit, then new bins.
    const types = [...new Set(this.pool)].sort((a, b) => c.volume[b]! - c.volume[a]! || a - b);
    const remaining = new Int32Array(c.nItems);
    for (const i of this.pool) remaining[i]!++;
    if (!packInto(c, s.bins, types, remaining, this.budget)) return { improved: false, solution: from };
    downsize(c, s, this.budget);
    return { improved: s.cost < from.cost - 1e-9 * Math.max(1, from.cost), solution: s };
  }

  private addToPool(i: number): void {
    this.pool.push(i);
    this.poolCount[i]!++;
  }

  private takeFromPool(i: number): void {
    const at = this.pool.indexOf(i);
    this.pool[at] = this.pool[this.pool.length - 1]!;
    this.pool.pop();
    this.poolCount[i]!--;
  }

  private poolWeight(): number {
    let w = 0;
    for (const i of this.pool) w += this.weight[i]!;
    return w;
  }

  /** Tabu search until the pool fits into the reserve (returns those bins, filled) or the limit is spent (null). */
  private run(reserve: readonly number[], limit: number): WBin[] | null {
    const stopAt = this.budget.used + limit;
    let bestF = this.poolWeight();
    let f = bestF;
    for (;;) {
      const packed = this.packReserve(reserve);
      if (packed) return packed;
      if (this.budget.exhausted || this.budget.used >= stopAt) return null;
      const move = this.bestMove(f, bestF);
      if (!move) return null;
      this.apply(move);
      f = this.poolWeight();
      if (f < bestF - 1e-12) bestF = f;
    }
  }

  /**
   * The pool packed into bins of the reserve types, or null. Exact (a depth-first search over
   * assignments, largest copies first, with a node limit) for a reserve of up to three bins.
   */
  private packReserve(reserve: readonly number[]): WBin[] | null {
    const c = this.c;
    const { dims, nBinTypes } = c;
    if (this.pool.length === 0) return [];
    if (reserve.length === 0) return null;
    this.budget.spend(COST.reservePerCopyDim * this.pool.length * dims);
    // Necessary: the reserve's total capacity holds the pool in every dimension.
    for (let k = 0; k < dims; k++) {
      let need = 0;
      for (const i of this.pool) need += c.size[i * dims + k]!;
      let have = 0;
      for (const t of reserve) have += c.cap[t * dims + k]!;
      if (need > have) return null;
    }
    const items = [...this.pool].sort((a, b) => c.volume[b]! - c.volume[a]! || a - b);
    const bins = reserve.map((t) => newBin(c, t));
    // at[j] = the bin of copy j; copies of one type (adjacent in `items`) go to non-decreasing bins.
    const at = new Int32Array(items.length);
    let nodes = 0;
    const maxNodes = 2_000;
    const place = (j: number): boolean => {
      if (j === items.length) return true;
      if (++nodes > maxNodes) return false;
      const i = items[j]!;
      for (let r = j > 0 && items[j - 1] === i ? at[j - 1]! : 0; r < bins.length; r++) {
        const b = bins[r]!;
        // Symmetry: an empty bin of the same type as an earlier empty bin is the same choice.
        let same = false;
        for (let q = 0; q < r && !same; q++) same = bins[q]!.items.length === 0 && b.items.length === 0 && bins[q]!.type === b.type;
        if (same) continue;
        if (!c.fits[i * nBinTypes + b.type]) continue;
        if (c.spread[i] && b.items.includes(i)) continue;
        let ok = true;
        for (let k = 0; k < dims && ok; k++) ok = b.load[k]! + c.size[i * dims + k]! <= c.cap[b.type * dims + k]!;
        if (!ok) continue;
        addCopies(c, b, i, 1);
        at[j] = r;
        if (place(j + 1)) return true;
        b.items.pop();
        for (let k = 0; k < dims; k++) b.load[k]! -= c.size[i * dims + k]!;
      }
      return false;
    };
    const ok = place(0);
    this.budget.spend(COST.node * nodes);
    return ok ? bins : null;
  }

  private isTabu(map: Map<number, number>, bin: WBin, i: number): boolean {
    if (i < 0) return false;
    const until = map.get(bin.id * this.c.nItems + i);
    return until !== undefined && until > this.iter;
  }

  /** Pool groups (single copies and pairs), heaviest first. */
  private poolGroups(): Group[] {
    const c = this.c;
    const { dims } = c;
    const px: number[] = [];
    this.stamp++;
    for (const i of this.pool) {
      if (this.mark[i] !== this.stamp) {
        this.mark[i] = this.stamp;
        px.push(i);
      }
    }
    const groups: Group[] = [];
    for (const i of px) groups.push(this.singles[i]!);
    // Pairs: at most ~300 (the heaviest types first), enough for the pools this search keeps.
    px.sort((a, b) => this.weight[b]! - this.weight[a]! || a - b);
    const maxTypes = Math.min(px.length, 24);
    for (let x = 0; x < maxTypes; x++) {
      const i = px[x]!;
      if (this.poolCount[i]! > 1 && !c.spread[i]) groups.push(this.pairGroup(i, i));
      for (let y = x + 1; y < maxTypes; y++) groups.push(this.pairGroup(i, px[y]!));
    }
    this.budget.spend(COST.groupPerDim * groups.length * dims);
    return groups.sort((g, h) => h.w - g.w || g.a - h.a || g.b - h.b);
  }

  /** The group of one copy each of item types i and j (i may equal j), cached. */
  private pairGroup(i: number, j: number): Group {
    const c = this.c;
    const { dims } = c;
    const key = i < j ? i * c.nItems + j : j * c.nItems + i;
    let g = this.pairs.get(key);
    if (!g) {
      const size = new Float64Array(dims);
      for (let k = 0; k < dims; k++) size[k] = c.size[i * dims + k]! + c.size[j * dims + k]!;
      g = { a: i, b: j, w: this.weight[i]! + this.weight[j]!, size };
      this.pairs.set(key, g);
    }
    return g;
  }

  /** Groups of copies that can leave a bin: none, one, or two (distinct types, or two copies of one). */
  private binGroups(bin: WBin): Group[] {
    const cached = this.outCache.get(bin.id);
    if (cached) return cached;
    const c = this.c;
    const { dims } = c;
    const bx: number[] = [];
    this.stamp++;
    for (const i of bin.items) {
      if (this.mark[i] !== this.stamp) {
        this.mark[i] = this.stamp;
        bx.push(i);
      }
    }
    const out: Group[] = [this.empty];
    for (const i of bx) out.push(this.singles[i]!);
    for (let x = 0; x < bx.length; x++) {
      const i = bx[x]!;
      for (let y = x; y < bx.length; y++) {
        const j = bx[y]!;
        if (i === j) {
          let n = 0;
          for (const z of bin.items) if (z === i) n++;
          if (n < 2) continue;
        }
        out.push(this.pairGroup(i, j));
      }
    }
    this.budget.spend(COST.groupPerDim * out.length * dims);
    this.outCache.set(bin.id, out);
    return out;
  }

  /**
   * The best swap: a group `out` leaves a bin and a pool group `inn` enters it, minimising the
   * pool weight afterwards (Δ = w(out) − w(in)). Tabu swaps only when they beat the best pool
   * weight of the attempt. For each bin and `out`, the pool groups are scanned heaviest first, so
   * the first that fits is the best for them. Ties are broken at random (reservoir sampling).
   */
  private bestMove(f: number, bestF: number): Move | null {
    const c = this.c;
    const { dims, nBinTypes } = c;
    const inGroups = this.poolGroups();
    if (inGroups.length === 0) return null;
    const maxIn = inGroups[0]!.w;
    let best: Move | null = null;
    let bestDelta = Infinity;
    let ties = 0;
    let evaluated = 0;
    let scanned = 0;
    const slack = this.slack;
    for (const bin of this.bins) {
      const t = bin.type;
      for (let k = 0; k < dims; k++) slack[k] = c.cap[t * dims + k]! - bin.load[k]!;
      const outGroups = this.binGroups(bin);
      scanned += outGroups.length;
      for (const out of outGroups) {
        if (out.w - maxIn > bestDelta) continue;
        if (out.a >= 0 && !(f + out.w - maxIn < bestF - 1e-12) && (this.isTabu(this.tabuOut, bin, out.a) || this.isTabu(this.tabuOut, bin, out.b))) {
          // Tabu to leave; only an aspiring move could use it, and none can beat the best bound here.
          continue;
        }
        for (const inn of inGroups) {
          const delta = out.w - inn.w;
          if (delta > bestDelta) break;
          if (inn.a === out.a || inn.a === out.b || (inn.b >= 0 && (inn.b === out.a || inn.b === out.b))) continue;
          evaluated++;
          if (!c.fits[inn.a * nBinTypes + t] || (inn.b >= 0 && !c.fits[inn.b * nBinTypes + t])) continue;
          let ok = true;
          for (let k = 0; k < dims && ok; k++) ok = inn.size[k]! - out.size[k]! <= slack[k]!;
          if (!ok) continue;
          if ((c.spread[inn.a] && bin.items.includes(inn.a)) || (inn.b >= 0 && c.spread[inn.b] && bin.items.includes(inn.b))) continue;
          const aspired = f + delta < bestF - 1e-12;
          if (!aspired && (this.isTabu(this.tabuOut, bin, out.a) || this.isTabu(this.tabuOut, bin, out.b) || this.isTabu(this.tabuIn, bin, inn.a) || this.isTabu(this.tabuIn, bin, inn.b))) continue;
          if (delta < bestDelta) {
            bestDelta = delta;
            ties = 1;
            best = { bin, out, inn };
          } else if (this.rng.int(++ties) === 0) {
            best = { bin, out, inn };
          }
          break; // lighter pool groups are worse for this bin and `out`
        }
      }
    }
    this.budget.spend(COST.iteration + (COST.evaluation + COST.evaluationPerDim * dims) * evaluated + COST.outScan * scanned + COST.binScan * this.bins.length);
    return best;
  }

  private apply(move: Move): void {
    const c = this.c;
    const { bin, out, inn } = move;
    const tenure = 3 + this.rng.int(8);
    this.outCache.delete(bin.id);
    for (const y of [out.a, out.b]) {
      if (y < 0) continue;
      const at = bin.items.indexOf(y);
      bin.items[at] = bin.items[bin.items.length - 1]!;
      bin.items.pop();
      for (let k = 0; k < c.dims; k++) bin.load[k]! -= c.size[y * c.dims + k]!;
      this.addToPool(y);
      this.tabuIn.set(bin.id * c.nItems + y, this.iter + tenure);
    }
    for (const x of [inn.a, inn.b]) {
      if (x < 0) continue;
      this.takeFromPool(x);
      addCopies(c, bin, x, 1);
      this.tabuOut.set(bin.id * c.nItems + x, this.iter + tenure);
    }
    this.iter++;
  }
}

interface Move {
  readonly bin: WBin;
  readonly out: Group;
  readonly inn: Group;
}
