/**
 * zod schemas for props shared by several constructs: quantities, names, env, placement.
 * Their messages say what is allowed, because they end up in the user's error.
 */
import { z } from "zod";
import { parseBytes, parseCpu } from "../model/quantity.js";
import { isTarget, type Target } from "../targets/target.js";
import { cronProblem } from "./cron.js";

/** A DNS-1123 label: what Kubernetes accepts as a name, and what a host name needs. */
export const DNS_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A CPU quantity such as `"250m"`, `"0.5"` or `2`. */
export const cpuSchema = z.union([z.string(), z.number()]).refine((q) => parseCpu(q) !== undefined, {
  message: 'expected a CPU quantity in whole millicores, such as "250m", "0.5" or "2"',
});

/** A memory quantity such as `"256Mi"` or `"2Gi"`. */
export const memorySchema = z.union([z.string(), z.number()]).refine((q) => parseBytes(q) !== undefined, {
  message: 'expected a memory quantity in whole bytes, such as "128Mi", "1.5Gi" or "512M"',
});

/** A TCP port. */
export const portSchema = z
  .number({ message: "expected a port number between 1 and 65535" })
  .int({ message: "expected a whole port number between 1 and 65535" })
  .min(1, { message: "expected a port number between 1 and 65535" })
  .max(65535, { message: "expected a port number between 1 and 65535" });

/** A container image reference with a tag or digest. */
export const imageSchema = z
  .string({ message: 'expected a container image such as "ghcr.io/acme/web:1.4.2"' })
  .min(1, { message: 'expected a container image such as "ghcr.io/acme/web:1.4.2"' })
  .refine((image) => !/\s/.test(image), { message: "an image reference has no spaces" });

/** Environment variables: upper-case-ish names to string values. */
export const envSchema = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
    message: "expected environment variable names of letters, digits and underscores, not starting with a digit",
  }),
  z.string({ message: "expected a string value (quote numbers and booleans)" }),
);

const utilisationPercent = z
  .number()
  .int({ message: "expected a whole percentage such as 70" })
  .min(10, { message: "expected a utilisation target between 10 and 100 percent" })
  .max(100, { message: "expected a utilisation target between 10 and 100 percent" });

/**
 * A cron schedule as a Kubernetes CronJob reads it (five fields or a macro such as `@daily`),
 * that fires at least once (see `cron.ts`).
 */
export const cronSchema = z.string({ message: 'expected a cron expression such as "0 3 * * *"' }).superRefine((text, ctx) => {
  const problem = cronProblem(text);
  if (problem === undefined) return;
  const message = problem.problem.startsWith("it never fires")
    ? problem.problem
    : `expected a five-field cron expression such as "0 3 * * *" (minute hour day month weekday) or @daily; ${problem.problem}`;
  ctx.addIssue({ code: "custom", message, params: { fix: problem.fix } });
});

/** A scheduled minimum: from `cron` (UTC) on, the autoscaler keeps at least `min` replicas. */
export const scheduleStepSchema = z.strictObject({
  cron: cronSchema,
  min: z.number().int().min(0),
});

/** Replicas: a fixed count, or a range the autoscaler moves in (with its utilisation targets and a schedule of minimums). */
export const replicasSchema = z.union(
  [
    z.number().int().min(0),
    z
      .strictObject({
        min: z.number().int().min(0),
        max: z.number().int().min(1).optional(),
        targetCpuPercent: utilisationPercent.optional(),
        targetMemoryPercent: utilisationPercent.optional(),
        schedule: z.array(scheduleStepSchema).min(1).optional(),
      })
      .refine((r) => r.max === undefined || r.max >= r.min, { message: "replicas.max must be at least replicas.min" })
      .refine((r) => r.schedule === undefined || (r.max !== undefined && r.max > r.min), { message: "a replicas.schedule needs an autoscaled range (max > min)" })
      .refine((r) => r.schedule === undefined || r.schedule.every((s) => s.min >= r.min && s.min <= (r.max ?? r.min)), {
        message: "every replicas.schedule step's min must lie between replicas.min and replicas.max",
      }),
  ],
  { message: "expected a whole number of replicas or { min, max, targetCpuPercent?, targetMemoryPercent?, schedule? } with min <= max" },
);

/** A GPU requirement. */
export const gpuSchema = z.strictObject({
  count: z.number().int().min(1, { message: "expected at least 1 GPU" }),
  model: z.string().min(1).optional(),
});

/** Where a part may run (see `PlacementProps`). */
export const placementSchema = z.strictObject({
  on: z
    .array(z.custom<Target>(isTarget, { message: "expected a KubernetesCluster or AwsTarget of this app" }))
    .min(1, { message: "list at least one target, or leave `on` out to let the solver choose" })
    .optional(),
  regions: z.array(z.string().min(1)).min(1).optional(),
  spread: z.enum(["node", "zone"]).optional(),
  gpu: gpuSchema.optional(),
});

/** A volume for a stateful service. */
export const volumeSchema = z.strictObject({
  path: z.string().startsWith("/", { message: "expected an absolute mount path such as /data" }),
  sizeGiB: z.number().positive({ message: "expected a positive size in GiB" }),
});

/** A public service's address: the host name its Ingress serves and the path prefix. */
export const publicSchema = z.union(
  [
    z.boolean(),
    z.strictObject({
      host: z
        .string()
        .regex(/^(\*\.)?([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,63}$/, { message: 'expected a DNS name such as "shop.example.com"' })
        .optional(),
      path: z.string().startsWith("/", { message: 'expected a path prefix such as "/" or "/api"' }).optional(),
    }),
  ],
  { message: 'expected true, or { host?: "shop.example.com", path?: "/" }' },
);

/** Seconds a pod gets between SIGTERM and SIGKILL. */
export const gracePeriodSchema = z
  .number()
  .int({ message: "expected whole seconds" })
  .min(1, { message: "expected between 1 and 3600 seconds" })
  .max(3600, { message: "expected between 1 and 3600 seconds" });
