/**
 * An emitted stack with an EKS cluster and every managed data service is a real Pulumi program:
 * it type-checks against the real @pulumi/aws, and under Pulumi's mocks it creates the cluster
 * and node groups of placement.json, encrypted private data services, security-group rules that
 * match the connections exactly, and IAM policies (parsed here) with exactly the access modes'
 * actions on exactly the resources' ARNs. The same app on an existing cluster uses the VPC and
 * node security group from config. One tsc run and one mocks process per stack.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeStack } from "../../../src/index.js";
import type { Placement } from "../../../src/solver/placement.js";
import { formatSecretFinding } from "../../support/plaintext-secrets.js";
import type { RegisteredResource } from "../../support/run-under-mocks.js";
import { REPO_ROOT, formatDiagnostic } from "../../support/typecheck-stacks.js";
import { verifyStacks, type StackReport } from "../../support/verify-stacks.js";
import { fargateApp, mixedApp, synthApp } from "./fixtures.js";

let tmp: string;
let eks: StackReport;
let existing: StackReport;
let fargate: StackReport;
let placement: Placement;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(REPO_ROOT, "test", ".tmp-aws-"));
  const dirs: string[] = [];
  for (const [name, app] of [["eks", mixedApp()], ["existing", mixedApp({ provider: "existing" })], ["fargate", fargateApp()]] as const) {
    const { files } = await synthApp(app);
    const written = await writeStack(path.join(tmp, name), app.node.id, files);
    dirs.push(path.resolve(written.dir));
  }
  placement = JSON.parse(readFileSync(path.join(dirs[0]!, "placement.json"), "utf8")) as Placement;
  const result = await verifyStacks(dirs);
  eks = result.stacks.get(dirs[0]!)!;
  existing = result.stacks.get(dirs[1]!)!;
  fargate = result.stacks.get(dirs[2]!)!;
  for (const stack of [eks, existing, fargate]) if (stack.mocksError !== undefined) throw new Error(stack.mocksError);
}, 240_000);

afterAll(() => {
  if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
});

const ofType = (stack: StackReport, type: string): RegisteredResource[] => stack.mocks!.resources.filter((r) => r.type === `aws:${type}`);
const one = (stack: StackReport, type: string, name: string): RegisteredResource => {
  const found = ofType(stack, type).find((r) => r.name === name);
  if (!found) throw new Error(`no ${type} ${name}: ${ofType(stack, type).map((r) => r.name).join(", ")}`);
  return found;
};
interface PolicyDocument {
  Statement: { Sid?: string; Effect: string; Action: string | string[]; Resource: string | string[]; Principal?: unknown }[];
}
const doc = (json: unknown): PolicyDocument => JSON.parse(json as string) as PolicyDocument;

describe("the stack with an EKS cluster", () => {
  it("type-checks against @pulumi/aws and runs under mocks without secrets in plain text", () => {
    expect([...eks.typeErrors, ...existing.typeErrors, ...fargate.typeErrors].map(formatDiagnostic)).toEqual([]);
    expect(eks.checkedFiles.map((f) => path.basename(f)).sort()).toEqual(["aws-aws.ts", "eks-main.ts", "iam-roles.ts", "index.ts", "k8s-main.ts", "network-us-east-1.ts"]);
    expect([...eks.plaintextSecrets, ...existing.plaintextSecrets, ...fargate.plaintextSecrets].map(formatSecretFinding)).toEqual([]);
  });

  it("creates the cluster with an encrypted Secrets store, its role and logs", () => {
    const cluster = one(eks, "eks/cluster:Cluster", "main");
    expect(cluster.inputs).toMatchObject({ name: "mixed-main", version: "1.33", roleArn: "arn:aws:iam::123456789012:role/main-cluster" });
    expect(cluster.inputs["encryptionConfig"]).toMatchObject({ resources: ["secrets"] });
    expect(cluster.inputs["enabledClusterLogTypes"]).toEqual(["api", "audit", "authenticator"]);
    expect(doc(one(eks, "iam/role:Role", "main-cluster").inputs["assumeRolePolicy"]).Statement[0]!.Principal).toEqual({ Service: "eks.amazonaws.com" });
    expect(one(eks, "cloudwatch/logGroup:LogGroup", "main-control-plane").inputs).toMatchObject({ name: "/aws/eks/mixed-main/cluster", retentionInDays: 90 });
  });

  it("creates node groups with exactly the instance types and node counts of placement.json", () => {
    const expected = placement.pools.flatMap((p) => p.nodes.map((n) => ({ pool: p.pool, instanceTypes: [n.instanceType], size: n.count })));
    const groups = ofType(eks, "eks/nodeGroup:NodeGroup").map((g) => {
      const scaling = g.inputs["scalingConfig"] as { desiredSize: number; minSize: number };
      expect(scaling.minSize).toBe(scaling.desiredSize);
      return { pool: (g.inputs["labels"] as Record<string, string>)["skyweave.dev/pool"], instanceTypes: g.inputs["instanceTypes"], size: scaling.desiredSize };
    });
    expect(groups).toEqual(expected);
    for (const g of ofType(eks, "eks/nodeGroup:NodeGroup")) {
      expect(g.inputs["nodeRoleArn"]).toBe("arn:aws:iam::123456789012:role/main-nodes");
      expect(g.inputs["subnetIds"]).toEqual(["us-east-1-private-1-id", "us-east-1-private-2-id"]);
    }
  });

  it("enforces NetworkPolicies: the managed VPC CNI add-on runs its network policy agent", () => {
    const cni = one(eks, "eks/addon:Addon", "main-vpc-cni");
    expect(cni.inputs).toMatchObject({ clusterName: "mixed-main", addonName: "vpc-cni" });
    expect(JSON.parse(cni.inputs["configurationValues"] as string)).toEqual({ enableNetworkPolicy: "true" });
  });

  it("gives the node role exactly the managed policies nodes need", () => {
    const attached = ofType(eks, "iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => `${String(a.inputs["role"])} ${String(a.inputs["policyArn"])}`);
    expect(attached.sort()).toEqual([
      "main-cluster arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
      "main-nodes arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
      "main-nodes arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
      "main-nodes arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
    ]);
  });

  it("reaches the cluster with a secret kubeconfig that holds no credential", () => {
    const provider = eks.mocks!.resources.find((r) => r.type === "pulumi:providers:kubernetes")!;
    expect(provider.secretPaths).toContain("kubeconfig");
    const kubeconfig = JSON.parse(provider.inputs["kubeconfig"] as string) as { clusters: { cluster: { server: string } }[]; users: { user: Record<string, unknown> }[] };
    expect(kubeconfig.clusters[0]!.cluster.server).toBe("https://main.mock.eks.amazonaws.com");
    expect(Object.keys(kubeconfig.users[0]!.user)).toEqual(["exec"]);
  });

  it("builds a VPC with public and private subnets in two zones and a NAT gateway each", () => {
    expect(one(eks, "ec2/vpc:Vpc", "us-east-1-vpc").inputs["cidrBlock"]).toBe("10.0.0.0/16");
    const subnets = ofType(eks, "ec2/subnet:Subnet").map((s) => [s.name, s.inputs["availabilityZone"], s.inputs["cidrBlock"], s.inputs["mapPublicIpOnLaunch"] ?? false]);
    expect(subnets.sort()).toEqual([
      ["us-east-1-private-1", "us-east-1a", "10.0.128.0/18", false],
      ["us-east-1-private-2", "us-east-1b", "10.0.192.0/18", false],
      ["us-east-1-public-1", "us-east-1a", "10.0.0.0/20", false],
      ["us-east-1-public-2", "us-east-1b", "10.0.16.0/20", false],
    ]);
    expect(ofType(eks, "ec2/natGateway:NatGateway").map((n) => n.inputs["subnetId"]).sort()).toEqual(["us-east-1-public-1-id", "us-east-1-public-2-id"]);
  });
});

describe("managed data", () => {
  it("RDS: private subnets, encrypted, not public, backed up, password generated and secret", () => {
    for (const [name, engine] of [["aws-db", "postgres"], ["aws-legacy", "mysql"]] as const) {
      const db = one(eks, "rds/instance:Instance", name);
      expect(db.inputs).toMatchObject({ engine, storageEncrypted: true, publiclyAccessible: false, backupRetentionPeriod: 7, deletionProtection: true, dbSubnetGroupName: name });
      expect(db.inputs["vpcSecurityGroupIds"]).toEqual([`${name}-id`]);
      expect(db.secretPaths).toContain("password");
      expect(one(eks, "rds/subnetGroup:SubnetGroup", name).inputs["subnetIds"]).toEqual(["us-east-1-private-1-id", "us-east-1-private-2-id"]);
      const version = one(eks, "secretsmanager/secretVersion:SecretVersion", name);
      expect(version.secretPaths).toContain("secretString");
    }
  });

  it("ElastiCache: an engine version it runs, encryption in transit and at rest, an AUTH token", () => {
    const cache = one(eks, "elasticache/replicationGroup:ReplicationGroup", "aws-cache");
    // A Redis defaults to 7.4, which ElastiCache runs only as Valkey (9.0 has its commands).
    expect(cache.inputs).toMatchObject({ engine: "valkey", engineVersion: "9.0", transitEncryptionEnabled: true, atRestEncryptionEnabled: true, securityGroupIds: ["aws-cache-id"] });
    expect(cache.secretPaths).toContain("authToken");
  });

  it("SQS: encrypted, with a dead-letter queue", () => {
    const jobs = one(eks, "sqs/queue:Queue", "aws-jobs");
    expect(jobs.inputs["sqsManagedSseEnabled"]).toBe(true);
    expect(JSON.parse(jobs.inputs["redrivePolicy"] as string)).toEqual({ deadLetterTargetArn: "arn:aws:sqs:us-east-1:123456789012:aws-jobs-dlq", maxReceiveCount: 5 });
  });

  it("S3: public access blocked, encrypted, versioned, TLS only", () => {
    expect(one(eks, "s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "aws-uploads").inputs).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(one(eks, "s3/bucketVersioning:BucketVersioning", "aws-uploads").inputs["versioningConfiguration"]).toEqual({ status: "Enabled" });
    const sse = one(eks, "s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "aws-uploads").inputs["rules"] as { applyServerSideEncryptionByDefault: { sseAlgorithm: string } }[];
    expect(sse[0]!.applyServerSideEncryptionByDefault.sseAlgorithm).toBe("AES256");
    const deny = doc(one(eks, "s3/bucketPolicy:BucketPolicy", "aws-uploads").inputs["policy"]).Statement[0]!;
    expect(deny).toMatchObject({ Effect: "Deny", Action: "s3:*" });
  });

  it("opens security groups only for the connections, from the cluster's security group, on the service's port", () => {
    const rules = ofType(eks, "vpc/securityGroupIngressRule:SecurityGroupIngressRule").map((r) => [r.inputs["securityGroupId"], r.inputs["referencedSecurityGroupId"], r.inputs["fromPort"], r.inputs["toPort"], r.inputs["cidrIpv4"]]);
    expect(rules.sort()).toEqual([
      ["aws-cache-id", "sg-main-cluster", 6379, 6379, undefined],
      ["aws-db-id", "sg-main-cluster", 5432, 5432, undefined],
      ["aws-legacy-id", "sg-main-cluster", 3306, 3306, undefined],
    ]);
    for (const sg of ofType(eks, "ec2/securityGroup:SecurityGroup")) expect(sg.inputs["ingress"] ?? []).toEqual([]);
  });

  it("describes security groups and their rules only with characters EC2 accepts (no arrows), in at most 255", () => {
    const types = ["ec2/securityGroup:SecurityGroup", "vpc/securityGroupIngressRule:SecurityGroupIngressRule", "vpc/securityGroupEgressRule:SecurityGroupEgressRule"];
    const described = [eks, existing, fargate].flatMap((stack) => types.flatMap((type) => ofType(stack, type))).filter((r) => r.inputs["description"] !== undefined);
    expect(described.length).toBeGreaterThan(10);
    for (const r of described) expect(r.inputs["description"], `${r.type} ${r.name}`).toMatch(/^[a-zA-Z0-9 ._\-:/()#,@[\]+=;{}!$*]{1,255}$/);
    expect(one(eks, "vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws-db-from-main").inputs["description"]).toBe("web to db, nightly to db");
  });

  it("on an existing cluster, uses the VPC, subnets and node security group from config", () => {
    expect(ofType(existing, "ec2/vpc:Vpc")).toEqual([]);
    expect(ofType(existing, "eks/cluster:Cluster")).toEqual([]);
    expect(one(existing, "rds/subnetGroup:SubnetGroup", "aws-db").inputs["subnetIds"]).toEqual(["mock-private-subnet-ids-us-east-1-1", "mock-private-subnet-ids-us-east-1-2"]);
    const sources = ofType(existing, "vpc/securityGroupIngressRule:SecurityGroupIngressRule").map((r) => r.inputs["referencedSecurityGroupId"]);
    expect(new Set(sources)).toEqual(new Set(["mock-node-security-group-main"]));
    expect(ofType(existing, "eks/podIdentityAssociation:PodIdentityAssociation").map((a) => a.inputs["clusterName"])).toEqual(["mock-eks-cluster-name-main", "mock-eks-cluster-name-main", "mock-eks-cluster-name-main"]);
  });
});

describe("IAM from connections", () => {
  const QUEUE = "arn:aws:sqs:us-east-1:123456789012:aws-jobs";
  const BUCKET = "arn:aws:s3:::mixed-uploads-mock";
  const policyOf = (workload: string) => doc(one(eks, "iam/rolePolicy:RolePolicy", workload).inputs["policy"]).Statement.map((s) => ({ actions: s.Action, resources: s.Resource, effect: s.Effect }));

  it("grants each workload exactly its access modes' actions on exactly the ARNs it connects to", () => {
    expect(policyOf("web")).toEqual([
      { effect: "Allow", actions: ["sqs:SendMessage"], resources: [QUEUE] },
      { effect: "Allow", actions: ["s3:PutObject"], resources: [`${BUCKET}/*`] },
    ]);
    expect(policyOf("mailer")).toEqual([
      { effect: "Allow", actions: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"], resources: [QUEUE] },
      { effect: "Allow", actions: ["s3:GetObject"], resources: [`${BUCKET}/*`] },
      { effect: "Allow", actions: ["s3:ListBucket"], resources: [BUCKET] },
    ]);
  });

  it("never grants a wildcard action or resource", () => {
    for (const policy of [...ofType(eks, "iam/rolePolicy:RolePolicy"), ...ofType(fargate, "iam/rolePolicy:RolePolicy")]) {
      for (const s of doc(policy.inputs["policy"]).Statement) {
        for (const action of [s.Action].flat()) expect(action, policy.name).not.toContain("*");
        // `<log group ARN>:*` (its streams) is specific; `*` or a whole service (`arn:aws:sqs:region:account:*`) is not.
        for (const resource of [s.Resource].flat()) expect(resource === "*" || /^arn:aws:[a-z0-9-]+:[^:]*:[^:]*:\*$/.test(resource), `${policy.name}: ${resource}`).toBe(false);
      }
    }
  });

  it("hands each role to its workload's ServiceAccount through EKS Pod Identity", () => {
    const associations = ofType(eks, "eks/podIdentityAssociation:PodIdentityAssociation").map((a) => [a.inputs["namespace"], a.inputs["serviceAccount"], a.inputs["roleArn"], a.inputs["clusterName"]]);
    expect(associations).toEqual(["web", "mailer", "nightly"].map((w) => ["mixed", w, `arn:aws:iam::123456789012:role/${w}`, "mixed-main"]));
    for (const role of ["web", "mailer", "nightly"]) {
      expect(doc(one(eks, "iam/role:Role", role).inputs["assumeRolePolicy"]).Statement[0]!.Principal).toEqual({ Service: "pods.eks.amazonaws.com" });
    }
    expect(ofType(eks, "eks/addon:Addon").map((a) => a.inputs["addonName"])).toEqual(["vpc-cni", "eks-pod-identity-agent"]);
  });
});

describe("pods reach the managed parts", () => {
  const k8s = (type: string) => eks.mocks!.resources.filter((r) => r.type === `kubernetes:${type}`);
  type Env = { name: string; value?: string; valueFrom?: { configMapKeyRef?: { name: string; key: string }; secretKeyRef?: { name: string; key: string } } };
  const envOf = (r: RegisteredResource): Env[] => {
    const spec = r.inputs["spec"] as { template?: { spec: { containers: { env?: Env[] }[] } }; jobTemplate?: { spec: { template: { spec: { containers: { env?: Env[] }[] } } } } };
    return (spec.template ?? spec.jobTemplate!.spec.template).spec.containers.flatMap((c) => c.env ?? []);
  };

  it("read endpoints from ConfigMaps and passwords from Secrets that the program creates, with exactly those keys", () => {
    const dataOf = (type: string) => new Map(k8s(type).map((r) => [(r.inputs["metadata"] as { name: string }).name, Object.keys((r.inputs["data"] ?? r.inputs["stringData"]) as object)]));
    const configMaps = dataOf("core/v1:ConfigMap");
    const secrets = dataOf("core/v1:Secret");
    const workloads = [...k8s("apps/v1:Deployment"), ...k8s("batch/v1:CronJob")];
    expect(workloads.map((w) => w.name).sort()).toEqual(["mixed/mailer", "mixed/nightly", "mixed/web"]);
    let refs = 0;
    for (const w of workloads) {
      for (const e of envOf(w)) {
        const ref = e.valueFrom?.configMapKeyRef ?? e.valueFrom?.secretKeyRef;
        if (!ref) continue;
        refs += 1;
        const keys = (e.valueFrom?.configMapKeyRef ? configMaps : secrets).get(ref.name);
        expect(keys, `${w.name} ${e.name} → ${ref.name}`).toContain(ref.key);
      }
    }
    expect(refs).toBeGreaterThan(10);
    const web = new Map(envOf(k8s("apps/v1:Deployment").find((d) => d.name === "mixed/web")!).map((e) => [e.name, e]));
    expect(web.get("JOBS_URL")!.valueFrom).toEqual({ configMapKeyRef: { name: "jobs-aws", key: "queue-url" } });
    expect(web.get("CACHE_URL")!.value).toBe("rediss://:$(CACHE_PASSWORD)@$(CACHE_HOST):6379");
  });

  it("through ExternalName Services, generated credentials and egress policies for their clients only", () => {
    const external = k8s("core/v1:Service").filter((s) => (s.inputs["spec"] as { type?: string }).type === "ExternalName");
    expect(external.map((s) => [(s.inputs["metadata"] as { name: string }).name, (s.inputs["spec"] as { externalName: string }).externalName])).toEqual([
      ["db", "aws-db.mock.us-east-1.rds.amazonaws.com"],
      ["legacy", "aws-legacy.mock.us-east-1.rds.amazonaws.com"],
      ["cache", "master.aws-cache.mock.cache.amazonaws.com"],
    ]);
    const secrets = k8s("core/v1:Secret").filter((s) => s.name.endsWith("-credentials"));
    for (const s of secrets) expect(s.secretPaths).toContain("stringData");
    const dbEgress = k8s("networking.k8s.io/v1:NetworkPolicy").find((p) => p.name === "main-db-egress")!;
    expect(dbEgress.inputs["spec"]).toMatchObject({
      podSelector: { matchExpressions: [{ key: "app.kubernetes.io/name", operator: "In", values: ["nightly", "web"] }] },
      egress: [{ to: [{ ipBlock: { cidr: "10.0.0.0/16" } }], ports: [{ protocol: "TCP", port: 5432 }] }],
    });
  });
});

describe("Fargate workloads", () => {
  const container = (name: string) => (JSON.parse(one(fargate, "ecs/taskDefinition:TaskDefinition", name).inputs["containerDefinitions"] as string) as Record<string, unknown>[])[0]!;

  it("run as tasks of valid Fargate sizes, logging to groups with retention", () => {
    const sizes = ofType(fargate, "ecs/taskDefinition:TaskDefinition").map((t) => [t.name, t.inputs["cpu"], t.inputs["memory"], t.inputs["networkMode"], t.inputs["requiresCompatibilities"]]);
    expect(sizes.sort()).toEqual([
      ["cloud-digest", "256", "512", "awsvpc", ["FARGATE"]],
      ["cloud-resizer", "1024", "2048", "awsvpc", ["FARGATE"]],
      ["cloud-web", "512", "1024", "awsvpc", ["FARGATE"]],
    ]);
    expect(ofType(fargate, "cloudwatch/logGroup:LogGroup").map((g) => [g.inputs["name"], g.inputs["retentionInDays"]]).sort()).toEqual([
      ["/skyweave/edge/digest", 30],
      ["/skyweave/edge/resizer", 30],
      ["/skyweave/edge/web", 30],
    ]);
    expect(container("cloud-web")["logConfiguration"]).toMatchObject({ logDriver: "awslogs", options: { "awslogs-group": "/skyweave/edge/web" } });
  });

  it("get connection settings as environment and passwords as ECS secrets from Secrets Manager", () => {
    const web = container("cloud-web") as { environment: { name: string; value: string }[]; secrets: { name: string; valueFrom: string }[] };
    expect(web.environment.find((e) => e.name === "DB_HOST")!.value).toBe("cloud-db.mock.us-east-1.rds.amazonaws.com");
    expect(web.environment.find((e) => e.name === "JOBS_URL")!.value).toBe("https://sqs.us-east-1.amazonaws.com/123456789012/cloud-jobs");
    expect(web.secrets.map((x) => [x.name, x.valueFrom])).toEqual([
      ["DB_PASSWORD", "arn:aws:secretsmanager:us-east-1:123456789012:secret/cloud-db:password::"],
      ["DB_URL", "arn:aws:secretsmanager:us-east-1:123456789012:secret/cloud-db:url::"],
      ["CACHE_PASSWORD", "arn:aws:secretsmanager:us-east-1:123456789012:secret/cloud-cache:password::"],
      ["CACHE_URL", "arn:aws:secretsmanager:us-east-1:123456789012:secret/cloud-cache:url::"],
    ]);
    const execution = doc(one(fargate, "iam/rolePolicy:RolePolicy", "cloud-web-execution").inputs["policy"]).Statement;
    expect(execution.map((s) => [s.Action, s.Resource])).toEqual([
      [["logs:CreateLogStream", "logs:PutLogEvents"], ["arn:aws:logs:us-east-1:123456789012:log-group:/skyweave/edge/web:*"]],
      [["secretsmanager:GetSecretValue"], ["arn:aws:secretsmanager:us-east-1:123456789012:secret/cloud-db", "arn:aws:secretsmanager:us-east-1:123456789012:secret/cloud-cache"]],
    ]);
  });

  it("open only the public load balancer to the world, on 80 and 443, and the tasks to it alone", () => {
    const world = ofType(fargate, "vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs["cidrIpv4"] !== undefined);
    expect(world.map((r) => [r.inputs["securityGroupId"], r.inputs["cidrIpv4"], r.inputs["fromPort"]])).toEqual([
      ["cloud-web-lb-id", "0.0.0.0/0", 80],
      ["cloud-web-lb-id", "0.0.0.0/0", 443],
    ]);
    const fromSgs = ofType(fargate, "vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs["referencedSecurityGroupId"] !== undefined);
    expect(fromSgs.map((r) => [r.inputs["securityGroupId"], r.inputs["referencedSecurityGroupId"], r.inputs["fromPort"]]).sort()).toEqual([
      ["cloud-cache-id", "cloud-web-tasks-id", 6379],
      ["cloud-db-id", "cloud-digest-tasks-id", 5432],
      ["cloud-db-id", "cloud-web-tasks-id", 5432],
      ["cloud-web-tasks-id", "cloud-web-lb-id", 8080],
    ]);
    expect(one(fargate, "lb/loadBalancer:LoadBalancer", "cloud-web").inputs).toMatchObject({ internal: false, subnets: ["us-east-1-public-1-id", "us-east-1-public-2-id"] });
    expect(one(fargate, "lb/targetGroup:TargetGroup", "cloud-web").inputs).toMatchObject({ port: 8080, targetType: "ip", healthCheck: { path: "/healthz" } });
    for (const service of ofType(fargate, "ecs/service:Service")) {
      expect(service.inputs["networkConfiguration"]).toMatchObject({ assignPublicIp: false, subnets: ["us-east-1-private-1-id", "us-east-1-private-2-id"] });
    }
  });

  it("scale services on CPU between replicas.min and replicas.max, with the scheduled minimums of replicas.schedule", () => {
    expect(ofType(fargate, "ecs/service:Service").map((x) => [x.name, x.inputs["desiredCount"]]).sort()).toEqual([
      ["cloud-resizer", 1],
      ["cloud-web", 2],
    ]);
    expect(ofType(fargate, "appautoscaling/target:Target").map((t) => [t.name, t.inputs["minCapacity"], t.inputs["maxCapacity"], t.inputs["resourceId"]])).toEqual([
      ["cloud-web", 2, 5, "service/cloud/cloud-web"],
    ]);
    const policy = one(fargate, "appautoscaling/policy:Policy", "cloud-web-cpu").inputs["targetTrackingScalingPolicyConfiguration"];
    expect(policy).toMatchObject({ targetValue: 70, predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" } });
    // replicas.schedule: scheduled minimums on the same scalable target (ECS scheduled scaling).
    expect(ofType(fargate, "appautoscaling/scheduledAction:ScheduledAction").map((a) => [a.name, a.inputs["schedule"], a.inputs["timezone"], a.inputs["scalableTargetAction"], a.inputs["resourceId"]])).toEqual([
      ["cloud-web-floor-0", "cron(50 7 ? * 2-6 *)", "UTC", { minCapacity: 4, maxCapacity: 5 }, "service/cloud/cloud-web"],
      ["cloud-web-floor-1", "cron(0 19 * * ? *)", "UTC", { minCapacity: 2, maxCapacity: 5 }, "service/cloud/cloud-web"],
    ]);
  });

  it("run the cron job from EventBridge Scheduler, with a role that may run exactly that task", () => {
    const schedule = one(fargate, "scheduler/schedule:Schedule", "cloud-digest").inputs;
    expect(schedule).toMatchObject({ scheduleExpression: "cron(30 2 ? * 2 *)", scheduleExpressionTimezone: "UTC" });
    const statements = doc(one(fargate, "iam/rolePolicy:RolePolicy", "cloud-digest-scheduler").inputs["policy"]).Statement;
    expect(statements.map((s) => [s.Action, s.Resource])).toEqual([
      [["ecs:RunTask"], ["arn:aws:ecs:us-east-1:123456789012:taskDefinition/cloud-digest:*"]],
      [["iam:PassRole"], ["arn:aws:iam::123456789012:role/cloud-digest-execution", "arn:aws:iam::123456789012:role/digest"]],
    ]);
    // ECS authorizes RunTask on the revisioned ARN the schedule passes: the statement must match it.
    const runs = (schedule["target"] as { ecsParameters: { taskDefinitionArn: string } }).ecsParameters.taskDefinitionArn;
    expect(runs).toMatch(/:\d+$/);
    const glob = (pattern: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
    expect([statements[0]!.Resource].flat().some((r) => glob(r).test(runs))).toBe(true);
  });

  it("give each task the role of its connections' access modes", () => {
    expect(doc(one(fargate, "iam/role:Role", "resizer").inputs["assumeRolePolicy"]).Statement[0]!.Principal).toEqual({ Service: "ecs-tasks.amazonaws.com" });
    expect(doc(one(fargate, "iam/rolePolicy:RolePolicy", "resizer").inputs["policy"]).Statement.map((s) => s.Action)).toEqual([
      ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"],
      ["s3:GetObject", "s3:PutObject"],
      ["s3:ListBucket"],
    ]);
    expect(one(fargate, "ecs/taskDefinition:TaskDefinition", "cloud-resizer").inputs["taskRoleArn"]).toBe("arn:aws:iam::123456789012:role/resizer");
    expect(ofType(fargate, "eks/podIdentityAssociation:PodIdentityAssociation")).toEqual([]);
  });
});
