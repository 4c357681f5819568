/**
 * A workload's scaling schedule on Kubernetes: the HPA keeps its bounds, and one CronJob per
 * schedule step patches the HPA's `minReplicas` at the step's time (UTC). Nothing outside the
 * Kubernetes schema is needed (KEDA's cron scaler would need its CRDs).
 *
 * The patching pods are the only ones with an API token: their own ServiceAccount, a Role
 * that may only `get` and `patch` this one HPA, and a NetworkPolicy that lets them reach the
 * API server (the namespace denies all egress by default). They run a pinned kubectl image
 * under the restricted Pod Security Standard.
 */
import { createHash } from "node:crypto";
import type { WorkloadModel } from "../../model/app-model.js";
import { partLabels } from "./labels.js";
import { containerSecurityContext, podSecurityContext } from "./pod-security.js";
import type { KubeObject } from "./kube-object.js";

/** The kubectl image the schedule's CronJobs run: the Kubernetes project's own, pinned. */
export const KUBECTL_IMAGE = "registry.k8s.io/kubectl:v1.32.9";

/** The user id the kubectl pods run as. */
const SCALER_USER = 1000;

/** The ports the API server listens on: 443 behind the `kubernetes` Service, 6443 on most control planes. */
const API_SERVER_PORTS = [443, 6443];

/** The longest scaler name: a CronJob's name (`<scaler>-<step>`) may have at most 52 characters. */
const MAX_SCALER_NAME = 45;

/**
 * The name shared by the ServiceAccount, Role, RoleBinding, NetworkPolicy and CronJobs of a
 * workload's schedule: `<workload>-scaler`, or for a long workload name its first characters
 * and a hash of the whole, so CronJob names stay within Kubernetes' 52 characters.
 */
export function scalerName(workload: string): string {
  const name = `${workload}-scaler`;
  if (name.length <= MAX_SCALER_NAME) return name;
  const hash = createHash("sha256").update(workload).digest("hex").slice(0, 6);
  return `${workload.slice(0, MAX_SCALER_NAME - 14)}-${hash}-scaler`;
}

/** Labels of the schedule's objects and pods: the workload's, but named and selected apart from its pods. */
function scalerLabels(app: string, w: WorkloadModel): Record<string, string> {
  return { ...partLabels(app, w), "app.kubernetes.io/name": scalerName(w.name), "app.kubernetes.io/component": "scaler" };
}

/** The Kubernetes objects of `w`'s scaling schedule: none unless it is autoscaled and has one. */
export function scalingScheduleObjects(app: string, namespace: string, w: WorkloadModel): KubeObject[] {
  const steps = w.replicas.schedule ?? [];
  if (steps.length === 0 || w.replicas.max <= w.replicas.min) return [];
  const name = scalerName(w.name);
  const labels = scalerLabels(app, w);
  const meta = (n: string) => ({ name: n, namespace, labels });
  const selector = { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": app };
  return [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: meta(name), automountServiceAccountToken: true },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: meta(name),
      rules: [{ apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], resourceNames: [w.name], verbs: ["get", "patch"] }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: meta(name),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name },
      subjects: [{ kind: "ServiceAccount", name, namespace }],
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: meta(`${name}-egress`),
      spec: {
        podSelector: { matchLabels: selector },
        policyTypes: ["Egress"],
        // The API server's address is not known when the stack is written, so the rule allows
        // its ports to any address; these pods run only kubectl against the in-cluster API.
        egress: [{ ports: API_SERVER_PORTS.map((port) => ({ protocol: "TCP", port })) }],
      },
    },
    ...steps.map((step, i): KubeObject => ({
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { ...meta(`${name}-${i}`), annotations: { "skyweave.dev/min-replicas": String(step.min) } },
      spec: {
        schedule: step.cron,
        timeZone: "Etc/UTC",
        concurrencyPolicy: "Replace",
        startingDeadlineSeconds: 300,
        successfulJobsHistoryLimit: 1,
        failedJobsHistoryLimit: 1,
        jobTemplate: {
          spec: {
            backoffLimit: 3,
            activeDeadlineSeconds: 240,
            template: {
              metadata: { labels: { ...labels } },
              spec: {
                serviceAccountName: name,
                automountServiceAccountToken: true,
                enableServiceLinks: false,
                restartPolicy: "OnFailure",
                securityContext: podSecurityContext(SCALER_USER),
                containers: [
                  {
                    name: "kubectl",
                    image: KUBECTL_IMAGE,
                    command: ["kubectl"],
                    args: ["patch", "horizontalpodautoscaler", w.name, "--namespace", namespace, "--type=merge", "--patch", JSON.stringify({ spec: { minReplicas: Math.max(1, step.min) } })],
                    env: [{ name: "HOME", value: "/tmp" }],
                    resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { cpu: "100m", memory: "64Mi" } },
                    volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
                    securityContext: containerSecurityContext(true),
                  },
                ],
                volumes: [{ name: "tmp", emptyDir: {} }],
              },
            },
          },
        },
      },
    })),
  ];
}
