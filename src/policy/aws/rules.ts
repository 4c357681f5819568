/**
 * AWS policy rules over the description of what the stack creates (src/emit/aws/resources.ts),
 * so they check exactly what is rendered: the cdk-nag / AWSGuard rules that apply to what
 * skyweave emits. Each rule has an id, and a check that returns its findings.
 */
import type { AwsResources } from "../../emit/aws/resources.js";
import type { AppModel } from "../../model/app-model.js";
import { awsModuleFile, eksModuleFile, fargateModuleFile, ROLES_MODULE_FILE } from "../../emit/aws/module-names.js";
import type { Finding } from "./finding.js";

/** One rule: its id, what it demands, and its check. */
export interface AwsRule {
  readonly id: string;
  readonly demands: string;
  check(resources: AwsResources, model: AppModel): Finding[];
}

const WORLD = new Set(["0.0.0.0/0", "::/0"]);
const REGENERATE = "this is what skyweave emits by default: if you changed the generated description, undo it and run `skyweave synth` again";

function finding(rule: string, path: string, object: string, message: string, fix: string): Finding {
  return { rule, path, object, message, fix };
}

/** Every AWS rule. */
export const AWS_RULES: readonly AwsRule[] = [
  {
    id: "aws/rds-encrypted",
    demands: "RDS storage is encrypted at rest",
    check: (r) =>
      r.databases.filter((d) => !d.storageEncrypted).map((d) => finding("aws/rds-encrypted", d.path, `${awsModuleFile(d.target)} aws.rds.Instance ${d.target}-${d.part}`, "storage is not encrypted at rest", `set storageEncrypted: true; ${REGENERATE}.`)),
  },
  {
    id: "aws/rds-not-public",
    demands: "RDS instances are not publicly accessible",
    check: (r) =>
      r.databases.filter((d) => d.publiclyAccessible).map((d) => finding("aws/rds-not-public", d.path, `${awsModuleFile(d.target)} aws.rds.Instance ${d.target}-${d.part}`, "the database is publicly accessible", `set publiclyAccessible: false and reach it from inside the VPC; ${REGENERATE}.`)),
  },
  {
    id: "aws/rds-backups",
    demands: "RDS keeps automated backups for at least 7 days and is protected from deletion",
    check: (r) =>
      r.databases
        .filter((d) => d.backupRetentionDays < 7 || !d.deletionProtection)
        .map((d) =>
          finding("aws/rds-backups", d.path, `${awsModuleFile(d.target)} aws.rds.Instance ${d.target}-${d.part}`, `backups kept ${d.backupRetentionDays} day(s), deletion protection ${d.deletionProtection ? "on" : "off"}`, `set backupRetentionPeriod ≥ 7 and deletionProtection: true; ${REGENERATE}.`),
        ),
  },
  {
    id: "aws/elasticache-encrypted",
    demands: "ElastiCache encrypts in transit (TLS) and at rest, and requires an AUTH token",
    check: (r) =>
      r.caches
        .filter((c) => !c.transitEncryption || !c.atRestEncryption || !c.authToken)
        .map((c) =>
          finding("aws/elasticache-encrypted", c.path, `${awsModuleFile(c.target)} aws.elasticache.ReplicationGroup ${c.target}-${c.part}`, `transit encryption ${c.transitEncryption ? "on" : "off"}, at-rest encryption ${c.atRestEncryption ? "on" : "off"}, AUTH ${c.authToken ? "on" : "off"}`, `set transitEncryptionEnabled and atRestEncryptionEnabled to true and keep auth on the Redis (the default); ${REGENERATE}.`),
        ),
  },
  {
    id: "aws/sqs-encrypted",
    demands: "SQS queues are encrypted at rest and have a dead-letter queue",
    check: (r) =>
      r.queues
        .filter((q) => !q.sseEnabled || q.maxReceiveCount < 1)
        .map((q) => finding("aws/sqs-encrypted", q.path, `${awsModuleFile(q.target)} aws.sqs.Queue ${q.target}-${q.part}`, `encryption ${q.sseEnabled ? "on" : "off"}, dead-letter queue ${q.maxReceiveCount >= 1 ? "on" : "off"}`, `set sqsManagedSseEnabled: true and a redrivePolicy; ${REGENERATE}.`)),
  },
  {
    id: "aws/s3-public-access-blocked",
    demands: "S3 buckets block every kind of public access",
    check: (r) =>
      r.buckets.filter((b) => !b.blockPublicAccess).map((b) => finding("aws/s3-public-access-blocked", b.path, `${awsModuleFile(b.target)} aws.s3.BucketPublicAccessBlock ${b.target}-${b.part}`, "public access is not blocked", `add a BucketPublicAccessBlock with all four settings true; ${REGENERATE}.`)),
  },
  {
    id: "aws/s3-encrypted",
    demands: "S3 buckets encrypt objects, keep versions and refuse requests without TLS",
    check: (r) =>
      r.buckets
        .filter((b) => b.encryption === undefined || !b.versioning || !b.enforceTls)
        .map((b) =>
          finding("aws/s3-encrypted", b.path, `${awsModuleFile(b.target)} aws.s3.Bucket ${b.target}-${b.part}`, `encryption ${b.encryption ?? "none"}, versioning ${b.versioning ? "on" : "off"}, TLS-only policy ${b.enforceTls ? "on" : "off"}`, `configure server-side encryption, versioning and a policy denying aws:SecureTransport false; ${REGENERATE}.`),
        ),
  },
  {
    id: "aws/no-world-ingress",
    demands: "no security group admits 0.0.0.0/0 or ::/0 (only a public load balancer on 80/443 may)",
    check: (r, model) =>
      r.ingress
        .filter((i) => i.from.kind === "cidr" && WORLD.has(i.from.cidr))
        .map((i) => finding("aws/no-world-ingress", model.resources.find((x) => x.name === i.to)?.path ?? `${r.app}/${i.to}`, `aws.vpc.SecurityGroupIngressRule to ${i.to}`, `port ${i.port} is open to ${i.from.kind === "cidr" ? i.from.cidr : ""}`, "admit only the security groups of the parts that connect to it (connect() them in app.ts).")),
  },
  {
    id: "aws/iam-no-wildcards",
    demands: "IAM statements name their actions and the ARNs they apply to: no `*`",
    check: (r) =>
      r.roles.flatMap((role) =>
        role.statements
          .filter((s) => s.actions.some((a) => a.includes("*")) || s.resources.some((x) => x.literal !== undefined && (x.literal === "*" || x.literal.endsWith(":*"))))
          .map((s) => finding("aws/iam-no-wildcards", role.path, `${ROLES_MODULE_FILE} aws.iam.RolePolicy ${role.workload} ${s.sid}`, `statement ${s.sid} grants ${s.actions.join(", ")} on ${s.resources.map((x) => x.literal ?? x.part).join(", ")}`, "grant the access mode's actions on the connected resource's ARN only: connect(resource, \"read\" | \"write\" | …) in app.ts.")),
      ),
  },
  {
    id: "aws/log-retention",
    demands: "Fargate workloads log to CloudWatch log groups with a retention",
    check: (r) =>
      r.fargate
        .filter((f) => f.logRetentionDays <= 0)
        .map((f) => finding("aws/log-retention", f.path, `${fargateModuleFile(f.target)} aws.cloudwatch.LogGroup ${f.target}-${f.part}`, "its logs are kept forever", `set retentionInDays on the log group; ${REGENERATE}.`)),
  },
  {
    id: "aws/eks-hardened",
    demands: "EKS clusters encrypt Kubernetes Secrets with KMS and keep control-plane logs for a bounded time",
    check: (r) =>
      r.clusters
        .filter((c) => !c.secretsEncryption || c.logTypes.length === 0 || c.logRetentionDays <= 0)
        .map((c) => finding("aws/eks-hardened", c.path, `${eksModuleFile(c.target)} aws.eks.Cluster ${c.target}`, `secrets encryption ${c.secretsEncryption ? "on" : "off"}, ${c.logTypes.length} log type(s), log retention ${c.logRetentionDays} day(s)`, `enable encryptionConfig for secrets and control-plane logs with a retention; ${REGENERATE}.`)),
  },
];

/** Every finding of every AWS rule on what the stack creates for `model`. */
export function checkAwsResources(resources: AwsResources, model: AppModel): Finding[] {
  return AWS_RULES.flatMap((rule) => rule.check(resources, model));
}
