/**
 * The Ingress of a public service: the cluster's ingress controller routes its host and path
 * to the service, with TLS from cert-manager (when the cluster names a ClusterIssuer and the
 * service a host) or from a Secret `<service>-tls` the user provides.
 */
import type { KubernetesTargetModel, WorkloadModel } from "../../model/app-model.js";
import { partLabels, portName } from "./labels.js";
import type { KubeObject } from "./kube-object.js";

/** The ingress settings of a cluster in the model. */
export type IngressSettings = KubernetesTargetModel["ingress"];

/** The Secret that holds a public service's TLS certificate. */
export function tlsSecretName(service: string): string {
  return `${service}-tls`;
}

/** The Ingress that exposes a public service through the cluster's controller. */
export function ingressObject(app: string, namespace: string, w: WorkloadModel, settings: IngressSettings): KubeObject {
  const host = w.publicAddress?.host;
  const path = w.publicAddress?.path ?? "/";
  const issued = host !== undefined && settings.clusterIssuer !== undefined;
  const backend = { service: { name: w.name, port: { name: portName(w) } } };
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: {
      name: w.name,
      namespace,
      labels: partLabels(app, w),
      ...(issued ? { annotations: { "cert-manager.io/cluster-issuer": settings.clusterIssuer! } } : {}),
    },
    spec: {
      ingressClassName: settings.className,
      tls: [{ ...(host !== undefined ? { hosts: [host] } : {}), secretName: tlsSecretName(w.name) }],
      rules: [{ ...(host !== undefined ? { host } : {}), http: { paths: [{ path, pathType: "Prefix", backend }] } }],
    },
  };
}
