/**
 * The baseline Pod Security Standard's remaining isolation controls: AppArmor and SELinux
 * confinement, the masked /proc, and no Windows host processes.
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
import { containerRule, emitterFix, type K8sRule, type Problem } from "../rule.js";

/** SELinux types the baseline standard allows. */
export const ALLOWED_SELINUX_TYPES = ["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"] as const;
/** The pod annotation that set a container's AppArmor profile before the appArmorProfile field. */
export const APPARMOR_ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

const appArmor = containerRule("k8s/apparmor", "no container may run AppArmor-unconfined (field or annotation)", (c) => {
  const type = c.container.securityContext?.appArmorProfile?.type ?? c.pod.spec.securityContext?.appArmorProfile?.type;
  const annotation = c.pod.annotations[`${APPARMOR_ANNOTATION_PREFIX}${c.container.name}`];
  const problems: Problem[] = [];
  if (type !== undefined && type !== "RuntimeDefault" && type !== "Localhost") {
    problems.push({ message: `appArmorProfile.type is "${type}": the container runs without AppArmor confinement`, fix: emitterFix(c.pod.manifest, "no AppArmor override") });
  }
  if (annotation !== undefined && annotation !== "runtime/default" && !annotation.startsWith("localhost/")) {
    problems.push({ message: `the pod annotation ${APPARMOR_ANNOTATION_PREFIX}${c.container.name} is "${annotation}": the container runs without AppArmor confinement`, fix: emitterFix(c.pod.manifest, "no AppArmor override") });
  }
  return problems;
});

const seLinux = containerRule("k8s/selinux", "SELinux options may set only an allowed type (container_t, …), never a user or role", (c) => {
  const problems: Problem[] = [];
  for (const [scope, options] of [
    ["pod", c.pod.spec.securityContext?.seLinuxOptions],
    ["container", c.container.securityContext?.seLinuxOptions],
  ] as const) {
    if (options === undefined) continue;
    if (options.type !== undefined && !(ALLOWED_SELINUX_TYPES as readonly string[]).includes(options.type)) {
      problems.push({ message: `the ${scope}'s seLinuxOptions.type is "${options.type}", outside the container types the standard allows`, fix: emitterFix(c.pod.manifest, "no SELinux override") });
    }
    if (options.user || options.role) {
      problems.push({ message: `the ${scope}'s seLinuxOptions sets ${options.user ? "a user" : "a role"}, which the standard forbids`, fix: emitterFix(c.pod.manifest, "no SELinux override") });
    }
  }
  return problems;
});

const procMount = containerRule("k8s/proc-mount", "every container keeps the default, masked /proc (procMount: Default)", (c) => {
  const value = c.container.securityContext?.procMount;
  if (value === undefined || value === "Default") return undefined;
  return { message: `procMount is "${value}": /proc is not masked, exposing the node's kernel settings`, fix: emitterFix(c.pod.manifest, "the default procMount") };
});

const noHostProcess = containerRule("k8s/no-host-process", "no Windows HostProcess container", (c) => {
  const hostProcess = c.container.securityContext?.windowsOptions?.hostProcess ?? c.pod.spec.securityContext?.windowsOptions?.hostProcess;
  if (hostProcess !== true) return undefined;
  return { message: "windowsOptions.hostProcess is true: the container runs as a process on the Windows node", fix: emitterFix(c.pod.manifest, "no HostProcess containers") };
});

/** AppArmor, SELinux, /proc masking and Windows host processes. */
export const ISOLATION_RULES: readonly K8sRule[] = [appArmor, seLinux, procMount, noHostProcess];
