/**
 * Ground truth for the pulumi-examples half of the gen quality bench: the architecture of each
 * program (`../shared/corpus/pulumi-examples/<example>/index.ts.txt`), annotated by reading
 * it. Kinds are the template categories the bench scores (`app` counts as `web`); a part with
 * no skyweave kind (DynamoDB, Athena) is written as `nosql` / `analytics` so that missing it
 * lowers recall. Connections are only those the program states (environment variables,
 * event subscriptions, handlers that use a resource); none are guessed from outside knowledge.
 */

/** One program's parts and connections, by kind. */
export interface ProgramTruth {
  readonly kinds: readonly string[];
  /** `fromKind->toKind` */
  readonly connections: readonly string[];
  /** What in the program each part is (for reviewers). */
  readonly evidence: string;
}

/** Truth per example folder. */
export const PULUMI_TRUTH: Readonly<Record<string, ProgramTruth>> = {
  "aws-ts-airflow": {
    kinds: ["postgres", "redis", "web", "web", "worker"],
    connections: ["web->postgres", "web->redis", "web->postgres", "web->redis", "worker->postgres", "worker->redis"],
    evidence: "aws.rds.Instance (postgres), aws.elasticache.Cluster (redis), EC2Services airflowcontroller and airflower (web, behind listeners), airflowworkers (worker); all get POSTGRES_HOST and REDIS_HOST",
  },
  "aws-ts-hello-fargate": {
    kinds: ["web"],
    connections: [],
    evidence: "one FargateService (5 replicas) from an image built from ./app, behind an ApplicationLoadBalancer",
  },
  "aws-ts-k8s-mern-voting-app": {
    kinds: ["mongodb", "web", "frontend"],
    connections: ["web->mongodb", "frontend->web"],
    evidence: "Deployments: database (MongoDB image, EBS volume), server (Express; MONGODB_ADDRESS), client (React; SERVER_HOSTNAME)",
  },
  "aws-ts-k8s-voting-app": {
    kinds: ["postgres", "web", "frontend"],
    connections: ["web->postgres", "frontend->web"],
    evidence: "Deployments: database (PostgreSQL image, EBS volume), server (POSTGRES_ADDRESS), client (SERVER_HOSTNAME)",
  },
  "aws-ts-lambda-thumbnailer": {
    kinds: ["bucket", "worker"],
    connections: ["worker->bucket"],
    evidence: "aws.s3.Bucket; a container-image aws.lambda.Function run by bucket.onObjectCreated that writes thumbnails back",
  },
  "aws-ts-pern-voting-app": {
    kinds: ["postgres", "web", "frontend"],
    connections: ["web->postgres", "frontend->web"],
    evidence: "aws.rds.Instance (postgres); FargateServices server (RDS_ADDRESS) and client (SERVER_HOSTNAME)",
  },
  "aws-ts-pulumi-miniflux": {
    kinds: ["postgres", "web"],
    connections: ["web->postgres"],
    evidence: "aws.rds.Instance (postgres); FargateService miniflux/miniflux with DATABASE_URL to it",
  },
  "aws-ts-ruby-on-rails": {
    kinds: ["web", "mysql"],
    connections: ["web->mysql"],
    evidence: "one aws.ec2.Instance whose user data installs Rails and a local MySQL the app uses",
  },
  "aws-ts-scheduled-function": {
    kinds: ["bucket", "cron"],
    connections: ["cron->bucket"],
    evidence: "aws.s3.Bucket; aws.cloudwatch.onSchedule function that empties it every Friday",
  },
  "aws-ts-serverless-raw": {
    kinds: ["web", "nosql"],
    connections: ["web->nosql"],
    evidence: "RestApi + aws.lambda.Function (C#/.NET) using an aws.dynamodb.Table",
  },
  "aws-ts-slackbot": {
    kinds: ["web", "queue", "worker", "nosql"],
    connections: ["web->queue", "worker->queue", "worker->nosql"],
    evidence: "RestAPI handler (CallbackFunction) that publishes to an aws.sns.Topic; messageTopic.onEvent processor using the aws.dynamodb.Table",
  },
  "aws-ts-thumbnailer": {
    kinds: ["bucket", "worker", "worker"],
    connections: ["worker->bucket", "worker->bucket"],
    evidence: "aws.s3.Bucket; onNewVideo function (bucket.onObjectCreated) that runs the ffmpegThumbTask Fargate task, which writes thumbnails to the bucket",
  },
  "aws-ts-twitter-athena": {
    kinds: ["cron", "bucket", "analytics"],
    connections: ["cron->bucket"],
    evidence: "aws.cloudwatch.EventRule every 2 minutes -> function writing to an aws.s3.Bucket; aws.athena.Database + NamedQuery",
  },
  "aws-ts-voting-app": {
    kinds: ["redis", "web"],
    connections: ["web->redis"],
    evidence: "FargateServices redis:alpine and a Flask frontend with REDIS and REDIS_PORT",
  },
  "kubernetes-ts-guestbook": {
    kinds: ["redis", "redis", "web"],
    connections: [],
    evidence: "Deployments redis-leader (redis), redis-replica, frontend (guestbook-php-redis, 3 replicas); hosts found by DNS, no wiring in the program",
  },
  "kubernetes-ts-nginx": {
    kinds: ["proxy"],
    connections: [],
    evidence: "one nginx:1.7.9 Deployment (nginx counts as the proxy kind, as in the compose ground truth)",
  },
  "kubernetes-ts-sock-shop": {
    kinds: ["web", "mongodb", "web", "mysql", "frontend", "web", "mongodb", "web", "worker", "queue", "web", "web", "mongodb"],
    connections: [],
    evidence: "13 Deployments: carts, carts-db (mongo), catalogue, catalogue-db (MySQL), front-end, orders, orders-db (mongo), payment, queue-master, rabbitmq, shipping, user, user-db (mongo); no wiring in the program",
  },
};
