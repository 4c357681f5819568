/**
 * Renders the managed data services of an AwsTarget as @pulumi/aws code: RDS, ElastiCache,
 * SQS and S3, each with its own security group (RDS, ElastiCache) whose only ingress rules
 * come from connections.
 */
import { AWS_NAME_LIMITS, autoNamed } from "./auto-name.js";
import { ec2Description } from "./ec2-description.js";
import { identifier, str } from "../pulumi/code.js";
import { stringList } from "./literals.js";
import { eksImport, existingClusterConfigKeys } from "./module-names.js";
import type { BucketSpec, CacheSpec, DatabaseSpec, IngressRuleSpec, QueueSpec } from "./resources.js";

/** Length of generated database passwords and cache AUTH tokens (letters and digits). */
export const AWS_PASSWORD_LENGTH = 32;

/** Days Secrets Manager waits before deleting a database secret. */
export const SECRET_RECOVERY_DAYS = 7;

/** Context every block needs. */
export interface DataContext {
  readonly app: string;
  readonly target: string;
  /** The imported network module's identifier. */
  readonly net: string;
  readonly ingress: readonly IngressRuleSpec[];
  /** Clusters the stack creates; the others are existing ones whose node security group is in config. */
  readonly createdClusters: ReadonlySet<string>;
}

/** The exported variables of a part in the module: the resource, its password (when any). */
export function dataVariables(part: string): { resource: string; password: string; securityGroup: string } {
  return { resource: identifier(part), password: identifier(part, "password"), securityGroup: identifier(part, "security-group") };
}

function securityGroup(ctx: DataContext, part: string, what: string): string {
  const { securityGroup: sg } = dataVariables(part);
  const rules = ctx.ingress
    .filter((r) => r.to === part)
    .map((rule, i) => {
      const from = rule.from;
      const source =
        from.kind === "cidr"
          ? `cidrIpv4: ${str(from.cidr)}`
          : from.kind === "fargate"
            ? `referencedSecurityGroupId: ${taskSecurityGroupVariable(from.part)}.id`
            : ctx.createdClusters.has(from.target)
              ? `referencedSecurityGroupId: ${eksImport(from.target)}.clusterSecurityGroupId`
              : `referencedSecurityGroupId: config.require(${str(existingClusterConfigKeys(from.target).securityGroupId)})`;
      const label = from.kind === "cluster" ? from.target : from.kind === "fargate" ? `${from.part}-tasks` : `cidr-${i}`;
      return `new aws.vpc.SecurityGroupIngressRule(
  ${str(`${ctx.target}-${part}-from-${label}`)},
  { securityGroupId: ${sg}.id, ${source}, ipProtocol: "tcp", fromPort: ${rule.port}, toPort: ${rule.port}, description: ${str(ec2Description(rule.because.join(", ")))} },
  { provider },
);`;
    });
  return `/** ${what}: no rule but the connections' (A → B on B's port); no egress. */
export const ${sg} = new aws.ec2.SecurityGroup(
  ${str(`${ctx.target}-${part}`)},
  { vpcId: ${ctx.net}.vpcId, description: ${str(ec2Description(`${ctx.app}/${part}: only its connections`))}, tags: { Name: ${str(`${ctx.app}-${part}`)} } },
  { provider },
);
${rules.join("\n")}`;
}

/** The variable of a Fargate workload's task security group (created in the AwsTarget's module, so data services can admit it). */
export function taskSecurityGroupVariable(part: string): string {
  return identifier(part, "tasks-security-group");
}

/** The security group of a Fargate workload's tasks: ingress only from its load balancer (fargate module); egress to HTTPS (and, with `renderTaskEgress`, to its data services). */
export function renderTaskSecurityGroup(ctx: DataContext, part: string, path: string): string {
  const sg = taskSecurityGroupVariable(part);
  const n = `${ctx.target}-${part}-tasks`;
  return `/** The tasks of ${path} (Fargate). */
export const ${sg} = new aws.ec2.SecurityGroup(
  ${str(n)},
  { vpcId: ${ctx.net}.vpcId, description: ${str(ec2Description(`${ctx.app}/${part} tasks`))}, tags: { Name: ${str(`${ctx.app}-${part}-tasks`)} } },
  { provider },
);
/** Image pulls and AWS APIs (SQS, S3, Secrets Manager, CloudWatch Logs) over HTTPS. */
new aws.vpc.SecurityGroupEgressRule(${str(`${n}-https`)}, { securityGroupId: ${sg}.id, cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "HTTPS" }, { provider });
`;
}

