/** Policy checks on what skyweave emits: findings with the construct path, the rule and the fix. */
export type { Finding } from "./finding.js";
export { compareFindings } from "./finding.js";
export type { RuleSet, StackUnderCheck } from "./rule-set.js";
export { checkStack, DEFAULT_RULE_SETS } from "./check-stack.js";
export { formatFindings } from "./format-findings.js";
export { kubernetesRuleSet, K8S_RULES, containerRule, podRule, objectRule, clusterManifests } from "./k8s/index.js";
export type { K8sRule, Problem, Violation, ClusterManifests, Manifest, KubeDoc } from "./k8s/index.js";
export { policyError } from "./policy-error.js";
