/**
 * `place(model, catalog, options)`: decides where every part of an app runs (which cluster and
 * node pool, or which managed service), what every pool buys (instance types and node counts),
 * at the lowest monthly cost that meets every constraint; proves how close that is to the best
 * possible; and says why. Same input, same output.
 */
import type { AppModel, PartModel } from "../model/app-model.js";
import { loadCatalog, type Catalog } from "./catalog/catalog.js";
import { assemblePlacement } from "./assemble.js";
import { diagnoseInfeasible } from "./diagnose.js";
import { connectedGroups } from "./groups.js";
import { optionsOf, type PartOptions } from "./options.js";
import type { Placement } from "./placement.js";
import { planScenario, replicasOf, scenarioResult, type ReplicaSizing, type ScenarioPlan, type ScenarioResult } from "./scenario.js";
import { solvePackingHeuristic } from "./packing/solve.js";
import { packingLowerBound } from "./packing/bounds.js";
import type { PackingProblem, PackingSolution } from "./packing/problem.js";
import { InfeasibleError, InputError } from "../errors.js";
import { PackingError } from "./packing/compiled.js";
import type { ClusterProblem } from "./cluster-problem.js";
import { aggregateCapacityBound } from "./capacity-bound.js";
import { loadHighs } from "./exact/highs.js";
import { solvePacking, withBound } from "./solve-packing.js";

/** Options of `place()`. */
export interface PlaceOptions {
  /** Seconds the solver may spend (default 10). The result depends on this number, never on the machine's speed. */
  readonly timeLimitSeconds?: number;
  /** Buy capacity for every workload's `replicas.min` (default) or its `replicas.max` (headroom for the autoscaler). */
  readonly replicas?: ReplicaSizing;
  /**
   * Beyond this many parts placed on one cluster the exact phase's share of the time limit
   * shrinks with the square of the ratio (default `EXACT_REFERENCE_PARTS`); `Infinity` always gives it the full share.
   */
  readonly exactReferenceParts?: number;
}

/** Default time limit of `place()` in seconds. */
export const DEFAULT_TIME_LIMIT_SECONDS = 10;

/**
 * Beyond this many parts on one cluster (item types of its packing problem), the exact phase's
 * time shrinks with the square of the ratio (see `SolvePackingOptions.exactReferenceItems`).
 * Measured on the synth benchmark's apps: at 100, 200 and 400 services column generation proves
 * the optimum within its share (at 400, in 5.4 s; a linear scaling from 150 parts lost it, +0.5 %),
 * at 1,000 services (1,012 parts) its full 7.5 s share neither converged nor improved the
 * heuristics' cost or bound. Apps with many replicas of few parts keep the full share.
 */
export const EXACT_REFERENCE_PARTS = 400;

/** At most this many region scenarios are evaluated; more means the app is too unconstrained to enumerate. */
const MAX_SCENARIOS = 64;

/** Heuristic time of each region scenario's evaluation, at most (with few scenarios). */
const SCENARIO_TIME_LIMIT_MS = 200;
/** Share of the time limit all scenario evaluations together may take (so that 64 scenarios fit in it). */
const SCENARIO_SHARE = 0.25;
/**
 * When the search has used the whole time limit without finding a placement, the diagnosis of
 * why still gets this share of the limit (it is a few heuristic runs, each stopped by its deadline).
 */
const DIAGNOSIS_SHARE = 0.2;
/**
 * Share of the time limit the explanations' re-packs (pricing each part's alternative) get after
 * the search, at least: they run after it, so a search that used the whole limit leaves them this.
 */
const EXPLANATION_SHARE = 0.1;
/**
 * Milliseconds per replica kept back from the search for what follows it (the exact phase's last
 * repair, the feasibility check, assembling the placement, all linear in the replicas), at most
 * `FINISH_SHARE` of the limit. Measured: about 1 µs per replica at a million replicas.
 */
const FINISH_MS_PER_REPLICA = 0.0015;
const FINISH_SHARE = 0.3;

/** The regions every part of a group can run in (in the order targets are declared). */
function groupRegions(model: AppModel, group: readonly string[], options: ReadonlyMap<string, PartOptions>): string[] {
  const declared = [...new Set(model.targets.map((t) => t.region))];
  return declared.filter((region) => group.every((name) => options.get(name)!.options.some((o) => o.target.region === region)));
}

