/** Constructs: the user's surface for declaring an app. */
export { App } from "./app.js";
export { Part, isPart, type PartKind, type PlacementProps } from "./part.js";
export { Workload, type WorkloadProps } from "./workload.js";
export { Service, type ServiceProps, type HealthCheck, type Replicas, type PublicAddress, type ScheduledMinimum } from "./service.js";
export { Worker, type WorkerProps } from "./worker.js";
export { CronJob, isCronExpression, type CronJobProps } from "./cron-job.js";
export { BackingResource, type BackingResourceProps, type BackingResourceKind } from "./backing-resource.js";
export { Postgres, MySql, type DatabaseProps } from "./databases.js";
export { Redis, type RedisProps } from "./redis.js";
export { Queue, type QueueProps } from "./queue.js";
export { Bucket, type BucketProps } from "./bucket.js";
export { ACCESS_MODES, defaultEnvPrefix, type AccessMode, type ConnectOptions, type Connectable, type ConnectionRecord } from "./connection.js";
