/**
 * One cluster's share of the placement as a packing problem: its node pools' instance types
 * are the bin types (allocatable capacity, monthly price, the pool's `maxNodes`), the replicas
 * of the parts placed on it are the items. Dimensions: CPU millicores, memory MiB, GPUs, pods.
 */
import { InputError } from "../errors.js";
import type { KubernetesTargetModel, PartModel } from "../model/app-model.js";
import type { Catalog, InstanceTypeInfo } from "./catalog/catalog.js";
import type { BinType, ItemType, PackingProblem } from "./packing/problem.js";

/** Resource dimensions of the packing problem, in this order. */
export const DIMENSIONS = ["cpu", "memory", "gpus", "pods"] as const;

const MIB = 2 ** 20;

/** The most replicas of one part the packing core counts (its counts are 32-bit integers). */
export const MAX_REPLICAS = 2 ** 31 - 1;

/**
 * Requests of the DaemonSets every EKS node runs before any app pod: the VPC CNI (`aws-node`,
 * 25m CPU) and `kube-proxy` (100m CPU), the defaults of the EKS add-ons; two pods.
 */
export const NODE_DAEMONSET_OVERHEAD = { cpuMillicores: 125, memoryBytes: 0, pods: 2 } as const;

/** A part to place on the cluster: how many replicas, and what running it elsewhere would cost. */
export interface ClusterDemand {
  readonly part: PartModel;
  readonly replicas: number;
  /** The monthly price of the part's managed alternative, when it has one in this region. */
  readonly alternativeCost?: number;
}

/** A bin type of the problem, with the pool and instance type it stands for. */
export interface ClusterBinType {
  readonly pool: string;
  readonly instanceType: InstanceTypeInfo;
}

/** The packing problem of one cluster and the mapping back to pools and parts. */
export interface ClusterProblem {
  readonly target: KubernetesTargetModel;
  readonly problem: PackingProblem;
  /** Parallel to `problem.binTypes`. */
  readonly binTypes: readonly ClusterBinType[];
  /** Parallel to `problem.items`. */
  readonly demands: readonly ClusterDemand[];
}

/** A replica's request vector in the problem's dimensions (memory rounded up to whole MiB). */
export function requestVector(part: PartModel): number[] {
  const r = part.resources.requests;
  return [r.cpuMillicores, Math.ceil(r.memoryBytes / MIB), r.gpus, 1];
}

/** A node's capacity for app pods in the problem's dimensions (memory rounded down to whole MiB). */
export function capacityVector(type: InstanceTypeInfo): number[] {
  const a = type.allocatable;
  return [
    Math.max(0, a.cpuMillicores - NODE_DAEMONSET_OVERHEAD.cpuMillicores),
    Math.floor(Math.max(0, a.memoryBytes - NODE_DAEMONSET_OVERHEAD.memoryBytes) / MIB),
    a.gpus,
    Math.max(0, a.pods - NODE_DAEMONSET_OVERHEAD.pods),
  ];
}

/** The instance types of every pool of a cluster, from the catalog; an unknown type is an input error. */
export function clusterBinTypes(target: KubernetesTargetModel, catalog: Catalog): ClusterBinType[] {
  const types: ClusterBinType[] = [];
  for (const pool of target.nodePools) {
    for (const name of pool.instanceTypes) {
      const instanceType = catalog.instanceType(target.region, name);
      if (!instanceType) {
        const known = catalog.instanceTypes(target.region).map((t) => t.name);
        const near = known.filter((k) => k.split(".")[0] === name.split(".")[0]).slice(0, 6);
        throw new InputError(`node pool "${pool.name}" lists instance type "${name}", which the price catalog does not have in ${target.region}`, {
          where: `${target.path} nodePools`,
          fix:
            known.length === 0
              ? `the catalog has no prices for ${target.region}; use a region it covers, such as us-east-1.`
              : `use a type the catalog prices${near.length > 0 ? `, e.g. ${near.join(", ")}` : ""} (it covers ${known.length} types in ${target.region}).`,
        });
      }
      types.push({ pool: pool.name, instanceType });
    }
  }
  return types;
}

/** True when a node of this type can ever hold the part (GPU model included), ignoring other pods. */
export function gpuModelMatches(part: PartModel, type: InstanceTypeInfo): boolean {
  const model = part.constraints.gpuModel;
  return model === undefined || (type.gpuModel ?? "").toLowerCase() === model.toLowerCase();
}

/** Builds the packing problem of one cluster. */
export function buildClusterProblem(target: KubernetesTargetModel, demands: readonly ClusterDemand[], catalog: Catalog): ClusterProblem {
  const binTypes = clusterBinTypes(target, catalog);
  const problemBins: BinType[] = binTypes.map((b) => ({
    id: `${target.id}/${b.pool}/${b.instanceType.name}`,
    capacity: capacityVector(b.instanceType),
    cost: b.instanceType.pricePerMonth,
    group: `${target.id}/${b.pool}`,
  }));
  for (const d of demands) {
    if (d.replicas > MAX_REPLICAS) {
      throw new InputError(`${d.replicas} replicas of one part are more than the solver can count (${MAX_REPLICAS})`, {
        where: `${d.part.path} replicas`,
        fix: "use a replica count that a cluster can run: EKS clusters hold tens of thousands of nodes, not billions.",
      });
    }
  }
  const items: ItemType[] = demands.map((d) => {
    const gpuTypes = problemBins.filter((_, i) => gpuModelMatches(d.part, binTypes[i]!.instanceType)).map((b) => b.id);
    return {
      id: d.part.name,
      size: requestVector(d.part),
      count: d.replicas,
      ...(gpuTypes.length < problemBins.length ? { allowedBinTypes: gpuTypes } : {}),
      ...(d.part.constraints.spread !== undefined && d.replicas > 1 ? { spread: true } : {}),
      ...(d.alternativeCost !== undefined ? { alternativeCost: d.alternativeCost } : {}),
    };
  });
  return {
    target,
    binTypes,
    demands,
    problem: {
      dims: DIMENSIONS.length,
      binTypes: problemBins,
      groups: target.nodePools.map((p) => ({ id: `${target.id}/${p.name}`, maxBins: p.maxNodes })),
      items,
    },
  };
}
