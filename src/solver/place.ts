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
import { planScenario, scenarioResult, type ReplicaSizing, type ScenarioResult } from "./scenario.js";
import { solvePackingHeuristic } from "./packing/solve.js";
import type { PackingSolution } from "./packing/problem.js";
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

/** Places the app. Throws `InfeasibleError` (exit 2) naming a minimal set of conflicting constraints when nothing fits. */
export async function place(model: AppModel, catalog: Catalog = loadCatalog(), options: PlaceOptions = {}): Promise<Placement> {
  void loadHighs(); // compile the WebAssembly solver in the background while the heuristics run
  const timeLimitMs = (options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS) * 1000;
  const sizing = options.replicas ?? "min";
  const exactReference = options.exactReferenceParts ?? EXACT_REFERENCE_PARTS;
  const parts: PartModel[] = [...model.workloads, ...model.resources];
  const partOptions = new Map(parts.map((p) => [p.name, optionsOf(model, p, catalog)]));
  const groups = connectedGroups(model);
  const regionsPerGroup = groups.map((g) => groupRegions(model, g, partOptions));
  if (parts.some((p) => partOptions.get(p.name)!.options.length === 0) || regionsPerGroup.some((r) => r.length === 0)) {
    throw diagnoseInfeasible(model, catalog, sizing);
  }

  const groupIndex = new Map(groups.flatMap((g, i) => g.map((name) => [name, i] as const)));
  const ordered = parts.map((p) => partOptions.get(p.name)!);
  const combos = scenarios(regionsPerGroup);
  if (combos.length === 1) {
    // One scenario (the usual case): solve it in full straight away.
    const plan = planScenario(model, ordered, (p) => combos[0]![groupIndex.get(p.name)!]!, catalog, sizing);
    const solutions = await solveAll(plan.clusters, timeLimitMs, exactReference);
    if (solutions === undefined) throw diagnoseInfeasible(model, catalog, sizing);
    const result = scenarioResult(plan, solutions);
    if (result.violations.length > 0) throw diagnoseInfeasible(model, catalog, sizing);
    return assemblePlacement(model, result, { lowerBound: result.lowerBound, partOptions, sizing, priceSource: catalog.priceSource });
  }
  const evaluated: ScenarioResult[] = [];
  for (const combo of combos) {
    const plan = planScenario(model, ordered, (p) => combo[groupIndex.get(p.name)!]!, catalog, sizing);
    const solutions = plan.clusters.map((c) => tryHeuristic(c.problem));
    if (solutions.some((s) => s === undefined)) continue;
    const result = scenarioResult(plan, solutions as NonNullable<(typeof solutions)[number]>[]);
    if (result.violations.length === 0) evaluated.push(result);
  }
  if (evaluated.length === 0) throw diagnoseInfeasible(model, catalog, sizing);

  // The cheapest scenario (the first on ties: scenarios come in declaration order) is solved in full.
  const best = evaluated.reduce((a, b) => (b.cost < a.cost - 1e-9 ? b : a));
  const final = scenarioResult(best.plan, (await solveAll(best.plan.clusters, timeLimitMs, exactReference))!);
  if (final.violations.length > 0) {
    throw new Error(`placement failed its own feasibility check: ${final.violations.join("; ")}`);
  }
  // Every scenario's bound is valid for that scenario; the app's bound is the least of them.
  const lowerBound = Math.min(final.lowerBound, ...evaluated.filter((e) => e !== best).map((e) => e.lowerBound));
  return assemblePlacement(model, final, { lowerBound, partOptions, sizing, priceSource: catalog.priceSource });
}

/** Solves every cluster's problem, sharing the time limit by item count; undefined when one cannot be packed. */
async function solveAll(clusters: readonly ClusterProblem[], timeLimitMs: number, exactReferenceItems: number): Promise<PackingSolution[] | undefined> {
  const total = clusters.reduce((n, c) => n + c.problem.items.length, 0) || 1;
  try {
    return await Promise.all(clusters.map((c) => solvePacking(c.problem, { timeLimitMs: (timeLimitMs * c.problem.items.length) / total, exactReferenceItems })));
  } catch (error) {
    if (error instanceof PackingError) return undefined;
    throw error;
  }
}

function tryHeuristic(problem: Parameters<typeof solvePackingHeuristic>[0]) {
  try {
    return withBound(solvePackingHeuristic(problem, { timeLimitMs: 200 }), aggregateCapacityBound(problem));
  } catch {
    return undefined;
  }
}
