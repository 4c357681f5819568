/**
 * A scenario fixes the region of every connected group of parts; evaluating it packs every
 * cluster and prices every managed part. `place()` evaluates all scenarios with the heuristics
 * and solves the cheapest one exactly.
 */
import type { AppModel, KubernetesTargetModel, PartModel } from "../model/app-model.js";
import { isWorkloadModel } from "../model/app-model.js";
import type { Catalog } from "./catalog/catalog.js";
import { buildClusterProblem, capacityVector, gpuModelMatches, requestVector, type ClusterDemand, type ClusterProblem } from "./cluster-problem.js";
import type { PartOption, PartOptions } from "./options.js";
import { checkSolution } from "./packing/check.js";
import type { PackingSolution } from "./packing/problem.js";

/** How many replicas of each workload the placement must hold. */
export type ReplicaSizing = "min" | "max";

/** The replicas a part needs capacity for. */
export function replicasOf(part: PartModel, sizing: ReplicaSizing): number {
  if (!isWorkloadModel(part)) return 1;
  if (part.kind === "cronjob") return 1;
  return sizing === "max" ? part.replicas.max : part.replicas.min;
}

/** Where each part goes in a scenario, before packing. */
export interface ScenarioPlan {
  /** Region of every part, by part name. */
  readonly regionOf: ReadonlyMap<string, string>;
  /** Parts that must run managed (no cluster allowed in their region), with the option used. */
  readonly managedOnly: ReadonlyMap<string, Extract<PartOption, { kind: "managed" }>>;
  /** Cluster problems, one per cluster that receives parts. */
  readonly clusters: readonly ClusterProblem[];
  /** Cheapest managed option of each part that has one in its region (the alternative to in-cluster). */
  readonly managedChoice: ReadonlyMap<string, Extract<PartOption, { kind: "managed" }>>;
  /** Parts with zero replicas to place. */
  readonly idle: readonly string[];
}

/** A solved scenario. */
export interface ScenarioResult {
  readonly plan: ScenarioPlan;
  /** Parallel to `plan.clusters`. */
  readonly solutions: readonly PackingSolution[];
  readonly cost: number;
  readonly lowerBound: number;
  /** Every violation the independent checker found (empty when the solution is valid). */
  readonly violations: readonly string[];
}

/** True when some instance type of some pool of the cluster can hold one replica of the part on its own. */
export function clusterCanHold(target: KubernetesTargetModel, part: PartModel, catalog: Catalog): boolean {
  const need = requestVector(part);
  return target.nodePools.some((pool) =>
    pool.instanceTypes.some((name) => {
      const type = catalog.instanceType(target.region, name);
      return type !== undefined && gpuModelMatches(part, type) && capacityVector(type).every((cap, d) => need[d]! <= cap);
    }),
  );
}

/** Builds the cluster problems of a scenario: each part in its group's region, on the first cluster there it may use. */
export function planScenario(model: AppModel, options: readonly PartOptions[], regionOfGroup: (part: PartModel) => string, catalog: Catalog, sizing: ReplicaSizing): ScenarioPlan {
  const regionOf = new Map<string, string>();
  const managedOnly = new Map<string, Extract<PartOption, { kind: "managed" }>>();
  const managedChoice = new Map<string, Extract<PartOption, { kind: "managed" }>>();
  const demands = new Map<KubernetesTargetModel, ClusterDemand[]>();
  const idle: string[] = [];
  for (const { part, options: opts } of options) {
    const region = regionOfGroup(part);
    regionOf.set(part.name, region);
    const here = opts.filter((o) => o.target.region === region);
    const clusters = here.filter((o): o is Extract<PartOption, { kind: "cluster" }> => o.kind === "cluster");
    // The first cluster with an instance type that can hold one replica (GPU model included).
    const cluster = clusters.find((o) => clusterCanHold(o.target, part, catalog)) ?? clusters[0];
    const managed = here
      .filter((o): o is Extract<PartOption, { kind: "managed" }> => o.kind === "managed")
      .sort((a, b) => a.offer.monthlyUsd - b.offer.monthlyUsd)[0];
    if (managed) managedChoice.set(part.name, managed);
    const replicas = replicasOf(part, sizing);
    if (!cluster) {
      if (managed) managedOnly.set(part.name, managed);
      continue;
    }
    if (replicas === 0) {
      idle.push(part.name);
      continue;
    }
    const list = demands.get(cluster.target) ?? [];
    list.push({ part, replicas, ...(managed ? { alternativeCost: managed.offer.monthlyUsd } : {}) });
    demands.set(cluster.target, list);
  }
  const clusters = model.targets
    .filter((t): t is KubernetesTargetModel => t.kind === "kubernetes" && demands.has(t))
    .map((t) => buildClusterProblem(t, demands.get(t)!, catalog));
  return { regionOf, managedOnly, clusters, managedChoice, idle };
}

/** Prices a plan given a solution for each of its clusters, and checks every solution independently. */
export function scenarioResult(plan: ScenarioPlan, solutions: readonly PackingSolution[]): ScenarioResult {
  const managed = [...plan.managedOnly.values()].reduce((sum, o) => sum + o.offer.monthlyUsd, 0);
  const violations = plan.clusters.flatMap((c, i) => checkSolution(c.problem, solutions[i]!).map((v) => `${c.target.path}: ${v}`));
  return {
    plan,
    solutions,
    cost: managed + solutions.reduce((sum, s) => sum + s.cost, 0),
    lowerBound: managed + solutions.reduce((sum, s) => sum + s.lowerBound, 0),
    violations,
  };
}