/** The egress rules from a Fargate workload's tasks to the data services it connects to (after those services' security groups). */
export function renderTaskEgress(ctx: DataContext, part: string, dataPorts: readonly { to: string; port: number }[]): string {
  const sg = taskSecurityGroupVariable(part);
  const n = `${ctx.target}-${part}-tasks`;
  return dataPorts
    .map(
      (d) => `new aws.vpc.SecurityGroupEgressRule(
  ${str(`${n}-to-${d.to}`)},
  { securityGroupId: ${sg}.id, referencedSecurityGroupId: ${dataVariables(d.to).securityGroup}.id, ipProtocol: "tcp", fromPort: ${d.port}, toPort: ${d.port}, description: ${str(ec2Description(`${part} → ${d.to}`))} },
  { provider },
);`,
    )
    .join("\n");
}

/** An RDS instance, its password in Secrets Manager, subnet group and security group. */
export function renderDatabase(ctx: DataContext, d: DatabaseSpec): string {
  const v = dataVariables(d.part);
  const n = `${ctx.target}-${d.part}`;
  const logs = d.engine === "postgres" ? ["postgresql", "upgrade"] : ["error", "slowquery"];
  return `// ---- ${d.path}: RDS for ${d.engine === "postgres" ? "PostgreSQL" : "MySQL"} ${d.engineVersion}, ${d.instanceClass}

/** The master password: generated, kept encrypted in Pulumi's state and in Secrets Manager. */
export const ${v.password} = new random.RandomPassword(${str(`${n}-password`)}, { length: ${AWS_PASSWORD_LENGTH}, special: false });
/** The credentials in Secrets Manager, for tools and rotation. */
export const ${identifier(d.part, "secret")} = new aws.secretsmanager.Secret(${str(n)}, { description: ${str(`Master credentials of ${d.path}`)}, recoveryWindowInDays: ${SECRET_RECOVERY_DAYS} }, { provider });
${securityGroup(ctx, d.part, `Who may connect to ${d.path}`)}
const ${identifier(d.part, "subnets")} = new aws.rds.SubnetGroup(${str(n)}, { subnetIds: ${ctx.net}.privateSubnetIds, description: ${str(`Private subnets of ${d.path}`)} }, { provider });

/** ${d.path}: private, encrypted, backed up for ${d.backupRetentionDays} days, protected from deletion. */
export const ${v.resource} = new aws.rds.Instance(
  ${str(n)},
  {
    engine: ${str(d.engine)},
    engineVersion: ${str(d.engineVersion)},
    instanceClass: ${str(d.instanceClass)},
    allocatedStorage: ${d.storageGiB},
    storageType: "gp3",
    dbName: ${str(d.dbName)},
    username: ${str(d.username)},
    password: ${v.password}.result,
    port: ${d.port},
    dbSubnetGroupName: ${identifier(d.part, "subnets")}.name,
    vpcSecurityGroupIds: [${v.securityGroup}.id],
    publiclyAccessible: ${d.publiclyAccessible},
    storageEncrypted: ${d.storageEncrypted},
    backupRetentionPeriod: ${d.backupRetentionDays},
    deletionProtection: ${d.deletionProtection},
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: ${str(`${ctx.app}-${d.part}-final`)},
    copyTagsToSnapshot: true,
    autoMinorVersionUpgrade: true,
    enabledCloudwatchLogsExports: ${stringList(logs)},
  },
  { provider },
);
/** Fargate tasks read \`password\` and \`url\` from here as ECS secrets. */
new aws.secretsmanager.SecretVersion(
  ${str(n)},
  {
    secretId: ${identifier(d.part, "secret")}.id,
    secretString: pulumi.jsonStringify({
      engine: ${str(d.engine)},
      host: ${v.resource}.address,
      port: ${d.port},
      username: ${str(d.username)},
      password: ${v.password}.result,
      dbname: ${str(d.dbName)},
      url: pulumi.interpolate\`${d.engine === "postgres" ? "postgres" : "mysql"}://${d.username}:\${${v.password}.result}@\${${v.resource}.address}:${d.port}/${d.dbName}\`,
    }),
  },
  { provider },
);
`;
}

