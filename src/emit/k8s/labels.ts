/** Names and labels every emitted Kubernetes object shares. */
import type { PartModel, WorkloadModel } from "../../model/app-model.js";

/** Labels on every object of a part (also on its pods). */
export function partLabels(app: string, part: PartModel): Record<string, string> {
  return {
    "app.kubernetes.io/name": part.name,
    "app.kubernetes.io/component": part.kind,
    "app.kubernetes.io/part-of": app,
    "app.kubernetes.io/managed-by": "skyweave",
  };
}

/** The labels that select a part's pods (a stable subset of `partLabels`). */
export function selectorLabels(app: string, part: PartModel): Record<string, string> {
  return { "app.kubernetes.io/name": part.name, "app.kubernetes.io/part-of": app };
}

/** The name of the Secret that holds a backing resource's credentials. */
export function credentialsSecretName(partName: string): string {
  return `${partName}-credentials`;
}

/** The name of the headless Service that gives a StatefulSet's pods stable DNS names. */
export function headlessServiceName(partName: string): string {
  return `${partName}-headless`;
}

/** The name of a workload's port, which tells meshes and ingress controllers its protocol. */
export function portName(w: WorkloadModel): string {
  return w.healthCheck?.protocol === "grpc" ? "grpc" : w.healthCheck?.protocol === "http" ? "http" : "tcp";
}
