/**
 * The anytime heuristic entry point: every constructive variant, then the local search from the
 * best of them, then (with optional item types) a pass that tries packing or leaving out each
 * optional type. Deterministic: the search is budgeted in work units derived from the time
 * limit, never stopped by the clock (except as an emergency stop at 3× the limit).
 */
import { boundReport } from "./bounds.js";
import { compile, meetsBound, PackingError, type Compiled } from "./compiled.js";
import { construct, constructVariants, downsize, orderBy, packInto, randomisedConstructions } from "./heuristics.js";
import { localSearch } from "./local-search.js";
import type { PackingOptions, PackingProblem, PackingSolution } from "./problem.js";
import { makeSolution } from "./solution.js";
import { Budget, cloneSolution, resetBinIds, Rng, toPackedBins, type WSolution } from "./work.js";

/** Default time limit when none is given. */
export const DEFAULT_TIME_LIMIT_MS = 10_000;

/**
 * Work units per millisecond of time limit. A unit is about 10–20 ns of search on the
 * development machine (one core of a 2-core cloud VM); measured on the `.vbp` benchmark, a
 * search spending its whole budget runs at 35,000–150,000 units per ms (median ~65,000) when
 * the machine is quiet. So it takes about 40 % of its time limit there, rarely all of it; a
 * slower or busier machine gets the same answer later, and the emergency stop
 * (`EMERGENCY_FACTOR` × the limit) bounds the wait.
 */
export const WORK_UNITS_PER_MS = 25_000;

/** Share of the budget the constructive variants may use (the first always runs to the end). */
const CONSTRUCTION_SHARE = 1 / 3;

/**
 * Beyond this many bins the local search is skipped: every move it evaluates scans all bins and
 * every attempt copies the packing, so on a hundred thousand nodes (a million replicas) one
 * attempt takes longer than its whole budget and garbage collection dominates. Such instances
 * have few item types with many copies, which the exact phase handles as counts.
 */
export const LOCAL_SEARCH_MAX_BINS = 20_000;

/** The wall clock stops the search at this multiple of the time limit, whatever the budget says. */
export const EMERGENCY_FACTOR = 3;

export interface HeuristicOptions extends PackingOptions {
  /** Budget in work units; overrides the one derived from `timeLimitMs` (tests use it). */
  readonly workUnits?: number;
  /** Seed of the search's random choices (default 1). */
  readonly seed?: number;
  /**
   * Stop at the first packing found (no further constructions, no local search): for callers
   * that only ask whether a packing exists, such as the infeasibility diagnosis.
   */
  readonly anyPacking?: boolean;
}

/** Statistics of a heuristic solve, for benchmarks. */
export interface HeuristicStats {
  readonly workUnits: number;
  readonly attempts: number;
  readonly improvements: number;
  /** True when the wall-clock emergency stop cut the search short (the answer may then depend on timing). */
  readonly emergencyStop: boolean;
  /** Cost of the best constructive variant, before the local search. */
  readonly constructiveCost: number;
}

/**
 * Packs `problem` heuristically: the best packing found within the budget, with a proven lower
 * bound; `provenOptimal` when its cost meets the bound. Same input and options ⇒ same output.
 *
 * Throws `PackingError`: "invalid-problem" for a malformed problem, "infeasible" when a mandatory
 * item type fits no bin type it is allowed in, "not-found" when no packing within the group
 * limits was found (not a proof of infeasibility).
 */
export function solvePackingHeuristic(problem: PackingProblem, options: HeuristicOptions = {}): PackingSolution {
  return solvePackingHeuristicWithStats(problem, options).solution;
}

