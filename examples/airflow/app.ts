// Port of pulumi/examples aws-ts-airflow (../shared/corpus/pulumi-examples/aws-ts-airflow):
// Apache Airflow with the Celery executor: a web server, a scheduler, Flower and three workers,
// with Postgres as the metadata database and Redis as the Celery broker. Upstream runs the
// containers on an EC2-backed ECS cluster (at least four t2.xlarge) in the default VPC's public
// subnets, with RDS and ElastiCache in public subnets and a password from config. Here the
// containers run on an EKS cluster or Fargate, wherever the solver finds it cheaper; RDS and
// ElastiCache are private, encrypted and reachable only from the parts that connect to them.
import { App, AwsTarget, KubernetesCluster, Postgres, Redis, Service, Worker, type Connectable } from "skyweave";

const app = new App("airflow");
new KubernetesCluster(app, "main", {
  region: "us-east-1",
  provider: "eks",
  nodePools: [{ name: "general", instanceTypes: ["m7i.large", "m7i.xlarge", "c7i.xlarge"], maxNodes: 8 }],
});
new AwsTarget(app, "aws", { region: "us-east-1" });

const metadata = new Postgres(app, "metadata", { version: "16", storageGiB: 20 });
const broker = new Redis(app, "broker");

const image = "apache/airflow:2.10.3";
const env = { AIRFLOW__CORE__EXECUTOR: "CeleryExecutor" };
const uses = <T extends { connect(target: Connectable, options: { envPrefix: string }): T }>(part: T): T =>
  part.connect(metadata, { envPrefix: "POSTGRES" }).connect(broker, { envPrefix: "REDIS" });

uses(new Service(app, "webserver", { image, args: ["webserver"], port: 8080, public: true, cpu: "500m", memory: "1Gi", env, readOnlyRootFilesystem: false }));
uses(new Worker(app, "scheduler", { image, args: ["scheduler"], cpu: "500m", memory: "1Gi", env, readOnlyRootFilesystem: false }));
uses(new Service(app, "flower", { image, args: ["celery", "flower"], port: 5555, public: true, cpu: "250m", memory: "512Mi", env, readOnlyRootFilesystem: false }));
uses(new Worker(app, "worker", { image, args: ["celery", "worker"], replicas: 3, cpu: "1", memory: "2Gi", env, readOnlyRootFilesystem: false }));

export default app;
