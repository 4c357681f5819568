/** Targets: where parts of an app can run. */
export { Target, isTarget, type TargetKind } from "./target.js";
export { KubernetesCluster, DEFAULT_NODE_POOL, type KubernetesClusterProps, type NodePoolProps } from "./kubernetes-cluster.js";
export { AwsTarget, type AwsTargetProps } from "./aws-target.js";