/** Every combination of one region per group, in a fixed order, up to `MAX_SCENARIOS`. */
function scenarios(regionsPerGroup: readonly string[][]): string[][] {
  let combos: string[][] = [[]];
  for (const regions of regionsPerGroup) {
    combos = combos.flatMap((combo) => regions.map((r) => [...combo, r])).slice(0, MAX_SCENARIOS);
  }
  return combos;
}

/**
 * Places the app. Throws `InfeasibleError` (exit 2) naming a minimal set of conflicting constraints when nothing fits.
 *
 * The time limit holds at any size: every phase (heuristics, bounds, column generation,
 * explanations, and the diagnosis of an infeasible app) stops at the deadline it sets, whatever
 * its work budget says; what follows it (checking and assembling the placement) is linear in the
 * replicas. Within the limit the answer depends only on the input and the limit.
 */
export async function place(model: AppModel, catalog: Catalog = loadCatalog(), options: PlaceOptions = {}): Promise<Placement> {
  const started = Date.now();
  void loadHighs(); // compile the WebAssembly solver in the background while the heuristics run
  const timeLimitMs = (options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS) * 1000;
  if (!(timeLimitMs > 0) || !Number.isFinite(timeLimitMs)) {
    throw new InputError(`the time limit must be a positive number of seconds, got ${String(options.timeLimitSeconds)}`, {
      where: "--time-limit",
      fix: `pass a positive number of seconds, e.g. --time-limit ${DEFAULT_TIME_LIMIT_SECONDS}.`,
    });
  }
  const sizing = options.replicas ?? "min";
  const replicas = [...model.workloads, ...model.resources].reduce((n, p) => n + replicasOf(p, sizing), 0);
  // The search stops here; checking and assembling its answer take the rest of the limit.
  const deadline = started + timeLimitMs - Math.min(FINISH_SHARE * timeLimitMs, FINISH_MS_PER_REPLICA * replicas);
  const diagnose = (): InfeasibleError => diagnoseInfeasible(model, catalog, sizing, Math.max(started + timeLimitMs, Date.now() + DIAGNOSIS_SHARE * timeLimitMs));
  const exactReference = options.exactReferenceParts ?? EXACT_REFERENCE_PARTS;
  const parts: PartModel[] = [...model.workloads, ...model.resources];
  const partOptions = new Map(parts.map((p) => [p.name, optionsOf(model, p, catalog)]));
  const groups = connectedGroups(model);
  const regionsPerGroup = groups.map((g) => groupRegions(model, g, partOptions));
  if (parts.some((p) => partOptions.get(p.name)!.options.length === 0) || regionsPerGroup.some((r) => r.length === 0)) {
    throw diagnose();
  }

  const groupIndex = new Map(groups.flatMap((g, i) => g.map((name) => [name, i] as const)));
  const ordered = parts.map((p) => partOptions.get(p.name)!);
  const combos = scenarios(regionsPerGroup);
  if (combos.length === 1) {
    // One scenario (the usual case): solve it in full straight away.
    const plan = planScenario(model, ordered, (p) => combos[0]![groupIndex.get(p.name)!]!, catalog, sizing);
    const solutions = await solveAll(plan.clusters, timeLimitMs, exactReference, deadline, options.timeLimitSeconds);
    if (solutions === undefined) throw diagnose();
    const result = scenarioResult(plan, solutions);
    if (result.violations.length > 0) throw diagnose();
    return assemblePlacement(model, result, { lowerBound: result.lowerBound, partOptions, sizing, priceSource: catalog.priceSource, deadline: Math.max(deadline, Date.now() + EXPLANATION_SHARE * timeLimitMs) });
  }
  // Each scenario is priced by the heuristics; once the time for that is up, the rest only get a
  // lower bound (they are not candidates then, but the app's bound must hold for them too).
  const evaluated: ScenarioResult[] = [];
  const skippedBounds: number[] = [];
  const scenarioMs = Math.min(SCENARIO_TIME_LIMIT_MS, (SCENARIO_SHARE * timeLimitMs) / combos.length);
  const scenariosDeadline = started + SCENARIO_SHARE * timeLimitMs * 2;
  for (const combo of combos) {
    const plan = planScenario(model, ordered, (p) => combo[groupIndex.get(p.name)!]!, catalog, sizing);
    if (evaluated.length > 0 && Date.now() >= scenariosDeadline) {
      skippedBounds.push(scenarioBound(plan));
      continue;
    }
    const solutions = plan.clusters.map((c) => tryHeuristic(c.problem, scenarioMs, scenariosDeadline));
    if (solutions.some((s) => s === undefined)) continue;
    const result = scenarioResult(plan, solutions as NonNullable<(typeof solutions)[number]>[]);
    if (result.violations.length === 0) evaluated.push(result);
  }
  if (evaluated.length === 0) throw diagnose();

  // The cheapest scenario (the first on ties: scenarios come in declaration order) is solved in full.
  const best = evaluated.reduce((a, b) => (b.cost < a.cost - 1e-9 ? b : a));
  const solved = await solveAll(best.plan.clusters, timeLimitMs, exactReference, deadline, options.timeLimitSeconds);
  // The heuristics packed this scenario once already; only a deadline can keep them from it again.
  const final = solved === undefined ? best : scenarioResult(best.plan, solved);
  if (final.violations.length > 0) {
    throw new Error(`placement failed its own feasibility check: ${final.violations.join("; ")}`);
  }
  // Every scenario's bound is valid for that scenario; the app's bound is the least of them.
  const lowerBound = Math.min(final.lowerBound, ...evaluated.filter((e) => e !== best).map((e) => e.lowerBound), ...skippedBounds);
  return assemblePlacement(model, final, { lowerBound, partOptions, sizing, priceSource: catalog.priceSource, deadline: Math.max(deadline, Date.now() + EXPLANATION_SHARE * timeLimitMs) });
}

