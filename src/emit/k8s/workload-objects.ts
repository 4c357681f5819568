/** Kubernetes objects for a service, worker or cron job. */
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IEnvVar } from "kubernetes-models/v1/EnvVar";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import type { IProbe } from "kubernetes-models/v1/Probe";
import type { WorkloadModel } from "../../model/app-model.js";
import { headlessServiceName, partLabels, selectorLabels } from "./labels.js";
import { containerSecurityContext, podSecurityContext, serviceAccount } from "./pod-security.js";
import { formatBytes } from "../../model/quantity.js";
import { resourceRequirements } from "./resources.js";
import { scalingScheduleObjects } from "./scaling-schedule.js";

/** A Kubernetes object as plain data: what cdk8s renders. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  readonly [field: string]: unknown;
}

/** Target CPU utilisation of the autoscaler, in percent of the request. */
export const HPA_CPU_TARGET_PERCENT = 70;

function probe(w: WorkloadModel): IProbe | undefined {
  if (w.port === undefined || w.healthCheck === undefined) return undefined;
  const check =
    w.healthCheck.protocol === "http"
      ? { httpGet: { path: w.healthCheck.path, port: w.port } }
      : w.healthCheck.protocol === "grpc"
        ? { grpc: { port: w.port } }
        : { tcpSocket: { port: w.port } };
  return { ...check, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 };
}

/** The name of the port, which tells meshes and ingress controllers its protocol. */
export function portName(w: WorkloadModel): string {
  return w.healthCheck?.protocol === "grpc" ? "grpc" : w.healthCheck?.protocol === "http" ? "http" : "tcp";
}

function container(w: WorkloadModel, env: IEnvVar[]): IContainer {
  const p = probe(w);
  const mounts = [...(w.volume ? [{ name: "data", mountPath: w.volume.path }] : []), ...(w.readOnlyRootFilesystem ? [{ name: "tmp", mountPath: "/tmp" }] : [])];
  return {
    name: w.name,
    image: w.image,
    ...(w.command ? { command: w.command } : {}),
    ...(w.args ? { args: w.args } : {}),
    ...(w.port !== undefined ? { ports: [{ name: portName(w), containerPort: w.port, protocol: "TCP" }] } : {}),
    ...(env.length > 0 ? { env } : {}),
    resources: resourceRequirements(w.resources),
    ...(p ? { readinessProbe: p, livenessProbe: { ...p, initialDelaySeconds: 10 } } : {}),
    ...(mounts.length > 0 ? { volumeMounts: mounts } : {}),
    securityContext: containerSecurityContext(w.readOnlyRootFilesystem),
  };
}

/** Replicas kept apart: on different nodes, or spread evenly over zones. */
function topologySpread(app: string, w: WorkloadModel): Pick<IPodSpec, "topologySpreadConstraints"> {
  if (w.constraints.spread === undefined || w.replicas.max < 2) return {};
  const topologyKey = w.constraints.spread === "node" ? "kubernetes.io/hostname" : "topology.kubernetes.io/zone";
  return { topologySpreadConstraints: [{ maxSkew: 1, topologyKey, whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: selectorLabels(app, w) } }] };
}

function podSpec(app: string, w: WorkloadModel, env: IEnvVar[]): IPodSpec {
  return {
    serviceAccountName: w.name,
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: podSecurityContext(w.runAsUser),
    terminationGracePeriodSeconds: 30,
    ...(w.kind === "cronjob" ? { restartPolicy: "OnFailure" } : {}),
    ...topologySpread(app, w),
    containers: [container(w, env)],
    ...(w.readOnlyRootFilesystem ? { volumes: [{ name: "tmp", emptyDir: {} }] } : {}),
  };
}

function meta(app: string, namespace: string, w: WorkloadModel, name = w.name) {
  return { name, namespace, labels: partLabels(app, w) };
}

/** Every Kubernetes object a workload becomes, in a fixed order. */
export function workloadObjects(app: string, namespace: string, w: WorkloadModel, env: IEnvVar[]): KubeObject[] {
  const template = { metadata: { labels: partLabels(app, w) }, spec: podSpec(app, w, env) };
  const selector = { matchLabels: selectorLabels(app, w) };
  if (w.kind === "cronjob") {
    return [
      serviceAccount(w.name, namespace, partLabels(app, w)),
      {
        apiVersion: "batch/v1",
        kind: "CronJob",
        metadata: meta(app, namespace, w),
        spec: {
          schedule: w.schedule,
          ...(w.timeZone ? { timeZone: w.timeZone } : {}),
          concurrencyPolicy: "Forbid",
          successfulJobsHistoryLimit: 3,
          failedJobsHistoryLimit: 1,
          jobTemplate: { spec: { backoffLimit: 2, template } },
        },
      },
    ];
  }
  const objects: KubeObject[] = [serviceAccount(w.name, namespace, partLabels(app, w))];
  // An autoscaled workload leaves spec.replicas to its HPA: a fixed count would be re-applied
  // on every deploy and undo the autoscaler.
  const autoscaled = w.replicas.max > w.replicas.min;
  const replicas = autoscaled ? {} : { replicas: w.replicas.min };
  if (w.volume) {
    objects.push({
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: meta(app, namespace, w),
      spec: {
        serviceName: headlessServiceName(w.name),
        ...replicas,
        selector,
        template,
        volumeClaimTemplates: [
          {
            metadata: { name: "data", labels: selectorLabels(app, w) },
            spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: formatBytes(w.volume.sizeBytes) } } },
          },
        ],
      },
    });
    objects.push(serviceObject(app, namespace, w, headlessServiceName(w.name), { clusterIP: "None", publishNotReadyAddresses: true }));
  } else {
    objects.push({ apiVersion: "apps/v1", kind: "Deployment", metadata: meta(app, namespace, w), spec: { ...replicas, selector, template } });
  }
  if (w.port !== undefined) objects.push(serviceObject(app, namespace, w, w.name, { type: "ClusterIP" }));
  if (w.public && w.port !== undefined) objects.push(serviceObject(app, namespace, w, `${w.name}-public`, { type: "LoadBalancer" }, 80));
  if (autoscaled) objects.push(autoscaler(app, namespace, w), ...scalingScheduleObjects(app, namespace, w));
  // Voluntary disruptions (node drains, upgrades) take at most one replica at a time.
  if (w.replicas.max >= 2) {
    objects.push({ apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: meta(app, namespace, w), spec: { maxUnavailable: 1, selector } });
  }
  return objects;
}

function serviceObject(app: string, namespace: string, w: WorkloadModel, name: string, spec: Record<string, unknown>, port = w.servicePort ?? w.port ?? 0): KubeObject {
  const ports = w.port === undefined ? [] : [{ name: portName(w), port, targetPort: w.port, protocol: "TCP" }];
  return { apiVersion: "v1", kind: "Service", metadata: meta(app, namespace, w, name), spec: { ...spec, selector: selectorLabels(app, w), ports } };
}

function autoscaler(app: string, namespace: string, w: WorkloadModel): KubeObject {
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: meta(app, namespace, w),
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: w.volume ? "StatefulSet" : "Deployment", name: w.name },
      minReplicas: Math.max(1, w.replicas.min),
      maxReplicas: w.replicas.max,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: HPA_CPU_TARGET_PERCENT } } }],
    },
  };
}
