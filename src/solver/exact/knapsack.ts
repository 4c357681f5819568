/**
 * Exact pricing: the bounded multi-dimensional knapsack
 *
 *   max Σ_j p_j a_j   s.t.   Σ_j s_jd a_j ≤ C_d  (every dimension d),   a_j ∈ {0, …, u_j}
 *
 * by depth-first branch and bound. Items are branched in order of profit per normalised
 * size; the bound at a node is the smallest of the fractional (Dantzig) bounds of each
 * single dimension and of the surrogate dimension Σ_d s_jd / C_d, with every item's copies
 * capped by what still fits in the residual capacity. Deterministic: the work (item visits)
 * is counted and limited, never timed. When the limit stops it, the answer carries a valid
 * upper bound on the optimum instead of a proof.
 */

export interface KnapsackItem {
  /** Profit of one copy, > 0. */
  readonly profit: number;
  /** Size in every dimension, ≥ 0. */
  readonly size: readonly number[];
  /** At most this many copies, ≥ 1. */
  readonly max: number;
}

export interface KnapsackInput {
  readonly capacity: readonly number[];
  readonly items: readonly KnapsackItem[];
  /** Only patterns worth more than this are of interest (a pricing problem's cost of the bin). */
  readonly threshold: number;
  /** Work limit, in item visits. */
  readonly workLimit: number;
  /** Surrogate multipliers for the capacity rows (e.g. LP duals); computed by subgradient when absent. */
  readonly weights?: readonly number[];
}

export interface KnapsackPattern {
  readonly value: number;
  /** Copies per input item. */
  readonly counts: readonly number[];
}

export interface KnapsackResult {
  /** The best pattern found, when one is worth more than the threshold. */
  readonly best: KnapsackPattern | undefined;
  /** A valid upper bound on the optimal value (≥ the best pattern; ≥ threshold + tolerance when none was found). */
  readonly upperBound: number;
  /** True when the search was completed (the best pattern, or the absence of one above the threshold, is proven). */
  readonly exact: boolean;
  /** Work spent, in item visits. */
  readonly work: number;
  /** Search nodes. */
  readonly nodes: number;
}

/** Per-dimension fractional relaxations used besides the two surrogates (measured: one is the best trade-off). */
const MAX_DIM_RELAXATIONS = 1;

