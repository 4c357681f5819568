/** What services, workers and cron jobs share: an image, resources, env and connections. */
import type { Construct } from "constructs";
import { z } from "zod";
import { InputError } from "../errors.js";
import { ACCESS_MODES, type AccessMode, type Connectable, type ConnectionRecord, type ConnectOptions } from "./connection.js";
import { Part, type PlacementProps } from "./part.js";
import { cpuSchema, envSchema, gracePeriodSchema, imageSchema, memorySchema, placementSchema } from "./schemas.js";
import { requireAppScope } from "./scope.js";
import { show, validateProps } from "./validate-props.js";

/** Props every workload accepts. */
export interface WorkloadProps {
  /** Container image with a tag or digest, e.g. `"ghcr.io/acme/web:1.4.2"`. */
  readonly image: string;
  /** CPU each replica requests, e.g. `"250m"` or `"1"`. Default `"100m"`. */
  readonly cpu?: string | number;
  /** Memory each replica requests, e.g. `"256Mi"`. Default `"128Mi"`. */
  readonly memory?: string | number;
  /** CPU limit per replica. Default: twice `cpu`. */
  readonly cpuLimit?: string | number;
  /** Memory limit per replica. Default: equal to `memory`, so the pod is never overcommitted. */
  readonly memoryLimit?: string | number;
  /** Plain environment variables. Connections add their own. */
  readonly env?: Record<string, string>;
  /** Overrides the image's entrypoint. */
  readonly command?: string[];
  /** Overrides the image's arguments. */
  readonly args?: string[];
  /**
   * The non-root user id the container runs as (also its group and the volumes' group).
   * Default 1000, so images whose default user is root still start under the restricted
   * Pod Security Standard. Set it to the image's own user when files in the image need it
   * (e.g. 101 for nginx-unprivileged).
   */
  readonly runAsUser?: number;
  /**
   * Mount the container's root file system read-only, with a writable emptyDir at `/tmp`.
   * Default true. Set false for images that write elsewhere at run time (e.g. Elasticsearch).
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * More writable directories, each an emptyDir (lost on restart), for images that write
   * outside `/tmp` at run time, e.g. `["/var/cache/nginx"]`. An emptyDir hides what the
   * image has at that path.
   */
  readonly writablePaths?: string[];
  /**
   * Capabilities added back after all are dropped. The restricted Pod Security Standard
   * allows only `NET_BIND_SERVICE`: for a non-root process that listens on a port below 1024.
   */
  readonly addCapabilities?: "NET_BIND_SERVICE"[];
  /**
   * Seconds a replica gets to finish its work after SIGTERM before it is killed. Default 30.
   * Services also wait 5 s before SIGTERM, so load balancers stop sending to them first.
   */
  readonly terminationGracePeriodSeconds?: number;
  /** Where the workload may run. */
  readonly placement?: PlacementProps;
}

/** zod fields every workload validates. */
export const workloadFields = {
  image: imageSchema,
  cpu: cpuSchema.optional(),
  memory: memorySchema.optional(),
  cpuLimit: cpuSchema.optional(),
  memoryLimit: memorySchema.optional(),
  env: envSchema.optional(),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  readOnlyRootFilesystem: z.boolean().optional(),
  runAsUser: z.number().int().min(1, { message: "expected a non-root user id (1 or more)" }).max(2_147_483_647).optional(),
  writablePaths: z
    .array(z.string().regex(/^\/[^\s]*[^/\s]$/, { message: "expected absolute directory paths such as /var/cache/nginx" }))
    .refine((paths) => new Set(paths).size === paths.length, { message: "list each path once" })
    .refine((paths) => !paths.includes("/tmp"), { message: "/tmp is writable already (with readOnlyRootFilesystem)" })
    .optional(),
  addCapabilities: z
    .array(z.literal("NET_BIND_SERVICE", { message: 'the restricted Pod Security Standard allows adding only "NET_BIND_SERVICE"' }))
    .max(1)
    .optional(),
  terminationGracePeriodSeconds: gracePeriodSchema.optional(),
  placement: placementSchema.optional(),
};

