/**
 * The AppModel: plain, versioned, JSON-serialisable data that describes an app. It is the
 * contract between declaring an app and placing it; nothing after `toModel()` sees a
 * construct. CPU is in millicores and memory/storage in bytes, parsed once.
 */
import { z } from "zod";

/** The model version this library writes and reads. */
export const APP_MODEL_VERSION = "skyweave.dev/v1alpha1" as const;

/** Requests or limits of one replica. */
export const ResourceVectorSchema = z.object({
  /** CPU in millicores. */
  cpuMillicores: z.number().int().positive(),
  /** Memory in bytes. */
  memoryBytes: z.number().int().positive(),
  /** GPUs (requests only). */
  gpus: z.number().int().min(0),
});
/** Requests or limits of one replica. */
export type ResourceVector = z.infer<typeof ResourceVectorSchema>;

/** What one replica asks for and may use. */
export const ResourcesSchema = z.object({ requests: ResourceVectorSchema, limits: ResourceVectorSchema });
/** What one replica asks for and may use. */
export type Resources = z.infer<typeof ResourcesSchema>;

/** A part's placement constraints, with targets resolved to ids. */
export const ConstraintsSchema = z.object({
  /** Target ids the part may run on; empty means any. */
  on: z.array(z.string()),
  /** Regions the part may run in; empty means any. */
  regions: z.array(z.string()),
  spread: z.enum(["node", "zone"]).optional(),
  gpuModel: z.string().optional(),
});
/** A part's placement constraints. */
export type Constraints = z.infer<typeof ConstraintsSchema>;

const NodePoolSchema = z.object({
  name: z.string(),
  instanceTypes: z.array(z.string()).min(1),
  minNodes: z.number().int().min(0),
  maxNodes: z.number().int().min(1),
});

/** A target in the model. */
export const TargetModelSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("kubernetes"),
    id: z.string(),
    path: z.string(),
    region: z.string(),
    provider: z.enum(["eks", "existing"]),
    nodePools: z.array(NodePoolSchema).min(1),
    /** The ingress controller public services go through. */
    ingress: z.object({ className: z.string(), controllerNamespace: z.string(), clusterIssuer: z.string().optional() }),
  }),
  z.object({ kind: z.literal("aws"), id: z.string(), path: z.string(), region: z.string() }),
]);
/** A target in the model. */
export type TargetModel = z.infer<typeof TargetModelSchema>;
/** A Kubernetes cluster target in the model. */
export type KubernetesTargetModel = Extract<TargetModel, { kind: "kubernetes" }>;

/** A health check in the model. */
export const HealthCheckSchema = z.discriminatedUnion("protocol", [
  z.object({ protocol: z.literal("http"), path: z.string(), startupSeconds: z.number().int().positive().optional() }),
  z.object({ protocol: z.literal("grpc"), startupSeconds: z.number().int().positive().optional() }),
  z.object({ protocol: z.literal("tcp"), startupSeconds: z.number().int().positive().optional() }),
]);

/** A scheduled change of a workload's minimum replicas: from `cron` (UTC) on, keep at least `min`. */
export const ScheduleStepSchema = z.object({ cron: z.string(), min: z.number().int().min(0) });
/** A scheduled change of a workload's minimum replicas. */
export type ScheduleStep = z.infer<typeof ScheduleStepSchema>;

const partFields = {
  /** The part's name: unique in the app, a DNS label (the Kubernetes name and host name). */
  name: z.string(),
  /** The construct path, for messages. */
  path: z.string(),
  resources: ResourcesSchema,
  constraints: ConstraintsSchema,
};

/** A service, worker or cron job. */
export const WorkloadModelSchema = z.object({
  ...partFields,
  kind: z.enum(["service", "worker", "cronjob"]),
  image: z.string(),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  /** Plain environment variables the user set (connections add theirs at emit). */
  env: z.record(z.string(), z.string()),
  replicas: z.object({
    min: z.number().int().min(0),
    max: z.number().int().min(0),
    /** Scheduled changes of the autoscaler's minimum (predictive scaling); cron times are UTC. */
    schedule: z.array(ScheduleStepSchema).optional(),
  }),
  port: z.number().int().optional(),
  /** The port clients use (the Kubernetes Service port); equals `port` unless set. */
  servicePort: z.number().int().optional(),
  public: z.boolean(),
  /** A public service's host name and path prefix (its Ingress rule). */
  publicAddress: z.object({ host: z.string().optional(), path: z.string() }).optional(),
  /** Average utilisation, in percent of the requests, that the autoscaler keeps. */
  autoscaling: z.object({ targetCpuPercent: z.number().int(), targetMemoryPercent: z.number().int() }),
  /** Seconds between SIGTERM and SIGKILL. */
  terminationGracePeriodSeconds: z.number().int().positive(),
  /** The non-root user (and group) id the containers run as. */
  runAsUser: z.number().int().positive(),
  /** Whether the root file system is read-only (with a writable `/tmp`). */
  readOnlyRootFilesystem: z.boolean(),
  /** More writable directories (emptyDirs) besides `/tmp`. */
  writablePaths: z.array(z.string()),
  /** Capabilities added after dropping all (only NET_BIND_SERVICE is allowed). */
  addCapabilities: z.array(z.literal("NET_BIND_SERVICE")),
  healthCheck: HealthCheckSchema.optional(),
  /** A persistent volume per replica; present means stateful. */
  volume: z.object({ path: z.string(), sizeBytes: z.number().int().positive() }).optional(),
  schedule: z.string().optional(),
  timeZone: z.string().optional(),
});
/** A service, worker or cron job. */
export type WorkloadModel = z.infer<typeof WorkloadModelSchema>;

/** A backing resource: Postgres, MySQL, Redis, queue or bucket. */
export const ResourceModelSchema = z.object({
  ...partFields,
  kind: z.enum(["postgres", "mysql", "redis", "queue", "bucket"]),
  version: z.string().optional(),
  /** Persistent storage, when the resource keeps data on disk. */
  storageBytes: z.number().int().positive().optional(),
  /** Whether clients authenticate with a password. */
  auth: z.boolean(),
  retentionSeconds: z.number().int().optional(),
});
/** A backing resource. */
export type ResourceModel = z.infer<typeof ResourceModelSchema>;

/** A connection from a workload to a service or resource. */
export const ConnectionModelSchema = z.object({
  from: z.string(),
  to: z.string(),
  access: z.enum(["send", "consume", "read", "write", "readwrite"]),
  envPrefix: z.string(),
});
/** A connection from a workload to a service or resource. */
export type ConnectionModel = z.infer<typeof ConnectionModelSchema>;

/** The whole app. */
export const AppModelSchema = z.object({
  version: z.literal(APP_MODEL_VERSION),
  app: z.string(),
  targets: z.array(TargetModelSchema),
  workloads: z.array(WorkloadModelSchema),
  resources: z.array(ResourceModelSchema),
  connections: z.array(ConnectionModelSchema),
});
/** The whole app, as data. */
export type AppModel = z.infer<typeof AppModelSchema>;

/** A workload or backing resource: anything placed. */
export type PartModel = WorkloadModel | ResourceModel;

/** True when the part is a workload (service, worker, cron job), not a backing resource. */
export function isWorkloadModel(part: PartModel): part is WorkloadModel {
  return part.kind === "service" || part.kind === "worker" || part.kind === "cronjob";
}
