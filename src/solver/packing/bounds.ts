/**
 * Lower bounds on the optimal cost of a packing problem. Every bound here is valid for every
 * input; the argument is written next to it. They are cheap (no LP): the exact model brings the
 * strong ones.
 *
 * Notation: item type i has `count_i` copies of size w_i (a vector over dimensions k); bin type t
 * has capacity C_t and cost c_t. A type "fits" i when i allows it and C_t ≥ w_i. We may assume an
 * optimal solution has no empty bin (costs are non-negative, so dropping one never costs more).
 */
import { compile, roundBoundUp, type Compiled } from "./compiled.js";
import type { PackingProblem } from "./problem.js";

/** The parts of the lower bound, for reports and tests. */
export interface BoundReport {
  /** The bound: the maximum of the parts, rounded up to the cost grid when costs are on one. */
  readonly bound: number;
  /** Volume bound: the best over directions of Σ_i min(alt_i, count_i · cheapest cost of i's share). */
  readonly volume: number;
  /** Count bound × cheapest bin: bins needed with every bin as large as the largest, times the cheapest bin any item fits. */
  readonly count: number;
  /** Clique bound: pairwise incompatible copies each need their own bin, plus the volume that cannot go into those bins. */
  readonly clique: number;
}

/** A proven lower bound on the optimal cost of `problem` (+∞ when a mandatory item type fits no bin type). */
export function packingLowerBound(problem: PackingProblem): number {
  return boundReport(compile(problem)).bound;
}

/** The lower bound with its parts. */
export function boundReport(c: Compiled): BoundReport {
  const { nItems, nBinTypes } = c;
  // A mandatory item type that no bin type fits: there is no solution; +∞ is a valid bound.
  for (let i = 0; i < nItems; i++) {
    if (c.optional[i] || c.count[i] === 0) continue;
    let any = false;
    for (let t = 0; t < nBinTypes && !any; t++) any = c.fits[i * nBinTypes + t] === 1;
    if (!any) return { bound: Infinity, volume: Infinity, count: Infinity, clique: Infinity };
  }
  const volume = volumeBound(c);
  const count = countBound(c);
  const clique = cliqueCostBound(c);
  const bound = roundBoundUp(Math.max(volume, count, clique), c.costScale);
  return { bound, volume, count, clique };
}

/**
 * Volume bound. For a bin of type t holding the set S, and any weights λ ≥ 0 with Σ_k λ_k = 1:
 *   c_t ≥ c_t · max_k load_k / C_tk ≥ c_t · Σ_k λ_k load_k / C_tk = Σ_{copies j ∈ S} c_t Σ_k λ_k w_jk / C_tk
 * (dimensions with C_tk = 0 carry no load, since every copy in the bin fits it, and are skipped).
 * Summing over bins, the cost of the bins is at least Σ over packed copies j of
 *   r_j = min over types t that fit j of c_t Σ_k λ_k w_jk / C_tk.
 * The bound is additive over item types, so an optional type contributes min(alt_i, count_i · r_i)
 * (either it is left out, paying alt_i, or its copies are packed, contributing their r_i), and
 * alt_i alone when no type fits it. We take the best of a few λ: each unit vector, the uniform
 * weights, and weights proportional to each dimension's total normalised demand.
 */
function volumeBound(c: Compiled): number {
  const { dims, nItems, nBinTypes } = c;
  const lambdas: Float64Array[] = [];
  for (let k = 0; k < dims; k++) {
    const l = new Float64Array(dims);
    l[k] = 1;
    lambdas.push(l);
  }
  if (dims > 1) {
    lambdas.push(new Float64Array(dims).fill(1 / dims));
    const demand = new Float64Array(dims);
    for (let i = 0; i < nItems; i++) for (let k = 0; k < dims; k++) demand[k]! += (c.count[i]! * c.size[i * dims + k]!) / c.refCap[k]!;
    const total = demand.reduce((a, b) => a + b, 0);
    if (total > 0) lambdas.push(demand.map((x) => x / total));
  }
  let best = 0;
  for (const lambda of lambdas) {
    let sum = 0;
    for (let i = 0; i < nItems; i++) {
      if (c.count[i] === 0) continue;
      let rate = Infinity;
      for (let t = 0; t < nBinTypes; t++) {
        if (!c.fits[i * nBinTypes + t]) continue;
        let share = 0;
        for (let k = 0; k < dims; k++) {
          const cap = c.cap[t * dims + k]!;
          if (cap > 0) share += (lambda[k]! * c.size[i * dims + k]!) / cap;
        }
        rate = Math.min(rate, c.cost[t]! * share);
      }
      const packed = c.count[i]! * rate; // +∞ when nothing fits
      sum += c.optional[i] ? Math.min(c.alt[i]!, packed) : packed;
    }
    best = Math.max(best, sum);
  }
  return best;
}

