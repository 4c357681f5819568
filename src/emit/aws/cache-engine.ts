/**
 * The ElastiCache engine and version that serve a Redis of a given version. ElastiCache runs
 * Redis OSS only up to 7.1; the Redis OSS releases after it (7.2, 7.4) are served by Valkey,
 * the drop-in fork ElastiCache offers instead (AWS, "Engine versions and upgrading in
 * ElastiCache": node-based caches support Redis OSS 7.1 and earlier, and every Redis OSS 7.2
 * feature is in Valkey 7.2 and later).
 */
import { InputError } from "../../errors.js";

/** An ElastiCache engine and the `engineVersion` it is created with. */
export interface CacheEngine {
  readonly engine: "redis" | "valkey";
  readonly engineVersion: string;
}

/** The Redis OSS versions ElastiCache creates node-based caches with, as `engineVersion` values. */
const REDIS_OSS = new Map<string, string>([
  ["4.0", "4.0.10"],
  ["5.0", "5.0.6"],
  ["6.0", "6.0"],
  ["6.2", "6.2"],
  ["7.0", "7.0"],
  ["7.1", "7.1"],
]);

/**
 * Redis releases newer than ElastiCache's Redis OSS, and the Valkey version with all their
 * commands: 7.2 is Valkey 7.2; 7.4's hash-field expiration (HEXPIRE …) came to Valkey in 9.0.
 */
const VALKEY_FOR_REDIS = new Map<string, string>([
  ["7.2", "7.2"],
  ["7.4", "9.0"],
]);

/** The engine of a Redis `version` (`"7.4"`, `"7.1.0"`, `"7"`) on ElastiCache, or an InputError naming what it runs. */
export function cacheEngine(version: string, where: string): CacheEngine {
  const m = /^(\d+)(?:\.(\d+))?(?:\.\d+)?$/.exec(version.trim());
  const key = m ? `${m[1]}.${m[2] ?? "0"}` : version;
  const redis = REDIS_OSS.get(key);
  if (redis !== undefined) return { engine: "redis", engineVersion: redis };
  const valkey = VALKEY_FOR_REDIS.get(key);
  if (valkey !== undefined) return { engine: "valkey", engineVersion: valkey };
  throw new InputError(`ElastiCache cannot run Redis ${version}`, {
    where,
    fix: `use one of ${[...REDIS_OSS.keys(), ...VALKEY_FOR_REDIS.keys()].join(", ")}, or pin the Redis to a cluster with placement: { on: [<your KubernetesCluster>] }.`,
  });
}
