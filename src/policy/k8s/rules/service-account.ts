/**
 * No Kubernetes API token in pods that do not call the API: a stolen token is a foothold in the
 * cluster. A pod mounts none when it or its ServiceAccount sets automountServiceAccountToken: false.
 */
import { emitterFix, podRule, type K8sRule } from "../rule.js";

const serviceAccountToken = podRule("k8s/service-account-token", "pods must not mount a ServiceAccount API token (automountServiceAccountToken: false on the pod or its ServiceAccount)", (p, cluster) => {
  if (p.spec.automountServiceAccountToken === false) return undefined;
  const accountName = p.spec.serviceAccountName ?? "default";
  const account = cluster.manifests.find((m) => m.object.kind === "ServiceAccount" && m.object.metadata?.name === accountName);
  const accountSays = account?.object["automountServiceAccountToken"];
  if (p.spec.automountServiceAccountToken === undefined && accountSays === false) return undefined;
  return {
    message: `the pods mount an API token of ServiceAccount "${accountName}"${p.spec.automountServiceAccountToken === true ? " (automountServiceAccountToken: true)" : account ? "" : ", which is not among the app's objects"}; nothing in them calls the Kubernetes API`,
    fix: emitterFix(p.manifest, "a ServiceAccount per part and automountServiceAccountToken: false"),
  };
});

/** ServiceAccount tokens. */
export const SERVICE_ACCOUNT_RULES: readonly K8sRule[] = [serviceAccountToken];
