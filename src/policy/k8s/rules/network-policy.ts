/**
 * Network policy: every pod is selected by a NetworkPolicy for ingress and by one for egress,
 * so nothing reaches it, and it reaches nothing, that a policy did not allow.
 */
import { emitterFix, podRule, type K8sRule } from "../rule.js";
import type { LabelSelector } from "../selectors.js";
import type { ClusterManifests, Manifest } from "../manifests.js";
import { namespaceOf, objectsSelecting } from "../cluster-index.js";
import type { PodSubject } from "../pods.js";

/** The directions a NetworkPolicy governs: its policyTypes, or as the API server defaults them. */
function policyTypes(spec: { policyTypes?: string[]; egress?: unknown[] }): string[] {
  return spec.policyTypes ?? ["Ingress", ...(spec.egress !== undefined ? ["Egress"] : [])];
}

type NetworkPolicySpec = { podSelector?: LabelSelector; policyTypes?: string[]; egress?: unknown[] };
const specOf = (m: Manifest): NetworkPolicySpec => (m.object["spec"] ?? {}) as NetworkPolicySpec;
const POD_SELECTOR = { name: "spec.podSelector", of: (m: Manifest) => specOf(m).podSelector };

function coveredDirections(p: PodSubject, cluster: ClusterManifests): Set<string> {
  const covered = new Set<string>();
  for (const m of objectsSelecting(cluster, "NetworkPolicy", POD_SELECTOR, namespaceOf(p.manifest, cluster), p.labels)) for (const t of policyTypes(specOf(m))) covered.add(t);
  return covered;
}

const networkPolicy = podRule("k8s/network-policy", "every pod must be selected by a NetworkPolicy for Ingress and by one for Egress", (p, cluster) => {
  const covered = coveredDirections(p, cluster);
  const missing = ["Ingress", "Egress"].filter((t) => !covered.has(t));
  if (missing.length === 0) return undefined;
  return {
    message: `no NetworkPolicy governs the pods' ${missing.join(" or ").toLowerCase()}: ${missing.includes("Ingress") ? "any pod in the cluster can connect to them" : "they can connect anywhere"}`,
    fix: emitterFix(p.manifest, "a default-deny NetworkPolicy for ingress and egress in the namespace"),
  };
});

/** NetworkPolicy coverage of every pod. */
export const NETWORK_POLICY_RULES: readonly K8sRule[] = [networkPolicy];
