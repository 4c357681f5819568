/**
 * The exact / bounding engine: column generation with diving and price-and-branch on HiGHS,
 * warm-started from a heuristic solution (without one, the heuristics get a tenth of the time). Returns the better of the warm start and its own solution, with
 * the best lower bound either of them proved.
 *
 * Determinism: the search is limited by a work budget proportional to `timeLimitMs`
 * (`WORK_UNITS_PER_MS`), counted in deterministic units (knapsack item visits, simplex
 * iterations of the master LP and MIP, repairs), with HiGHS single-threaded and seeded. The wall clock only stops
 * it in an emergency, at `EMERGENCY_FACTOR` × `timeLimitMs`.
 *
 * Robustness: when HiGHS cannot be loaded or fails, the answer is the warm start (or the
 * heuristics' answer) with the best simple bound; it never throws for that. Like the heuristics
 * it throws the packing core's `PackingError`: "invalid-problem", "infeasible" (a mandatory
 * item type fits no bin type it is allowed in) or "not-found" (no packing found at all).
 */
import { packingLowerBound } from "../packing/bounds.js";
import { PackingError } from "../packing/compiled.js";
import type { PackingProblem, PackingSolution } from "../packing/problem.js";
import { solvePackingHeuristic } from "../packing/solve.js";
import { runColumnGeneration, type ColumnGenerationStats, type IntegerSolution } from "./column-generation.js";
import { loadHighs, resetHighs } from "./highs.js";
import { canonicalBins, costTolerance, prepare, roundBoundUp, solutionCost, violations } from "./instance.js";
import { firstFit } from "./repair.js";
import { EMERGENCY_FACTOR, WORK_UNITS_PER_MS, WorkBudget } from "./work.js";

export interface ExactOptions {
  /** Budget in milliseconds (default 10 000): sets the deterministic work budget; 3× it is the emergency stop. */
  readonly timeLimitMs?: number;
  /** A feasible solution to start from (the heuristic's); never returned worse. */
  readonly warmStart?: PackingSolution;
  /** Epoch milliseconds (`Date.now()`) by which the run stops, whatever its budget: the caller's hard time limit. */
  readonly deadline?: number;
  /** Receives statistics of the run (for benchmarks and tests). */
  readonly onStats?: (stats: ExactStats) => void;
}

export interface ExactStats extends Partial<ColumnGenerationStats> {
  highs: boolean;
  converged: boolean;
  workSpent: number;
  workBudget: number;
  error?: string;
}

export const DEFAULT_TIME_LIMIT_MS = 10_000;
export const COLUMN_GENERATION_METHOD = "column-generation";
/** Share of the time limit the heuristics get when no warm start is given. */
const NO_WARM_START_HEURISTIC_SHARE = 0.1;

/** The packing core's cheap bounds; 0 if they fail (they are an extra, never a reason to fail). */
function simpleBound(problem: PackingProblem): number {
  try {
    const b = packingLowerBound(problem);
    return Number.isFinite(b) ? b : 0;
  } catch {
    return 0;
  }
}

export async function solvePackingExact(problem: PackingProblem, options: ExactOptions = {}): Promise<PackingSolution> {
  const inst = prepare(problem);
  const stats: ExactStats = { highs: false, converged: false, workSpent: 0, workBudget: 0 };
  const report = (s: PackingSolution): PackingSolution => {
    options.onStats?.(stats);
    return s;
  };
  const required = inst.unplaceable.filter((i) => problem.items[i]!.alternativeCost === undefined);
  if (required.length > 0) {
    const names = required.map((i) => `"${problem.items[i]!.id}"`).join(", ");
    throw new PackingError("infeasible", `item type${required.length > 1 ? "s" : ""} ${names} fit${required.length > 1 ? "" : "s"} no bin type ${required.length > 1 ? "they are" : "it is"} allowed in`, required);
  }
  const timeLimitMs = Math.max(1, options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS);

  // The starting point: the warm start when it is feasible, else the heuristics' answer (a
  // small share of the time), else a plain first-fit.
  const warm = options.warmStart;
  let exactMs = timeLimitMs;
  let start: (IntegerSolution & { method: string }) | undefined;
  let startBound = 0;
  const adopt = (s: PackingSolution): void => {
    const bins = canonicalBins(s.bins);
    const leftOut = [...s.leftOut].sort((a, b) => a - b);
    start = { bins, leftOut, cost: solutionCost(problem, bins, leftOut), method: s.method };
    if (Number.isFinite(s.lowerBound)) startBound = roundBoundUp(inst, s.lowerBound);
  };
  if (warm && violations(inst, warm).length === 0) adopt(warm);
  else {
    exactMs = timeLimitMs * (1 - NO_WARM_START_HEURISTIC_SHARE);
    try {
      const h = solvePackingHeuristic(problem, { timeLimitMs: timeLimitMs * NO_WARM_START_HEURISTIC_SHARE, ...(options.deadline === undefined ? {} : { deadline: options.deadline }) });
      if (violations(inst, h).length === 0) adopt(h);
    } catch (error) {
      if (error instanceof PackingError && error.kind !== "not-found") throw error;
    }
    if (!start) {
      const ff = firstFit(inst);
      if (ff) start = { ...ff, method: "first-fit" };
    }
  }
  let bound = Math.max(startBound, simpleBound(problem));
  if (start) bound = Math.min(bound, start.cost);

  const finish = (best: IntegerSolution & { method: string }, lowerBound: number): PackingSolution => {
    const rounded = roundBoundUp(inst, lowerBound);
    if (rounded > best.cost + costTolerance(best.cost)) stats.error = `internal: bound ${rounded} above the cost ${best.cost}`;
    const lb = Math.min(rounded, best.cost);
    return report({
      bins: best.bins,
      leftOut: best.leftOut,
      cost: best.cost,
      lowerBound: lb,
      provenOptimal: best.cost <= lb + costTolerance(best.cost),
      method: best.method,
    });
  };

  if (start && start.cost <= bound + costTolerance(start.cost)) return finish(start, bound);

  const highs = await loadHighs();
  if (!highs) {
    stats.error = "HiGHS could not be loaded";
    if (!start) throw new PackingError("not-found", "no packing found (and the exact solver is unavailable)");
    return finish(start, bound);
  }
  stats.highs = true;
  const emergencyMs = Math.min(exactMs * EMERGENCY_FACTOR, options.deadline === undefined ? Infinity : options.deadline - Date.now());
  const budget = new WorkBudget(Math.floor(exactMs * WORK_UNITS_PER_MS), emergencyMs);
  stats.workBudget = budget.total;
  let best = start;
  try {
    const result = runColumnGeneration({ instance: inst, highs, budget, incumbent: start, initialBound: bound });
    Object.assign(stats, result.stats);
    stats.converged = result.converged;
    bound = Math.max(bound, result.lowerBound);
    if (result.improved && (!best || result.improved.cost < best.cost - costTolerance(best.cost))) {
      best = { ...result.improved, method: COLUMN_GENERATION_METHOD };
    }
  } catch (error) {
    // A failure inside HiGHS: keep what we have, and load a fresh instance next time.
    stats.error = error instanceof Error ? error.message : String(error);
    resetHighs();
  }
  stats.workSpent = budget.spent;
  if (!best) throw new PackingError("not-found", "no packing within the group limits was found (not a proof that none exists)");
  return finish(best, bound);
}