/** Cheapest bin type that fits item type i (+∞ when none). */
function cheapestFit(c: Compiled, i: number): number {
  let m = Infinity;
  for (let t = 0; t < c.nBinTypes; t++) if (c.fits[i * c.nBinTypes + t]) m = Math.min(m, c.cost[t]!);
  return m;
}

/** Largest capacity of any bin type per dimension (0 where every capacity is 0). */
function maxCapacity(c: Compiled): Float64Array {
  const m = new Float64Array(c.dims);
  for (let t = 0; t < c.nBinTypes; t++) for (let k = 0; k < c.dims; k++) m[k] = Math.max(m[k]!, c.cap[t * c.dims + k]!);
  return m;
}

/**
 * True when a copy of item type i and a copy of item type j (i = j: two copies of one type) can
 * never share a bin: no bin type fits both together, or i = j is a spread type.
 */
function conflict(c: Compiled, i: number, j: number): boolean {
  if (i === j && c.spread[i]) return true;
  const { dims, nBinTypes } = c;
  for (let t = 0; t < nBinTypes; t++) {
    if (!c.fits[i * nBinTypes + t] || !c.fits[j * nBinTypes + t]) continue;
    let ok = true;
    for (let k = 0; k < dims && ok; k++) ok = c.size[i * dims + k]! + c.size[j * dims + k]! <= c.cap[t * dims + k]!;
    if (ok) return false;
  }
  return true;
}

/** A set of pairwise conflicting copies: `copies[j]` copies of item type `types[j]`. */
interface Clique {
  readonly types: number[];
  readonly copies: number[];
}

/**
 * Greedy cliques of pairwise conflicting mandatory copies: one greedy pass per order (by size
 * in each dimension, and by how many bins' worth of cost a type would add). A type enters with all
 * its copies when two of its copies conflict (then every pair conflicts), else with one copy.
 */
