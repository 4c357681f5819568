/** Defaults the model applies where the user said nothing. Documented in the README. */
import type { ResourceModel } from "./app-model.js";

/** Requests of a workload that names no `cpu` / `memory`. */
export const WORKLOAD_DEFAULT_REQUESTS = { cpu: "100m", memory: "128Mi" } as const;

/** The user id workloads run as when they name none: non-root, as the restricted Pod Security Standard requires. */
export const DEFAULT_RUN_AS_USER = 1000;

/** A CPU limit defaults to this multiple of the request (memory limit = request). */
export const CPU_LIMIT_FACTOR = 2;

/** In-cluster sizing and versions of backing resources. */
export const RESOURCE_DEFAULTS: Record<ResourceModel["kind"], { cpu: string; memory: string; version?: string; storageGiB?: number; auth: boolean }> = {
  postgres: { cpu: "250m", memory: "512Mi", version: "16", storageGiB: 20, auth: true },
  mysql: { cpu: "250m", memory: "512Mi", version: "8.4", storageGiB: 20, auth: true },
  redis: { cpu: "100m", memory: "128Mi", version: "7.4", auth: true },
  queue: { cpu: "100m", memory: "128Mi", storageGiB: 10, auth: true },
  bucket: { cpu: "100m", memory: "256Mi", storageGiB: 20, auth: true },
};

/** Utilisation targets of the autoscaler, in percent of the requests, unless set on `replicas`. */
export const AUTOSCALING_DEFAULTS = { targetCpuPercent: 70, targetMemoryPercent: 80 } as const;

/** Seconds a replica gets between SIGTERM and SIGKILL (Kubernetes' own default). */
export const DEFAULT_TERMINATION_GRACE_SECONDS = 30;
