/** A Redis cache: ElastiCache when managed, a StatefulSet in a cluster. */
import type { Construct } from "constructs";
import { z } from "zod";
import { BackingResource, backingResourceFields, type BackingResourceProps } from "./backing-resource.js";
import { storageGiBSchema } from "./schemas.js";

/** Props of a `Redis`. */
export interface RedisProps extends BackingResourceProps {
  /** Redis version. Default `"7.4"`. */
  readonly version?: string;
  /** Require a password (given to connected workloads from a Secret). Default true. */
  readonly auth?: boolean;
  /** Keep data on a persistent volume of this many GiB. Default: no persistence (a cache). */
  readonly storageGiB?: number;
}

const redisSchema = z.strictObject({
  ...backingResourceFields,
  version: z.enum(["6.2", "7.0", "7.2", "7.4"], { message: 'expected a Redis version: "6.2", "7.0", "7.2" or "7.4"' }).optional(),
  auth: z.boolean().optional(),
  storageGiB: storageGiBSchema.optional(),
});

/**
 * A Redis cache. Connected workloads get `<ID>_HOST`, `_PORT`, `_ADDR`, `_PASSWORD` (when
 * `auth`) and `_URL`.
 */
export class Redis extends BackingResource<RedisProps> {
  constructor(scope: Construct, id: string, props?: RedisProps) {
    super(scope, id, props, { kind: "redis", className: "Redis", schema: redisSchema, supportedAccess: ["readwrite"], defaultAccess: "readwrite" });
  }
}
