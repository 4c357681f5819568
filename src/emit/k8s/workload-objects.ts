/** Kubernetes objects for a service, worker or cron job. */
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IEnvVar } from "kubernetes-models/v1/EnvVar";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import type { IProbe } from "kubernetes-models/v1/Probe";
import type { WorkloadModel } from "../../model/app-model.js";
import type { KubeObject } from "./kube-object.js";
import { ingressObject, type IngressSettings } from "./ingress.js";
import { headlessServiceName, partLabels, portName, selectorLabels } from "./labels.js";
import { containerSecurityContext, podSecurityContext, serviceAccount } from "./pod-security.js";
import { formatBytes } from "../../model/quantity.js";
import { resourceRequirements } from "./resources.js";
import { scalingScheduleObjects } from "./scaling-schedule.js";

export type { KubeObject } from "./kube-object.js";
export { portName } from "./labels.js";

/** Seconds a serving replica waits after it is told to stop, so endpoints drop it before SIGTERM. */
export const PRE_STOP_DELAY_SECONDS = 5;

/** How often a startup probe checks a slow starter. */
const STARTUP_PROBE_PERIOD_SECONDS = 5;

/** Readiness, liveness and (for a declared slow start) startup probes from the health check. */
function probes(w: WorkloadModel): Pick<IContainer, "readinessProbe" | "livenessProbe" | "startupProbe"> {
  const p = probe(w);
  if (p === undefined) return {};
  const startupSeconds = w.healthCheck?.startupSeconds;
  if (startupSeconds === undefined) return { readinessProbe: p, livenessProbe: { ...p, initialDelaySeconds: 10 } };
  // The startup probe holds readiness and liveness back until the service first answers.
  const startupProbe = { ...p, periodSeconds: STARTUP_PROBE_PERIOD_SECONDS, failureThreshold: Math.max(1, Math.ceil(startupSeconds / STARTUP_PROBE_PERIOD_SECONDS)) };
  return { readinessProbe: p, livenessProbe: p, startupProbe };
}

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

/** The emptyDirs a workload writes to: `/tmp` under a read-only root, and its `writablePaths`. */
function scratchVolumes(w: WorkloadModel): { name: string; path: string }[] {
  return [...(w.readOnlyRootFilesystem ? [{ name: "tmp", path: "/tmp" }] : []), ...w.writablePaths.map((path, i) => ({ name: `writable-${i + 1}`, path }))];
}

function container(w: WorkloadModel, env: IEnvVar[]): IContainer {
  const mounts = [...(w.volume ? [{ name: "data", mountPath: w.volume.path }] : []), ...scratchVolumes(w).map(({ name, path }) => ({ name, mountPath: path }))];
  return {
    name: w.name,
    image: w.image,
    ...(w.command ? { command: w.command } : {}),
    ...(w.args ? { args: w.args } : {}),
    ...(w.port !== undefined ? { ports: [{ name: portName(w), containerPort: w.port, protocol: "TCP" }] } : {}),
    ...(env.length > 0 ? { env } : {}),
    resources: resourceRequirements(w.resources),
    ...probes(w),
    // Endpoints and load balancers take a moment to drop a terminating pod: keep serving
    // meanwhile, when the grace period leaves room for it (the delay counts against it).
    ...(w.port !== undefined && w.kind === "service" && w.terminationGracePeriodSeconds >= 2 * PRE_STOP_DELAY_SECONDS
      ? { lifecycle: { preStop: { sleep: { seconds: PRE_STOP_DELAY_SECONDS } } } }
      : {}),
    ...(mounts.length > 0 ? { volumeMounts: mounts } : {}),
    securityContext: containerSecurityContext(w.readOnlyRootFilesystem, w.addCapabilities),
  };
}

/** Replicas kept apart: on different nodes, or spread evenly over zones. */
function topologySpread(app: string, w: WorkloadModel): Pick<IPodSpec, "topologySpreadConstraints"> {
  if (w.constraints.spread === undefined || w.replicas.max < 2) return {};
  const topologyKey = w.constraints.spread === "node" ? "kubernetes.io/hostname" : "topology.kubernetes.io/zone";
  return { topologySpreadConstraints: [{ maxSkew: 1, topologyKey, whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: selectorLabels(app, w) } }] };
}

function podSpec(app: string, w: WorkloadModel, env: IEnvVar[]): IPodSpec {
  const scratch = scratchVolumes(w);
  return {
    serviceAccountName: w.name,
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: podSecurityContext(w.runAsUser),
    terminationGracePeriodSeconds: w.terminationGracePeriodSeconds,
    ...(w.kind === "cronjob" ? { restartPolicy: "OnFailure" } : {}),
    ...topologySpread(app, w),
    containers: [container(w, env)],
    ...(scratch.length > 0 ? { volumes: scratch.map(({ name }) => ({ name, emptyDir: {} })) } : {}),
  };
}

function meta(app: string, namespace: string, w: WorkloadModel, name = w.name) {
  return { name, namespace, labels: partLabels(app, w) };
}

/**
 * Every Kubernetes object a workload becomes, in a fixed order. A public service gets an
 * Ingress of the cluster's controller (`ingress`).
 */
export function workloadObjects(app: string, namespace: string, w: WorkloadModel, env: IEnvVar[], ingress: IngressSettings): KubeObject[] {
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
  if (w.public && w.port !== undefined) objects.push(ingressObject(app, namespace, w, ingress));
  if (autoscaled) objects.push(autoscaler(app, namespace, w), ...scalingScheduleObjects(app, namespace, w));
  // Voluntary disruptions (node drains, upgrades) take at most one replica at a time.
  if (w.replicas.max >= 2) {
    objects.push({ apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: meta(app, namespace, w), spec: { maxUnavailable: 1, selector } });
  }
  return objects;
}

function serviceObject(app: string, namespace: string, w: WorkloadModel, name: string, spec: Record<string, unknown>): KubeObject {
  const ports = w.port === undefined ? [] : [{ name: portName(w), port: w.servicePort ?? w.port, targetPort: w.port, protocol: "TCP" }];
  return { apiVersion: "v1", kind: "Service", metadata: meta(app, namespace, w, name), spec: { ...spec, selector: selectorLabels(app, w), ports } };
}

function autoscaler(app: string, namespace: string, w: WorkloadModel): KubeObject {
  // A scheduled HPA's minReplicas is also patched by its scaling CronJobs, which then own that
  // field: Pulumi's server-side apply would fail on the conflict at the next `pulumi up`
  // unless it may take the field back (it resets the minimum until the next step fires).
  const scheduled = (w.replicas.schedule ?? []).length > 0;
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { ...meta(app, namespace, w), ...(scheduled ? { annotations: { "pulumi.com/patchForce": "true" } } : {}) },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: w.volume ? "StatefulSet" : "Deployment", name: w.name },
      minReplicas: Math.max(1, w.replicas.min),
      maxReplicas: w.replicas.max,
      metrics: [
        { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: w.autoscaling.targetCpuPercent } } },
        { type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: w.autoscaling.targetMemoryPercent } } },
      ],
    },
  };
}
