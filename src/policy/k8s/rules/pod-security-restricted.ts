/**
 * The restricted Pod Security Standard's own controls: non-root users, a seccomp profile, no
 * privilege escalation, and every capability dropped but NET_BIND_SERVICE.
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
import type { ISecurityContext } from "kubernetes-models/v1/SecurityContext";
import { isWorkloadModel } from "../../../model/app-model.js";
import { containerRule, emitterFix, type K8sRule, type Problem } from "../rule.js";
import type { ContainerSubject } from "../pods.js";

const own = (c: ContainerSubject): ISecurityContext => c.container.securityContext ?? {};
const pod = (c: ContainerSubject) => c.pod.spec.securityContext ?? {};

/** Capabilities the restricted standard lets a container add. */
export const ALLOWED_ADDED_CAPABILITIES = ["NET_BIND_SERVICE"] as const;
/** Seccomp profile types the restricted standard accepts. */
export const ALLOWED_SECCOMP_TYPES = ["RuntimeDefault", "Localhost"] as const;

const runAsNonRoot = containerRule("k8s/run-as-non-root", "every container must run as a non-root user: runAsNonRoot true and runAsUser not 0", (c) => {
  const problems: Problem[] = [];
  const nonRoot = own(c).runAsNonRoot ?? pod(c).runAsNonRoot;
  if (nonRoot !== true) {
    problems.push({
      message: `runAsNonRoot is ${nonRoot === undefined ? "not set" : String(nonRoot)} (in the container's and the pod's securityContext); the restricted standard requires true`,
      fix: emitterFix(c.pod.manifest, "securityContext.runAsNonRoot: true"),
    });
  }
  const user = own(c).runAsUser ?? pod(c).runAsUser;
  const part = c.pod.manifest.part;
  const workload = part && isWorkloadModel(part) ? part : undefined; // backends have no runAsUser prop
  if (user === 0) {
    problems.push({
      message: "runAsUser is 0 (root); the restricted standard forbids it",
      fix: workload ? `give ${workload.path} a non-root runAsUser in app.ts (the image's own user, e.g. runAsUser: 1000).` : emitterFix(c.pod.manifest, "a non-root runAsUser"),
    });
  }
  return problems;
});

const seccompProfile = containerRule("k8s/seccomp-profile", "every container must run with the RuntimeDefault or a Localhost seccomp profile", (c) => {
  const type = own(c).seccompProfile?.type ?? pod(c).seccompProfile?.type;
  if (type !== undefined && (ALLOWED_SECCOMP_TYPES as readonly string[]).includes(type)) return undefined;
  return {
    message: `seccompProfile.type is ${type === undefined ? "not set" : `"${type}"`}; the restricted standard requires RuntimeDefault or Localhost`,
    fix: emitterFix(c.pod.manifest, 'securityContext.seccompProfile: { type: "RuntimeDefault" }'),
  };
});

const noPrivilegeEscalation = containerRule("k8s/no-privilege-escalation", "every container must set allowPrivilegeEscalation: false", (c) => {
  const value = own(c).allowPrivilegeEscalation;
  if (value === false) return undefined;
  return {
    message: `allowPrivilegeEscalation is ${value === undefined ? "not set (it defaults to true)" : String(value)}; the restricted standard requires false`,
    fix: emitterFix(c.pod.manifest, "allowPrivilegeEscalation: false"),
  };
});

const capabilities = containerRule("k8s/capabilities", "every container must drop ALL capabilities and add none but NET_BIND_SERVICE", (c) => {
  const problems: Problem[] = [];
  const caps = own(c).capabilities ?? {};
  if (!(caps.drop ?? []).includes("ALL")) {
    problems.push({ message: `capabilities.drop is [${(caps.drop ?? []).join(", ")}]; the restricted standard requires it to include ALL`, fix: emitterFix(c.pod.manifest, 'capabilities: { drop: ["ALL"] }') });
  }
  const extra = (caps.add ?? []).filter((cap) => !(ALLOWED_ADDED_CAPABILITIES as readonly string[]).includes(cap));
  if (extra.length > 0) {
    problems.push({ message: `capabilities.add has ${extra.join(", ")}; the restricted standard allows adding only NET_BIND_SERVICE`, fix: emitterFix(c.pod.manifest, "no added capabilities") });
  }
  return problems;
});

/** The restricted standard's controls on users, seccomp, privilege escalation and capabilities. */
export const RESTRICTED_RULES: readonly K8sRule[] = [runAsNonRoot, seccompProfile, noPrivilegeEscalation, capabilities];
