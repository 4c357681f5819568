/**
 * The committed `stacks/` are what `skyweave synth` writes for the examples today, and each
 * of them is a real Pulumi program: its manifests validate against the Kubernetes schema, it
 * type-checks against the real `@pulumi/*` packages, and it runs under Pulumi's mocks.
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { synth } from "../../src/cli/commands/synth.js";
import { STACK_DEPENDENCIES, STACK_DEV_DEPENDENCIES } from "../../src/emit/pulumi/versions.js";
import { formatDiagnostic } from "../support/typecheck-stacks.js";
import { formatFailure } from "../support/validate-manifests.js";
import { verifyStacks, type VerifyResult } from "../support/verify-stacks.js";
import type { RegisteredResource } from "../support/run-under-mocks.js";
import type { Placement } from "../../src/solver/placement.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const examples = readdirSync(path.join(repo, "examples")).sort();
const stackDir = (app: string) => path.join(repo, "stacks", app);

function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, entry.name);
      if (entry.name === "node_modules") continue;
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(dir, full), readFileSync(full, "utf8"));
    }
  };
  walk(dir);
  return files;
}

describe("committed stacks", () => {
  let fresh: string;
  beforeAll(async () => {
    fresh = await mkdtemp(path.join(repo, "test/.tmp-fresh-"));
  });
  afterAll(() => rmSync(fresh, { recursive: true, force: true }));

  it("cover every example", () => {
    expect(readdirSync(path.join(repo, "stacks")).sort()).toEqual(examples);
  });

  it.each(examples)("%s: equal a fresh synth, byte for byte", async (app) => {
    await synth(path.join(repo, "examples", app, "app.ts"), { out: fresh });
    const committed = filesUnder(stackDir(app));
    const generated = filesUnder(path.join(fresh, app));
    expect([...committed.keys()], "run `npx skyweave synth examples/" + app + "/app.ts` and commit stacks/").toEqual([...generated.keys()]);
    for (const [file, contents] of generated) expect(committed.get(file), `stacks/${app}/${file} is stale`).toBe(contents);
  });

  it("pin the same @pulumi packages that skyweave's tests check them against", () => {
    const own = JSON.parse(readFileSync(path.join(repo, "package.json"), "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const versions = { ...own.dependencies, ...own.devDependencies };
    for (const [name, version] of Object.entries({ ...STACK_DEPENDENCIES, ...STACK_DEV_DEPENDENCIES })) expect(versions[name], name).toBe(version);
  });
});

describe("every committed stack is a real Pulumi program", () => {
  let result: VerifyResult;
  const resources = (app: string): RegisteredResource[] => result.resources.get(stackDir(app)) ?? [];
  const named = (app: string, type: string) => resources(app).filter((r) => r.type === type).map((r) => r.name).sort();

  beforeAll(async () => {
    result = await verifyStacks(examples.map(stackDir));
  }, 240_000);

  it("validates every manifest against the Kubernetes schema", () => {
    expect(result.schemaFailures.map(formatFailure)).toEqual([]);
    for (const app of examples) {
      const inCluster = (JSON.parse(readFileSync(path.join(stackDir(app), "placement.json"), "utf8")) as Placement).parts.some((p) => p.mode === "in-cluster");
      expect(result.stacks.get(stackDir(app))!.objectCount > 0, app).toBe(inCluster);
    }
  });

  it("type-checks against @pulumi/pulumi, @pulumi/kubernetes, @pulumi/random and @pulumi/aws", () => {
    expect(result.typeErrors.map(formatDiagnostic)).toEqual([]);
  });

  it("runs under Pulumi's mocks", () => {
    expect(result.mocksErrors).toEqual([]);
    for (const app of examples) expect(resources(app).length, app).toBeGreaterThan(0);
  });

  it("writes no secret in plain text", () => {
    expect(result.plaintextSecrets).toEqual([]);
  });

  it("shop: its EKS cluster sized as placed, the managed services on AWS, and every in-cluster part's objects", () => {
    const placement = JSON.parse(readFileSync(path.join(stackDir("shop"), "placement.json"), "utf8")) as Placement;
    const managed = placement.parts.filter((p) => p.mode === "managed").map((p) => p.part);
    expect(managed).toEqual(["db", "cache", "jobs", "uploads"]);
    expect(named("shop", "pulumi:providers:kubernetes")).toEqual(["main"]);
    expect(named("shop", "pulumi:providers:aws")).toEqual(["us-east-1"]);
    expect(named("shop", "aws:eks/cluster:Cluster")).toEqual(["main"]);
    const groups = resources("shop").filter((r) => r.type === "aws:eks/nodeGroup:NodeGroup");
    const bought = placement.pools.flatMap((p) => p.nodes.map((n) => [[n.instanceType], n.count, p.pool]));
    expect(groups.map((g) => [g.inputs["instanceTypes"], (g.inputs["scalingConfig"] as { desiredSize: number }).desiredSize, (g.inputs["labels"] as Record<string, string>)["skyweave.dev/pool"]])).toEqual(bought);
    expect(named("shop", "aws:rds/instance:Instance")).toEqual(["aws-db"]);
    expect(named("shop", "aws:elasticache/replicationGroup:ReplicationGroup")).toEqual(["aws-cache"]);
    // Redis 7.4 is newer than any Redis OSS ElastiCache runs (7.1): the Valkey with its commands.
    const cache = resources("shop").find((r) => r.type === "aws:elasticache/replicationGroup:ReplicationGroup")!;
    expect(cache.inputs).toMatchObject({ engine: "valkey", engineVersion: "9.0" });
    expect(named("shop", "aws:sqs/queue:Queue")).toEqual(["aws-jobs", "aws-jobs-dlq"]);
    expect(named("shop", "aws:s3/bucket:Bucket")).toEqual(["aws-uploads"]);
    expect(named("shop", "aws:iam/rolePolicy:RolePolicy")).toEqual(["mailer", "web"]);
    expect(named("shop", "kubernetes:core/v1:Namespace")).toEqual(["main-shop"]);
    expect(named("shop", "kubernetes:core/v1:Secret")).toEqual(["main-cache-credentials", "main-db-credentials"]);
    expect(named("shop", "random:index/randomPassword:RandomPassword")).toEqual(["aws-cache-auth-token", "aws-db-password"]);
    expect(named("shop", "kubernetes:apps/v1:Deployment")).toEqual(["shop/mailer", "shop/web"]);
    expect(named("shop", "kubernetes:apps/v1:StatefulSet")).toEqual(["shop/search"]);
    expect(named("shop", "kubernetes:batch/v1:CronJob")).toEqual(["shop/nightly"]);
    expect(named("shop", "kubernetes:autoscaling/v2:HorizontalPodAutoscaler")).toEqual(["shop/web"]);
    const web = resources("shop").find((r) => r.type === "kubernetes:apps/v1:Deployment" && r.name === "shop/web")!;
    const container = (web.inputs as { spec: { template: { spec: { containers: { image: string; env: { name: string; valueFrom?: unknown }[] }[] } } } }).spec.template.spec.containers[0]!;
    expect(container.image).toBe("ghcr.io/acme/web:1.4.2");
    expect(container.env.find((e) => e.name === "DB_PASSWORD")!.valueFrom).toEqual({ secretKeyRef: { name: "db-credentials", key: "password" } });
  });

  it("boutique: the twelve upstream workloads", () => {
    expect(named("boutique", "kubernetes:apps/v1:Deployment")).toHaveLength(11);
    expect(named("boutique", "kubernetes:apps/v1:StatefulSet")).toEqual(["boutique/redis-cart"]);
    expect(named("boutique", "kubernetes:core/v1:Secret")).toEqual([]);
  });

  it("voting-app, pern-voting-app, airflow: every part on AWS, with the services the solver chose", () => {
    for (const app of ["voting-app", "pern-voting-app", "airflow"]) {
      const placement = JSON.parse(readFileSync(path.join(stackDir(app), "placement.json"), "utf8")) as Placement;
      const services = placement.parts.filter((p) => p.service?.startsWith("Fargate")).map((p) => `aws-${p.part}`);
      expect(named(app, "aws:ecs/service:Service"), app).toEqual(services.sort());
      const publicOnes = placement.parts.filter((p) => ["frontend", "server", "client", "webserver", "flower"].includes(p.part) && p.service?.startsWith("Fargate"));
      expect(named(app, "aws:lb/loadBalancer:LoadBalancer"), app).toEqual(publicOnes.map((p) => `aws-${p.part}`).sort());
    }
    expect(named("voting-app", "aws:elasticache/replicationGroup:ReplicationGroup")).toEqual(["aws-cache"]);
    expect(named("pern-voting-app", "aws:rds/instance:Instance")).toEqual(["aws-votes"]);
    expect(named("airflow", "aws:rds/instance:Instance")).toEqual(["aws-metadata"]);
    expect(named("airflow", "aws:elasticache/replicationGroup:ReplicationGroup")).toEqual(["aws-broker"]);
  });

  it("hello: one Deployment behind a ClusterIP Service and an Ingress", () => {
    expect(named("hello", "kubernetes:apps/v1:Deployment")).toEqual(["hello/web"]);
    expect(named("hello", "kubernetes:core/v1:Service")).toEqual(["hello/web"]);
    expect(named("hello", "kubernetes:networking.k8s.io/v1:Ingress")).toEqual(["hello/web"]);
  });
});
