/**
 * Column generation (Gilmore–Gomory) for heterogeneous vector bin packing with costs, with
 * diving and price-and-branch on top of it.
 *
 * Master LP over patterns p (a bin type t(p) and copies a_ip of item types i):
 *
 *   min  Σ_p cost_t(p) λ_p + Σ_i alt_i y_i + M Σ_i s_i
 *   s.t. Σ_p a_ip λ_p + count_i y_i + s_i ≥ count_i     for every item type i   (dual π_i ≥ 0)
 *        Σ_{p: t(p) in g} λ_p ≤ maxBins_g               for every group g       (dual μ_g ≤ 0)
 *        λ ≥ 0,  0 ≤ y_i ≤ 1 (optional item types only),  0 ≤ s_i ≤ count_i
 *
 * The artificial s_i (cost M) keeps every restricted master feasible; it is fixed to 0 in the
 * MIP. Pricing, per bin type t: max Σ_i π_i a_i over the patterns of t (a bounded
 * multi-dimensional knapsack: capacity in every dimension, a_i ≤ the copies that fit, ≤ 1 for
 * spread item types, only allowed item types), solved exactly by `knapsack.ts`. A pattern with
 * reduced cost cost_t − μ_g − Σ π_i a_i < 0 enters the master.
 *
 * Bounds. For any π ≥ 0, μ ≤ 0 and upper bounds v_t ≥ max_a Σ π_i a_i, the Lagrangian
 *
 *   L(π, μ) = Σ_i π_i count_i + Σ_g μ_g maxBins_g + Σ_t K_t min(0, cost_t − μ_g(t) − v_t)
 *             + Σ_{i optional} min(0, alt_i − count_i π_i)
 *
 * is a lower bound on the optimal cost, where K_t bounds the number of bins of type t in some
 * optimal solution (the group limit, the copies that may go into t, the incumbent cost over
 * cost_t). We evaluate it along the ray θ·(π, μ), θ ∈ (0, 1] (at θ where every reduced cost is
 * ≥ 0 it is Farley's bound), at every iteration; at convergence it equals the LP value. It
 * never trusts the LP solver's objective: only π, μ and exact pattern values enter it, so
 * tolerances in the LP can weaken it but not make it wrong. Bins of types dominated by a
 * cheaper, larger type with the same items and group are left out (they are never needed).
 *
 * Pricing is stabilised (Wentges smoothing of the duals), returns several disjoint patterns
 * per iteration on larger instances, and starts with a cheap, work-limited search; the full
 * search runs only when that finds nothing or when the bound could prove the incumbent.
 *
 * The primal side, in order: (0) on small instances every maximal pattern is enumerated up
 * front, so the MIP below is an exact model and its dual bound a bound of the problem;
 * (1) root column generation; (2) diving: fix the most nearly integral pattern(s) of the LP
 * solution, regenerate columns for the residual demands (cheap pricing only), round down and
 * complete first-fit, repeat; (3) price-and-branch: the master over all generated columns,
 * with integer λ and binary y, solved by HiGHS's MIP from the incumbent, limited by its LP
 * iterations; (4) more dives. Every integer solution may cover an item type more than needed
 * (covering rows): surplus copies are removed, bins that end up empty are dropped and each bin
 * is moved to the cheapest bin type its contents fit in (within group limits).
 */
import type { Highs, HighsCallbackMap, Model } from "highs";
import type { PackedBin } from "../packing/problem.js";
import type { IntegerSolution } from "./integer-solution.js";
import { baseOptions, infoNumber } from "./highs.js";
import { type Instance, costTolerance, roundBoundUp } from "./instance.js";
import { solveKnapsack, type KnapsackItem } from "./knapsack.js";
import { completePacking } from "./repair.js";
import {
  LP_ITERATION_ENTRY_UNITS,
  LP_SOLVE_UNITS,
  MIP_ITERATION_ENTRY_UNITS,
  MIP_MAX_NODES,
  MIP_SETUP_NNZ_UNITS,
  MIP_SETUP_UNITS,
  PRICING_CALL_UNITS,
  PRICING_ITEM_UNITS,
  QUICK_PRICING_WORK,
  REPAIR_UNITS_PER_COLUMN,
  REPAIR_UNITS_PER_COPY,
  type WorkBudget,
} from "./work.js";

/** A pattern: the contents of one bin of one type. */
export interface Pattern {
  readonly type: number;
  /** Item type indexes, ascending. */
  readonly items: readonly number[];
  /** Copies of each, parallel to `items`. */
  readonly counts: readonly number[];
}

export type { IntegerSolution };

