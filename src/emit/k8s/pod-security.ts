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

/** Container-level security: no privilege escalation, every capability dropped. */
export function containerSecurityContext(): ISecurityContext {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    capabilities: { drop: ["ALL"] },
  };
}