function greedyCliques(c: Compiled): Clique[] {
  const { dims, nItems } = c;
  const mandatory: number[] = [];
  for (let i = 0; i < nItems; i++) if (!c.optional[i] && c.count[i]! > 0) mandatory.push(i);
  if (mandatory.length === 0) return [];
  const selfConflict = new Uint8Array(nItems);
  for (const i of mandatory) selfConflict[i] = c.count[i]! > 1 && conflict(c, i, i) ? 1 : 0;
  const orders: number[][] = [];
  for (let k = 0; k < dims; k++) orders.push([...mandatory].sort((a, b) => c.size[b * dims + k]! - c.size[a * dims + k]! || a - b));
  const weight = (i: number): number => (selfConflict[i] ? c.count[i]! : 1) * cheapestFit(c, i);
  orders.push([...mandatory].sort((a, b) => weight(b) - weight(a) || c.volume[b]! - c.volume[a]! || a - b));
  const cliques: Clique[] = [];
  // The conflict test is O(bin types · dims); cap the work on very large inputs (any clique is valid).
  const maxChecks = 4_000_000 / Math.max(1, c.nBinTypes * Math.max(1, dims));
  for (const order of orders) {
    const types: number[] = [];
    const copies: number[] = [];
    let checks = 0;
    for (const i of order) {
      if (checks > maxChecks) break;
      let ok = true;
      for (const j of types) {
        checks++;
        if (!conflict(c, i, j)) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      types.push(i);
      copies.push(selfConflict[i] ? c.count[i]! : 1);
    }
    cliques.push({ types, copies });
  }
  return cliques;
}

/**
 * Count bound × cheapest bin. Relax every bin to the largest capacity of any bin type in each
 * dimension (Cmax): a packing of the real problem is one of the relaxed problem, so it uses at
 * least N bins, N a lower bound on bins for the relaxed problem with the mandatory copies only
 * (dropping copies never needs more bins). Every bin of an optimal solution holds some copy, so its
 * type fits some item type and costs at least the cheapest such type. Hence cost ≥ N · that cost.
 * N is the best of `relaxedBinCount` over the cliques (see there) and the plain L1.
 */
function countBound(c: Compiled): number {
  let cheapest = Infinity;
  for (let t = 0; t < c.nBinTypes; t++) {
    for (let i = 0; i < c.nItems; i++) {
      if (c.count[i]! > 0 && c.fits[i * c.nBinTypes + t]) {
        cheapest = Math.min(cheapest, c.cost[t]!);
        break;
      }
    }
  }
  if (!Number.isFinite(cheapest)) return 0; // nothing can be packed: every item type is optional and fits nowhere
  const cmax = maxCapacity(c);
  let n = relaxedBinCount(c, cmax, { types: [], copies: [] });
  for (const q of greedyCliques(c)) n = Math.max(n, relaxedBinCount(c, cmax, q));
  n = Math.max(n, dualFeasibleBinCount(c, cmax));
  return n * cheapest;
}

/**
 * A lower bound on the number of bins of capacity Cmax by dual feasible functions (Fekete and
 * Schepers, 2001), one dimension at a time. In dimension k every bin holds copies with
 * Σ x ≤ 1, x = w_k / Cmax_k. A dual feasible function f maps [0, 1] to [0, 1] so that Σ x ≤ 1
 * implies Σ f(x) ≤ 1; so every bin has Σ f(x) ≤ 1 and bins ≥ ceil(Σ over mandatory copies of
 * f(x)). We use the compositions u⁽ᵖ⁾ ∘ U⁽ᵋ⁾, both dual feasible (and so is a composition):
 *   U⁽ᵋ⁾(x) = 1 if x > 1 − ε, x if ε ≤ x ≤ 1 − ε, 0 if x < ε   (0 ≤ ε ≤ 1/2)
 *   u⁽ᵖ⁾(x) = x if (p + 1)·x is an integer, else floor((p + 1)·x) / p   (p = 1, 2, …)
 * For p = 1, u counts a copy larger than half a bin as a whole bin; for p = 2, one larger than a
 * third as half a bin (at most two fit together). ε ranges over the copies' own sizes ≤ 1/2.
 * Sizes are integers (problem.ts), so (p + 1)·x is an integer exactly when (p + 1)·w is a
 * multiple of Cmax; the sum is rounded up with a small tolerance against float error.
 */
function dualFeasibleBinCount(c: Compiled, cmax: Float64Array): number {
  const { dims, nItems } = c;
  let best = 0;
  for (let k = 0; k < dims; k++) {
    const cap = cmax[k]!;
    if (cap <= 0) continue;
    const sizes: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < nItems; i++) {
      const w = c.size[i * dims + k]!;
      if (c.optional[i] || c.count[i] === 0 || w <= 0) continue;
      sizes.push(w);
      counts.push(c.count[i]!);
    }
    if (sizes.length === 0) continue;
    const small = [...new Set(sizes.filter((w) => 2 * w <= cap))].sort((a, b) => a - b);
    // ε = 0 and up to 48 of the copies' sizes ≤ half the capacity, spread evenly.
    const epsilons = [0];
    const step = Math.max(1, Math.ceil(small.length / 48));
    for (let j = 0; j < small.length; j += step) epsilons.push(small[j]!);
    for (const eps of epsilons) {
      for (let p = 1; p <= 4; p++) {
        let sum = 0;
        for (let j = 0; j < sizes.length; j++) {
          const w = sizes[j]!;
          let f: number;
          if (w > cap - eps) f = 1;
          else if (w < eps) f = 0;
          else if (((p + 1) * w) % cap === 0) f = w / cap;
          else f = Math.floor(((p + 1) * w) / cap) / p;
          sum += counts[j]! * f;
        }
        best = Math.max(best, Math.ceil(sum - 1e-9));
      }
    }
  }
  return best;
}

/**
 * A lower bound on the number of bins of capacity Cmax for the mandatory copies, given a clique Q
 * of pairwise conflicting copies (possibly empty). The copies of Q are in |Q| distinct bins. Fix a
 * dimension k and a threshold α ≥ 0, and let N3 be the other copies with w_k ≥ α (any subset of
 * the copies needs no more bins than all of them). A bin holding the Q-copy q has room
 * Cmax_k − w_qk in dimension k, and none for an N3 copy when that room is < α. So the Q bins
 * absorb at most R(α) = Σ_{q ∈ Q, room_q ≥ α} room_q of N3's size, and the rest needs further
 * bins of capacity Cmax_k each:
 *   bins ≥ |Q| + ceil(max(0, Σ_{N3} w_k − R(α)) / Cmax_k).
 * With Q empty and α = 0 this is the classic L1 = ceil(Σ w_k / Cmax_k); with Q the copies larger
 * than half the capacity it is Martello and Toth's L2. We try every α among the sizes of N3.
 */