export interface ColumnGenerationInput {
  readonly instance: Instance;
  readonly highs: Highs;
  readonly budget: WorkBudget;
  /** A feasible solution, when one is known: its bins seed the master and its cost bounds the search. */
  readonly incumbent: IntegerSolution | undefined;
  /** A valid lower bound known beforehand (e.g. from the simple bounds). */
  readonly initialBound?: number;
  /** Share of the budget root column generation may use (default `ROOT_SHARE`). */
  readonly lpShare?: number;
}

export interface ColumnGenerationStats {
  iterations: number;
  columns: number;
  pricingCalls: number;
  pricingInexact: number;
  lpValue: number | undefined;
  mipNodes: number;
  mipRuns: number;
  diveNodes: number;
  mispricings: number;
  /** Patterns enumerated up front (small instances), 0 when there were too many. */
  enumerated: number;
  mipStatus: number | undefined;
  /** Work and wall-clock milliseconds per phase (the clock is only reported, never used to decide). */
  work: { pricing: number; lp: number; mip: number };
  lpIterations: number;
  mipLpIterations: number;
  ms: { pricing: number; lp: number; mip: number };
}

export interface ColumnGenerationResult {
  /** Valid lower bound on the optimal cost (rounded up to the cost unit). */
  readonly lowerBound: number;
  /** True when the LP relaxation was solved over all patterns (no column prices out, pricing exact). */
  readonly converged: boolean;
  /** The best integer solution found, when it is cheaper than the incumbent. */
  readonly improved: IntegerSolution | undefined;
  readonly stats: ColumnGenerationStats;
}

/** Budget shares: root column generation, first dive, MIP (each of what remains then). */
const ROOT_SHARE = 0.55;
const DIVE_SHARE = 0.5;
const MIP_SHARE = 0.7;
/** At most this many maximal patterns are enumerated up front, with at most this much work. */
const ENUMERATION_LIMIT = 3_000;
const ENUMERATION_WORK = 5_000_000;
/** Entering patterns per bin type and iteration (at most one per 15 item types). */
const EXTRA_COLUMNS = 8;
/** Column-generation iterations per dive node. */
const DIVE_NODE_ITERATIONS = 10;

/** Weight of the stability center in the smoothed duals (Wentges). */
const SMOOTHING = 0.5;

interface LpSolution {
  readonly pi: Float64Array;
  readonly mu: Float64Array;
  readonly value: number;
  readonly x: Float64Array;
}

interface PricingState {
  /** cost_t − μ_g: a pattern worth more has a negative reduced cost. */
  readonly threshold: number;
  /** Upper bound on the best pattern value. */
  readonly ub: number;
  readonly exact: boolean;
  /** Best value found (the threshold when none was better). */
  readonly found: number;
  /** The entering pattern, if any. */
  readonly column: Pattern | undefined;
}

export function patternKey(p: Pattern): string {
  let s = `${p.type}|`;
  for (let k = 0; k < p.items.length; k++) s += `${p.items[k]}:${p.counts[k]},`;
  return s;
}

/** Runs column generation and price-and-branch within the budget. Throws only on HiGHS errors (the caller falls back). */
export function runColumnGeneration(input: ColumnGenerationInput): ColumnGenerationResult {
  const cg = new ColumnGeneration(input);
  try {
    return cg.run();
  } finally {
    cg.dispose();
  }
}

class ColumnGeneration {
  private readonly inst: Instance;
  private readonly highs: Highs;
  private readonly budget: WorkBudget;
  private readonly model: Model;
  private readonly patterns: Pattern[] = [];
  private readonly keys = new Map<string, number>();
  private readonly nRows: number;
  /** Column of y_i per item type (-1 when not optional). */
  private readonly yCol: number[];
  private readonly firstPatternCol: number;
  private readonly bigM: number;
  private incumbent: IntegerSolution | undefined;
  private improved: IntegerSolution | undefined;
  /** True when the master holds every maximal pattern (then the MIP over it is exact). */
  private complete = false;
  private bound: number;
  private readonly K: number[];
  private readonly rcTolerance: number;
  /** Copies in all (for charging the repairs). */
  private readonly copies: number;
  private readonly stats: ColumnGenerationStats = {
    iterations: 0,
    columns: 0,
    pricingCalls: 0,
    pricingInexact: 0,
    lpValue: undefined,
    mipNodes: 0,
    mipRuns: 0,
    diveNodes: 0,
    mispricings: 0,
    enumerated: 0,
    mipStatus: undefined,
    work: { pricing: 0, lp: 0, mip: 0 },
    lpIterations: 0,
    mipLpIterations: 0,
    ms: { pricing: 0, lp: 0, mip: 0 },
  };

