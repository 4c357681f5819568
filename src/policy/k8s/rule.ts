/**
 * The shape of a Kubernetes policy rule, and builders for the three scopes rules check at:
 * one container, one pod template, one object. A rule is data (an id, what it checks) plus one
 * small test that returns what is wrong and how to fix it.
 */
import type { ClusterManifests, Manifest } from "./manifests.js";
import { containersOfCluster, podsOf, type ContainerSubject, type PodSubject } from "./pods.js";

/** What is wrong with one subject, and how to fix it. */
export interface Problem {
  readonly message: string;
  readonly fix: string;
}

/** A problem found on one object (or one container of it). */
export interface Violation extends Problem {
  readonly manifest: Manifest;
  /** What was checked, e.g. `manifests/main/web.yaml Deployment/web container web`. */
  readonly object: string;
}

/** One Kubernetes policy rule. */
export interface K8sRule {
  /** Stable id, e.g. `k8s/run-as-non-root`. */
  readonly id: string;
  /** One line on what it checks. */
  readonly checks: string;
  /** Every violation of the rule among one cluster's objects. */
  find(cluster: ClusterManifests): Violation[];
}

type Found = Problem | readonly Problem[] | undefined;
const list = (found: Found): readonly Problem[] => (found === undefined ? [] : "message" in found ? [found as Problem] : (found as readonly Problem[]));

/** A rule checked on every container (init, regular and ephemeral) of every pod template. */
export function containerRule(id: string, checks: string, test: (c: ContainerSubject, cluster: ClusterManifests) => Found): K8sRule {
  return { id, checks, find: (cluster) => containersOfCluster(cluster).flatMap((c) => list(test(c, cluster)).map((p) => ({ ...p, manifest: c.pod.manifest, object: c.describe }))) };
}

/** A rule checked on every pod template (Deployment, StatefulSet, CronJob, …). */
export function podRule(id: string, checks: string, test: (p: PodSubject, cluster: ClusterManifests) => Found): K8sRule {
  return { id, checks, find: (cluster) => podsOf(cluster).flatMap((pod) => list(test(pod, cluster)).map((p) => ({ ...p, manifest: pod.manifest, object: pod.describe }))) };
}

/** A rule checked on every object of the cluster. */
export function objectRule(id: string, checks: string, test: (m: Manifest, cluster: ClusterManifests) => Found): K8sRule {
  return { id, checks, find: (cluster) => cluster.manifests.flatMap((m) => list(test(m, cluster)).map((p) => ({ ...p, manifest: m, object: `${m.file} ${m.ref}` }))) };
}

/**
 * The fix for a setting skyweave itself writes on every object of its kind: the manifest was
 * edited, or skyweave has a bug.
 */
export function emitterFix(m: Manifest, setting: string): string {
  // The namespace is created by the Pulumi module (k8s-<cluster>.ts), everything else is YAML.
  const where = m.file.endsWith(".ts") ? `${m.file} for the app's namespace` : `the manifests of ${m.part ? m.part.path : "the app's namespace"}`;
  return `skyweave writes ${setting} into ${where}: if they were edited, run \`skyweave synth\` again; otherwise report this as a skyweave bug.`;
}
