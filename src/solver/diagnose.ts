/**
 * Why an app cannot be placed: a minimal set of the user's constraints that conflict, found
 * with a deletion filter. Each constraint can be relaxed by rewriting the model; the filter
 * drops every constraint whose relaxation leaves the app infeasible, so what remains is a
 * conflict in which every member matters (relax any one and a placement exists).
 */
import { InfeasibleError } from "../errors.js";
import type { AppModel, PartModel } from "../model/app-model.js";
import { formatBytes, formatCpu } from "../model/quantity.js";
import type { Catalog } from "./catalog/catalog.js";
import { connectedGroups } from "./groups.js";
import { optionsOf, type Constraint } from "./options.js";
import { planScenario, scenarioResult, type ReplicaSizing } from "./scenario.js";
import { solvePackingHeuristic } from "./packing/solve.js";

/** A constraint of the model and how to relax it. */
interface Relaxable extends Constraint {
  /** The model with this constraint relaxed. */
  relax(model: AppModel): AppModel;
}

const mapPart = (model: AppModel, name: string, f: <P extends PartModel>(p: P) => P): AppModel => ({
  ...model,
  workloads: model.workloads.map((w) => (w.name === name ? f(w) : w)),
  resources: model.resources.map((r) => (r.name === name ? f(r) : r)),
});

const mapPool = (model: AppModel, target: string, pool: string, f: (p: AppModel["targets"][number] & { kind: "kubernetes" }) => unknown): AppModel => ({
  ...model,
  targets: model.targets.map((t) => (t.id === target && t.kind === "kubernetes" ? (f(t) as typeof t) : t)),
});

/** Every constraint of the model the user could change, in a fixed order. */
function constraintsOf(model: AppModel, catalog: Catalog): Relaxable[] {
  const list: Relaxable[] = [];
  for (const part of [...model.workloads, ...model.resources]) {
    const c = part.constraints;
    const r = part.resources.requests;
    list.push({
      key: `${part.name}:requests`,
      where: `${part.path} cpu/memory`,
      says: `requests ${formatCpu(r.cpuMillicores)} CPU and ${formatBytes(r.memoryBytes)} memory per replica`,
      relax: (m) => mapPart(m, part.name, (p) => ({ ...p, resources: { ...p.resources, requests: { ...p.resources.requests, cpuMillicores: 1, memoryBytes: 1 } } })),
    });
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
      list.push({
        key: `${target.id}/${pool.name}:maxNodes`,
        where: `${target.path} nodePools[${pool.name}].maxNodes`,
        says: `allows at most ${pool.maxNodes} node(s)`,
        relax: (m) => mapPool(m, target.id, pool.name, (t) => ({ ...t, nodePools: t.nodePools.map((p) => (p.name === pool.name ? { ...p, maxNodes: 100_000 } : p)) })),
      });
    }
  }
  return list;
}

function describeGpus(catalog: Catalog, region: string, types: readonly string[]): string {
  const models = [...new Set(types.map((t) => catalog.instanceType(region, t)).filter((t) => t && t.gpus > 0).map((t) => t!.gpuModel ?? "unknown"))];
  return models.length === 0 ? " (no GPUs)" : ` (GPUs: ${models.join(", ")})`;
}

/** True when some placement of the model exists (as far as the heuristics can tell). */
export function feasible(model: AppModel, catalog: Catalog, sizing: ReplicaSizing): boolean {
  const parts = [...model.workloads, ...model.resources];
  const options = parts.map((p) => optionsOf(model, p, catalog));
  if (options.some((o) => o.options.length === 0)) return false;
  const byName = new Map(options.map((o) => [o.part.name, o]));
  // Connected parts share a region: each group takes the first region every member may use.
  const regions = [...new Set(model.targets.map((t) => t.region))];
  const regionOf = new Map<string, string>();
  for (const group of connectedGroups(model)) {
    const region = regions.find((r) => group.every((n) => byName.get(n)!.options.some((o) => o.target.region === r)));
    if (region === undefined) return false;
    for (const n of group) regionOf.set(n, region);
  }
  try {
    const plan = planScenario(model, options, (part) => regionOf.get(part.name)!, catalog, sizing);
    const solutions = plan.clusters.map((c) => solvePackingHeuristic(c.problem, { timeLimitMs: 100 }));
    return scenarioResult(plan, solutions).violations.length === 0;
  } catch {
    return false;
  }
}

/** The error to throw for an app that cannot be placed: it names a minimal set of conflicting constraints. */
export function diagnoseInfeasible(model: AppModel, catalog: Catalog, sizing: ReplicaSizing): InfeasibleError {
  let kept = constraintsOf(model, catalog);
  const relaxedExcept = (keep: readonly Relaxable[], drop: readonly Relaxable[]): AppModel => drop.filter((c) => !keep.includes(c)).reduce((m, c) => c.relax(m), model);
  const all = kept;
  // Deletion filter: drop each constraint whose relaxation keeps the app infeasible.
  for (const candidate of all) {
    const without = kept.filter((c) => c !== candidate);
    if (!feasible(relaxedExcept(without, all), catalog, sizing)) kept = without;
  }
  if (kept.length === 0) {
    return new InfeasibleError("no placement exists, and no single constraint of the app explains why", {
      where: model.app,
      fix: "check that every part has a target it may run on, and run `skyweave explain` on a smaller app to narrow it down.",
    });
  }
  const lines = kept.map((c) => `  - ${c.where}: ${c.says}`);
  return new InfeasibleError(`no placement meets these constraints together:\n${lines.join("\n")}`, {
    where: model.app,
    fix: `relax any one of them (each is needed for the conflict). The app's targets: ${model.targets.map((t) => `${t.path} (${t.kind}, ${t.region})`).join(", ")}.`,
  });
}
