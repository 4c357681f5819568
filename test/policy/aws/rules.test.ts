/**
 * The AWS policy rules find nothing in what skyweave emits, and each of them finds the one
 * violation crafted for it (and only that rule fires).
 */
import { describe, expect, it } from "vitest";
import { awsResources } from "../../../src/emit/aws/build-resources.js";
import type { AwsResources } from "../../../src/emit/aws/resources.js";
import { AWS_RULES, checkAwsResources } from "../../../src/policy/aws/index.js";
import type { AppModel } from "../../../src/model/app-model.js";
import { fargateApp, mixedApp, synthApp } from "../../emit/aws/fixtures.js";

let model: AppModel;
let clean: AwsResources;
let fargateModel: AppModel;
let fargate: AwsResources;

async function load(): Promise<void> {
  if (clean) return;
  const synthed = await synthApp(mixedApp());
  model = synthed.model;
  clean = awsResources(model, synthed.placement);
  const edge = await synthApp(fargateApp());
  fargateModel = edge.model;
  fargate = awsResources(fargateModel, edge.placement);
}

type Mutation = (r: AwsResources) => AwsResources;
const VIOLATIONS: Record<string, { mutate: Mutation; path: string; object: string }> = {
  "aws/rds-encrypted": { mutate: (r) => ({ ...r, databases: r.databases.map((d, i) => (i === 0 ? { ...d, storageEncrypted: false } : d)) }), path: "mixed/db", object: "aws-aws.ts aws.rds.Instance aws-db" },
  "aws/rds-not-public": { mutate: (r) => ({ ...r, databases: r.databases.map((d, i) => (i === 1 ? { ...d, publiclyAccessible: true } : d)) }), path: "mixed/legacy", object: "aws-aws.ts aws.rds.Instance aws-legacy" },
  "aws/rds-backups": { mutate: (r) => ({ ...r, databases: r.databases.map((d, i) => (i === 0 ? { ...d, backupRetentionDays: 1 } : d)) }), path: "mixed/db", object: "aws-aws.ts aws.rds.Instance aws-db" },
  "aws/elasticache-encrypted": { mutate: (r) => ({ ...r, caches: r.caches.map((c) => ({ ...c, transitEncryption: false })) }), path: "mixed/cache", object: "aws-aws.ts aws.elasticache.ReplicationGroup aws-cache" },
  "aws/sqs-encrypted": { mutate: (r) => ({ ...r, queues: r.queues.map((q) => ({ ...q, sseEnabled: false })) }), path: "mixed/jobs", object: "aws-aws.ts aws.sqs.Queue aws-jobs" },
  "aws/s3-public-access-blocked": { mutate: (r) => ({ ...r, buckets: r.buckets.map((b) => ({ ...b, blockPublicAccess: false })) }), path: "mixed/uploads", object: "aws-aws.ts aws.s3.BucketPublicAccessBlock aws-uploads" },
  "aws/s3-encrypted": { mutate: (r) => ({ ...r, buckets: r.buckets.map((b) => ({ ...b, encryption: undefined })) }), path: "mixed/uploads", object: "aws-aws.ts aws.s3.Bucket aws-uploads" },
  "aws/no-world-ingress": {
    mutate: (r) => ({ ...r, ingress: [...r.ingress, { to: "db", port: 5432, from: { kind: "cidr", cidr: "0.0.0.0/0" }, because: [] }] }),
    path: "mixed/db",
    object: "aws.vpc.SecurityGroupIngressRule to db",
  },
  "aws/iam-no-wildcards": {
    mutate: (r) => ({ ...r, roles: r.roles.map((role, i) => (i === 0 ? { ...role, statements: [...role.statements, { sid: "All", actions: ["sqs:*"], resources: [{ part: "jobs" }] }] } : role)) }),
    path: "mixed/web",
    object: "iam-roles.ts aws.iam.RolePolicy web All",
  },
  "aws/log-retention": { mutate: (r) => ({ ...r, fargate: [{ ...fargate.fargate[0]!, logRetentionDays: 0 }] }), path: "edge/web", object: "fargate-cloud.ts aws.cloudwatch.LogGroup cloud-web" },
  "aws/eks-hardened": { mutate: (r) => ({ ...r, clusters: r.clusters.map((c) => ({ ...c, logRetentionDays: 0 })) }), path: "mixed/main", object: "eks-main.ts aws.eks.Cluster main" },
};

describe("AWS policy rules", () => {
  it("find nothing in what skyweave emits", async () => {
    await load();
    expect(checkAwsResources(clean, model)).toEqual([]);
    expect(fargate.fargate.map((f) => f.part).sort()).toEqual(["digest", "resizer", "web"]);
    expect(checkAwsResources(fargate, fargateModel)).toEqual([]);
  });

  it("have a crafted violation each", () => {
    expect(Object.keys(VIOLATIONS).sort()).toEqual(AWS_RULES.map((r) => r.id).sort());
  });

  it.each(Object.keys(VIOLATIONS))("%s finds its violation, with the construct path, the object and a fix", async (rule) => {
    await load();
    const { mutate, path, object } = VIOLATIONS[rule]!;
    const findings = checkAwsResources(mutate(clean), model);
    expect(findings.map((f) => [f.rule, f.path, f.object])).toEqual([[rule, path, object]]);
    expect(findings[0]!.fix.length).toBeGreaterThan(20);
  });

  it("also catches a wildcard resource", async () => {
    await load();
    const wild = { ...clean, roles: clean.roles.map((role, i) => (i === 0 ? { ...role, statements: [{ sid: "Any", actions: ["s3:GetObject"], resources: [{ part: "uploads", literal: "*" }] }] } : role)) };
    expect(checkAwsResources(wild, model).map((f) => f.rule)).toEqual(["aws/iam-no-wildcards"]);
  });
});
