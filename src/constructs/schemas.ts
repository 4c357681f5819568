/**
 * zod schemas for props shared by several constructs: quantities, names, env, placement.
 * Their messages say what is allowed, because they end up in the user's error.
 */
import { z } from "zod";
import { exactBytes, exactMillicores } from "../model/quantity.js";
import { isTarget, type Target } from "../targets/target.js";
import { cronProblem } from "../model/cron.js";
import { imageReferenceProblem } from "./image-reference.js";

/** A DNS-1123 label: what Kubernetes accepts as a name, and what a host name needs. */
export const DNS_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * The most CPU a replica may request or be limited to: 100000 cores. The largest machines
 * have fewer than 1000, so nothing real is refused, and the model's millicores (and the
 * default limit, twice the request) stay exact integers.
 */
export const MAX_CPU_MILLICORES = 100_000_000n;

/** The most memory a replica may request or be limited to: 1 PiB, more than any machine has (the largest have 32 TiB). */
export const MAX_MEMORY_BYTES = 1n << 50n;

/** A CPU quantity such as `"250m"`, `"0.5"` or `2`, at most 100000 cores. */
export const cpuSchema = z.union([z.string(), z.number()]).superRefine((q, ctx) => {
  const millicores = exactMillicores(q);
  if (millicores === undefined) {
    ctx.addIssue({ code: "custom", message: 'expected a CPU quantity in whole millicores, such as "250m", "0.5" or "2"' });
  } else if (millicores > MAX_CPU_MILLICORES) {
    ctx.addIssue({
      code: "custom",
      message: "expected at most 100000 cores; no machine has that many",
      params: { fix: 'request what one replica needs (e.g. cpu: "2") and scale out with replicas.' },
    });
  }
});

/** A memory quantity such as `"256Mi"` or `"2Gi"`, at most 1 PiB. */
export const memorySchema = z.union([z.string(), z.number()]).superRefine((q, ctx) => {
  const bytes = exactBytes(q);
  if (bytes === undefined) {
    ctx.addIssue({ code: "custom", message: 'expected a memory quantity in whole bytes, such as "128Mi", "1.5Gi" or "512M"' });
  } else if (bytes > MAX_MEMORY_BYTES) {
    ctx.addIssue({
      code: "custom",
      message: 'expected at most "1Pi"; no machine has that much memory',
      params: { fix: 'request what one replica needs (e.g. memory: "4Gi") and scale out with replicas.' },
    });
  }
});

/** A TCP port. */
export const portSchema = z
  .number({ message: "expected a port number between 1 and 65535" })
  .int({ message: "expected a whole port number between 1 and 65535" })
  .min(1, { message: "expected a port number between 1 and 65535" })
  .max(65535, { message: "expected a port number between 1 and 65535" });

/** A container image reference (see `image-reference.ts` for the grammar). */
export const imageSchema = z
  .string({ message: 'expected a container image such as "ghcr.io/acme/web:1.4.2"' })
  .min(1, { message: 'expected a container image such as "ghcr.io/acme/web:1.4.2"' })
  .superRefine((image, ctx) => {
    const problem = image === "" ? undefined : imageReferenceProblem(image);
    if (problem) ctx.addIssue({ code: "custom", message: problem.problem, params: { fix: problem.fix } });
  });

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

/**
 * The largest replica count: Kubernetes keeps `spec.replicas` and an HPA's `minReplicas` and
 * `maxReplicas` as 32-bit integers (k8s.io/api apps/v1 and autoscaling/v2 types, `int32`).
 */
export const MAX_REPLICAS = 2_147_483_647;

/** A whole number of replicas from `min` to `MAX_REPLICAS`. */
function replicaCount(min: number) {
  const message = `expected a whole number of replicas from ${min} to ${MAX_REPLICAS} (Kubernetes counts replicas in 32 bits)`;
  return z.number({ message }).refine((n) => Number.isInteger(n) && n >= min && n <= MAX_REPLICAS, {
    message,
    params: { fix: "give the number of copies to run, e.g. replicas: 3, or a range for the autoscaler, e.g. replicas: { min: 2, max: 10 }." },
  });
}

/** A scheduled minimum: from `cron` (UTC) on, the autoscaler keeps at least `min` replicas. */
export const scheduleStepSchema = z.strictObject({
  cron: cronSchema,
  min: replicaCount(0),
});

/** Replicas: a fixed count, or a range the autoscaler moves in (with its utilisation targets and a schedule of minimums). */
export const replicasSchema = z.union(
  [
    replicaCount(0),
    z
      .strictObject({
        min: replicaCount(0),
        max: replicaCount(1).optional(),
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

/** The most GPUs a replica may ask for: no machine has more than 16 (e.g. GCP a2-megagpu-16g); the catalog's largest have 8. */
export const MAX_GPUS = 16;

/** A GPU requirement. */
export const gpuSchema = z.strictObject({
  count: z
    .number({ message: `expected a whole number of GPUs from 1 to ${MAX_GPUS}` })
    .refine((n) => Number.isInteger(n) && n >= 1 && n <= MAX_GPUS, {
      message: `expected a whole number of GPUs from 1 to ${MAX_GPUS}; no machine has more`,
      params: { fix: "ask for the GPUs one replica needs, e.g. placement: { gpu: { count: 1 } }, and scale out with replicas." },
    }),
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

/**
 * The largest disk a part may ask for, in GiB: 64 TiB, the largest EBS volume (io2 Block
 * Express; gp3 goes to 16 TiB), GCE persistent disk and RDS storage for PostgreSQL and MySQL.
 * Sources: docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html,
 * cloud.google.com/compute/docs/disks (PD "up to 64 TiB"),
 * docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html.
 */
export const MAX_DISK_GIB = 65_536;

const DISK_FIX = "ask for at most 65536 GiB: 64 TiB is the largest EBS volume, GCE persistent disk or RDS database.";

/** A whole number of GiB of disk, 1 to 64 TiB. */
export const storageGiBSchema = z.number({ message: "expected a whole number of GiB" }).superRefine((gib, ctx) => {
  if (!Number.isInteger(gib)) ctx.addIssue({ code: "custom", message: "expected a whole number of GiB" });
  else if (gib < 1) ctx.addIssue({ code: "custom", message: "expected at least 1 GiB" });
  else if (gib > MAX_DISK_GIB) ctx.addIssue({ code: "custom", message: `expected at most ${MAX_DISK_GIB} GiB (64 TiB)`, params: { fix: DISK_FIX } });
});

/** A volume for a stateful service. */
export const volumeSchema = z.strictObject({
  path: z.string().startsWith("/", { message: "expected an absolute mount path such as /data" }),
  sizeGiB: z.number({ message: "expected a positive size in GiB" }).superRefine((gib, ctx) => {
    if (gib <= 0) ctx.addIssue({ code: "custom", message: "expected a positive size in GiB" });
    else if (gib > MAX_DISK_GIB) ctx.addIssue({ code: "custom", message: `expected at most ${MAX_DISK_GIB} GiB (64 TiB)`, params: { fix: DISK_FIX } });
  }),
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
