/**
 * The EKS cluster of a `KubernetesCluster` with `provider: "eks"`: its roles' managed
 * policies, and one managed node group per (pool, instance type) with exactly the nodes the
 * solver bought.
 */
import type { KubernetesTargetModel } from "../../model/app-model.js";
import type { Placement } from "../../solver/placement.js";
import type { EksClusterSpec, NodeGroupSpec } from "./resources.js";

/** The Kubernetes version of created clusters. */
export const EKS_VERSION = "1.33";

/** The node label that names a node's pool; pods of a part placed on a pool select it. */
export const POOL_LABEL = "skyweave.dev/pool";

/** Managed policies of the EKS cluster role. */
export const EKS_CLUSTER_POLICIES = ["arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"] as const;

/** Managed policies nodes need: join the cluster, run the VPC CNI, pull images from ECR. */
export const EKS_NODE_POLICIES = [
  "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
  "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
  "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
] as const;

/** Days CloudWatch keeps the control plane's logs. */
export const EKS_LOG_RETENTION_DAYS = 90;

/** Control-plane logs sent to CloudWatch. */
export const EKS_LOG_TYPES = ["api", "audit", "authenticator"] as const;

/** The node group name of one instance type of one pool: `general-m7i-large`. */
export function nodeGroupName(pool: string, instanceType: string): string {
  return `${pool}-${instanceType.replace(/\./g, "-")}`;
}

/**
 * The cluster the stack creates for `target`. Each node group's desired and minimum size is
 * the node count the solver chose; its maximum is the pool's `maxNodes` (or the count, if
 * larger), the room a cluster autoscaler may use.
 */
export function eksClusterSpec(target: KubernetesTargetModel, placement: Placement): EksClusterSpec {
  const nodeGroups: NodeGroupSpec[] = [];
  for (const pool of target.nodePools) {
    const bought = placement.pools.find((p) => p.target === target.id && p.pool === pool.name);
    for (const { instanceType, count } of bought?.nodes ?? []) {
      nodeGroups.push({
        name: nodeGroupName(pool.name, instanceType),
        pool: pool.name,
        instanceType,
        desiredSize: count,
        minSize: count,
        maxSize: Math.max(count, pool.maxNodes),
        labels: { [POOL_LABEL]: pool.name },
      });
    }
  }
  return {
    target: target.id,
    path: target.path,
    region: target.region,
    version: EKS_VERSION,
    logTypes: [...EKS_LOG_TYPES],
    logRetentionDays: EKS_LOG_RETENTION_DAYS,
    secretsEncryption: true,
    clusterPolicies: [...EKS_CLUSTER_POLICIES],
    nodePolicies: [...EKS_NODE_POLICIES],
    nodeGroups,
  };
}
