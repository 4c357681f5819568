/**
 * The Pod Security Standard controls that the restricted level inherits from baseline, plus the
 * restricted level's list of volume types: no privileged containers, no host namespaces, host
 * paths or host ports, only safe sysctls.
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
import type { IVolume } from "kubernetes-models/v1/Volume";
import { containerRule, emitterFix, podRule, type K8sRule, type Problem } from "../rule.js";

/** Volume types the restricted standard allows. */
export const ALLOWED_VOLUME_TYPES = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"] as const;

/** Sysctls the baseline standard calls safe (namespaced, isolated from the node). */
export const SAFE_SYSCTLS = [
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
] as const;

const HOST_NAMESPACES = ["hostNetwork", "hostPID", "hostIPC"] as const;

const noPrivileged = containerRule("k8s/no-privileged", "no container may run privileged", (c) =>
  c.container.securityContext?.privileged === true
    ? { message: "privileged is true: the container has every capability of the node", fix: emitterFix(c.pod.manifest, "privileged: false") }
    : undefined,
);

const noHostNamespaces = podRule("k8s/no-host-namespaces", "no pod may share the node's network, process or IPC namespace", (p) =>
  HOST_NAMESPACES.filter((field) => p.spec[field] === true).map((field) => ({
    message: `${field} is true: the pod shares the node's ${field.slice(4)} namespace`,
    fix: emitterFix(p.manifest, `no ${field}`),
  })),
);

/** The type of a volume: its one field besides `name`. */
function volumeType(v: IVolume): string {
  return Object.keys(v).find((k) => k !== "name") ?? "(none)";
}

const noHostPath = podRule("k8s/no-host-path", "no pod may mount a hostPath volume", (p) =>
  (p.spec.volumes ?? [])
    .filter((v) => v.hostPath !== undefined)
    .map((v) => ({
      message: `volume "${v.name}" is a hostPath (${v.hostPath!.path}): the pod reads and writes the node's file system`,
      fix: p.manifest.part ? `use a volume (volume: { path, sizeGiB } on a Service) or the writable /tmp of ${p.manifest.part.path} instead of a host path.` : emitterFix(p.manifest, "no hostPath volumes"),
    })),
);

const volumeTypes = podRule("k8s/volume-types", `pods may use only ${ALLOWED_VOLUME_TYPES.join(", ")} volumes`, (p) =>
  (p.spec.volumes ?? [])
    .filter((v) => v.hostPath === undefined && !(ALLOWED_VOLUME_TYPES as readonly string[]).includes(volumeType(v)))
    .map((v) => ({
      message: `volume "${v.name}" is of type ${volumeType(v)}, which the restricted standard does not allow`,
      fix: emitterFix(p.manifest, `only ${ALLOWED_VOLUME_TYPES.join(", ")} volumes`),
    })),
);

const noHostPort = containerRule("k8s/no-host-port", "no container may bind a port on the node (hostPort)", (c) =>
  (c.container.ports ?? [])
    .filter((port) => port.hostPort !== undefined && port.hostPort !== 0)
    .map((port) => ({
      message: `port ${port.containerPort} has hostPort ${port.hostPort}: it binds the node's port`,
      fix: c.pod.manifest.part?.kind === "service" ? `reach ${c.pod.manifest.part.path} through its Service (public: true for a LoadBalancer), not a host port.` : emitterFix(c.pod.manifest, "no hostPort"),
    })),
);

const safeSysctls = podRule("k8s/safe-sysctls", "pods may set only the sysctls the baseline standard calls safe", (p) => {
  const problems: Problem[] = [];
  for (const s of p.spec.securityContext?.sysctls ?? []) {
    if (!(SAFE_SYSCTLS as readonly string[]).includes(s.name)) {
      problems.push({ message: `sysctl ${s.name} is not in the safe set; it can affect the node or other pods`, fix: emitterFix(p.manifest, "no unsafe sysctls") });
    }
  }
  return problems;
});

/** Privileged mode, host namespaces, host paths, host ports, volume types and sysctls. */
export const BASELINE_RULES: readonly K8sRule[] = [noPrivileged, noHostNamespaces, noHostPath, volumeTypes, noHostPort, safeSysctls];
