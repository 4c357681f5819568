/**
 * Deterministic effort accounting. The search is driven by a work budget in abstract units
 * (≈ knapsack item visits; LP and MIP effort converted by fixed rates), derived from the time
 * limit by a fixed rate, so that the same input gives the same answer on any machine. The
 * wall clock is only an emergency stop (a multiple of the time limit); hitting it is the one
 * way the answer can depend on timing.
 */

/**
 * Work units granted per millisecond of time limit. On the machine it was calibrated on (the
 * VBP sample, all phases together) the engine does about 200 000 units per millisecond (a
 * knapsack item visit is one unit, ≈ 5 ns), so spending the whole budget takes about 65 % of
 * the limit there; a machine up to ~4× slower still finishes before the emergency stop.
 */
export const WORK_UNITS_PER_MS = 100_000;
/** The emergency stop, as a multiple of the time limit. */
export const EMERGENCY_FACTOR = 3;

/** One LP re-solve of the master: a fixed part plus, per simplex iteration, per row and column. */
export const LP_SOLVE_UNITS = 30_000;
export const LP_ITERATION_ENTRY_UNITS = 5;
/** One pricing call: a fixed part plus per item and dimension (sorting, set-up), besides the search's own count. */
export const PRICING_CALL_UNITS = 2_000;
export const PRICING_ITEM_UNITS = 20;
/** Turning an LP solution into bins and completing it (per copy, and per column scanned). */
export const REPAIR_UNITS_PER_COPY = 100;
export const REPAIR_UNITS_PER_COLUMN = 20;
/** Work limit of the quick pricing pass. */
export const QUICK_PRICING_WORK = 50_000;
/**
 * A MIP solve of the master: a fixed part (presolve, root cuts, heuristics) that grows with the
 * nonzeros, plus, per LP iteration, per row and column.
 */
export const MIP_SETUP_UNITS = 5_000_000;
export const MIP_SETUP_NNZ_UNITS = 20_000;
export const MIP_ITERATION_ENTRY_UNITS = 100;
/** Node limit of a master MIP (its LP iterations are the real limit). */
export const MIP_MAX_NODES = 10_000;

export class WorkBudget {
  private spentUnits = 0;
  private readonly deadline: number;

  constructor(
    readonly total: number,
    emergencyMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.deadline = this.now() + emergencyMs;
  }

  spend(units: number): void {
    if (units > 0) this.spentUnits += units;
  }

  get spent(): number {
    return this.spentUnits;
  }

  remaining(): number {
    return Math.max(0, this.total - this.spentUnits);
  }

  /** True when the deterministic budget is used up. */
  exhausted(): boolean {
    return this.spentUnits >= this.total;
  }

  /** Milliseconds left before the emergency stop. */
  emergencyMsLeft(): number {
    return this.deadline - this.now();
  }

  /** True when the emergency stop has been reached (the only timing-dependent exit). */
  expired(): boolean {
    return this.now() >= this.deadline;
  }

  /** A sub-budget: at most `fraction` of what remains (at least `min` units). */
  share(fraction: number, min = 0): number {
    return Math.max(min, Math.floor(this.remaining() * fraction));
  }
}