/** An ElastiCache (Redis OSS or Valkey) replication group with transit and at-rest encryption and an AUTH token. */
export function renderCache(ctx: DataContext, c: CacheSpec): string {
  const v = dataVariables(c.part);
  const n = `${ctx.target}-${c.part}`;
  return `// ---- ${c.path}: ElastiCache (${c.engine === "redis" ? "Redis OSS" : "Valkey"} ${c.engineVersion}), ${c.nodeType}
${c.authToken ? `\n/** The AUTH token clients send: generated, kept encrypted in Pulumi's state. */\nexport const ${v.password} = new random.RandomPassword(${str(`${n}-auth-token`)}, { length: ${AWS_PASSWORD_LENGTH}, special: false });\n` : ""}
${securityGroup(ctx, c.part, `Who may connect to ${c.path}`)}
const ${identifier(c.part, "subnets")} = new aws.elasticache.SubnetGroup(${str(n)}, { subnetIds: ${ctx.net}.privateSubnetIds, description: ${str(`Private subnets of ${c.path}`)} }, { provider });

/** ${c.path}: one node in private subnets, TLS in transit, encrypted at rest. */
export const ${v.resource} = new aws.elasticache.ReplicationGroup(
  ${str(autoNamed(n, AWS_NAME_LIMITS.replicationGroup))},
  {
    description: ${str(c.path)},
    engine: ${str(c.engine)},
    engineVersion: ${str(c.engineVersion)},
    nodeType: ${str(c.nodeType)},
    numCacheClusters: 1,
    port: ${c.port},
    subnetGroupName: ${identifier(c.part, "subnets")}.name,
    securityGroupIds: [${v.securityGroup}.id],
    atRestEncryptionEnabled: ${c.atRestEncryption},
    transitEncryptionEnabled: ${c.transitEncryption},
    ${c.authToken ? `authToken: ${v.password}.result,` : ""}
    snapshotRetentionLimit: 1,
    autoMinorVersionUpgrade: true,
  },
  { provider },
);
/** The endpoint and AUTH token in Secrets Manager: Fargate tasks read \`password\` and \`url\` from here as ECS secrets. */
export const ${identifier(c.part, "secret")} = new aws.secretsmanager.Secret(${str(n)}, { description: ${str(`Connection of ${c.path}`)}, recoveryWindowInDays: ${SECRET_RECOVERY_DAYS} }, { provider });
new aws.secretsmanager.SecretVersion(
  ${str(n)},
  {
    secretId: ${identifier(c.part, "secret")}.id,
    secretString: pulumi.jsonStringify({
      host: ${v.resource}.primaryEndpointAddress,
      port: ${c.port},
      ${c.authToken ? `password: ${v.password}.result,` : ""}
      url: pulumi.interpolate\`rediss://${c.authToken ? `:\${${v.password}.result}@` : ""}\${${v.resource}.primaryEndpointAddress}:${c.port}\`,
    }),
  },
  { provider },
);
`.replace(/\n +\n/g, "\n");
}

/** An SQS queue with server-side encryption and a dead-letter queue. */
export function renderQueue(ctx: DataContext, q: QueueSpec): string {
  const v = dataVariables(q.part);
  const n = `${ctx.target}-${q.part}`;
  const dlq = identifier(q.part, "dead-letters");
  return `// ---- ${q.path}: SQS with a dead-letter queue

/** Messages received ${q.maxReceiveCount} times without being deleted land here, for 14 days. */
export const ${dlq} = new aws.sqs.Queue(${str(`${n}-dlq`)}, { sqsManagedSseEnabled: ${q.sseEnabled}, messageRetentionSeconds: 1209600 }, { provider });
/** ${q.path}: encrypted at rest by SQS. */
export const ${v.resource} = new aws.sqs.Queue(
  ${str(n)},
  {
    sqsManagedSseEnabled: ${q.sseEnabled},
    messageRetentionSeconds: ${q.messageRetentionSeconds},
    receiveWaitTimeSeconds: 20,
    redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: ${dlq}.arn, maxReceiveCount: ${q.maxReceiveCount} }),
  },
  { provider },
);
`;
}

/** An S3 bucket: public access blocked, encrypted, versioned, TLS only, owner-enforced. */
export function renderBucket(ctx: DataContext, b: BucketSpec): string {
  const v = dataVariables(b.part).resource;
  const n = `${ctx.target}-${b.part}`;
  return `// ---- ${b.path}: S3

/** ${b.path}: a unique name from its prefix. */
export const ${v} = new aws.s3.Bucket(${str(n)}, { bucketPrefix: ${str(`${ctx.app}-${b.part}-`.slice(0, 37))} }, { provider });
${
  b.blockPublicAccess
    ? `new aws.s3.BucketPublicAccessBlock(
  ${str(n)},
  { bucket: ${v}.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
  { provider },
);\n`
    : ""
}new aws.s3.BucketOwnershipControls(${str(n)}, { bucket: ${v}.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, { provider });
${
  b.encryption
    ? `new aws.s3.BucketServerSideEncryptionConfiguration(
  ${str(n)},
  { bucket: ${v}.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: ${str(b.encryption)} }, bucketKeyEnabled: true }] },
  { provider },
);\n`
    : ""
}${b.versioning ? `new aws.s3.BucketVersioning(${str(n)}, { bucket: ${v}.id, versioningConfiguration: { status: "Enabled" } }, { provider });\n` : ""}${
    b.enforceTls
      ? `new aws.s3.BucketPolicy(
  ${str(n)},
  {
    bucket: ${v}.id,
    policy: pulumi.jsonStringify({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [${v}.arn, pulumi.interpolate\`\${${v}.arn}/*\`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    }),
  },
  { provider },
);\n`
      : ""
  }`;
}
