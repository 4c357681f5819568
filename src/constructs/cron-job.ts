/** A container run to completion on a schedule. */
import type { Construct } from "constructs";
import { z } from "zod";
import { cronProblem } from "../model/cron.js";
import { cronSchema } from "./schemas.js";
import { Workload, workloadFields, type WorkloadProps } from "./workload.js";

/** Props of a `CronJob`. */
export interface CronJobProps extends WorkloadProps {
  /**
   * When to run, as a five-field cron expression, e.g. `"0 3 * * *"` (03:00 every day), or a
   * macro such as `"@daily"`; as a Kubernetes CronJob reads it (day of the week 0-6 or SUN-SAT).
   */
  readonly schedule: string;
  /** IANA time zone of the schedule, e.g. `"Europe/Berlin"`. Default UTC. */
  readonly timeZone?: string;
}

/**
 * True for a schedule a Kubernetes CronJob accepts and that fires: five fields or a macro
 * such as `@daily` (see `cron.ts`).
 */
export function isCronExpression(schedule: string): boolean {
  return cronProblem(schedule) === undefined;
}

const cronJobSchema = z.strictObject({
  ...workloadFields,
  schedule: cronSchema,
  timeZone: z.string().regex(/^[A-Za-z_]+(\/[A-Za-z_+-]+)*$/, { message: 'expected an IANA time zone such as "Europe/Berlin"' }).optional(),
});

/**
 * A scheduled job: runs a container to completion on a cron schedule.
 *
 * ```ts
 * new CronJob(app, "nightly", { image: "ghcr.io/acme/report:2.0.0", schedule: "0 3 * * *" }).connect(db);
 * ```
 */
export class CronJob extends Workload {
  /** @inheritdoc */
  readonly partKind = "cronjob" as const;
  /** @inheritdoc */
  declare readonly props: CronJobProps;

  constructor(scope: Construct, id: string, props: CronJobProps) {
    super(scope, id, props, "CronJob", cronJobSchema);
  }
}
