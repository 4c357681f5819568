/**
 * Workloads the solver put on an AwsTarget, as ECS Fargate tasks: the task size rounded up to
 * a valid Fargate size, the tasks from `replicas`, the cron schedule in EventBridge Scheduler
 * syntax, and the environment their connections give them.
 */
import { parseCron, type CronField, type CronRange } from "../../model/cron.js";
import { InputError } from "../../errors.js";
import type { ConnectionModel, ResourceModel, WorkloadModel } from "../../model/app-model.js";
import { fargateTaskSize } from "../../solver/catalog/fargate.js";
import type { PartPlacement } from "../../solver/placement.js";
import { RDS_DB_NAME, RDS_USERNAME } from "./data-specs.js";
import type { FargateSpec, TaskEnvSpec } from "./resources.js";

/** Days CloudWatch keeps a Fargate workload's logs. */
export const FARGATE_LOG_RETENTION_DAYS = 30;

/**
 * A Kubernetes cron schedule (`m h dom mon dow`, or a macro such as `@daily`) as an
 * EventBridge Scheduler (and Application Auto Scaling) expression: `cron(m h dom mon dow year)`.
 * The schedule is parsed as Kubernetes parses it (`parseCron`), then written in AWS's own
 * syntax (docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based):
 * numbers instead of names; `*` for any (Kubernetes also reads `?` so); a step that runs to
 * the field's end as `start/step` (the form AWS documents, e.g. `0/15`; a step after `*` is
 * not in its grammar), any other step, and every step in the day of the week (which has no
 * `/` in AWS), as the list of its values; days of the week numbered from 1 (Sunday) instead
 * of 0; and `?` in the day field left open, as AWS requires one of the two to be `?`.
 */
export function schedulerExpression(schedule: string, where: string): string {
  const parsed = parseCron(schedule);
  if (!parsed.ok) {
    throw new InputError(`schedule "${schedule}" is not a cron expression Kubernetes accepts: ${parsed.problem}`, { where, fix: parsed.fix });
  }
  const { minute, hour, dayOfMonth, month, dayOfWeek } = parsed.schedule;
  if (!dayOfMonth.star && !dayOfWeek.star) {
    throw new InputError(`schedule "${schedule}" sets both a day of the month and a day of the week, which EventBridge Scheduler cannot run on Fargate`, {
      where,
      fix: "keep one of the two day fields \"*\", or pin the cron job to a cluster with placement: { on: [<your KubernetesCluster>] }.",
    });
  }
  const dom = dayOfWeek.star ? awsField(dayOfMonth, 31) : "?";
  const dow = dayOfWeek.star ? "?" : awsDaysOfWeek(dayOfWeek);
  return `cron(${awsField(minute, 59)} ${awsField(hour, 23)} ${dom} ${awsField(month, 12)} ${dow} *)`;
}

/** A minute, hour, day-of-month or month field in AWS cron syntax; `max` is the field's largest value. */
function awsField(field: CronField, max: number): string {
  if (field.star) return "*";
  return field.ranges
    .map((r) => {
      if (r.step === 1) return r.start === r.end ? String(r.start) : `${r.start}-${r.end}`;
      if (r.end === max) return `${r.start}/${r.step}`;
      return valuesOf(r).join(",");
    })
    .join(",");
}

/**
 * A day-of-week field numbered from 1 (Sunday). AWS cron has no step (`/`) in this field,
 * so a step is written out as the list of its days (`1-5/2` → `2,4,6`).
 */
function awsDaysOfWeek(field: CronField): string {
  return field.ranges
    .map((r) => {
      if (r.step > 1) return valuesOf(r).map((d) => d + 1).join(",");
      return r.start === r.end ? String(r.start + 1) : `${r.start + 1}-${r.end + 1}`;
    })
    .join(",");
}

/** The values a range selects. */
function valuesOf(r: CronRange): number[] {
  const values: number[] = [];
  for (let v = r.start; v <= r.end; v += r.step) values.push(v);
  return values;
}

