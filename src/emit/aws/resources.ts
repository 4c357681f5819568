/**
 * The typed description of everything skyweave creates on AWS for one app: networks, EKS
 * clusters and node groups, managed data services, security-group rules and IAM roles. It is
 * built from the model and the placement (`awsResources()`), rendered to @pulumi/aws code
 * (`render-*.ts`), and checked by the AWS policy rules (src/policy/aws), so the rules check
 * exactly what is rendered.
 */

/** The VPC of one region: created by the stack, or an existing one read from Pulumi config. */
export interface NetworkSpec {
  readonly region: string;
  /**
   * `created`: a new VPC; `config`: an existing VPC and subnets from Pulumi config (a region
   * with an `existing` cluster); `none`: no VPC needed (only SQS and S3), just the provider.
   */
  readonly source: "created" | "config" | "none";
  /** The VPC's CIDR block (created VPCs). */
  readonly cidr: string;
  /** Availability zones used: one public and one private subnet (and one NAT gateway) in each. */
  readonly zones: number;
}

/** One EKS managed node group: one instance type of one pool, sized by the solver. */
export interface NodeGroupSpec {
  /** `<pool>-<instance type with dots as dashes>`, e.g. `general-m7i-large`. */
  readonly name: string;
  readonly pool: string;
  readonly instanceType: string;
  /** Nodes the solver bought: desired and minimum size. */
  readonly desiredSize: number;
  readonly minSize: number;
  /** The pool's `maxNodes` (room for a cluster autoscaler), at least `desiredSize`. */
  readonly maxSize: number;
  /** Kubernetes node labels, `skyweave.dev/pool` among them. */
  readonly labels: Readonly<Record<string, string>>;
}

/** An EKS cluster the stack creates for a `KubernetesCluster` with `provider: "eks"`. */
export interface EksClusterSpec {
  readonly target: string;
  readonly path: string;
  readonly region: string;
  readonly version: string;
  /** The control plane's log types sent to CloudWatch. */
  readonly logTypes: readonly string[];
  /** Days CloudWatch keeps the control plane's logs (0: forever, a policy finding). */
  readonly logRetentionDays: number;
  /** Encrypt Kubernetes Secrets with a KMS key of the stack. */
  readonly secretsEncryption: boolean;
  /** Managed policies of the cluster role and the node role. */
  readonly clusterPolicies: readonly string[];
  readonly nodePolicies: readonly string[];
  readonly nodeGroups: readonly NodeGroupSpec[];
}

/** An RDS database instance (Postgres or MySQL). */
export interface DatabaseSpec {
  readonly part: string;
  readonly path: string;
  readonly target: string;
  readonly region: string;
  readonly engine: "postgres" | "mysql";
  readonly engineVersion: string;
  readonly instanceClass: string;
  readonly storageGiB: number;
  readonly port: number;
  readonly dbName: string;
  readonly username: string;
  readonly storageEncrypted: boolean;
  readonly publiclyAccessible: boolean;
  readonly backupRetentionDays: number;
  readonly deletionProtection: boolean;
}

/** An ElastiCache replication group (Redis OSS). */
export interface CacheSpec {
  readonly part: string;
  readonly path: string;
  readonly target: string;
  readonly region: string;
  readonly nodeType: string;
  /** Redis OSS up to 7.1; Valkey for the Redis releases after it (cache-engine.ts). */
  readonly engine: "redis" | "valkey";
  readonly engineVersion: string;
  readonly port: number;
  readonly transitEncryption: boolean;
  readonly atRestEncryption: boolean;
  /** Clients authenticate with a generated AUTH token. */
  readonly authToken: boolean;
}

/** An SQS queue with its dead-letter queue. */
export interface QueueSpec {
  readonly part: string;
  readonly path: string;
  readonly target: string;
  readonly region: string;
  readonly messageRetentionSeconds: number;
  /** Receives before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /** SQS-managed server-side encryption. */
  readonly sseEnabled: boolean;
}

/** An S3 bucket. */
export interface BucketSpec {
  readonly part: string;
  readonly path: string;
  readonly target: string;
  readonly region: string;
  readonly blockPublicAccess: boolean;
  readonly versioning: boolean;
  /** Server-side encryption algorithm; undefined means none (a policy finding). */
  readonly encryption: "aws:kms" | "AES256" | undefined;
  /** Deny requests that do not use TLS (bucket policy). */
  readonly enforceTls: boolean;
}

