/**
 * The slots a provider fills: which templates make up the app, their typed settings, and the
 * connections between them. This zod schema is the only thing a model (or the rule-based
 * provider, or the Compose importer) hands to the renderer; its `.describe()` texts become the
 * JSON schema the model sees.
 */
import { z } from "zod";

/** A DNS label id, as every construct id must be. */
const idSchema = z
  .string()
  .regex(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/, { message: 'expected a lower-case DNS label such as "web" or "redis-cache"' })
  .describe('Construct id: a lower-case DNS label such as "web", "db" or "redis-cache". Unique in the app.');

/**
 * What an image reference may be made of: a name such as `ghcr.io/acme/web:1.4.2` or
 * `redis@sha256:…`: letters, digits and `. _ - / : @`, starting with a letter or digit. No spaces,
 * quotes, line breaks or control characters.
 */
export const IMAGE_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._\/:@-]{0,511}$/;

/** One component of the app: a template and the slots it fills. */
export const ComponentSlotsSchema = z
  .strictObject({
    id: idSchema,
    template: z.string().min(1).describe("Name of the template this component uses (one of the templates listed in the instructions)."),
    image: z
      .string()
      .regex(IMAGE_REFERENCE, { message: 'an image reference is a name such as "ghcr.io/acme/web:1.4.2": letters, digits and . _ - / : @, no spaces' })
      .optional()
      .describe('Container image with a tag, e.g. "ghcr.io/acme/web:1.4.2". Leave out to use the template\'s image (or a placeholder for your own code).'),
    port: z.number().int().min(1).max(65535).optional().describe("Port the container listens on. Leave out for the template's default."),
    public: z.boolean().optional().describe("True when the component is reachable from the internet (the entry point: a proxy or front end)."),
    replicas: z.number().int().min(1).max(100).optional().describe("Number of replicas. Leave out for 1."),
    cpu: z.string().regex(/^\d+(\.\d+)?m?$/, { message: 'expected a CPU quantity such as "250m" or "1"' }).optional().describe('CPU request per replica, e.g. "250m".'),
    memory: z.string().regex(/^\d+(\.\d+)?(Ki|Mi|Gi|K|M|G)?$/, { message: 'expected a memory quantity such as "256Mi" or "1Gi"' }).optional().describe('Memory request per replica, e.g. "256Mi".'),
    env: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: "expected an environment variable name of letters, digits and underscores" }), z.string())
      .optional()
      .describe("Plain, non-secret environment variables. Never put passwords or keys here."),
    schedule: z.string().optional().describe('For cron jobs: a five-field cron expression such as "0 3 * * *".'),
    version: z.string().optional().describe('For databases and caches: the engine version, e.g. "16" for Postgres, "8.0" for MySQL, "7.4" for Redis.'),
    storageGiB: z.number().int().min(1).max(65536).optional().describe("Disk size in GiB for databases, buckets and stateful services."),
    volumePath: z.string().startsWith("/").optional().describe("For a stateful container: the path its data volume is mounted at, e.g. /data. Leave out for the template's default."),
    cpuLimit: z.string().regex(/^\d+(\.\d+)?m?$/, { message: 'expected a CPU quantity such as "500m" or "2"' }).optional().describe("CPU limit per replica. Leave out for twice the request."),
    memoryLimit: z.string().regex(/^\d+(\.\d+)?(Ki|Mi|Gi|K|M|G)?$/, { message: 'expected a memory quantity such as "512Mi"' }).optional().describe("Memory limit per replica. Leave out for the request."),
    healthPath: z.string().startsWith("/").optional().describe('HTTP path of the health check, e.g. "/healthz". Leave out for a TCP check.'),
    command: z.array(z.string()).optional().describe("Overrides the image's entrypoint."),
    args: z.array(z.string()).optional().describe("Overrides the image's arguments."),
  })
  .describe("One part of the app.");

/** One connection: `from` (a workload) uses `to`. */
export const ConnectionSlotsSchema = z
  .strictObject({
    from: idSchema.describe("Id of the component that calls or uses the other one (a web service, worker, cron job, proxy or front end)."),
    to: idSchema.describe("Id of the component it uses (a database, cache, queue, bucket or another service)."),
    access: z
      .enum(["send", "consume", "read", "write", "readwrite"])
      .optional()
      .describe("How `from` uses `to`: send/consume for queues, read/write/readwrite for buckets; leave out for the default."),
  })
  .describe("A connection: `from` gets the address and credentials of `to`, and network rules allow it.");

/** Everything a provider answers: the app name, its components and their connections. */
export const AppSlotsSchema = z
  .strictObject({
    app: idSchema.describe('Name of the app, a lower-case DNS label such as "shop".'),
    components: z.array(ComponentSlotsSchema).min(1, { message: "list at least one component" }).describe("The parts of the app."),
    connections: z.array(ConnectionSlotsSchema).describe("Who uses whom."),
  })
  .describe("A skyweave app, as templates with filled slots.");

/** One component's slots. */
export type ComponentSlots = z.infer<typeof ComponentSlotsSchema>;
/** One connection's slots. */
export type ConnectionSlots = z.infer<typeof ConnectionSlotsSchema>;
/** A whole answer: app, components, connections. */
export type AppSlots = z.infer<typeof AppSlotsSchema>;

/** The JSON schema of `AppSlotsSchema`, as sent to a model for structured output. */
export function appSlotsJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(AppSlotsSchema, { target: "draft-7" }) as Record<string, unknown>;
}
