/** A container run to completion on a schedule. */
import type { Construct } from "constructs";
import { z } from "zod";
import { Workload, workloadFields, type WorkloadProps } from "./workload.js";

/** Props of a `CronJob`. */
export interface CronJobProps extends WorkloadProps {
  /** When to run, as a five-field cron expression, e.g. `"0 3 * * *"` (03:00 every day). */
  readonly schedule: string;
  /** IANA time zone of the schedule, e.g. `"Europe/Berlin"`. Default UTC. */
  readonly timeZone?: string;
}

const CRON_FIELD = /^(\*|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*$|^[A-Za-z]{3}(-[A-Za-z]{3})?$/;
const CRON_MACRO = /^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/;

/** True for a five-field cron expression or a macro such as `@daily`. */
export function isCronExpression(schedule: string): boolean {
  const text = schedule.trim();
  if (CRON_MACRO.test(text)) return true;
  const fields = text.split(/\s+/);
  return fields.length === 5 && fields.every((f) => CRON_FIELD.test(f));
}

const cronJobSchema = z.strictObject({
  ...workloadFields,
  schedule: z.string({ message: 'expected a cron expression such as "0 3 * * *"' }).refine(isCronExpression, {
    message: 'expected a five-field cron expression such as "0 3 * * *" (minute hour day month weekday) or @daily',
  }),
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
