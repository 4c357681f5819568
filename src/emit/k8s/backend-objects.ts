/** Kubernetes objects for a backing resource that runs in-cluster: a StatefulSet and its Services. */
import type { ResourceModel } from "../../model/app-model.js";
import { BACKENDS } from "./backends.js";
import { headlessServiceName, partLabels, selectorLabels } from "./labels.js";
import { containerSecurityContext, podSecurityContext, serviceAccount } from "./pod-security.js";
import { formatBytes } from "../../model/quantity.js";
import { resourceRequirements } from "./resources.js";
import type { KubeObject } from "./workload-objects.js";

/** Every Kubernetes object an in-cluster backing resource becomes, in a fixed order. */
export function backendObjects(app: string, namespace: string, r: ResourceModel): KubeObject[] {
  const spec = BACKENDS[r.kind];
  const labels = partLabels(app, r);
  const selector = selectorLabels(app, r);
  const persistent = r.storageBytes !== undefined;
  const extra = spec.container(r);
  // The root file system is read-only: the data volume and the image's scratch paths are the only writable places.
  const volumes = [...(persistent ? [] : ["data"]), ...spec.scratch.map((d) => d.name)].map((name) => ({ name, emptyDir: {} }));
  const statefulSet: KubeObject = {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: r.name, namespace, labels },
    spec: {
      serviceName: headlessServiceName(r.name),
      replicas: 1,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: r.name,
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: podSecurityContext(spec.runAsUser),
          terminationGracePeriodSeconds: 30,
          containers: [
            {
              name: r.name,
              image: spec.image(r.version),
              ...(extra.command ? { command: extra.command } : {}),
              ...(extra.args ? { args: extra.args } : {}),
              ports: [{ name: spec.portName, containerPort: spec.port, protocol: "TCP" }],
              ...(extra.env ? { env: extra.env } : {}),
              resources: resourceRequirements(r.resources),
              readinessProbe: spec.probe,
              livenessProbe: { ...spec.probe, initialDelaySeconds: 30 },
              ...(extra.lifecycle ? { lifecycle: extra.lifecycle } : {}),
              volumeMounts: [{ name: "data", mountPath: spec.dataPath }, ...spec.scratch.map((d) => ({ name: d.name, mountPath: d.path }))],
              securityContext: containerSecurityContext(true),
            },
          ],
          ...(volumes.length > 0 ? { volumes } : {}),
        },
      },
      ...(persistent
        ? {
            volumeClaimTemplates: [
              {
                metadata: { name: "data", labels: selector },
                spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: formatBytes(r.storageBytes!) } } },
              },
            ],
          }
        : {}),
    },
  };
  const ports = [{ name: spec.portName, port: spec.port, targetPort: spec.port, protocol: "TCP" }];
  return [
    serviceAccount(r.name, namespace, labels),
    statefulSet,
    { apiVersion: "v1", kind: "Service", metadata: { name: headlessServiceName(r.name), namespace, labels }, spec: { clusterIP: "None", publishNotReadyAddresses: true, selector, ports } },
    { apiVersion: "v1", kind: "Service", metadata: { name: r.name, namespace, labels }, spec: { type: "ClusterIP", selector, ports } },
  ];
}
