/** A part's requests and limits as Kubernetes quantities. */
import type { IResourceRequirements } from "kubernetes-models/v1/ResourceRequirements";
import type { Resources } from "../../model/app-model.js";
import { formatBytes, formatCpu } from "../../model/quantity.js";

/** Kubernetes resource requirements for one container. */
export function resourceRequirements(r: Resources): IResourceRequirements {
  const gpu = (n: number): Record<string, string> => (n > 0 ? { "nvidia.com/gpu": String(n) } : {});
  return {
    requests: { cpu: formatCpu(r.requests.cpuMillicores), memory: formatBytes(r.requests.memoryBytes), ...gpu(r.requests.gpus) },
    limits: { cpu: formatCpu(r.limits.cpuMillicores), memory: formatBytes(r.limits.memoryBytes), ...gpu(r.limits.gpus) },
  };
}