/** `solvePackingHeuristic`, with statistics of the search. */
export function solvePackingHeuristicWithStats(problem: PackingProblem, options: HeuristicOptions = {}): { solution: PackingSolution; stats: HeuristicStats } {
  resetBinIds();
  const c = compile(problem);
  const unplaceable = mandatoryWithoutBin(c);
  if (unplaceable.length > 0) {
    const names = unplaceable.map((i) => `"${problem.items[i]!.id}"`).join(", ");
    throw new PackingError("infeasible", `item type${unplaceable.length > 1 ? "s" : ""} ${names} fit${unplaceable.length > 1 ? "" : "s"} no bin type ${unplaceable.length > 1 ? "they are" : "it is"} allowed in`, unplaceable);
  }
  const over = overGroupLimits(c);
  if (over !== undefined) throw new PackingError("infeasible", over);
  const lowerBound = boundReport(c).bound;
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const units = options.workUnits ?? Math.max(10_000, Math.round(timeLimitMs * WORK_UNITS_PER_MS));
  // Asked only whether a packing exists, before a deadline: that deadline is the only stop (the
  // first construction runs to its end whatever the budget, and is the answer).
  const emergencyMs = options.anyPacking && options.deadline !== undefined ? Infinity : EMERGENCY_FACTOR * timeLimitMs;
  const budget = new Budget(units, emergencyMs, undefined, options.deadline);
  const rng = new Rng(options.seed ?? 1);

  // 1. The constructive variants; the cheapest wins (ties: the earlier variant). The first (plain
  //    FFD) always runs; the others while a third of the budget lasts (on huge problems with a
  //    small budget, constructions alone could exceed it).
  let best: WSolution | null = null;
  const constructions = budget.part(Math.floor(budget.remaining * CONSTRUCTION_SHARE));
  for (const variant of constructVariants(c)) {
    if (best !== null && (constructions.exhausted || options.anyPacking)) break;
    const s = construct(c, orderBy(c, variant.measure, variant.constrainedFirst), variant, constructions);
    if (s && (best === null || s.cost < best.cost)) best = s;
  }
  // Randomised constructions where choices of bin types, groups or optional items make the
  // deterministic variants fragile; many more when none of them found a packing at all.
  const rich = c.nBinTypes > 1 || c.groupMax.length > 0 || c.optional.some((x) => x === 1);
  if (((rich && !constructions.exhausted && !options.anyPacking) || best === null) && !budget.emergency) {
    const random = randomisedConstructions(c, best === null ? 500 : 20, rng, budget.part(Math.floor(budget.remaining * (best === null ? 0.5 : 0.1))));
    if (random && (best === null || random.cost < best.cost)) best = random;
  }
  if (best === null && budget.emergency) {
    throw new PackingError("time-limit", "the time limit ran out before any packing was found");
  }
  if (best === null) {
    throw new PackingError("not-found", "no packing within the bin-count limits of the groups was found (the heuristics do not prove that none exists)");
  }
  const constructiveCost = best.cost;
  let attempts = 0;
  let improvements = 0;

  // 2. Local search, with a share of the budget kept for the optional item types.
  const optionalTypes: number[] = [];
  for (let i = 0; i < c.nItems; i++) if (c.optional[i] && c.count[i]! > 0) optionalTypes.push(i);
  const searchable = best.bins.length <= LOCAL_SEARCH_MAX_BINS && !options.anyPacking;
  if (!meetsBound(best.cost, lowerBound) && searchable) {
    const share = optionalTypes.length > 0 ? Math.floor(budget.remaining * 0.6) : budget.remaining;
    const ls = localSearch(c, best, { budget: budget.part(share), rng, lowerBound });
    attempts += ls.attempts;
    improvements += ls.improvements;
    best = ls.solution;
  }

  // 3. Optional item types: try the other choice for each (in index order), then for each pair
  //    (with few optional types), and keep a change when it lowers the cost.
  const flips: number[][] = searchable ? optionalTypes.map((i) => [i]) : [];
  if (optionalTypes.length <= 8 && searchable) for (let a = 0; a < optionalTypes.length; a++) for (let b = a + 1; b < optionalTypes.length; b++) flips.push([optionalTypes[a]!, optionalTypes[b]!]);
  for (let round = 0; round < 2 && flips.length > 0; round++) {
    let changed = false;
    for (let j = 0; j < flips.length; j++) {
      if (budget.exhausted || meetsBound(best.cost, lowerBound)) break;
      const flipped = flip(c, best, flips[j]!, budget, rng);
      if (!flipped) continue;
      const share = Math.floor(budget.remaining / (2 * (flips.length - j)));
      const ls = localSearch(c, flipped, { budget: budget.part(share), rng, lowerBound, maxFailures: 30 });
      attempts += ls.attempts;
      if (ls.solution.cost < best.cost - 1e-9 * Math.max(1, best.cost)) {
        best = ls.solution;
        improvements++;
        changed = true;
      }
    }
    if (!changed) break;
  }

  const leftOut: number[] = [];
  for (let i = 0; i < c.nItems; i++) if (best.leftOut[i]) leftOut.push(i);
  const solution = makeSolution(problem, toPackedBins(best.bins), leftOut, lowerBound, best.method);
  return {
    solution,
    stats: { workUnits: budget.used, attempts, improvements, emergencyStop: budget.emergency, constructiveCost },
  };
}

