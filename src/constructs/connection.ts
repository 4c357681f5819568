/** Connections between parts of an app, and the access modes that drive IAM and network rules. */

/**
 * How a workload uses what it connects to. `send` / `consume` are for queues; `read`,
 * `write` and `readwrite` for buckets; databases, caches and services take `readwrite`.
 */
export type AccessMode = "send" | "consume" | "read" | "write" | "readwrite";

/** Every access mode, in a fixed order. */
export const ACCESS_MODES: readonly AccessMode[] = ["send", "consume", "read", "write", "readwrite"];

/** Options of a connection beyond its access mode. */
export interface ConnectOptions {
  /** How the workload uses the target. Default: the target's default mode. */
  readonly access?: AccessMode;
  /**
   * Prefix of the environment variables the connection sets, e.g. `"PRODUCT_CATALOG_SERVICE"`
   * gives `PRODUCT_CATALOG_SERVICE_ADDR`. Default: the target's id in upper snake case.
   */
  readonly envPrefix?: string;
}

/** Something a workload can connect to: a `Service` with a port, or a backing resource. */
export interface Connectable {
  /** The construct's node (its path names it in errors). */
  readonly node: { readonly path: string; readonly root: unknown; readonly id: string };
  /** The access modes this target supports. */
  readonly supportedAccess: readonly AccessMode[];
  /** The access mode used when a connection names none. */
  readonly defaultAccess: AccessMode;
}

/** A connection recorded on a workload. */
export interface ConnectionRecord {
  /** What the workload connects to. */
  readonly target: Connectable;
  /** How it uses it. */
  readonly access: AccessMode;
  /** Prefix of the environment variables, if the user chose one. */
  readonly envPrefix?: string;
}

/** The default environment variable prefix for a target id: `redis-cart` → `REDIS_CART`. */
export function defaultEnvPrefix(id: string): string {
  return id.replace(/-/g, "_").toUpperCase();
}