/** Who may open a connection to a data service: a cluster's nodes, a Fargate workload's tasks, or a CIDR block. */
export type TrafficSource =
  | { readonly kind: "cluster"; readonly target: string }
  | { readonly kind: "fargate"; readonly part: string }
  | { readonly kind: "cidr"; readonly cidr: string };

/** One security-group ingress rule: a connection A → B on B's port. */
export interface IngressRuleSpec {
  /** The part whose security group the rule opens (RDS or ElastiCache). */
  readonly to: string;
  readonly port: number;
  readonly from: TrafficSource;
  /** The connections (`from → to`) that need the rule, for the description. */
  readonly because: readonly string[];
}

/** The ARN a statement grants access to: a part's own ARN, or its objects (`<bucket ARN>/*`). */
export interface ArnRef {
  readonly part: string;
  readonly objects?: boolean;
  /** A literal ARN or `*` (only crafted inputs use it: the builder never does). */
  readonly literal?: string;
}

/** One IAM policy statement (always `Allow`). */
export interface StatementSpec {
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resources: readonly ArnRef[];
}

/** Who assumes a workload role: pods of a ServiceAccount through EKS Pod Identity, or a Fargate task. */
export type RolePrincipal =
  | { readonly kind: "pod-identity"; readonly cluster: string; readonly namespace: string; readonly serviceAccount: string }
  | { readonly kind: "ecs-task" };

/** The role of one workload: exactly the actions of its connections' access modes. */
export interface WorkloadRoleSpec {
  readonly workload: string;
  readonly path: string;
  /** The AwsTarget whose module creates the role. */
  readonly target: string;
  readonly region: string;
  readonly principal: RolePrincipal;
  readonly statements: readonly StatementSpec[];
}

/** What a workload on a cluster needs to reach a managed part: Kubernetes objects the program creates. */
export interface ClusterBridgeSpec {
  readonly cluster: string;
  readonly part: string;
  readonly kind: "postgres" | "mysql" | "redis" | "queue" | "bucket";
  /** The AwsTarget that runs the part. */
  readonly target: string;
  /** Workloads on the cluster that connect to it. */
  readonly clients: readonly string[];
  /** The port (databases and caches); undefined for SQS and S3, reached over HTTPS. */
  readonly port?: number;
}

/** An environment variable of a Fargate task: a literal, an output of a managed part, or a key of its secret. */
export type TaskEnvSpec =
  | { readonly name: string; readonly value: string }
  | { readonly name: string; readonly output: { readonly part: string; readonly field: string } }
  | { readonly name: string; readonly secret: { readonly part: string; readonly key: string } };

/** A workload on ECS Fargate: a service (behind an ALB when public), a worker, or a scheduled task. */
export interface FargateSpec {
  readonly part: string;
  readonly path: string;
  readonly target: string;
  readonly region: string;
  readonly kind: "service" | "worker" | "cronjob";
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  /** Task size: CPU units (1024 = 1 vCPU) and memory in MiB, a valid Fargate combination. */
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly port?: number;
  readonly public: boolean;
  /** HTTP health-check path for the load balancer. */
  readonly healthCheckPath?: string;
  readonly runAsUser: number;
  readonly readOnlyRootFilesystem: boolean;
  /** Tasks: running (desired) and the target-tracking bounds. */
  readonly minTasks: number;
  readonly maxTasks: number;
  /** Average CPU utilisation target-tracking aims at, in percent. */
  readonly cpuTargetPercent: number;
  /**
   * Scheduled minimums (from `replicas.schedule`): from each `cron` on (an Application Auto
   * Scaling expression, UTC), target tracking keeps at least `minTasks` tasks.
   */
  readonly scheduledMinimums: readonly { readonly cron: string; readonly minTasks: number }[];
  /** EventBridge Scheduler expression (cron jobs), e.g. `cron(0 3 * * ? *)`. */
  readonly schedule?: string;
  readonly timeZone?: string;
  readonly logRetentionDays: number;
  readonly env: readonly TaskEnvSpec[];
}

/** Everything skyweave creates on AWS for one app. */
export interface AwsResources {
  readonly app: string;
  readonly networks: readonly NetworkSpec[];
  readonly clusters: readonly EksClusterSpec[];
  readonly databases: readonly DatabaseSpec[];
  readonly caches: readonly CacheSpec[];
  readonly queues: readonly QueueSpec[];
  readonly buckets: readonly BucketSpec[];
  readonly ingress: readonly IngressRuleSpec[];
  readonly roles: readonly WorkloadRoleSpec[];
  readonly bridges: readonly ClusterBridgeSpec[];
  readonly fargate: readonly FargateSpec[];
}
