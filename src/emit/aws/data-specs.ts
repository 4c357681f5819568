/**
 * The managed data services of parts the solver put on an `AwsTarget`: RDS, ElastiCache, SQS
 * and S3, secure by default (encrypted, private, backed up, public access blocked).
 */
import { InputError } from "../../errors.js";
import type { ResourceModel } from "../../model/app-model.js";
import type { PartPlacement } from "../../solver/placement.js";
import { cacheEngine } from "./cache-engine.js";
import type { BucketSpec, CacheSpec, DatabaseSpec, QueueSpec } from "./resources.js";

/** Days RDS keeps automated backups. */
export const RDS_BACKUP_RETENTION_DAYS = 7;
/** The database and user created on RDS: the same names in-cluster databases use. */
export const RDS_DB_NAME = "app";
/** The master user of created databases. */
export const RDS_USERNAME = "app";
/** Receives of a message before SQS moves it to the dead-letter queue. */
export const SQS_MAX_RECEIVE_COUNT = 5;
/** SQS's default retention, when the Queue sets none. */
export const SQS_DEFAULT_RETENTION_SECONDS = 345_600;

const RDS_DEFAULT_VERSION = { postgres: "16", mysql: "8.4" } as const;
const RDS_PORT = { postgres: 5432, mysql: 3306 } as const;
const GIB = 2 ** 30;

/** The instance class or node type in a placement's `service` (`RDS db.t4g.micro` → `db.t4g.micro`). */
export function instanceTypeOf(decision: PartPlacement): string {
  const type = decision.service?.split(" ")[1];
  if (type === undefined) {
    throw new InputError(`the placement runs ${decision.path} as ${decision.service ?? "an unnamed service"}, without an instance type`, {
      where: decision.path,
      fix: "place the app again with `skyweave synth` so placement.json names the instance class or node type.",
    });
  }
  return type;
}

/** An RDS instance for a managed Postgres or MySQL. */
export function databaseSpec(resource: ResourceModel & { kind: "postgres" | "mysql" }, decision: PartPlacement): DatabaseSpec {
  return {
    part: resource.name,
    path: resource.path,
    target: decision.target,
    region: decision.region,
    engine: resource.kind,
    engineVersion: resource.version ?? RDS_DEFAULT_VERSION[resource.kind],
    instanceClass: instanceTypeOf(decision),
    storageGiB: Math.max(20, Math.ceil((resource.storageBytes ?? 0) / GIB)),
    port: RDS_PORT[resource.kind],
    dbName: RDS_DB_NAME,
    username: RDS_USERNAME,
    storageEncrypted: true,
    publiclyAccessible: false,
    backupRetentionDays: RDS_BACKUP_RETENTION_DAYS,
    deletionProtection: true,
  };
}

/** An ElastiCache replication group for a managed Redis. */
export function cacheSpec(resource: ResourceModel, decision: PartPlacement): CacheSpec {
  return {
    part: resource.name,
    path: resource.path,
    target: decision.target,
    region: decision.region,
    nodeType: instanceTypeOf(decision),
    ...cacheEngine(resource.version ?? "7.1", resource.path),
    port: 6379,
    transitEncryption: true,
    atRestEncryption: true,
    authToken: resource.auth,
  };
}

/** An SQS queue (and its dead-letter queue) for a managed Queue. */
export function queueSpec(resource: ResourceModel, decision: PartPlacement): QueueSpec {
  return {
    part: resource.name,
    path: resource.path,
    target: decision.target,
    region: decision.region,
    messageRetentionSeconds: resource.retentionSeconds ?? SQS_DEFAULT_RETENTION_SECONDS,
    maxReceiveCount: SQS_MAX_RECEIVE_COUNT,
    sseEnabled: true,
  };
}

/** An S3 bucket for a managed Bucket. */
export function bucketSpec(resource: ResourceModel, decision: PartPlacement): BucketSpec {
  return {
    part: resource.name,
    path: resource.path,
    target: decision.target,
    region: decision.region,
    blockPublicAccess: true,
    versioning: true,
    encryption: "AES256",
    enforceTls: true,
  };
}
