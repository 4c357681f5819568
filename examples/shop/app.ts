// The shop of DESIGN.md: an EKS cluster the stack creates, sized by the solver, and an
// AwsTarget that runs Postgres, Redis, the queue and the bucket as managed services (RDS,
// ElastiCache, SQS, S3; pinned there, as issue 6 asks). The public web service, the mail
// worker, the nightly report and the search service with its own disk run where the solver
// finds them cheapest: on the cluster, or on Fargate.
import { App, KubernetesCluster, AwsTarget, Service, Worker, CronJob, Postgres, Redis, Queue, Bucket } from "skyweave";

const app = new App("shop"); // stacks/shop/ is its output
new KubernetesCluster(app, "main", {
  region: "us-east-1",
  provider: "eks",
  nodePools: [{ name: "general", instanceTypes: ["m7i.large", "m7i.xlarge", "c7i.large"], maxNodes: 20 }],
  ingress: { clusterIssuer: "letsencrypt-prod" }, // cert-manager issues the TLS certificate of public hosts
});

const aws = new AwsTarget(app, "aws", { region: "us-east-1" });
const managed = { placement: { on: [aws] } };

const db = new Postgres(app, "db", { version: "16", storageGiB: 20, ...managed });
const cache = new Redis(app, "cache", managed);
const jobs = new Queue(app, "jobs", managed);
const uploads = new Bucket(app, "uploads", managed);

const web = new Service(app, "web", {
  image: "ghcr.io/acme/web:1.4.2",
  port: 8080,
  public: { host: "shop.example.com" }, // an Ingress with TLS through the cluster's ingress-nginx
  cpu: "250m",
  memory: "256Mi",
  replicas: { min: 2, max: 10 },
  env: { LOG_LEVEL: "info" },
  healthCheck: { protocol: "http", path: "/healthz" },
});
web.connect(db); // DB_HOST, DB_PORT, DB_USER, DB_NAME, DB_PASSWORD (from a Secret), DB_URL
web.connect(cache);
web.connect(jobs, "send");
web.connect(uploads, "write");

new Worker(app, "mailer", { image: "ghcr.io/acme/mailer:1.0.0", cpu: "100m", memory: "128Mi" }).connect(jobs, "consume");
new CronJob(app, "nightly", { image: "ghcr.io/acme/report:2.0.0", schedule: "0 3 * * *" }).connect(db);

// a stateful container: a Service with a volume becomes a StatefulSet
new Service(app, "search", {
  image: "elasticsearch:8.15.0",
  port: 9200,
  cpu: "1",
  memory: "2Gi",
  volume: { path: "/usr/share/elasticsearch/data", sizeGiB: 30 },
  readOnlyRootFilesystem: false, // Elasticsearch writes its keystore and logs under its own directory
});

export default app;