function relaxedBinCount(c: Compiled, cmax: Float64Array, q: Clique): number {
  const { dims, nItems } = c;
  const inQ = new Int32Array(nItems);
  let qSize = 0;
  q.types.forEach((i, j) => {
    inQ[i] = q.copies[j]!;
    qSize += q.copies[j]!;
  });
  let best = qSize;
  for (let k = 0; k < dims; k++) {
    const capK = cmax[k]!;
    // Others: (size, copies), descending by size. Rooms of the Q bins, descending.
    const others: Array<[number, number]> = [];
    for (let i = 0; i < nItems; i++) {
      if (c.optional[i]) continue;
      const n = c.count[i]! - inQ[i]!;
      const w = c.size[i * dims + k]!;
      if (n > 0 && w > 0) others.push([w, n]);
    }
    if (others.length === 0) continue;
    if (capK <= 0) return Infinity; // a copy with size > 0 where no bin has room: no solution
    others.sort((a, b) => b[0] - a[0]);
    const rooms: number[] = [];
    q.types.forEach((i, j) => {
      const room = capK - c.size[i * dims + k]!;
      for (let n = 0; n < q.copies[j]!; n++) rooms.push(room);
    });
    rooms.sort((a, b) => b - a);
    // Sweep α down over the distinct sizes of the others: N3 grows, and so does R(α).
    let s3 = 0;
    let r = 0;
    let ri = 0;
    for (let j = 0; j < others.length; j++) {
      const [w, n] = others[j]!;
      s3 += w * n;
      if (j + 1 < others.length && others[j + 1]![0] === w) continue;
      const alpha = w;
      while (ri < rooms.length && rooms[ri]! >= alpha) r += rooms[ri++]!;
      const over = s3 - r;
      // The small tolerance keeps float error from adding a bin; sizes are integers in practice.
      const extra = over > 0 ? Math.ceil(over / capK - 1e-9) : 0;
      best = Math.max(best, qSize + extra);
    }
  }
  return best;
}

/**
 * Clique cost bound. The copies of a clique Q are in |Q| distinct bins, the one holding q costing
 * at least the cheapest type that fits q. Every other mandatory copy is in a Q bin or another bin;
 * in dimension k the Q bins have room for at most Σ_q (Cmax_k − w_qk) of it, and the other bins
 * cost at least (their load in k) × min_t c_t / C_tk (as in the volume bound, with λ = e_k, taking
 * the cheapest rate of any type). Hence
 *   cost ≥ Σ_{q ∈ Q} cheapest(q) + max(0, V_k − Σ_q (Cmax_k − w_qk)) · min_t c_t / C_tk
 * where V_k is the total size in k of the mandatory copies outside Q.
 */
function cliqueCostBound(c: Compiled): number {
  const { dims, nItems, nBinTypes } = c;
  const cmax = maxCapacity(c);
  const rate = new Float64Array(dims).fill(Infinity);
  for (let t = 0; t < nBinTypes; t++) for (let k = 0; k < dims; k++) if (c.cap[t * dims + k]! > 0) rate[k] = Math.min(rate[k]!, c.cost[t]! / c.cap[t * dims + k]!);
  let best = 0;
  for (const q of greedyCliques(c)) {
    const inQ = new Int32Array(nItems);
    let base = 0;
    q.types.forEach((i, j) => {
      inQ[i] = q.copies[j]!;
      base += q.copies[j]! * cheapestFit(c, i);
    });
    let extra = 0;
    for (let k = 0; k < dims; k++) {
      let v = 0;
      let room = 0;
      for (let i = 0; i < nItems; i++) {
        if (c.optional[i]) continue;
        const w = c.size[i * dims + k]!;
        v += (c.count[i]! - inQ[i]!) * w;
        room += inQ[i]! * (cmax[k]! - w);
      }
      if (v > room && Number.isFinite(rate[k]!)) extra = Math.max(extra, (v - room) * rate[k]!);
    }
    best = Math.max(best, base + extra);
  }
  return best;
}

/**
 * Lower bound on the number of bins for classic vector bin packing: one bin type of the given
 * capacity, every item mandatory. `items[j]` is a size vector, with an optional multiplicity.
 */
export function binCountLowerBound(capacity: readonly number[], items: ReadonlyArray<{ readonly size: readonly number[]; readonly count?: number; readonly spread?: boolean }>): number {
  const problem: PackingProblem = {
    dims: capacity.length,
    binTypes: [{ id: "bin", capacity, cost: 1 }],
    items: items.map((it, j) => ({ id: String(j), size: it.size, count: it.count ?? 1, ...(it.spread ? { spread: true } : {}) })),
  };
  return packingLowerBound(problem);
}
