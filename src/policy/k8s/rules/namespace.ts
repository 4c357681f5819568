/** The app's namespace enforces the restricted Pod Security Standard through Pod Security Admission. */
import { POD_SECURITY_LEVEL } from "../../../emit/k8s/namespace-labels.js";
import { emitterFix, objectRule, type K8sRule } from "../rule.js";

/** The label that makes Pod Security Admission enforce a level in a namespace. */
export const ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";

const namespacePodSecurity = objectRule("k8s/namespace-pod-security", `the namespace must be labelled ${ENFORCE_LABEL}: ${POD_SECURITY_LEVEL}`, (m) => {
  if (m.object.kind !== "Namespace") return undefined;
  const level = m.object.metadata?.labels?.[ENFORCE_LABEL];
  if (level === POD_SECURITY_LEVEL) return undefined;
  return {
    message: `the namespace ${level === undefined ? `has no ${ENFORCE_LABEL} label` : `enforces "${level}"`}, so the API server admits pods that break the restricted standard`,
    fix: emitterFix(m, `${ENFORCE_LABEL}: ${POD_SECURITY_LEVEL}`),
  };
});

/** The namespace's Pod Security Admission label. */
export const NAMESPACE_RULES: readonly K8sRule[] = [namespacePodSecurity];
