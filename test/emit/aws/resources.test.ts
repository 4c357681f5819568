/**
 * The AWS description is built from the model and the placement: node groups are exactly the
 * nodes the solver bought, data services are secure by default, security-group rules and IAM
 * statements come from the connections and nothing else.
 */
import { describe, expect, it } from "vitest";
import { awsResources } from "../../../src/emit/aws/build-resources.js";
import { POOL_LABEL } from "../../../src/emit/aws/eks-spec.js";
import { App, AwsTarget, KubernetesCluster, Postgres, Service, toModel, place, loadCatalog, InputError } from "../../../src/index.js";
import { mixedApp, synthApp } from "./fixtures.js";

async function described(app: App) {
  const { model, placement } = await synthApp(app);
  return { placement, aws: awsResources(model, placement) };
}

describe("EKS clusters from the placement", () => {
  it("create one node group per (pool, instance type) with exactly the nodes the solver bought", async () => {
    const { placement, aws } = await described(mixedApp());
    const bought = placement.pools.flatMap((p) => p.nodes.map((n) => ({ pool: p.pool, instanceType: n.instanceType, count: n.count })));
    expect(bought.length).toBeGreaterThan(0);
    const groups = aws.clusters[0]!.nodeGroups;
    expect(groups.map((g) => ({ pool: g.pool, instanceType: g.instanceType, count: g.desiredSize }))).toEqual(bought);
    for (const g of groups) {
      expect(g.minSize).toBe(g.desiredSize);
      expect(g.maxSize).toBe(Math.max(g.desiredSize, g.pool === "general" ? 6 : 3));
      expect(g.labels).toEqual({ [POOL_LABEL]: g.pool });
    }
  });

  it("put the 10 GiB mailer on the memory pool, so both pools get nodes", async () => {
    const { aws } = await described(mixedApp());
    expect(new Set(aws.clusters[0]!.nodeGroups.map((g) => g.pool))).toEqual(new Set(["general", "memory"]));
  });

  it("create no cluster for provider existing", async () => {
    const { aws } = await described(mixedApp({ provider: "existing" }));
    expect(aws.clusters).toEqual([]);
    expect(aws.networks).toEqual([{ region: "us-east-1", source: "config", cidr: "10.0.0.0/16", zones: 2 }]);
  });
});

describe("managed data", () => {
  it("is encrypted, private and backed up", async () => {
    const { aws } = await described(mixedApp());
    expect(aws.databases.map((d) => [d.part, d.engine, d.storageGiB, d.storageEncrypted, d.publiclyAccessible, d.backupRetentionDays > 0])).toEqual([
      ["db", "postgres", 50, true, false, true],
      ["legacy", "mysql", 20, true, false, true],
    ]);
    expect(aws.databases[0]!.instanceClass).toMatch(/^db\./);
    expect(aws.caches.map((c) => [c.part, c.transitEncryption, c.atRestEncryption, c.authToken])).toEqual([["cache", true, true, true]]);
    expect(aws.queues.map((q) => [q.part, q.sseEnabled, q.maxReceiveCount])).toEqual([["jobs", true, 5]]);
    expect(aws.buckets.map((b) => [b.part, b.blockPublicAccess, b.versioning, b.encryption, b.enforceTls])).toEqual([["uploads", true, true, "AES256", true]]);
  });

  it("opens each data service's port to the cluster of its clients only, one rule per (service, cluster)", async () => {
    const { aws } = await described(mixedApp());
    expect(aws.ingress).toEqual([
      { to: "db", port: 5432, from: { kind: "cluster", target: "main" }, because: ["web → db", "nightly → db"] },
      { to: "legacy", port: 3306, from: { kind: "cluster", target: "main" }, because: ["web → legacy"] },
      { to: "cache", port: 6379, from: { kind: "cluster", target: "main" }, because: ["web → cache"] },
    ]);
  });

  it("drops exactly the connection that is removed", async () => {
    const { aws } = await described(mixedApp({ withoutNightlyDb: true }));
    expect(aws.ingress.find((r) => r.to === "db")!.because).toEqual(["web → db"]);
    expect(aws.bridges.find((b) => b.part === "db")!.clients).toEqual(["web"]);
  });
});

describe("IAM from connections", () => {
  it("grants each workload exactly the actions of its access modes, on exactly its queues and buckets", async () => {
    const { aws } = await described(mixedApp());
    const grants = Object.fromEntries(aws.roles.map((r) => [r.workload, r.statements.map((s) => ({ actions: s.actions, resources: s.resources }))]));
    expect(grants).toEqual({
      web: [
        { actions: ["sqs:SendMessage"], resources: [{ part: "jobs" }] },
        { actions: ["s3:PutObject"], resources: [{ part: "uploads", objects: true }] },
      ],
      mailer: [
        { actions: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"], resources: [{ part: "jobs" }] },
        { actions: ["s3:GetObject"], resources: [{ part: "uploads", objects: true }] },
        { actions: ["s3:ListBucket"], resources: [{ part: "uploads" }] },
      ],
      nightly: [
        { actions: ["s3:GetObject", "s3:PutObject"], resources: [{ part: "uploads", objects: true }] },
        { actions: ["s3:ListBucket"], resources: [{ part: "uploads" }] },
        {
          actions: ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"],
          resources: [{ part: "jobs" }],
        },
      ],
    });
    for (const role of aws.roles) expect(role.principal).toEqual({ kind: "pod-identity", cluster: "main", namespace: "mixed", serviceAccount: role.workload });
  });
});

describe("inputs the AWS side cannot serve", () => {
  it("an existing cluster next to a created VPC cannot reach its database: a clear error", async () => {
    const app = new App("split");
    const old = new KubernetesCluster(app, "old", { region: "us-east-1", provider: "existing" });
    const created = new KubernetesCluster(app, "new", { region: "us-east-1", provider: "eks" });
    const aws = new AwsTarget(app, "aws", { region: "us-east-1" });
    const db = new Postgres(app, "db", { placement: { on: [aws] } });
    new Service(app, "api", { image: "api:1.0.0", port: 80, placement: { on: [old] } }).connect(db);
    new Service(app, "web", { image: "web:1.0.0", port: 80, placement: { on: [created] } });
    const model = toModel(app);
    const placement = await place(model, loadCatalog(), { timeLimitSeconds: 1 });
    expect(() => awsResources(model, placement)).toThrow(InputError);
    expect(() => awsResources(model, placement)).toThrow(/split\/api runs on the existing cluster split\/old, which cannot reach split\/db/);
  });
});
