/**
 * The Kubernetes rule set: the restricted Pod Security Standard and kube-score-style hygiene,
 * checked on exactly the manifests `emit()` returns (and the namespace the Pulumi module creates).
 */
import type { Finding } from "../finding.js";
import type { RuleSet } from "../rule-set.js";
import { clusterManifests } from "./manifests.js";
import type { K8sRule } from "./rule.js";
import { AVAILABILITY_RULES } from "./rules/availability.js";
import { CONTAINER_HYGIENE_RULES } from "./rules/container-hygiene.js";
import { NAMESPACE_RULES } from "./rules/namespace.js";
import { NETWORK_POLICY_RULES } from "./rules/network-policy.js";
import { BASELINE_RULES } from "./rules/pod-security-baseline.js";
import { ISOLATION_RULES } from "./rules/pod-security-isolation.js";
import { RESTRICTED_RULES } from "./rules/pod-security-restricted.js";
import { SECRET_RULES } from "./rules/secrets.js";
import { SERVICE_ACCOUNT_RULES } from "./rules/service-account.js";

/** Every Kubernetes rule, in report order. */
export const K8S_RULES: readonly K8sRule[] = [
  ...NAMESPACE_RULES,
  ...RESTRICTED_RULES,
  ...BASELINE_RULES,
  ...ISOLATION_RULES,
  ...CONTAINER_HYGIENE_RULES,
  ...AVAILABILITY_RULES,
  ...NETWORK_POLICY_RULES,
  ...SECRET_RULES,
  ...SERVICE_ACCOUNT_RULES,
];

/** Runs `rules` on every cluster of the stack. */
export function kubernetesRuleSet(rules: readonly K8sRule[] = K8S_RULES): RuleSet {
  return {
    name: "kubernetes",
    rules: rules.map(({ id, checks }) => ({ id, checks })),
    check(stack): Finding[] {
      return clusterManifests(stack).flatMap((cluster) =>
        rules.flatMap((rule) => rule.find(cluster).map((v) => ({ rule: rule.id, path: v.manifest.path, object: v.object, message: v.message, fix: v.fix }))),
      );
    },
  };
}

export type { K8sRule, Problem, Violation } from "./rule.js";
export { containerRule, podRule, objectRule } from "./rule.js";
export { clusterManifests, type ClusterManifests, type Manifest, type KubeDoc } from "./manifests.js";
