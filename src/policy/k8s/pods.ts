/**
 * The pods an object runs (Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs,
 * bare Pods) and their containers, as subjects the rules check one at a time.
 */
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import type { ClusterManifests, Manifest } from "./manifests.js";
import { memoised } from "./cluster-index.js";

/** The pod template of one workload object. */
export interface PodSubject {
  readonly manifest: Manifest;
  readonly spec: IPodSpec;
  /** Labels on the pods. */
  readonly labels: Record<string, string>;
  /** Annotations on the pods. */
  readonly annotations: Record<string, string>;
  /** True for pods meant to keep running (not Jobs and CronJobs). */
  readonly longRunning: boolean;
  /** `manifests/main/web.yaml Deployment/web`. */
  readonly describe: string;
}

/** Which list of the pod spec a container is in. */
export type ContainerList = "containers" | "initContainers" | "ephemeralContainers";

/** One container of a pod template. */
export interface ContainerSubject {
  readonly pod: PodSubject;
  readonly container: IContainer;
  readonly list: ContainerList;
  /** `manifests/main/web.yaml Deployment/web container web` (`init container`, `ephemeral container`). */
  readonly describe: string;
}

interface Template {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: IPodSpec;
}

/** Where each workload kind keeps its pod template. */
const TEMPLATE_OF: Record<string, { template: (o: Record<string, unknown>) => Template | undefined; longRunning: boolean }> = {
  Deployment: { template: (o) => at(o, "spec", "template"), longRunning: true },
  StatefulSet: { template: (o) => at(o, "spec", "template"), longRunning: true },
  DaemonSet: { template: (o) => at(o, "spec", "template"), longRunning: true },
  ReplicaSet: { template: (o) => at(o, "spec", "template"), longRunning: true },
  Job: { template: (o) => at(o, "spec", "template"), longRunning: false },
  CronJob: { template: (o) => at(o, "spec", "jobTemplate", "spec", "template"), longRunning: false },
  Pod: { template: (o) => o as Template, longRunning: true },
};

function at<T>(o: unknown, ...keys: string[]): T | undefined {
  return keys.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), o) as T | undefined;
}

/** The pod template of every workload object of a cluster, in manifest order (computed once per cluster). */
export function podsOf(cluster: ClusterManifests): readonly PodSubject[] {
  return memoised(cluster, "pods", podTemplates);
}

function podTemplates(cluster: ClusterManifests): PodSubject[] {
  const pods: PodSubject[] = [];
  for (const manifest of cluster.manifests) {
    const kind = TEMPLATE_OF[manifest.object.kind ?? ""];
    const template = kind?.template(manifest.object as Record<string, unknown>);
    if (!kind || !template?.spec) continue;
    pods.push({ manifest, spec: template.spec, labels: template.metadata?.labels ?? {}, annotations: template.metadata?.annotations ?? {}, longRunning: kind.longRunning, describe: `${manifest.file} ${manifest.ref}` });
  }
  return pods;
}

const LIST_NAME: Record<ContainerList, string> = { containers: "container", initContainers: "init container", ephemeralContainers: "ephemeral container" };

/** Every container of a pod: init, regular and ephemeral. */
export function containersOf(pod: PodSubject): ContainerSubject[] {
  return (["initContainers", "containers", "ephemeralContainers"] as const).flatMap((list) =>
    ((pod.spec[list] ?? []) as IContainer[]).map((container) => ({ pod, container, list, describe: `${pod.describe} ${LIST_NAME[list]} ${container.name}` })),
  );
}

/** Every container of every pod of a cluster. */
export function containersOfCluster(cluster: ClusterManifests): readonly ContainerSubject[] {
  return memoised(cluster, "containers", (c) => podsOf(c).flatMap(containersOf));
}