  constructor(private readonly input: ColumnGenerationInput) {
    this.inst = input.instance;
    this.highs = input.highs;
    this.budget = input.budget;
    this.incumbent = input.incumbent;
    this.bound = Math.max(0, input.initialBound ?? 0);
    const { problem, nItems } = this.inst;
    this.nRows = nItems + this.inst.groupMax.length;
    const ub = this.incumbent?.cost ?? Infinity;
    const maxCost = Math.max(0, ...problem.binTypes.map((b) => b.cost), ...problem.items.map((i) => i.alternativeCost ?? 0));
    const copies = problem.items.reduce((s, i) => s + i.count, 0);
    this.copies = copies;
    this.bigM = 2 * (Number.isFinite(ub) ? Math.max(ub, maxCost) : copies * maxCost) + 1;
    this.K = problem.binTypes.map((bin, t) => {
      let k = 0;
      for (let i = 0; i < nItems; i++) if (this.inst.maxCopies[t]![i]! > 0) k += problem.items[i]!.count;
      const g = this.inst.groupOf[t]!;
      if (g >= 0) k = Math.min(k, this.inst.groupMax[g]!);
      if (bin.cost > 0) k = Math.min(k, Math.floor(ub / bin.cost + 1e-9));
      return k;
    });
    this.rcTolerance = 1e-7 * Math.max(1, maxCost);
    // Columns: artificials, then y, then patterns.
    this.yCol = [];
    let col = nItems;
    for (const item of problem.items) this.yCol.push(item.alternativeCost === undefined ? -1 : col++);
    this.firstPatternCol = col;
    this.model = this.highs.createModel();
    try {
      this.buildMaster();
    } catch (error) {
      this.model.dispose();
      throw error;
    }
  }

  dispose(): void {
    this.model.dispose();
  }

