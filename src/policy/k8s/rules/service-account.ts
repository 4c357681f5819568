/**
 * No Kubernetes API token in pods that do not call the API: a stolen token is a foothold in the
 * cluster. A pod mounts none when it or its ServiceAccount sets automountServiceAccountToken:
 * false. A pod that does call the API shows it: its ServiceAccount is the subject of a
 * RoleBinding among the app's objects (e.g. the scaler that patches an autoscaler).
 */
import type { ClusterManifests } from "../manifests.js";
import { emitterFix, podRule, type K8sRule } from "../rule.js";

/** Whether a RoleBinding among the cluster's objects grants `account` a Role: its pods need a token. */
function isGrantedApiAccess(cluster: ClusterManifests, account: string): boolean {
  return cluster.manifests.some((m) => {
    if (m.object.kind !== "RoleBinding") return false;
    const subjects = (m.object["subjects"] ?? []) as { kind?: string; name?: string }[];
    return subjects.some((s) => s.kind === "ServiceAccount" && s.name === account);
  });
}

const serviceAccountToken = podRule(
  "k8s/service-account-token",
  "pods must not mount a ServiceAccount API token (automountServiceAccountToken: false on the pod or its ServiceAccount) unless a RoleBinding grants that ServiceAccount API access",
  (p, cluster) => {
    if (p.spec.automountServiceAccountToken === false) return undefined;
    const accountName = p.spec.serviceAccountName ?? "default";
    const account = cluster.manifests.find((m) => m.object.kind === "ServiceAccount" && m.object.metadata?.name === accountName);
    const accountSays = account?.object["automountServiceAccountToken"];
    if (p.spec.automountServiceAccountToken === undefined && accountSays === false) return undefined;
    if (account !== undefined && isGrantedApiAccess(cluster, accountName)) return undefined;
    return {
      message: `the pods mount an API token of ServiceAccount "${accountName}"${p.spec.automountServiceAccountToken === true ? " (automountServiceAccountToken: true)" : account ? "" : ", which is not among the app's objects"}, and no RoleBinding grants it API access, so nothing in them calls the Kubernetes API`,
      fix: emitterFix(p.manifest, "a ServiceAccount per part and automountServiceAccountToken: false"),
    };
  },
);

/** ServiceAccount tokens. */
export const SERVICE_ACCOUNT_RULES: readonly K8sRule[] = [serviceAccountToken];
