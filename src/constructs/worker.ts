/** A long-running workload with no port: it pulls work (from a queue, a schedule, a stream). */
import type { Construct } from "constructs";
import { z } from "zod";
import { replicasSchema } from "./schemas.js";
import type { Replicas } from "./service.js";
import { Workload, workloadFields, type WorkloadProps } from "./workload.js";

/** Props of a `Worker`. */
export interface WorkerProps extends WorkloadProps {
  /** Replica count, or `{ min, max }` for autoscaling. Default 1. */
  readonly replicas?: Replicas;
}

const workerSchema = z.strictObject({ ...workloadFields, replicas: replicasSchema.optional() });

/**
 * A background worker: replicas of a container that serve no port.
 *
 * ```ts
 * new Worker(app, "mailer", { image: "ghcr.io/acme/mailer:1.0.0" }).connect(jobs, "consume");
 * ```
 */
export class Worker extends Workload {
  /** @inheritdoc */
  readonly partKind = "worker" as const;
  /** @inheritdoc */
  declare readonly props: WorkerProps;

  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id, props, "Worker", workerSchema);
  }
}
