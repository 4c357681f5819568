/**
 * Why an app cannot be placed: a minimal set of the user's constraints that conflict, found
 * with a deletion filter. Each constraint can be relaxed by rewriting the model; the filter
 * drops every constraint whose relaxation leaves the app infeasible, so what remains is a
 * conflict in which every member matters (relax any one and a placement exists).
 */
import { InfeasibleError } from "../errors.js";
import type { AppModel, KubernetesTargetModel, PartModel } from "../model/app-model.js";
import { isWorkloadModel } from "../model/app-model.js";
import { formatBytes, formatCpu } from "../model/quantity.js";
import type { Catalog } from "./catalog/catalog.js";
import { capacityVector, gpuModelMatches, requestVector } from "./cluster-problem.js";
import { connectedGroups } from "./groups.js";
import { optionsOf, type Constraint } from "./options.js";
import { planScenario, replicasOf, scenarioResult, type ReplicaSizing } from "./scenario.js";
import { PackingError } from "./packing/compiled.js";
import { solvePackingHeuristic } from "./packing/solve.js";

/** A constraint of the model and how to relax it. */
interface Relaxable extends Constraint {
  /** The model with this constraint relaxed. */
  relax(model: AppModel): AppModel;
  /** How to relax it, in words, when there is more to say than "relax it". */
  readonly hint?: string;
}

/** Heuristic time of each feasibility test of the deletion filter (they stop at the first packing found). */
const TEST_TIME_LIMIT_MS = 100;

const mapPart = (model: AppModel, name: string, f: <P extends PartModel>(p: P) => P): AppModel => ({
  ...model,
  workloads: model.workloads.map((w) => (w.name === name ? f(w) : w)),
  resources: model.resources.map((r) => (r.name === name ? f(r) : r)),
});

const mapPool = (model: AppModel, target: string, pool: string, f: (p: AppModel["targets"][number] & { kind: "kubernetes" }) => unknown): AppModel => ({
  ...model,
  targets: model.targets.map((t) => (t.id === target && t.kind === "kubernetes" ? (f(t) as typeof t) : t)),
});

/** The Kubernetes targets a part may run on (by its `placement.on` / `regions`), in model order. */
function clustersOf(model: AppModel, part: PartModel): KubernetesTargetModel[] {
  const c = part.constraints;
  return model.targets.filter((t): t is KubernetesTargetModel => t.kind === "kubernetes" && (c.on.length === 0 || c.on.includes(t.id)) && (c.regions.length === 0 || c.regions.includes(t.region)));
}

/** Replicas of the part that fit on one node of the type (0 when none; 1 at most with spread). */
function perNode(part: PartModel, type: Parameters<typeof capacityVector>[0]): number {
  if (!gpuModelMatches(part, type)) return 0;
  const need = requestVector(part);
  const cap = capacityVector(type);
  let n = part.constraints.spread !== undefined ? 1 : Number.MAX_SAFE_INTEGER;
  need.forEach((x, d) => {
    if (x > 0) n = Math.min(n, Math.floor(cap[d]! / x));
  });
  return n;
}

/** At most this many replicas of the part fit on a cluster's pools at their `maxNodes` (the part alone). */
function replicasThatFit(target: KubernetesTargetModel, part: PartModel, catalog: Catalog): number {
  let total = 0;
  for (const pool of target.nodePools) {
    let best = 0;
    for (const name of pool.instanceTypes) {
      const type = catalog.instanceType(target.region, name);
      if (type) best = Math.max(best, perNode(part, type));
    }
    total += best * pool.maxNodes;
  }
  return total;
}

/**
 * At least this many nodes of the pool's types hold the replicas of the parts that may run only
 * on this cluster (each dimension's total demand over the largest node, and each part alone).
 */
function nodesNeeded(model: AppModel, target: KubernetesTargetModel, poolTypes: readonly string[], catalog: Catalog, sizing: ReplicaSizing): number {
  const types = poolTypes.map((n) => catalog.instanceType(target.region, n)).filter((t) => t !== undefined);
  if (types.length === 0) return 0;
  const caps = types.map(capacityVector);
  const demand = [0, 0, 0, 0];
  let need = 0;
  for (const part of [...model.workloads, ...model.resources]) {
    const clusters = clustersOf(model, part);
    if (clusters.length !== 1 || clusters[0] !== target) continue;
    const replicas = replicasOf(part, sizing);
    requestVector(part).forEach((x, d) => (demand[d]! += x * replicas));
    const most = Math.max(0, ...types.map((t) => perNode(part, t)));
    if (most > 0) need = Math.max(need, Math.ceil(replicas / most));
  }
  demand.forEach((x, d) => {
    const largest = Math.max(0, ...caps.map((c) => c[d]!));
    if (x > 0 && largest > 0) need = Math.max(need, Math.ceil(x / largest));
  });
  return need;
}