  private buildMaster(): void {
    const { problem, nItems } = this.inst;
    const inf = this.highs.infinity;
    const rowLower: number[] = [];
    const rowUpper: number[] = [];
    for (const item of problem.items) {
      rowLower.push(item.count);
      rowUpper.push(inf);
    }
    for (const max of this.inst.groupMax) {
      rowLower.push(-inf);
      rowUpper.push(max);
    }
    const cost: number[] = [];
    const lower: number[] = [];
    const upper: number[] = [];
    const starts: number[] = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < nItems; i++) {
      cost.push(this.bigM);
      lower.push(0);
      upper.push(problem.items[i]!.count);
      indices.push(i);
      values.push(1);
      starts.push(indices.length);
    }
    problem.items.forEach((item, i) => {
      if (this.yCol[i]! < 0) return;
      cost.push(item.alternativeCost!);
      lower.push(0);
      upper.push(1);
      indices.push(i);
      values.push(item.count);
      starts.push(indices.length);
    });
    this.model.passModel({
      numCols: cost.length,
      numRows: this.nRows,
      colCost: cost,
      colLower: lower,
      colUpper: upper,
      rowLower,
      rowUpper,
      matrix: { format: "csc", numRows: this.nRows, numCols: cost.length, starts, indices, values },
    });
    this.model.options.set({ ...baseOptions(this.budget.emergencyMsLeft() / 1000) });
    this.addPatterns(this.seedPatterns());
  }

  /** The warm start's bins, plus for every item type the bin of each priced type holding as many copies as fit. */
  private seedPatterns(): Pattern[] {
    const out: Pattern[] = [];
    for (const bin of this.incumbent?.bins ?? []) out.push(patternOf(bin));
    const { nItems, pricedTypes, maxCopies } = this.inst;
    const many = nItems * pricedTypes.length > 20_000;
    for (let i = 0; i < nItems; i++) {
      let types = pricedTypes.filter((t) => maxCopies[t]![i]! > 0);
      if (many && types.length > 1) {
        // Only the cheapest per copy.
        const per = (t: number): number => this.inst.problem.binTypes[t]!.cost / maxCopies[t]![i]!;
        types = [types.reduce((a, b) => (per(b) < per(a) ? b : a))];
      }
      for (const t of types) out.push({ type: t, items: [i], counts: [maxCopies[t]![i]!] });
    }
    return out;
  }

  /** Adds the patterns not yet in the master; returns how many were new. */
  private addPatterns(patterns: readonly Pattern[]): number {
    const fresh: Pattern[] = [];
    for (const p of patterns) {
      const key = patternKey(p);
      if (this.keys.has(key)) continue;
      this.keys.set(key, this.firstPatternCol + this.patterns.length + fresh.length);
      fresh.push(p);
    }
    if (fresh.length === 0) return 0;
    const { problem, nItems } = this.inst;
    const cost: number[] = [];
    const lower: number[] = [];
    const upper: number[] = [];
    const starts: number[] = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (const p of fresh) {
      cost.push(problem.binTypes[p.type]!.cost);
      lower.push(0);
      upper.push(this.highs.infinity);
      for (let k = 0; k < p.items.length; k++) {
        indices.push(p.items[k]!);
        values.push(p.counts[k]!);
      }
      const g = this.inst.groupOf[p.type]!;
      if (g >= 0) {
        indices.push(nItems + g);
        values.push(1);
      }
      starts.push(indices.length);
    }
    this.model.addCols({
      cost: Float64Array.from(cost),
      lower: Float64Array.from(lower),
      upper: Float64Array.from(upper),
      matrix: { format: "csc", numRows: this.nRows, numCols: fresh.length, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) },
    });
    this.patterns.push(...fresh);
    this.stats.columns = this.patterns.length;
    return fresh.length;
  }

  private runModel(callbacks?: HighsCallbackMap): number {
    this.model.options.set("time_limit", Math.max(0.05, this.budget.emergencyMsLeft() / 1000));
    this.model.zeroAllClocks();
    return this.model.run(callbacks).modelStatus;
  }

  /** Solves the restricted master LP; returns its duals and primal values, or undefined when it did not solve. */
  private solveLp(): LpSolution | undefined {
    const t0 = performance.now();
    const status = this.runModel();
    this.stats.ms.lp += performance.now() - t0;
    const iterations = infoNumber(this.model, "simplex_iteration_count");
    const its = Number.isFinite(iterations) ? iterations : 0;
    this.stats.lpIterations += its;
    const work = LP_SOLVE_UNITS + its * (this.nRows + this.firstPatternCol + this.patterns.length) * LP_ITERATION_ENTRY_UNITS;
    this.stats.work.lp += work;
    this.budget.spend(work);
    if (status !== this.highs.constants.modelStatus.optimal) return undefined;
    const sol = this.model.getSolution();
    const { nItems } = this.inst;
    const pi = new Float64Array(nItems);
    for (let i = 0; i < nItems; i++) pi[i] = Math.max(0, sol.rowDual[i]!);
    const mu = new Float64Array(this.inst.groupMax.length);
    for (let g = 0; g < mu.length; g++) mu[g] = Math.min(0, sol.rowDual[nItems + g]!);
    return { pi, mu, value: this.model.getObjectiveValue(), x: sol.colValue };
  }

  /**
   * Prices the given bin types with a work limit each, updating `state`: per bin type an upper
   * bound on max Σ π_i a_i, whether it is proven, and the best pattern found when its reduced
   * cost is negative. `caps` (residual demands in a dive) further limit the copies per pattern.
   */
  private price(pi: Float64Array, mu: Float64Array, types: readonly number[], workLimit: number, state: PricingState[], caps?: Int32Array): void {
    const { problem, nItems, maxCopies, dims } = this.inst;
    for (const t of types) {
      const bin = problem.binTypes[t]!;
      const g = this.inst.groupOf[t]!;
      const threshold = bin.cost - (g >= 0 ? mu[g]! : 0);
      const refs: number[] = [];
      const items: KnapsackItem[] = [];
      for (let i = 0; i < nItems; i++) {
        const u = caps ? Math.min(maxCopies[t]![i]!, caps[i]!) : maxCopies[t]![i]!;
        if (u <= 0 || !(pi[i]! > 1e-12)) continue;
        refs.push(i);
        items.push({ profit: pi[i]!, size: problem.items[i]!.size, max: u });
      }
      const t0 = performance.now();
      const res = solveKnapsack({ capacity: bin.capacity, items, threshold, workLimit });
      this.stats.ms.pricing += performance.now() - t0;
      const work = res.work + PRICING_CALL_UNITS + PRICING_ITEM_UNITS * items.length * (dims + 2);
      this.stats.work.pricing += work;
      this.budget.spend(work);
      this.stats.pricingCalls++;
      if (!res.exact) this.stats.pricingInexact++;
      let column: Pattern | undefined;
      if (res.best && res.best.value - threshold > this.rcTolerance) {
        const its: number[] = [];
        const cts: number[] = [];
        res.best.counts.forEach((c, k) => {
          if (c > 0) {
            its.push(refs[k]!);
            cts.push(c);
          }
        });
        column = { type: t, items: its, counts: cts };
      }
      state[t] = { threshold, ub: res.upperBound, exact: res.exact, found: res.best?.value ?? threshold, column };
    }
  }

  /**
   * More entering patterns for the same LP duals, each disjoint from the ones before (the copies
   * they use are taken out of the demands), by quick pricing: up to `EXTRA_COLUMNS` − 1 per bin
   * type. Like building a whole packing per iteration, this cuts the number of iterations on
   * larger instances.
   */
  private disjointColumns(lp: LpSolution, first: readonly Pattern[], caps?: Int32Array): Pattern[] {
    const { problem, nItems } = this.inst;
    const extra = Math.min(EXTRA_COLUMNS, Math.floor(nItems / 15));
    if (extra <= 1) return [];
    const out: Pattern[] = [];
    for (const col of first) {
      const left = Int32Array.from({ length: nItems }, (_, i) => (caps ? caps[i]! : problem.items[i]!.count));
      let current: Pattern | undefined = col;
      for (let k = 1; k < extra && current; k++) {
        current.items.forEach((i, q) => (left[i] = Math.max(0, left[i]! - current!.counts[q]!)));
        const state: PricingState[] = [];
        this.price(lp.pi, lp.mu, [col.type], QUICK_PRICING_WORK, state, left);
        current = state[col.type]!.column;
        if (current) out.push(current);
      }
    }
    return out;
  }

  /** max over θ ∈ (0, 1] of L(θπ, θμ) with the pattern-value upper bounds v (see the file comment). */
  private lagrangian(pi: Float64Array, mu: Float64Array, v: readonly number[]): number {
    const { problem, nItems } = this.inst;
    let D = 0;
    for (let i = 0; i < nItems; i++) D += pi[i]! * problem.items[i]!.count;
    for (let g = 0; g < mu.length; g++) D += mu[g]! * this.inst.groupMax[g]!;
    const terms: { K: number; c: number; w: number }[] = [];
    for (const t of this.inst.pricedTypes) {
      const g = this.inst.groupOf[t]!;
      terms.push({ K: this.K[t]!, c: problem.binTypes[t]!.cost, w: v[t]! + (g >= 0 ? mu[g]! : 0) });
    }
    problem.items.forEach((item, i) => {
      if (item.alternativeCost !== undefined) terms.push({ K: 1, c: item.alternativeCost, w: item.count * pi[i]! });
    });
    const L = (theta: number): number => {
      let s = theta * D;
      for (const x of terms) {
        const r = x.c - theta * x.w;
        if (r < 0) s += x.K * r;
      }
      return s;
    };
    let best = L(1);
    for (const x of terms) {
      if (x.w > 0 && x.c < x.w) {
        const theta = x.c / x.w;
        if (theta > 0 && theta < 1) best = Math.max(best, L(theta));
      }
    }
    return best;
  }

  private proven(): boolean {
    return this.incumbent !== undefined && this.incumbent.cost <= roundBoundUp(this.inst, this.bound) + costTolerance(this.incumbent.cost);
  }

  /** Offers a solution; keeps it when it is cheaper than the incumbent. */
  private offer(s: IntegerSolution | undefined): boolean {
    if (!s) return false;
    if (this.incumbent && s.cost >= this.incumbent.cost - costTolerance(this.incumbent.cost)) return false;
    this.incumbent = s;
    this.improved = s;
    return true;
  }

  /**
   * Column generation on the current master until no pattern prices out, the work reaches
   * `endWork`, or the incumbent is proven optimal. At the root, pricing uses Wentges-smoothed
   * duals (a mix of the LP duals and the duals with the best Lagrangian bound so far), falling
   * back to the LP duals when that finds no entering pattern; every priced dual vector updates
   * the bound. With `caps` (a dive) pricing is limited to the residual demands, uses the LP
   * duals, and the bound is not updated (it would not be valid).
   */
  private generate(endWork: number, caps?: Int32Array, maxIterations = Infinity): { lp: LpSolution | undefined; converged: boolean } {
    const types = this.inst.pricedTypes;
    const { problem } = this.inst;
    let center: { pi: Float64Array; mu: Float64Array; bound: number } | undefined;
    let last: LpSolution | undefined;
    for (let iteration = 0; iteration < maxIterations && !this.proven() && this.budget.spent < endWork && !this.budget.expired(); iteration++) {
      const lp = this.solveLp();
      if (!lp) return { lp: undefined, converged: false };
      last = lp;
      this.stats.iterations++;
      if (!caps) this.stats.lpValue = lp.value;
      let alpha = caps || !center ? 0 : SMOOTHING;
      for (;;) {
        let pi = lp.pi;
        let mu = lp.mu;
        if (alpha > 0 && center) {
          pi = mix(center.pi, lp.pi, alpha);
          mu = mix(center.mu, lp.mu, alpha);
        }
        // Quick pricing with a small work limit; full pricing where it was not proven, when
        // nothing entered (at the LP duals) or when the bound could prove the incumbent optimal.
        const state: PricingState[] = [];
        this.price(pi, mu, types, QUICK_PRICING_WORK, state, caps);
        const open = types.filter((t) => !state[t]!.exact);
        if (open.length > 0) {
          const noColumn = alpha === 0 && types.every((t) => !state[t]!.column);
          let couldProve = false;
          if (!caps && this.incumbent) {
            const optimistic = this.lagrangian(pi, mu, state.map((x) => (x ? Math.max(x.found, x.threshold) : 0)));
            couldProve = roundBoundUp(this.inst, optimistic) >= this.incumbent.cost - costTolerance(this.incumbent.cost);
          }
          // (In a dive, quick pricing only: a node needs good columns, not a proof.)
          if ((noColumn || couldProve) && !caps) {
            const limit = Math.max(QUICK_PRICING_WORK, Math.floor((endWork - this.budget.spent) / (2 * open.length)));
            this.price(pi, mu, open, limit, state, caps);
          }
        }
        if (!caps) {
          const L = this.lagrangian(pi, mu, state.map((x) => (x ? x.ub : 0)));
          this.bound = Math.max(this.bound, L);
          if (!center || L > center.bound) center = { pi, mu, bound: L };
        }
        // Entering patterns: negative reduced cost at the LP duals.
        const columns: Pattern[] = [];
        for (const t of types) {
          const col = state[t]!.column;
          if (!col) continue;
          const g = this.inst.groupOf[t]!;
          let v = 0;
          col.items.forEach((i, k) => (v += lp.pi[i]! * col.counts[k]!));
          if (problem.binTypes[t]!.cost - (g >= 0 ? lp.mu[g]! : 0) - v < -this.rcTolerance) columns.push(col);
        }
        if (columns.length > 0) columns.push(...this.disjointColumns(lp, columns, caps));
        if (columns.length > 0 && this.addPatterns(columns) > 0) break;
        if (alpha === 0) {
          // Nothing enters at the LP duals (or every entering pattern is already in: optimal up to tolerances).
          return { lp, converged: types.every((t) => state[t]!.exact) };
        }
        this.stats.mispricings++;
        alpha = 0;
      }
    }
    // Stopped by a limit: the last LP solution (without the patterns added after it).
    return { lp: last, converged: false };
  }

  run(): ColumnGenerationResult {
    const b = this.budget;
    const open = (): boolean => !this.proven() && !b.exhausted() && !b.expired();
    // 0. Small instances: every maximal pattern enters, and the MIP over them is an exact model.
    const all = enumeratePatterns(this.inst, ENUMERATION_LIMIT, Math.min(ENUMERATION_WORK, b.share(0.05)));
    b.spend(all.work);
    if (all.patterns) {
      this.addPatterns(all.patterns);
      this.complete = true;
      this.stats.enumerated = all.patterns.length;
    }
    // 1. Column generation at the root: the bound.
    const root = this.generate(b.spent + b.share(this.input.lpShare ?? ROOT_SHARE));
    const converged = root.converged;
    if (this.complete && open()) this.offer(this.solveMip(b.share(MIP_SHARE)));
    // 2. Diving: the primal side, and more columns.
    if (open()) this.dive(b.spent + b.share(DIVE_SHARE), "fraction");
    // 3. Price-and-branch over all columns, when the budget affords HiGHS's root work.
    if (open() && b.remaining() >= 2 * this.mipSetupUnits()) this.offer(this.solveMip(b.share(MIP_SHARE)));
    // 4. Further dives with the rest.
    for (const rule of ["value", "fraction"] as const) if (open()) this.dive(b.spent + b.share(0.5), rule);
    return { lowerBound: roundBoundUp(this.inst, this.bound), converged, improved: this.improved, stats: this.stats };
  }

  /**
   * Diving heuristic: repeatedly fix lower bounds on patterns of the LP solution, regenerate
   * columns for the residual demands (a few iterations per node), and complete the rounded-down
   * LP solution first-fit. Rule "fraction" fixes the pattern with the largest fractional part,
   * "value" the one with the largest value (ties: the lowest column); either also fixes every
   * pattern within 0.1 of the next integer. Stops on an integral LP solution, when a converged
   * node cannot beat the incumbent, or at `endWork`. Bounds are restored afterwards; the
   * generated columns stay (the MIP uses them).
   */
  private dive(endWork: number, rule: "fraction" | "value"): void {
    const { problem, nItems } = this.inst;
    const fixed = new Map<number, number>();
    const caps = new Int32Array(nItems);
    try {
      while (!this.proven() && this.budget.spent < endWork && !this.budget.expired()) {
        for (let i = 0; i < nItems; i++) caps[i] = problem.items[i]!.count;
        for (const [col, lb] of fixed) {
          const p = this.patterns[col - this.firstPatternCol]!;
          p.items.forEach((i, k) => (caps[i] = Math.max(0, caps[i]! - p.counts[k]! * lb)));
        }
        const node = this.generate(endWork, caps, DIVE_NODE_ITERATIONS);
        this.stats.diveNodes++;
        if (!node.lp) break;
        const x = node.lp.x;
        // Artificials in use: the fixings admit no solution.
        let artificial = false;
        for (let i = 0; i < nItems; i++) if (x[i]! > 1e-6) artificial = true;
        if (artificial) break;
        if (node.converged && this.incumbent && roundBoundUp(this.inst, node.lp.value) >= this.incumbent.cost - costTolerance(this.incumbent.cost)) break;
        // Round down and complete.
        const floor = new Float64Array(x.length);
        for (let j = 0; j < x.length; j++) floor[j] = j >= this.firstPatternCol ? Math.floor(x[j]! + 1e-6) : x[j]!;
        this.offer(this.repair(floor));
        // Choose what to fix.
        let pick = -1;
        let score = 0;
        const picks: number[] = [];
        for (let j = this.firstPatternCol; j < x.length; j++) {
          const f = x[j]! - Math.floor(x[j]! + 1e-6);
          if (f <= 1e-6) continue;
          if (f >= 0.9) picks.push(j);
          const sc = rule === "fraction" ? f : x[j]!;
          if (sc > score + 1e-9) {
            pick = j;
            score = sc;
          }
        }
        if (pick < 0) {
          this.offer(this.repair(x));
          break;
        }
        if (!picks.includes(pick)) picks.push(pick);
        for (const j of picks) {
          const lb = Math.ceil(x[j]! - 1e-6);
          fixed.set(j, lb);
          this.model.changeColBounds(j, lb, this.highs.infinity);
        }
      }
    } finally {
      for (const col of fixed.keys()) this.model.changeColBounds(col, 0, this.highs.infinity);
    }
  }

  /** Estimated fixed work of a HiGHS MIP on the master (presolve, root cuts and heuristics). */
  private mipSetupUnits(): number {
    let nnz = 0;
    for (const p of this.patterns) nnz += p.items.length + 1;
    return MIP_SETUP_UNITS + MIP_SETUP_NNZ_UNITS * nnz;
  }

  /** Price-and-branch: the master as a MIP over the generated patterns, from the incumbent, within `work` units. */
  private solveMip(work: number): IntegerSolution | undefined {
    const { nItems } = this.inst;
    const nCols = this.firstPatternCol + this.patterns.length;
    const entries = nCols + this.nRows;
    const zeros = new Float64Array(nItems);
    const artificialUpper = Float64Array.from(this.inst.problem.items.map((i) => i.count));
    // Artificials fixed to 0; y and λ integer.
    this.model.changeColsBounds({ kind: "range", from: 0, to: nItems - 1 }, zeros, zeros);
    this.model.changeColsIntegrality({ kind: "range", from: nItems, to: nCols - 1 }, new Int32Array(nCols - nItems).fill(1));
    const unit = this.inst.costUnit;
    // Cheap settings (measured on VBP masters): no strong-branching reliability, no cuts at
    // nodes, a small cut pool, no RINS/RENS sub-MIPs (diving is our primal heuristic).
    this.model.options.set({
      mip_max_nodes: MIP_MAX_NODES,
      mip_rel_gap: 0,
      mip_abs_gap: unit > 0 ? unit * 0.999 : 1e-6,
      mip_pscost_minreliable: 0,
      mip_allow_cut_separation_at_nodes: false,
      mip_pool_soft_limit: 500,
      mip_heuristic_run_rins: false,
      mip_heuristic_run_rens: false,
    });
    if (this.incumbent) {
      const start = new Float64Array(nCols);
      for (const i of this.incumbent.leftOut) if (this.yCol[i]! >= 0) start[this.yCol[i]!] = 1;
      for (const bin of this.incumbent.bins) {
        const col = this.keys.get(patternKey(patternOf(bin)));
        if (col !== undefined) start[col]! += 1;
      }
      this.model.setSolution({ colValue: start });
    }
    // The MIP's effort is measured by its LP iterations (deterministic), checked at HiGHS's interrupt points.
    const perIteration = entries * MIP_ITERATION_ENTRY_UNITS;
    const setup = this.mipSetupUnits();
    const limit = Math.max(0, work - setup);
    let iterations = 0;
    const t0 = performance.now();
    let status: number;
    let dual = Number.NaN;
    let x: Float64Array | undefined;
    try {
      status = this.runModel({
        [this.highs.constants.callbackType.mipInterrupt]: (event) => {
          iterations = Number(event.data.mip_total_lp_iterations ?? 0n);
          if (iterations * perIteration > limit) event.interrupt();
        },
      });
      // Read everything before the model is changed back (a change clears the solution and info).
      dual = infoNumber(this.model, "mip_dual_bound");
      const total = infoNumber(this.model, "simplex_iteration_count");
      if (Number.isFinite(total) && total > iterations) iterations = total;
      const nodes = infoNumber(this.model, "mip_node_count");
      if (Number.isFinite(nodes)) this.stats.mipNodes += nodes;
      if (infoNumber(this.model, "primal_solution_status") === 2) x = this.model.getSolution().colValue;
    } finally {
      this.model.changeColsIntegrality({ kind: "range", from: nItems, to: nCols - 1 }, new Int32Array(nCols - nItems));
      this.model.changeColsBounds({ kind: "range", from: 0, to: nItems - 1 }, zeros, artificialUpper);
    }
    this.stats.ms.mip += performance.now() - t0;
    this.stats.mipStatus = status;
    this.stats.mipRuns++;
    this.stats.mipLpIterations += iterations;
    const spent = setup + iterations * perIteration;
    this.stats.work.mip += spent;
    this.budget.spend(spent);
    // Over every maximal pattern the MIP is an exact model, and its dual bound a bound of the problem.
    const { optimal, solutionLimit, interrupted } = this.highs.constants.modelStatus;
    if (this.complete && (status === optimal || status === solutionLimit || status === interrupted) && Number.isFinite(dual)) {
      this.bound = Math.max(this.bound, dual);
    }
    return x ? this.repair(x) : undefined;
  }

  /** Turns a master solution (integer λ, y) into a feasible solution (see `completePacking`). */
  private repair(x: Float64Array): IntegerSolution | undefined {
    const { nItems } = this.inst;
    const leftOut: number[] = [];
    for (let i = 0; i < nItems; i++) if (this.yCol[i]! >= 0 && x[this.yCol[i]!]! > 0.5) leftOut.push(i);
    const bins: { type: number; items: number[] }[] = [];
    this.patterns.forEach((p, k) => {
      const n = Math.round(x[this.firstPatternCol + k] ?? 0);
      for (let r = 0; r < n; r++) bins.push(expand(p));
    });
    this.budget.spend(REPAIR_UNITS_PER_COPY * this.copies + REPAIR_UNITS_PER_COLUMN * this.patterns.length);
    return completePacking(this.inst, bins, leftOut);
  }
}