/**
 * Solves every cluster's problem, sharing the time limit by item count; undefined when one
 * cannot be packed. Throws `InfeasibleError` when the deadline passed before some cluster had any packing.
 */
async function solveAll(clusters: readonly ClusterProblem[], timeLimitMs: number, exactReferenceItems: number, deadline: number, seconds: number | undefined): Promise<PackingSolution[] | undefined> {
  const total = clusters.reduce((n, c) => n + c.problem.items.length, 0) || 1;
  try {
    return await Promise.all(clusters.map((c) => solvePacking(c.problem, { timeLimitMs: (timeLimitMs * c.problem.items.length) / total, exactReferenceItems, deadline })));
  } catch (error) {
    if (error instanceof PackingError && error.kind === "time-limit") throw timeLimitError(clusters, seconds ?? DEFAULT_TIME_LIMIT_SECONDS);
    if (error instanceof PackingError) return undefined;
    throw error;
  }
}

/** The error when the time limit ran out before any placement was found. */
function timeLimitError(clusters: readonly ClusterProblem[], seconds: number): InfeasibleError {
  const replicas = clusters.reduce((n, c) => n + c.problem.items.reduce((m, i) => m + i.count, 0), 0);
  const types = clusters.reduce((n, c) => n + c.problem.binTypes.length, 0);
  return new InfeasibleError(`found no placement within the time limit of ${seconds} s (${replicas} replicas, ${types} instance types to choose from)`, {
    where: clusters.map((c) => c.target.path).join(", "),
    fix: "raise --time-limit, or list fewer instance types in the node pools (the search opens nodes of every type it may use).",
  });
}

/** A scenario's heuristic packing (with its bound), or undefined when none is found. */
function tryHeuristic(problem: PackingProblem, timeLimitMs: number, deadline: number): PackingSolution | undefined {
  try {
    return withBound(solvePackingHeuristic(problem, { timeLimitMs, deadline }), aggregateCapacityBound(problem, deadline));
  } catch {
    return undefined;
  }
}

/** A lower bound on a scenario's cost without packing it: its managed parts plus each cluster's simple bounds. */
function scenarioBound(plan: ScenarioPlan): number {
  const managed = [...plan.managedOnly.values()].reduce((sum, o) => sum + o.offer.monthlyUsd, 0);
  return managed + plan.clusters.reduce((sum, c) => sum + Math.max(packingLowerBound(c.problem), aggregateCapacityBound(c.problem, 0)), 0);
}
