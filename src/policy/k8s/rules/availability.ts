/**
 * Availability: a workload that runs two or more replicas (or may scale to two) has a
 * PodDisruptionBudget that selects its pods, so node drains take them down one at a time.
 */
import { emitterFix, podRule, type K8sRule } from "../rule.js";
import { selects, type LabelSelector } from "../selectors.js";
import type { ClusterManifests, Manifest } from "../manifests.js";

/** Kinds whose replica count a PodDisruptionBudget protects. */
const REPLICATED = new Set(["Deployment", "StatefulSet", "ReplicaSet"]);

const namespaceOf = (m: Manifest, cluster: ClusterManifests) => m.object.metadata?.namespace ?? cluster.namespace;

/** The most replicas an object may run: its spec.replicas (default 1) or the max of an HPA that scales it. */
export function maxReplicas(m: Manifest, cluster: ClusterManifests): number {
  const spec = (m.object["spec"] ?? {}) as { replicas?: number };
  let max = spec.replicas ?? 1;
  for (const other of cluster.manifests) {
    if (other.object.kind !== "HorizontalPodAutoscaler" || namespaceOf(other, cluster) !== namespaceOf(m, cluster)) continue;
    const hpa = (other.object["spec"] ?? {}) as { scaleTargetRef?: { kind?: string; name?: string }; maxReplicas?: number };
    if (hpa.scaleTargetRef?.kind === m.object.kind && hpa.scaleTargetRef?.name === m.object.metadata?.name) max = Math.max(max, hpa.maxReplicas ?? 0);
  }
  return max;
}

const disruptionBudget = podRule("k8s/pod-disruption-budget", "every workload with 2 or more replicas (or an autoscaler max of 2 or more) must have a PodDisruptionBudget that selects its pods", (p, cluster) => {
  if (!REPLICATED.has(p.manifest.object.kind ?? "")) return undefined;
  const replicas = maxReplicas(p.manifest, cluster);
  if (replicas < 2) return undefined;
  const covered = cluster.manifests.some(
    (m) => m.object.kind === "PodDisruptionBudget" && namespaceOf(m, cluster) === namespaceOf(p.manifest, cluster) && selects((m.object["spec"] as { selector?: LabelSelector } | undefined)?.selector, p.labels),
  );
  if (covered) return undefined;
  return {
    message: `the workload may run ${replicas} replicas, and no PodDisruptionBudget selects its pods: a node drain may take them all down at once`,
    fix: emitterFix(p.manifest, "a PodDisruptionBudget (maxUnavailable: 1) for workloads with replicas.max ≥ 2"),
  };
});

/** PodDisruptionBudgets for replicated workloads. */
export const AVAILABILITY_RULES: readonly K8sRule[] = [disruptionBudget];