/** The copies of a pattern as a bin. */
function expand(p: Pattern): { type: number; items: number[] } {
  const items: number[] = [];
  p.items.forEach((i, q) => {
    for (let c = 0; c < p.counts[q]!; c++) items.push(i);
  });
  return { type: p.type, items };
}

/** α·a + (1 − α)·b. */
function mix(a: Float64Array, b: Float64Array, alpha: number): Float64Array {
  const out = new Float64Array(a.length);
  for (let k = 0; k < a.length; k++) out[k] = alpha * a[k]! + (1 - alpha) * b[k]!;
  return out;
}

export function patternOf(bin: PackedBin): Pattern {
  const copies = new Map<number, number>();
  for (const i of bin.items) copies.set(i, (copies.get(i) ?? 0) + 1);
  const items = [...copies.keys()].sort((a, b) => a - b);
  return { type: bin.type, items, counts: items.map((i) => copies.get(i)!) };
}

/**
 * Every maximal pattern (no further copy of any item type fits) of every priced bin type, or
 * undefined when there are more than `limit` or the search takes more than `workLimit`. With the covering rows, some optimal solution
 * uses only maximal patterns (surplus copies are removed afterwards), so the MIP over them is
 * an exact model of the problem.
 */
export function enumeratePatterns(inst: Instance, limit: number, workLimit: number): { patterns: Pattern[] | undefined; work: number } {
  const { problem, dims, maxCopies } = inst;
  const out: Pattern[] = [];
  let work = 0;
  for (const t of inst.pricedTypes) {
    const items: number[] = [];
    for (let i = 0; i < inst.nItems; i++) if (maxCopies[t]![i]! > 0) items.push(i);
    const residual = [...problem.binTypes[t]!.capacity];
    const counts = new Array<number>(items.length).fill(0);
    const fits = (q: number): number => {
      const size = problem.items[items[q]!]!.size;
      let u = maxCopies[t]![items[q]!]! - counts[q]!;
      for (let d = 0; d < dims && u > 0; d++) if ((size[d] ?? 0) > 0) u = Math.min(u, Math.floor(residual[d]! / size[d]!));
      return u;
    };
    let over = false;
    const rec = (q: number): void => {
      if (over) return;
      work += items.length;
      if (work > workLimit) {
        over = true;
        return;
      }
      if (q === items.length) {
        for (let r = 0; r < items.length; r++) if (fits(r) > 0) return;
        const its: number[] = [];
        const cts: number[] = [];
        counts.forEach((c, r) => {
          if (c > 0) {
            its.push(items[r]!);
            cts.push(c);
          }
        });
        if (its.length === 0) return;
        out.push({ type: t, items: its, counts: cts });
        if (out.length > limit) over = true;
        return;
      }
      const size = problem.items[items[q]!]!.size;
      for (let a = fits(q); a >= 0; a--) {
        counts[q] = a;
        for (let d = 0; d < dims; d++) residual[d]! -= a * (size[d] ?? 0);
        rec(q + 1);
        for (let d = 0; d < dims; d++) residual[d]! += a * (size[d] ?? 0);
        counts[q] = 0;
        if (over) return;
      }
    };
    rec(0);
    if (over) return { patterns: undefined, work };
  }
  return { patterns: out, work };
}