export function solveKnapsack(input: KnapsackInput): KnapsackResult {
  const { capacity, items, threshold } = input;
  const dims = capacity.length;
  const n = items.length;
  const eps = 1e-9 * Math.max(1, Math.abs(threshold));

  let work = 0;
  // Zero-size items are free: always take all their copies.
  const free: number[] = [];
  const rest: number[] = [];
  for (let j = 0; j < n; j++) (items[j]!.size.every((s) => s === 0) ? free : rest).push(j);
  let baseValue = 0;
  const baseCounts = new Array<number>(n).fill(0);
  for (const j of free) {
    baseCounts[j] = items[j]!.max;
    baseValue += items[j]!.max * items[j]!.profit;
  }

  // Surrogate sizes: normalised (Σ_d s_d / C_d) and Lagrangian-weighted (Σ_d w_d s_d).
  const nr = rest.length;
  const restProfit = Float64Array.from(rest, (j) => items[j]!.profit);
  const restSize = new Float64Array(nr * dims);
  const restMax = Int32Array.from(rest, (j) => items[j]!.max);
  rest.forEach((j, k) => {
    for (let d = 0; d < dims; d++) restSize[k * dims + d] = items[j]!.size[d] ?? 0;
  });
  const lagW = input.weights ? { w: Float64Array.from(input.weights), work: 0 } : dims > 1 && nr > 0 ? lagrangianWeights(capacity, restProfit, restSize, restMax, nr, dims) : undefined;
  if (lagW) work += lagW.work;
  const lagOk = lagW !== undefined && lagW.w.some((x) => x > 0);
  const surOf = (k: number): number => {
    let v = 0;
    for (let d = 0; d < dims; d++) v += restSize[k * dims + d]! / Math.max(1, capacity[d] ?? 0);
    return v;
  };
  const lagOf = (k: number): number => {
    let v = 0;
    for (let d = 0; d < dims; d++) v += lagW!.w[d]! * restSize[k * dims + d]!;
    return v;
  };
  // Branching order: profit per (Lagrangian, else normalised) surrogate size, descending; ties by index.
  const key = rest.map((_, k) => {
    const sz = lagOk ? lagOf(k) : surOf(k);
    return sz > 0 ? restProfit[k]! / sz : Infinity;
  });
  const order = rest.map((_, k) => k).sort((a, b) => (key[a] !== key[b] ? (key[b]! > key[a]! ? 1 : -1) : a - b));
  const m = order.length;
  // Positional arrays (position = branching depth).
  const profit = new Float64Array(m);
  const size = new Float64Array(m * dims);
  const maxc = new Int32Array(m);
  const sur = new Float64Array(m);
  const lagSize = new Float64Array(m);
  const ref = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const o = order[k]!;
    ref[k] = rest[o]!;
    profit[k] = restProfit[o]!;
    maxc[k] = restMax[o]!;
    sur[k] = surOf(o);
    if (lagOk) lagSize[k] = lagOf(o);
    for (let d = 0; d < dims; d++) size[k * dims + d] = restSize[o * dims + d]!;
  }
  // suffixMin[k·dims + d]: the smallest size in dimension d among positions ≥ k (nothing fits
  // from k on when one of them exceeds the residual capacity).
  const suffixMin = new Float64Array((m + 1) * dims).fill(Infinity);
  for (let k = m - 1; k >= 0; k--) for (let d = 0; d < dims; d++) suffixMin[k * dims + d] = Math.min(suffixMin[(k + 1) * dims + d]!, size[k * dims + d]!);
  // Relaxations (orders of positions): first the branching surrogate (the identity order, so a
  // walk from depth k starts at k), then the dimension with the largest multiplier share, then
  // the other surrogate. Codes: d ≥ 0 a dimension, -1 normalised, -2 Lagrangian.
  const relax: Int32Array[] = [];
  const relaxDim: number[] = [];
  const sortedBy = (ratio: (k: number) => number): Int32Array =>
    Int32Array.from(Array.from({ length: m }, (_, k) => k).sort((a, b) => (ratio(a) !== ratio(b) ? (ratio(b) > ratio(a) ? 1 : -1) : a - b)));
  relax.push(Int32Array.from({ length: m }, (_, k) => k));
  relaxDim.push(lagOk ? -2 : -1);
  const dimOrder = Array.from({ length: dims }, (_, d) => d);
  if (lagOk) dimOrder.sort((a, b) => lagW!.w[b]! * (capacity[b] ?? 0) - lagW!.w[a]! * (capacity[a] ?? 0) || a - b);
  for (const d of dimOrder.slice(0, MAX_DIM_RELAXATIONS)) {
    let any = false;
    for (let k = 0; k < m; k++) if (size[k * dims + d]! > 0) any = true;
    if (!any) continue;
    relax.push(sortedBy((k) => (size[k * dims + d]! > 0 ? profit[k]! / size[k * dims + d]! : Infinity)));
    relaxDim.push(d);
  }
  if (lagOk) {
    relax.push(sortedBy((k) => (sur[k]! > 0 ? profit[k]! / sur[k]! : Infinity)));
    relaxDim.push(-1);
  }
  const capTotal = (r: Float64Array): number => {
    let s = 0;
    for (let d = 0; d < dims; d++) s += r[d]! / Math.max(1, capacity[d] ?? 0);
    return s;
  };

  const lagCap = (r: Float64Array): number => {
    let v = 0;
    for (let d = 0; d < dims; d++) v += lagW!.w[d]! * r[d]!;
    return v;
  };

  const residual = new Float64Array(dims);
  for (let d = 0; d < dims; d++) residual[d] = capacity[d] ?? 0;
  const counts = new Int32Array(m);
  let aborted = false;
  const limit = input.workLimit;
  let found: KnapsackPattern | undefined;
  /** Pruning level: the best value found so far, or the threshold. */
  let best = threshold;

  const record = (value: number): void => {
    if (value <= best + eps) return;
    const c = baseCounts.slice();
    for (let k = 0; k < m; k++) if (counts[k]) c[ref[k]!] = counts[k]!;
    found = { value, counts: c };
    best = value;
  };

  // Copies of position q that fit in the residual capacity, cached until the residual changes.
  let epoch = 1;
  const capStamp = new Int32Array(m);
  const capValue = new Int32Array(m);
  const capOf = (q: number): number => {
    if (capStamp[q] === epoch) return capValue[q]!;
    let u = maxc[q]!;
    for (let d = 0; d < dims && u > 0; d++) {
      const sz = size[q * dims + d]!;
      if (sz > 0) {
        const f = Math.floor(residual[d]! / sz + 1e-9);
        if (f < u) u = f;
      }
    }
    work += dims;
    capStamp[q] = epoch;
    capValue[q] = u;
    return u;
  };
  const take = (q: number, a: number): void => {
    if (a === 0) return;
    for (let d = 0; d < dims; d++) residual[d]! -= a * size[q * dims + d]!;
    epoch++;
  };
  const untake = (q: number, a: number): void => {
    if (a === 0) return;
    for (let d = 0; d < dims; d++) residual[d]! += a * size[q * dims + d]!;
    epoch++;
  };

  /** Fractional bound of positions ≥ k (position `fixPos` capped at `fixCap`), stopping early at or below `cut`. */
  const bound = (k: number, fixPos: number, fixCap: number, cut: number): number => {
    let b = Infinity;
    for (let r = 0; r < relax.length; r++) {
      const ord = relax[r]!;
      const d = relaxDim[r]!;
      let cap = d >= 0 ? residual[d]! : d === -1 ? capTotal(residual) : lagCap(residual);
      let v = 0;
      let z = r === 0 ? k : 0;
      const z0 = z;
      for (; z < m; z++) {
        const q = ord[z]!;
        if (q < k) continue;
        let uq = capOf(q);
        if (q === fixPos && fixCap < uq) uq = fixCap;
        if (uq <= 0) continue;
        const sz = d >= 0 ? size[q * dims + d]! : d === -1 ? sur[q]! : lagSize[q]!;
        if (sz <= 0) {
          v += uq * profit[q]!;
          continue;
        }
        const x = Math.min(uq, cap / sz);
        v += x * profit[q]!;
        cap -= x * sz;
        if (cap <= 1e-12) break;
      }
      work += z - z0 + 1;
      if (v < b) b = v;
      if (b <= cut) return b;
    }
    return b;
  };

  let nodes = 0;
  /** Returns an upper bound on what the unexplored part of this subtree could still add (only meaningful when aborted). */
  const dfs = (k: number, value: number): number => {
    nodes++;
    for (let d = 0; d < dims; d++) if (suffixMin[k * dims + d]! > residual[d]!) return -Infinity;
    work += dims;
    const b = bound(k, -1, 0, best + eps - value - baseValue);
    if (value + baseValue + b <= best + eps) return -Infinity;
    if (work > limit) {
      aborted = true;
      return value + b;
    }
    let q = k;
    while (q < m && capOf(q) <= 0) q++;
    if (q >= m) return -Infinity;
    for (let a = capOf(q); a >= 0; a--) {
      counts[q] = a;
      take(q, a);
      const v = value + a * profit[q]!;
      if (a > 0 && v + baseValue > best + eps) record(v + baseValue);
      const sub = dfs(q + 1, v);
      untake(q, a);
      counts[q] = 0;
      if (aborted) {
        // Alternatives not yet tried at this node: copies of q in [0, a - 1].
        const restBound = a > 0 ? value + bound(k, q, a - 1, -Infinity) : -Infinity;
        return Math.max(sub, restBound);
      }
    }
    return -Infinity;
  };

  // Greedy start in branching order.
  {
    let v = 0;
    for (let k = 0; k < m; k++) {
      let a = maxc[k]!;
      for (let d = 0; d < dims; d++) {
        const s = size[k * dims + d]!;
        if (s > 0) a = Math.min(a, Math.floor(residual[d]! / s + 1e-9));
      }
      if (a <= 0) continue;
      counts[k] = a;
      for (let d = 0; d < dims; d++) residual[d]! -= a * size[k * dims + d]!;
      v += a * profit[k]!;
    }
    work += m * dims;
    record(v + baseValue);
    counts.fill(0);
    for (let d = 0; d < dims; d++) residual[d] = capacity[d] ?? 0;
  }
  epoch++;
  const open = m > 0 ? dfs(0, 0) : -Infinity;
  const exact = !aborted;
  // Pruning tolerates eps, so the proven optimum is within eps above the best value.
  const upperBound = Math.max(best + eps, exact ? -Infinity : open + baseValue);
  return { best: found, upperBound, exact, work, nodes };
}

