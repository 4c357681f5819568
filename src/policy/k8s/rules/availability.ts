/**
 * Availability: a workload that runs two or more replicas (or may scale to two) has a
 * PodDisruptionBudget that selects its pods, so node drains take them down one at a time.
 */
import { emitterFix, podRule, type K8sRule } from "../rule.js";
import type { LabelSelector } from "../selectors.js";
import type { ClusterManifests, Manifest } from "../manifests.js";
import { memoised, namespaceOf, objectsOfKind, objectsSelecting } from "../cluster-index.js";

/** Kinds whose replica count a PodDisruptionBudget protects. */
const REPLICATED = new Set(["Deployment", "StatefulSet", "ReplicaSet"]);

interface HpaSpec {
  scaleTargetRef?: { kind?: string; name?: string };
  maxReplicas?: number;
}

const targetKey = (namespace: string, kind: string | undefined, name: string | undefined): string => JSON.stringify([namespace, kind, name]);

/** The largest maxReplicas of the autoscalers scaling each (namespace, kind, name). */
function autoscaledMax(cluster: ClusterManifests): Map<string, number> {
  return memoised(cluster, "availability:hpa-max", (c) => {
    const max = new Map<string, number>();
    for (const hpa of objectsOfKind(c, "HorizontalPodAutoscaler")) {
      const spec = (hpa.object["spec"] ?? {}) as HpaSpec;
      const key = targetKey(namespaceOf(hpa, c), spec.scaleTargetRef?.kind, spec.scaleTargetRef?.name);
      max.set(key, Math.max(max.get(key) ?? 0, spec.maxReplicas ?? 0));
    }
    return max;
  });
}

const PDB_SELECTOR = { name: "spec.selector", of: (m: Manifest) => (m.object["spec"] as { selector?: LabelSelector } | undefined)?.selector };

/** The most replicas an object may run: its spec.replicas (default 1) or the max of an HPA that scales it. */
export function maxReplicas(m: Manifest, cluster: ClusterManifests): number {
  const spec = (m.object["spec"] ?? {}) as { replicas?: number };
  const scaled = autoscaledMax(cluster).get(targetKey(namespaceOf(m, cluster), m.object.kind, m.object.metadata?.name));
  return Math.max(spec.replicas ?? 1, scaled ?? 0);
}

const disruptionBudget = podRule("k8s/pod-disruption-budget", "every workload with 2 or more replicas (or an autoscaler max of 2 or more) must have a PodDisruptionBudget that selects its pods", (p, cluster) => {
  if (!REPLICATED.has(p.manifest.object.kind ?? "")) return undefined;
  const replicas = maxReplicas(p.manifest, cluster);
  if (replicas < 2) return undefined;
  const covered = objectsSelecting(cluster, "PodDisruptionBudget", PDB_SELECTOR, namespaceOf(p.manifest, cluster), p.labels).length > 0;
  if (covered) return undefined;
  return {
    message: `the workload may run ${replicas} replicas, and no PodDisruptionBudget selects its pods: a node drain may take them all down at once`,
    fix: emitterFix(p.manifest, "a PodDisruptionBudget (maxUnavailable: 1) for workloads with replicas.max ≥ 2"),
  };
});

/** PodDisruptionBudgets for replicated workloads. */
export const AVAILABILITY_RULES: readonly K8sRule[] = [disruptionBudget];