/** Every constraint of the model the user could change, in a fixed order. */
function constraintsOf(model: AppModel, catalog: Catalog, sizing: ReplicaSizing): Relaxable[] {
  const list: Relaxable[] = [];
  const allReplicas = [...model.workloads, ...model.resources].reduce((n, p) => n + replicasOf(p, sizing), 0);
  for (const part of [...model.workloads, ...model.resources]) {
    const c = part.constraints;
    const r = part.resources.requests;
    const replicas = replicasOf(part, sizing);
    list.push({
      key: `${part.name}:requests`,
      where: `${part.path} cpu/memory`,
      says: `requests ${formatCpu(r.cpuMillicores)} CPU and ${formatBytes(r.memoryBytes)} memory per replica`,
      relax: (m) => mapPart(m, part.name, (p) => ({ ...p, resources: { ...p.resources, requests: { ...p.resources.requests, cpuMillicores: 1, memoryBytes: 1 } } })),
    });
    if (isWorkloadModel(part) && replicas > 1) {
      const prop = sizing === "max" ? "replicas.max" : "replicas.min";
      const clusters = clustersOf(model, part);
      const fit = clusters.length === 1 ? replicasThatFit(clusters[0]!, part, catalog) : undefined;
      list.push({
        key: `${part.name}:replicas`,
        where: `${part.path} ${prop}`,
        says: `${replicas} replicas to place`,
        ...(fit !== undefined && fit < replicas ? { hint: `lower ${part.path} ${prop} (at most ${fit} replicas of it fit on ${clusters[0]!.path}'s pools at their maxNodes)` } : {}),
        relax: (m) => mapPart(m, part.name, (p) => (isWorkloadModel(p) ? { ...p, replicas: { ...p.replicas, min: Math.min(1, p.replicas.min), max: Math.min(1, p.replicas.max) } } : p)),
      });
    }
    if (c.on.length > 0) list.push({ key: `${part.name}:placement.on`, where: `${part.path} placement.on`, says: `runs only on ${c.on.join(", ")}`, relax: (m) => mapPart(m, part.name, (p) => ({ ...p, constraints: { ...p.constraints, on: [] } })) });
    if (c.regions.length > 0)
      list.push({ key: `${part.name}:placement.regions`, where: `${part.path} placement.regions`, says: `runs only in ${c.regions.join(", ")}`, relax: (m) => mapPart(m, part.name, (p) => ({ ...p, constraints: { ...p.constraints, regions: [] } })) });
    if (r.gpus > 0)
      list.push({
        key: `${part.name}:placement.gpu`,
        where: `${part.path} placement.gpu`,
        says: `needs ${r.gpus} GPU(s)${c.gpuModel ? ` of model ${c.gpuModel}` : ""} per replica`,
        relax: (m) =>
          mapPart(m, part.name, (p) => {
            const { gpuModel: _dropped, ...rest } = p.constraints;
            return { ...p, constraints: rest, resources: { requests: { ...p.resources.requests, gpus: 0 }, limits: { ...p.resources.limits, gpus: 0 } } };
          }),
      });
    if (c.spread !== undefined)
      list.push({
        key: `${part.name}:placement.spread`,
        where: `${part.path} placement.spread`,
        says: "puts no two replicas on one node",
        relax: (m) =>
          mapPart(m, part.name, (p) => {
            const { spread: _dropped, ...rest } = p.constraints;
            return { ...p, constraints: rest };
          }),
      });
  }
  const wantsGpus = [...model.workloads, ...model.resources].some((p) => p.resources.requests.gpus > 0);
  const pathOf = new Map([...model.workloads, ...model.resources].map((p) => [p.name, p.path]));
  for (const conn of model.connections) {
    list.push({
      key: `connection:${conn.from}->${conn.to}`,
      where: `${pathOf.get(conn.from)} connect(${pathOf.get(conn.to)})`,
      says: "connected parts run in one region",
      relax: (m) => ({ ...m, connections: m.connections.filter((x) => x !== conn && !(x.from === conn.from && x.to === conn.to)) }),
    });
  }
  for (const target of model.targets) {
    if (target.kind !== "kubernetes") continue;
    for (const pool of target.nodePools) {
      list.push({
        key: `${target.id}/${pool.name}:instanceTypes`,
        where: `${target.path} nodePools[${pool.name}].instanceTypes`,
        says: `offers ${pool.instanceTypes.join(", ")}${wantsGpus ? describeGpus(catalog, target.region, pool.instanceTypes) : ""}`,
        relax: (m) => mapPool(m, target.id, pool.name, (t) => ({ ...t, nodePools: t.nodePools.map((p) => (p.name === pool.name ? { ...p, instanceTypes: catalog.instanceTypes(t.region).map((x) => x.name) } : p)) })),
      });
      // Relaxed: as many nodes as replicas (one each is always enough), and at least 100,000.
      const unlimited = Math.max(100_000, allReplicas);
      const needed = nodesNeeded(model, target, pool.instanceTypes, catalog, sizing);
      list.push({
        key: `${target.id}/${pool.name}:maxNodes`,
        where: `${target.path} nodePools[${pool.name}].maxNodes`,
        says: `allows at most ${pool.maxNodes} node(s)`,
        ...(needed > pool.maxNodes ? { hint: `raise ${target.path} nodePools[${pool.name}].maxNodes (the replicas that must run on ${target.path} need at least ${needed} nodes of its types)` } : {}),
        relax: (m) => mapPool(m, target.id, pool.name, (t) => ({ ...t, nodePools: t.nodePools.map((p) => (p.name === pool.name ? { ...p, maxNodes: unlimited } : p)) })),
      });
    }
  }
  return list;
}