/** The environment a Fargate task gets from one connection to a managed part. */
function connectionEnv(resource: ResourceModel, prefix: string): TaskEnvSpec[] {
  const part = resource.name;
  switch (resource.kind) {
    case "postgres":
    case "mysql":
      return [
        { name: `${prefix}_HOST`, output: { part, field: "address" } },
        { name: `${prefix}_PORT`, value: resource.kind === "postgres" ? "5432" : "3306" },
        { name: `${prefix}_NAME`, value: RDS_DB_NAME },
        { name: `${prefix}_USER`, value: RDS_USERNAME },
        { name: `${prefix}_PASSWORD`, secret: { part, key: "password" } },
        { name: `${prefix}_URL`, secret: { part, key: "url" } },
      ];
    case "redis":
      return [
        { name: `${prefix}_HOST`, output: { part, field: "primaryEndpointAddress" } },
        { name: `${prefix}_PORT`, value: "6379" },
        { name: `${prefix}_TLS`, value: "true" },
        ...(resource.auth ? [{ name: `${prefix}_PASSWORD`, secret: { part, key: "password" } }] : []),
        { name: `${prefix}_URL`, secret: { part, key: "url" } },
      ];
    case "queue":
      return [
        { name: `${prefix}_NAME`, value: part },
        { name: `${prefix}_URL`, output: { part, field: "url" } },
      ];
    case "bucket":
      return [{ name: `${prefix}_BUCKET`, output: { part, field: "bucket" } }];
  }
}

/** The Fargate description of a workload the solver placed on an AwsTarget. */
export function fargateSpec(workload: WorkloadModel, decision: PartPlacement, connections: readonly ConnectionModel[], managed: ReadonlyMap<string, { resource: ResourceModel; decision: PartPlacement }>): FargateSpec {
  const { cpuMillicores, memoryBytes } = workload.resources.requests;
  const size = fargateTaskSize(cpuMillicores, memoryBytes);
  if (!size) throw new InputError(`no Fargate task size holds ${workload.path}'s requests`, { where: workload.path, fix: "lower cpu/memory, or pin it to a cluster." });
  const env: TaskEnvSpec[] = Object.keys(workload.env)
    .sort()
    .map((name) => ({ name, value: workload.env[name]! }));
  for (const c of connections) {
    const target = managed.get(c.to);
    if (!target || target.decision.target !== decision.target) {
      throw new InputError(`${workload.path} runs on Fargate (${decision.target}) and connects to ${c.to}, which does not run managed on the same AwsTarget`, {
        where: workload.path,
        fix: `pin both to one place: placement: { on: [<your AwsTarget>] } on ${c.to}, or placement: { on: [<your KubernetesCluster>] } on ${workload.path}.`,
      });
    }
    env.push(...connectionEnv(target.resource, c.envPrefix));
  }
  const replicas = workload.kind === "cronjob" ? { min: 1, max: 1 } : { min: Math.max(1, workload.replicas.min), max: Math.max(1, workload.replicas.min, workload.replicas.max) };
  return {
    part: workload.name,
    path: workload.path,
    target: decision.target,
    region: decision.region,
    kind: workload.kind,
    image: workload.image,
    ...(workload.command ? { command: workload.command } : {}),
    ...(workload.args ? { args: workload.args } : {}),
    cpu: size.cpu,
    memoryMiB: size.memoryMiB,
    ...(workload.port !== undefined ? { port: workload.port } : {}),
    public: workload.public,
    ...(workload.healthCheck?.protocol === "http" ? { healthCheckPath: workload.healthCheck.path } : {}),
    runAsUser: workload.runAsUser,
    readOnlyRootFilesystem: workload.readOnlyRootFilesystem,
    minTasks: replicas.min,
    maxTasks: replicas.max,
    // The same target and scheduled floors as the Kubernetes HPA of the workload would get.
    cpuTargetPercent: workload.autoscaling.targetCpuPercent,
    scheduledMinimums:
      replicas.max > replicas.min
        ? (workload.replicas.schedule ?? []).map((step) => ({ cron: schedulerExpression(step.cron, workload.path), minTasks: Math.max(replicas.min, Math.min(step.min, replicas.max)) }))
        : [],
    ...(workload.schedule !== undefined ? { schedule: schedulerExpression(workload.schedule, workload.path), timeZone: workload.timeZone ?? "UTC" } : {}),
    logRetentionDays: FARGATE_LOG_RETENTION_DAYS,
    env,
  };
}
