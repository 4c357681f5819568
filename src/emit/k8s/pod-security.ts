/** Security contexts that meet Kubernetes' restricted Pod Security Standard. */
import type { IPodSecurityContext } from "kubernetes-models/v1/PodSecurityContext";
import type { ISecurityContext } from "kubernetes-models/v1/SecurityContext";

/** Pod-level security: non-root, the runtime's default seccomp profile, and an fsGroup for volumes. */
export function podSecurityContext(runAs?: number): IPodSecurityContext {
  return {
    runAsNonRoot: true,
    ...(runAs !== undefined ? { runAsUser: runAs, runAsGroup: runAs, fsGroup: runAs } : {}),
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/**
 * Container-level security: no privilege escalation, every capability dropped (and only
 * NET_BIND_SERVICE, which the restricted standard allows, added back on request), optionally
 * a read-only root.
 */
export function containerSecurityContext(readOnlyRootFilesystem = false, addCapabilities: readonly "NET_BIND_SERVICE"[] = []): ISecurityContext {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    ...(readOnlyRootFilesystem ? { readOnlyRootFilesystem: true } : {}),
    capabilities: { drop: ["ALL"], ...(addCapabilities.length > 0 ? { add: [...addCapabilities] } : {}) },
  };
}

/** A part's own ServiceAccount: no API token is mounted into its pods. */
export function serviceAccount(name: string, namespace: string, labels: Record<string, string>) {
  return { apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace, labels }, automountServiceAccountToken: false };
}
