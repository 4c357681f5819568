// Port of pulumi/examples aws-ts-pern-voting-app (../shared/corpus/pulumi-examples/aws-ts-pern-voting-app):
// PostgreSQL, an Express API and a React client. Upstream builds a VPC, an RDS instance open to
// 0.0.0.0/0 on every port with a public IP, and two Fargate services with public IPs behind load
// balancers. Here the database is private and encrypted, reachable only from the API, with a
// generated password; both services are public behind load balancers (the client's browser calls
// the API's public URL, as upstream). Left out: the dynamic provider that creates the schema and
// the limited SQL user (run the upstream creation script as a migration in the server image).
import { App, AwsTarget, Postgres, Service } from "skyweave";

const app = new App("pern-voting-app");
new AwsTarget(app, "aws", { region: "us-east-1" });

const votes = new Postgres(app, "votes", { version: "16", storageGiB: 20 });

new Service(app, "server", {
  image: "ghcr.io/acme/pern-voting-server:1.0.0", // upstream: built from ./serverside
  port: 5000,
  public: true,
  cpu: "250m",
  memory: "512Mi",
  healthCheck: { protocol: "http", path: "/health" },
}).connect(votes, { envPrefix: "RDS" }); // RDS_HOST, RDS_PORT, RDS_NAME, RDS_USER, RDS_PASSWORD, RDS_URL

new Service(app, "client", {
  image: "ghcr.io/acme/pern-voting-client:1.0.0", // upstream: built from ./clientside
  port: 3000,
  public: true,
  cpu: "250m",
  memory: "512Mi",
});

export default app;
