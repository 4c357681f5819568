/** Turns a solved scenario into the `Placement`: parts, pools with their nodes, costs, reasons. */
import type { AppModel, PartModel } from "../model/app-model.js";
import type { ClusterProblem } from "./cluster-problem.js";
import { explainPart, round, serviceName, type Outcome } from "./explain.js";
import type { PartOptions } from "./options.js";
import type { PackingSolution } from "./packing/problem.js";
import { PLACEMENT_VERSION, PlacementSchema, type PartPlacement, type Placement, type PoolPlacement } from "./placement.js";
import type { ReplicaSizing, ScenarioResult } from "./scenario.js";
import { replicasOf } from "./scenario.js";

/** What `assemblePlacement` needs beyond the solved scenario. */
export interface AssembleContext {
  readonly lowerBound: number;
  readonly partOptions: ReadonlyMap<string, PartOptions>;
  readonly sizing: ReplicaSizing;
  readonly priceSource: string;
  /** Epoch ms after which alternatives are no longer priced by re-packing (their extra cost is then left out). */
  readonly deadline?: number;
}

const MIB = 2 ** 20;

interface Located {
  readonly cluster: ClusterProblem;
  readonly solution: PackingSolution;
  readonly item: number;
}

/** Where each in-cluster item landed: cluster, solution and item index, by part name. */
function locate(result: ScenarioResult): Map<string, Located> {
  const located = new Map<string, Located>();
  result.plan.clusters.forEach((cluster, c) => {
    cluster.demands.forEach((d, item) => located.set(d.part.name, { cluster, solution: result.solutions[c]!, item }));
  });
  return located;
}

/** Monthly cost share of every item of a cluster: each node's price split by the share of it each replica uses. */
function costShares(cluster: ClusterProblem, solution: PackingSolution): number[] {
  const { items, binTypes } = cluster.problem;
  const shares = items.map(() => 0);
  // weights[t][i]: the share of a node of type t one replica of item i uses (summed over dimensions).
  const weights = binTypes.map((type) => items.map((item) => item.size.reduce((sum, s, d) => sum + (type.capacity[d]! > 0 ? s / type.capacity[d]! : 0), 0)));
  for (const bin of solution.bins) {
    const type = binTypes[bin.type]!;
    const weight = weights[bin.type]!;
    const total = bin.items.reduce((sum, i) => sum + weight[i]!, 0) || 1;
    for (const i of bin.items) shares[i]! += (type.cost * weight[i]!) / total;
  }
  return shares;
}

function pools(cluster: ClusterProblem, solution: PackingSolution): PoolPlacement[] {
  return cluster.target.nodePools.map((pool) => {
    const bins = solution.bins.filter((b) => cluster.binTypes[b.type]!.pool === pool.name);
    const counts = new Map<string, { count: number; each: number }>();
    const allocatable = { cpuMillicores: 0, memoryBytes: 0, gpus: 0, pods: 0 };
    const requests = { cpuMillicores: 0, memoryBytes: 0, gpus: 0, pods: 0 };
    const assignment = bins.map((bin, k) => {
      const type = cluster.binTypes[bin.type]!.instanceType;
      const c = counts.get(type.name) ?? { count: 0, each: type.pricePerMonth };
      counts.set(type.name, { ...c, count: c.count + 1 });
      const cap = cluster.problem.binTypes[bin.type]!.capacity;
      allocatable.cpuMillicores += cap[0]!;
      allocatable.memoryBytes += cap[1]! * MIB;
      allocatable.gpus += cap[2]!;
      allocatable.pods += cap[3]!;
      const parts: Record<string, number> = {};
      for (const i of bin.items) {
        const part = cluster.demands[i]!.part;
        parts[part.name] = (parts[part.name] ?? 0) + 1;
        requests.cpuMillicores += part.resources.requests.cpuMillicores;
        requests.memoryBytes += part.resources.requests.memoryBytes;
        requests.gpus += part.resources.requests.gpus;
        requests.pods += 1;
      }
      return { name: `${pool.name}-${k + 1}`, instanceType: type.name, parts };
    });
    const ratio = (used: number, cap: number): number => (cap > 0 ? Math.round((used / cap) * 10_000) / 10_000 : 0);
    return {
      target: cluster.target.id,
      pool: pool.name,
      region: cluster.target.region,
      nodes: [...counts].map(([instanceType, c]) => ({ instanceType, count: c.count, monthlyUsdEach: round(c.each) })),
      assignment,
      requests,
      allocatable,
      utilisation: {
        cpu: ratio(requests.cpuMillicores, allocatable.cpuMillicores),
        memory: ratio(requests.memoryBytes, allocatable.memoryBytes),
        gpus: ratio(requests.gpus, allocatable.gpus),
        pods: ratio(requests.pods, allocatable.pods),
      },
      monthlyUsd: round([...counts.values()].reduce((sum, c) => sum + c.count * c.each, 0)),
    };
  });
}