function describeGpus(catalog: Catalog, region: string, types: readonly string[]): string {
  const models = [...new Set(types.map((t) => catalog.instanceType(region, t)).filter((t) => t && t.gpus > 0).map((t) => t!.gpuModel ?? "unknown"))];
  return models.length === 0 ? " (no GPUs)" : ` (GPUs: ${models.join(", ")})`;
}

/**
 * Whether some placement of the model exists, as far as the heuristics can tell: "yes", "no", or
 * "unknown" when the deadline (epoch ms) stopped them before they found one.
 */
export function feasible(model: AppModel, catalog: Catalog, sizing: ReplicaSizing, deadline = Infinity): "yes" | "no" | "unknown" {
  const parts = [...model.workloads, ...model.resources];
  const options = parts.map((p) => optionsOf(model, p, catalog));
  if (options.some((o) => o.options.length === 0)) return "no";
  const byName = new Map(options.map((o) => [o.part.name, o]));
  // Connected parts share a region: each group takes the first region every member may use.
  const regions = [...new Set(model.targets.map((t) => t.region))];
  const regionOf = new Map<string, string>();
  for (const group of connectedGroups(model)) {
    const region = regions.find((r) => group.every((n) => byName.get(n)!.options.some((o) => o.target.region === r)));
    if (region === undefined) return "no";
    for (const n of group) regionOf.set(n, region);
  }
  if (Date.now() >= deadline) return "unknown";
  try {
    const plan = planScenario(model, options, (part) => regionOf.get(part.name)!, catalog, sizing);
    const solutions = plan.clusters.map((c) => solvePackingHeuristic(c.problem, { timeLimitMs: TEST_TIME_LIMIT_MS, deadline, anyPacking: true }));
    return scenarioResult(plan, solutions).violations.length === 0 ? "yes" : "no";
  } catch (error) {
    if (error instanceof PackingError && error.kind === "time-limit") return "unknown";
    return "no";
  }
}

/**
 * The error to throw for an app that cannot be placed: it names a minimal set of conflicting
 * constraints. At `deadline` (epoch ms) the filter stops; the constraints not tested yet stay in
 * the set, which is then still a conflict but perhaps not a minimal one (the message says so).
 */
export function diagnoseInfeasible(model: AppModel, catalog: Catalog, sizing: ReplicaSizing, deadline = Infinity): InfeasibleError {
  let kept = constraintsOf(model, catalog, sizing);
  const relaxedExcept = (keep: readonly Relaxable[], drop: readonly Relaxable[]): AppModel => drop.filter((c) => !keep.includes(c)).reduce((m, c) => c.relax(m), model);
  const all = kept;
  let minimal = true;
  // Deletion filter: drop each constraint whose relaxation keeps the app infeasible. A test the
  // deadline cut short keeps its constraint (it is not shown to be unneeded).
  for (const candidate of all) {
    const without = kept.filter((c) => c !== candidate);
    const answer = feasible(relaxedExcept(without, all), catalog, sizing, deadline);
    if (answer === "no") kept = without;
    else if (answer === "unknown") minimal = false;
  }
  if (kept.length === 0) {
    return new InfeasibleError("no placement exists, and no single constraint of the app explains why", {
      where: model.app,
      fix: "check that every part has a target it may run on, and run `skyweave explain` on a smaller app to narrow it down.",
    });
  }
  const lines = kept.map((c) => `  - ${c.where}: ${c.says}`);
  const hints = kept.flatMap((c) => (c.hint ? [c.hint] : []));
  const how = hints.length > 0 ? `: ${hints.join("; or ")}` : "";
  const heading = minimal ? "no placement meets these constraints together" : "no placement meets these constraints together (the time limit ran out before the list was narrowed to a minimal one)";
  const relax = minimal ? "relax any one of them (each is needed for the conflict)" : "relax one of them";
  return new InfeasibleError(`${heading}:\n${lines.join("\n")}`, {
    where: model.app,
    fix: `${relax}${how}. The app's targets: ${model.targets.map((t) => `${t.path} (${t.kind}, ${t.region})`).join(", ")}.`,
  });
}