/**
 * Multipliers w ≥ 0 for the capacity rows, by subgradient descent on the Lagrangian dual
 * g(w) = Σ_d w_d C_d + Σ_j u_j max(0, p_j − Σ_d w_d s_jd) (whose minimum is the LP bound). Any w
 * gives a valid surrogate constraint Σ_d w_d s_jd a_j ≤ Σ_d w_d C_d; good ones give a bound close
 * to the LP relaxation's. Deterministic (fixed iteration count).
 */
function lagrangianWeights(capacity: readonly number[], profit: Float64Array, size: Float64Array, maxc: Int32Array, m: number, dims: number): { w: Float64Array; work: number } {
  const cap = Float64Array.from({ length: dims }, (_, d) => Math.max(1e-9, capacity[d] ?? 0));
  // Start: a common profit-per-normalised-size rate (the median), spread over the dimensions.
  const rates: number[] = [];
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let d = 0; d < dims; d++) s += size[j * dims + d]! / cap[d]!;
    if (s > 0) rates.push(profit[j]! / s);
  }
  rates.sort((a, b) => a - b);
  const rho = rates.length > 0 ? rates[rates.length >> 1]! : 0;
  const w = Float64Array.from({ length: dims }, (_, d) => rho / cap[d]!);
  const grad = new Float64Array(dims);
  const g = (): number => {
    let v = 0;
    for (let d = 0; d < dims; d++) {
      v += w[d]! * cap[d]!;
      grad[d] = cap[d]!;
    }
    for (let j = 0; j < m; j++) {
      let c = 0;
      for (let d = 0; d < dims; d++) c += w[d]! * size[j * dims + d]!;
      if (profit[j]! > c) {
        v += maxc[j]! * (profit[j]! - c);
        for (let d = 0; d < dims; d++) grad[d]! -= maxc[j]! * size[j * dims + d]!;
      }
    }
    return v;
  };
  let best = g();
  const bestW = Float64Array.from(w);
  let alpha = 1;
  let stall = 0;
  const iterations = 60;
  for (let it = 0; it < iterations; it++) {
    const val = it === 0 ? best : g();
    if (val < best - 1e-12) {
      best = val;
      bestW.set(w);
      stall = 0;
    } else if (++stall >= 5) {
      alpha /= 2;
      stall = 0;
      w.set(bestW);
      g();
    }
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += grad[d]! * grad[d]!;
    if (norm <= 0) break;
    // Polyak-like step towards 90 % of the current value.
    const step = (alpha * 0.1 * best) / norm;
    for (let d = 0; d < dims; d++) w[d] = Math.max(0, w[d]! - step * grad[d]!);
  }
  return { w: bestW, work: iterations * m * dims };
}
