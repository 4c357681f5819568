/** A long-running workload that serves on a port: a Deployment, or a StatefulSet with a volume. */
import type { Construct } from "constructs";
import { z } from "zod";
import type { AccessMode, Connectable } from "./connection.js";
import { portSchema, publicSchema, replicasSchema, volumeSchema } from "./schemas.js";
import { Workload, workloadFields, type WorkloadProps } from "./workload.js";

/**
 * How the platform checks that a service is healthy. `startupSeconds` is how long it may take
 * to start (default: up to 10 s before liveness checks begin); a slow starter such as a JVM
 * gets a startup probe that holds the other checks back that long.
 */
export type HealthCheck =
  | { readonly protocol: "http"; readonly path: string; readonly startupSeconds?: number }
  | { readonly protocol: "grpc"; readonly startupSeconds?: number }
  | { readonly protocol: "tcp"; readonly startupSeconds?: number }
  | { readonly protocol: "none" };

/** A scheduled minimum for the autoscaler: from `cron` (five fields, UTC) on, keep at least `min` replicas. */
export interface ScheduledMinimum {
  readonly cron: string;
  readonly min: number;
}

/**
 * Replicas: a fixed count, or a range for the autoscaler with the average utilisation (in
 * percent of the requests) it keeps: `targetCpuPercent` default 70, `targetMemoryPercent`
 * default 80. `schedule` raises and lowers the autoscaler's minimum at set times, ahead of
 * known peaks (`skyweave rightsize` writes it).
 */
export type Replicas =
  | number
  | {
      readonly min: number;
      readonly max?: number;
      readonly targetCpuPercent?: number;
      readonly targetMemoryPercent?: number;
      readonly schedule?: readonly ScheduledMinimum[];
    };

/**
 * A public service's address: `host` is the DNS name its Ingress serves (TLS for it comes
 * from the cluster's `ingress.clusterIssuer`, or a Secret `<service>-tls` you provide);
 * `path` the path prefix routed to it (default `/`).
 */
export interface PublicAddress {
  readonly host?: string;
  readonly path?: string;
}

/** Props of a `Service`. */
export interface ServiceProps extends WorkloadProps {
  /** The port the container listens on. Required to be connected to or public. */
  readonly port?: number;
  /**
   * The port other workloads use to reach the service, when it differs from the container's
   * `port` (e.g. 80 in front of 8080). Default: `port`.
   */
  readonly servicePort?: number;
  /**
   * Reachable from the internet through the cluster's ingress controller (an Ingress with
   * TLS), or an AWS load balancer. `true`, or `{ host, path }`. Default false. Needs `port`.
   */
  readonly public?: boolean | PublicAddress;
  /** Replica count, or `{ min, max }` for autoscaling. Default 1. */
  readonly replicas?: Replicas;
  /** Readiness and liveness check. Default: a TCP check on `port` (none without a port). */
  readonly healthCheck?: HealthCheck;
  /** A persistent volume per replica; makes the service stateful (a StatefulSet). */
  readonly volume?: { readonly path: string; readonly sizeGiB: number };
}

const startupSecondsSchema = z
  .number()
  .int({ message: "expected whole seconds" })
  .min(1, { message: "expected between 1 and 3600 seconds" })
  .max(3600, { message: "expected between 1 and 3600 seconds" })
  .optional();

const healthCheckSchema = z.discriminatedUnion(
  "protocol",
  [
    z.strictObject({ protocol: z.literal("http"), path: z.string().startsWith("/", { message: 'expected a path such as "/healthz"' }), startupSeconds: startupSecondsSchema }),
    z.strictObject({ protocol: z.literal("grpc"), startupSeconds: startupSecondsSchema }),
    z.strictObject({ protocol: z.literal("tcp"), startupSeconds: startupSecondsSchema }),
    z.strictObject({ protocol: z.literal("none") }),
  ],
  { message: 'expected { protocol: "http", path, startupSeconds? } or { protocol: "grpc" | "tcp", startupSeconds? } or { protocol: "none" }' },
);

const serviceSchema = z
  .strictObject({
    ...workloadFields,
    port: portSchema.optional(),
    servicePort: portSchema.optional(),
    public: publicSchema.optional(),
    replicas: replicasSchema.optional(),
    healthCheck: healthCheckSchema.optional(),
    volume: volumeSchema.optional(),
  })
  .refine((p) => !p.public || p.port !== undefined, { message: "a public service needs a port", path: ["public"] })
  .refine((p) => p.servicePort === undefined || p.port !== undefined, { message: "servicePort needs a port", path: ["servicePort"] })
  .refine((p) => p.healthCheck === undefined || p.healthCheck.protocol === "none" || p.port !== undefined, {
    message: "a health check needs a port",
    path: ["healthCheck"],
  });

/**
 * A service: replicas of a container behind a stable address. With `volume` it is stateful
 * (each replica keeps its own disk), like a database you run yourself.
 *
 * ```ts
 * const web = new Service(app, "web", { image: "ghcr.io/acme/web:1.4.2", port: 8080, public: true });
 * web.connect(db);
 * ```
 */
export class Service extends Workload implements Connectable {
  /** @inheritdoc */
  readonly partKind = "service" as const;
  /** @inheritdoc */
  declare readonly props: ServiceProps;
  /** Other workloads may connect with `readwrite` when the service has a port. */
  readonly supportedAccess: readonly AccessMode[];
  /** @inheritdoc */
  readonly defaultAccess: AccessMode = "readwrite";

  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id, props, "Service", serviceSchema);
    this.supportedAccess = this.props.port === undefined ? [] : ["readwrite"];
  }

  /** True when the service keeps state on a volume (it becomes a StatefulSet). */
  get stateful(): boolean {
    return this.props.volume !== undefined;
  }
}