/** Base class of `Service`, `Worker` and `CronJob`. */
export abstract class Workload extends Part {
  /** The validated props, defaults not yet applied (the model applies them). */
  readonly props: WorkloadProps;
  private readonly connectionList: ConnectionRecord[] = [];

  /** Checks the scope and id, validates `props` against `schema`, then joins the tree. */
  protected constructor(scope: Construct, id: string, props: WorkloadProps, className: string, schema: z.ZodType) {
    requireAppScope(scope, id, className);
    const valid = validateProps(scope.node.path ? `${scope.node.path}/${id}` : id, className, schema, props) as WorkloadProps;
    super(scope, id, valid.placement);
    this.props = valid;
  }

  /** The connections made so far, in the order they were made. */
  get connections(): readonly ConnectionRecord[] {
    return this.connectionList;
  }

  /**
   * Connects this workload to a service or backing resource. The workload gets environment
   * variables to reach it (host, port, URL, credentials from a Secret), and network and IAM
   * rules allow exactly this access.
   *
   * @param target a `Service` with a port, or a `Postgres`, `MySql`, `Redis`, `Queue` or `Bucket` of the same app
   * @param accessOrOptions the access mode (`"send"`, `"consume"`, `"read"`, `"write"`, `"readwrite"`), or options
   * @returns this workload, so calls chain
   */
  connect(target: Connectable, accessOrOptions?: AccessMode | ConnectOptions): this {
    const options: ConnectOptions = typeof accessOrOptions === "string" ? { access: accessOrOptions } : (accessOrOptions ?? {});
    const where = this.node.path;
    if (typeof target !== "object" || target === null || !("supportedAccess" in target)) {
      throw new InputError(`connect() was given ${show(target)}, which cannot be connected to`, {
        where,
        fix: "connect to a Service with a port, or to a Postgres, MySql, Redis, Queue or Bucket of the same app.",
      });
    }
    const targetPath = target.node.path;
    if ((target as unknown) === this) {
      throw new InputError("a workload cannot connect to itself", { where, fix: "remove the connect() call, or connect to another part." });
    }
    if (target.node.root !== this.node.root) {
      throw new InputError(`cannot connect to ${targetPath}: it belongs to another App`, {
        where,
        fix: "connect only to parts declared in the same App.",
      });
    }
    if (target.supportedAccess.length === 0) {
      throw new InputError(`cannot connect to ${targetPath}: it has no port to connect to`, {
        where,
        fix: `give ${targetPath} a \`port\`, or remove the connection.`,
      });
    }
    const access = options.access ?? target.defaultAccess;
    if (!ACCESS_MODES.includes(access) || !target.supportedAccess.includes(access)) {
      throw new InputError(`access mode ${show(access)} is not supported by ${targetPath}`, {
        where,
        fix: `use one of: ${target.supportedAccess.map((m) => `"${m}"`).join(", ")}.`,
      });
    }
    if (options.envPrefix !== undefined && !/^[A-Z_][A-Z0-9_]*$/.test(options.envPrefix)) {
      throw new InputError(`envPrefix ${show(options.envPrefix)} is not an environment variable prefix`, {
        where,
        fix: 'use upper-case letters, digits and underscores, such as "PRODUCT_CATALOG_SERVICE".',
      });
    }
    if (this.connectionList.some((c) => c.target === target)) {
      throw new InputError(`already connected to ${targetPath}`, {
        where,
        fix: "connect once per target; use the access mode that covers both uses (e.g. \"readwrite\").",
      });
    }
    this.connectionList.push({ target, access, ...(options.envPrefix !== undefined ? { envPrefix: options.envPrefix } : {}) });
    return this;
  }
}
