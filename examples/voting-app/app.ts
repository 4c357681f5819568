// Port of pulumi/examples aws-ts-voting-app (../shared/corpus/pulumi-examples/aws-ts-voting-app):
// a Flask voting frontend and Redis on AWS. Upstream runs Redis as a Fargate container behind
// a public load balancer with a password from config; here Redis is whatever the solver picks
// on the AwsTarget (ElastiCache, with TLS and a generated AUTH token, reachable only from the
// frontend), and the frontend is a public service on Fargate. The upstream image is built from
// ./frontend; this port uses the published image of the same sample (azure-voting-app-redis).
import { App, AwsTarget, Redis, Service } from "skyweave";

const app = new App("voting-app");
new AwsTarget(app, "aws", { region: "us-east-1" });

const cache = new Redis(app, "cache");

new Service(app, "frontend", {
  image: "mcr.microsoft.com/azuredocs/azure-vote-front:v1",
  port: 80,
  public: true,
  cpu: "250m",
  memory: "512Mi",
  readOnlyRootFilesystem: false, // the sample's uwsgi/nginx image writes under /var and /run
}).connect(cache, { envPrefix: "REDIS" }); // REDIS_HOST, REDIS_PORT, REDIS_PASSWORD, REDIS_URL

export default app;