/** Builds the `Placement` of a solved scenario, with explanations. */
export function assemblePlacement(model: AppModel, result: ScenarioResult, context: AssembleContext): Placement {
  const { plan } = result;
  const located = locate(result);
  const shares = new Map<ClusterProblem, number[]>(plan.clusters.map((c, i) => [c, costShares(c, result.solutions[i]!)]));
  const poolPlacements = plan.clusters.flatMap((c, i) => pools(c, result.solutions[i]!));
  // The nodes of every part, by target and part name, in one pass (not one pass per part).
  const nodesByPart = new Map<string, string[]>();
  for (const p of poolPlacements) {
    for (const n of p.assignment) {
      for (const name of Object.keys(n.parts)) {
        const key = `${p.target}\u0000${name}`;
        const list = nodesByPart.get(key) ?? [];
        if (list.length === 0) nodesByPart.set(key, list);
        list.push(`${n.name} (${n.instanceType})`);
      }
    }
  }
  const nodesOf = (target: string, name: string): string[] => nodesByPart.get(`${target}\u0000${name}`) ?? [];
  // The pools each item of each cluster uses, in bin order.
  const poolsOfItem = new Map<ClusterProblem, string[][]>(
    plan.clusters.map((c, k) => {
      const used = c.problem.items.map(() => new Set<string>());
      for (const b of result.solutions[k]!.bins) for (const i of b.items) used[i]!.add(c.binTypes[b.type]!.pool);
      return [c, used.map((u) => [...u])];
    }),
  );
  const parts: PartPlacement[] = [...model.workloads, ...model.resources].map((part: PartModel) => {
    const options = context.partOptions.get(part.name)!;
    const at = located.get(part.name);
    const managed = plan.managedChoice.get(part.name);
    const leftOut = at !== undefined && at.solution.leftOut.includes(at.item);
    let outcome: Outcome;
    if (at && !leftOut) outcome = { mode: "in-cluster", ...at, ...(managed ? { managed } : {}) };
    else if (managed) outcome = { mode: "managed", option: managed, ...(at ?? {}) };
    else outcome = { mode: "idle", target: options.options[0]!.target.id };
    const { reason, alternatives } = explainPart(part, options, outcome, context.deadline);
    const base: Pick<PartPlacement, "part" | "path" | "region" | "reason" | "alternatives"> = { part: part.name, path: part.path, region: plan.regionOf.get(part.name)!, reason, alternatives };
    if (outcome.mode === "managed") {
      const o = outcome.option;
      return { ...base, target: o.target.id, mode: "managed" as const, nodePools: [], replicas: 0, service: serviceName(o), monthlyUsd: round(o.offer.monthlyUsd) };
    }
    if (outcome.mode === "idle") {
      return { ...base, target: outcome.target, mode: "in-cluster" as const, nodePools: [], replicas: 0, monthlyUsd: 0 };
    }
    const { cluster, item } = outcome;
    base.reason = `${base.reason}; runs on ${nodesOf(cluster.target.id, part.name).join(", ")}`;
    const poolsUsed = poolsOfItem.get(cluster)![item]!;
    return {
      ...base,
      target: cluster.target.id,
      mode: "in-cluster" as const,
      nodePools: poolsUsed,
      replicas: replicasOf(part, context.sizing),
      monthlyUsd: round(shares.get(cluster)![item]!),
    };
  });

  const nodes = round(poolPlacements.reduce((sum, p) => sum + p.monthlyUsd, 0));
  const managedTotal = round(parts.filter((p) => p.mode === "managed").reduce((sum, p) => sum + p.monthlyUsd, 0));
  const monthly = round(nodes + managedTotal);
  const bound = round(Math.min(context.lowerBound, monthly));
  const methods = [...new Set(result.solutions.map((s) => s.method))].sort();
  return PlacementSchema.parse({
    version: PLACEMENT_VERSION,
    app: model.app,
    method: methods.length > 0 ? methods.join(" + ") : "managed services only",
    priceSource: context.priceSource,
    parts,
    pools: poolPlacements,
    cost: {
      monthlyUsd: monthly,
      nodesMonthlyUsd: nodes,
      managedMonthlyUsd: managedTotal,
      lowerBoundUsd: bound,
      gap: monthly > 0 ? Math.round(((monthly - bound) / monthly) * 10_000) / 10_000 : 0,
      provenOptimal: monthly - bound < 0.005,
    },
  });
}