/**
 * Why the group limits cannot hold the mandatory copies, when a count shows it (undefined
 * otherwise): with every bin type in a group, the most bins allowed times the largest capacity
 * of each group falls short of the demand in some dimension, or a spread item type has more
 * copies than bins are allowed among the types it fits. A proof, found without a search (which,
 * on a million copies, would take longer than the time limit to fail).
 */
function overGroupLimits(c: Compiled): string | undefined {
  const { dims, nBinTypes } = c;
  if (nBinTypes === 0 || c.group.some((g) => g < 0)) return undefined;
  const supply = new Float64Array(dims);
  for (let g = 0; g < c.groupMax.length; g++) {
    for (let k = 0; k < dims; k++) {
      let most = 0;
      for (let t = 0; t < nBinTypes; t++) if (c.group[t] === g) most = Math.max(most, c.cap[t * dims + k]!);
      supply[k]! += most * c.groupMax[g]!;
    }
  }
  for (let k = 0; k < dims; k++) {
    let demand = 0;
    for (let i = 0; i < c.nItems; i++) if (!c.optional[i]) demand += c.count[i]! * c.size[i * dims + k]!;
    if (demand > supply[k]!) return `the mandatory copies need ${demand} in dimension ${k}, and the group limits allow bins holding ${supply[k]} at most`;
  }
  for (let i = 0; i < c.nItems; i++) {
    if (c.optional[i] || !c.spread[i]) continue;
    const groups = new Set<number>();
    for (let t = 0; t < nBinTypes; t++) if (c.fits[i * nBinTypes + t]) groups.add(c.group[t]!);
    let bins = 0;
    for (const g of groups) bins += c.groupMax[g]!;
    if (c.count[i]! > bins) return `item type "${c.problem.items[i]!.id}" is spread over ${c.count[i]} bins, and the group limits allow ${bins}`;
  }
  return undefined;
}

/** Mandatory item types (with copies) that no bin type fits. */
function mandatoryWithoutBin(c: Compiled): number[] {
  const out: number[] = [];
  for (let i = 0; i < c.nItems; i++) {
    if (c.optional[i] || c.count[i] === 0) continue;
    let any = false;
    for (let t = 0; t < c.nBinTypes && !any; t++) any = c.fits[i * c.nBinTypes + t] === 1;
    if (!any) out.push(i);
  }
  return out;
}

/**
 * `s` with the optional item types `types` switched (packed ⇒ left out, left out ⇒ packed): the
 * cheaper of editing `s` (drop the copies, best-fit the new ones) and packing from scratch with
 * every constructive variant. Null when neither finds a packing.
 */
function flip(c: Compiled, s: WSolution, types: readonly number[], budget: Budget, rng: Rng): WSolution | null {
  const leftOut = Uint8Array.from(s.leftOut);
  for (const i of types) leftOut[i] = leftOut[i] ? 0 : 1;
  let best = edit(c, s, leftOut, budget);
  for (const variant of constructVariants(c)) {
    if (variant.optional !== "marginal") continue;
    const fixed = { ...variant, optional: "fixed" as const };
    const t = construct(c, orderBy(c, fixed.measure, fixed.constrainedFirst), fixed, budget, leftOut);
    if (t && (best === null || t.cost < best.cost)) best = t;
  }
  const random = randomisedConstructions(c, 5, rng, budget, leftOut);
  if (random && (best === null || random.cost < best.cost)) best = random;
  if (best) best.method = `${best.method}+optional`;
  return best;
}

/** `s` edited to leave out exactly the optional types in `leftOut`: drops copies, best-fits new ones. */
function edit(c: Compiled, s: WSolution, leftOut: Uint8Array, budget: Budget): WSolution | null {
  const t = cloneSolution(s);
  const pack: number[] = [];
  for (let i = 0; i < c.nItems; i++) {
    if (leftOut[i] === t.leftOut[i]) continue;
    if (!leftOut[i]) {
      pack.push(i);
      continue;
    }
    t.leftOut[i] = 1;
    for (const b of t.bins) {
      const kept = b.items.filter((x) => x !== i);
      if (kept.length === b.items.length) continue;
      const n = b.items.length - kept.length;
      for (let k = 0; k < c.dims; k++) b.load[k]! -= n * c.size[i * c.dims + k]!;
      b.items = kept;
    }
  }
  if (pack.length > 0) {
    const remaining = new Int32Array(c.nItems);
    for (const i of pack) {
      t.leftOut[i] = 0;
      remaining[i] = c.count[i]!;
    }
    pack.sort((a, b) => c.volume[b]! - c.volume[a]! || a - b);
    if (!packInto(c, t.bins, pack, remaining, budget)) return null;
  }
  downsize(c, t, budget);
  t.method = s.method;
  return t;
}
