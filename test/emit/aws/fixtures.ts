/** Apps that put every kind of backing resource on AWS next to a cluster, for the AWS emit tests. */
import { App, AwsTarget, Bucket, CronJob, KubernetesCluster, MySql, Postgres, Queue, Redis, Service, Worker, emit, loadCatalog, place, toModel } from "../../../src/index.js";

/** Options of `mixedApp()`. */
export interface MixedAppOptions {
  readonly provider?: "eks" | "existing";
  /** Leave out the connection nightly → db. */
  readonly withoutNightlyDb?: boolean;
}

/**
 * A cluster (EKS by default) with web, mailer and nightly pinned to it, and Postgres, MySQL, Redis, a queue
 * and a bucket pinned to an AwsTarget, connected with every access mode.
 */
export function mixedApp(options: MixedAppOptions = {}): App {
  const app = new App("mixed");
  const main = new KubernetesCluster(app, "main", {
    region: "us-east-1",
    provider: options.provider ?? "eks",
    nodePools: [
      { name: "general", instanceTypes: ["m7i.large", "c7i.large"], maxNodes: 6 },
      { name: "memory", instanceTypes: ["r7i.large"], maxNodes: 3 },
    ],
  });
  const aws = new AwsTarget(app, "aws", { region: "us-east-1" });
  const on = { placement: { on: [aws] } };
  // The workloads stay on the cluster (Fargate would be cheaper for some): this app tests the mixed case.
  const onCluster = { placement: { on: [main] } };
  const db = new Postgres(app, "db", { version: "16", storageGiB: 50, ...on });
  const legacy = new MySql(app, "legacy", on);
  const cache = new Redis(app, "cache", on);
  const jobs = new Queue(app, "jobs", on);
  const uploads = new Bucket(app, "uploads", on);
  new Service(app, "web", { image: "ghcr.io/acme/web:1.4.2", port: 8080, public: true, cpu: "500m", memory: "512Mi", replicas: { min: 3, max: 6 }, ...onCluster })
    .connect(db)
    .connect(legacy)
    .connect(cache)
    .connect(jobs, "send")
    .connect(uploads, "write");
  new Worker(app, "mailer", { image: "ghcr.io/acme/mailer:1.0.0", cpu: "1", memory: "10Gi", ...onCluster }).connect(jobs, "consume").connect(uploads, "read");
  const nightly = new CronJob(app, "nightly", { image: "ghcr.io/acme/report:2.0.0", schedule: "0 3 * * *", ...onCluster }).connect(uploads, "readwrite").connect(jobs);
  if (!options.withoutNightlyDb) nightly.connect(db);
  return app;
}

const catalog = loadCatalog();

/** Model, placement and emitted files of an app. */
export async function synthApp(app: App) {
  const model = toModel(app);
  const placement = await place(model, catalog, { timeLimitSeconds: 1 });
  return { model, placement, files: emit(model, placement) };
}

/** Everything on one AwsTarget, no cluster: a public service, a worker and a weekly job on Fargate, next to RDS, ElastiCache, SQS and S3. */
export function fargateApp(): App {
  const app = new App("edge");
  new AwsTarget(app, "cloud", { region: "us-east-1" });
  const db = new Postgres(app, "db");
  const cache = new Redis(app, "cache");
  const jobs = new Queue(app, "jobs");
  const media = new Bucket(app, "media");
  new Service(app, "web", {
    image: "ghcr.io/acme/web:2.0.0",
    port: 8080,
    public: true,
    cpu: "300m",
    memory: "600Mi",
    replicas: { min: 2, max: 5, schedule: [{ cron: "50 7 * * 1-5", min: 4 }, { cron: "0 19 * * *", min: 2 }] },
    healthCheck: { protocol: "http", path: "/healthz" },
  })
    .connect(db)
    .connect(cache)
    .connect(jobs, "send");
  new Worker(app, "resizer", { image: "ghcr.io/acme/resizer:1.0.0", cpu: "1", memory: "2Gi" }).connect(jobs, "consume").connect(media, "readwrite");
  new CronJob(app, "digest", { image: "ghcr.io/acme/digest:1.0.0", schedule: "30 2 * * 1" }).connect(db).connect(media, "read");
  return app;
}
