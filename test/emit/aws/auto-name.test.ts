/**
 * AWS names Pulumi derives from logical names (the logical name, `-`, 7 random characters)
 * stay within AWS's limits, however long the target and part names: otherwise `pulumi up`
 * fails before creating anything ("name … plus 7 random chars is longer than maximum length").
 */
import { describe, expect, it } from "vitest";
import { AWS_NAME_LIMITS, autoNamed } from "../../../src/emit/aws/auto-name.js";
import { App, AwsTarget, CronJob, KubernetesCluster, Redis, Service, Worker } from "../../../src/index.js";
import { synthApp } from "./fixtures.js";

describe("autoNamed", () => {
  it("keeps a name that fits, so deployed resources keep their logical names", () => {
    expect(autoNamed("aws-webserver", AWS_NAME_LIMITS.loadBalancer)).toBe("aws-webserver");
    expect(autoNamed("a".repeat(24), 32)).toBe("a".repeat(24));
  });

  it("shortens a longer name to fit with Pulumi's suffix, deterministically and apart from its neighbours", () => {
    const long = "production-east-recommendation-frontend";
    const short = autoNamed(long, AWS_NAME_LIMITS.targetGroup);
    expect(short.length + 8).toBeLessThanOrEqual(32);
    expect(short).toMatch(/^production-east-r[a-z-]*-[0-9a-f]{6}$/);
    expect(autoNamed(long, 32)).toBe(short);
    expect(autoNamed(`${long}s`, 32)).not.toBe(short);
  });
});

describe("emitted stacks with long names", () => {
  it("name load balancers, target groups, replication groups and IAM roles within AWS's limits", async () => {
    const app = new App("long");
    const target = new AwsTarget(app, "production-east-aws", { region: "us-east-1" });
    new KubernetesCluster(app, "production-east-cluster", { region: "us-east-1", provider: "eks", nodePools: [{ name: "general", instanceTypes: ["m7i.large"], maxNodes: 3 }] });
    const on = { placement: { on: [target] } };
    const cache = new Redis(app, "recommendation-session-cache", on);
    new Service(app, "recommendation-frontend", { image: "ghcr.io/acme/web:1.0.0", port: 8080, public: true, cpu: "250m", memory: "512Mi", replicas: { min: 1, max: 3 }, ...on }).connect(cache);
    new Worker(app, "recommendation-indexer-worker", { image: "ghcr.io/acme/indexer:1.0.0", cpu: "250m", memory: "512Mi", ...on }).connect(cache);
    new CronJob(app, "recommendation-nightly-rebuild", { image: "ghcr.io/acme/rebuild:1.0.0", schedule: "0 3 * * *", ...on });
    const { files } = await synthApp(app);
    const limits: [RegExp, number][] = [
      [/new aws\.lb\.LoadBalancer\(\s*"([^"]+)"/g, AWS_NAME_LIMITS.loadBalancer],
      [/new aws\.lb\.TargetGroup\(\s*"([^"]+)"/g, AWS_NAME_LIMITS.targetGroup],
      [/new aws\.elasticache\.ReplicationGroup\(\s*"([^"]+)"/g, AWS_NAME_LIMITS.replicationGroup],
      [/new aws\.iam\.Role\(\s*"([^"]+)"/g, AWS_NAME_LIMITS.iamRole],
    ];
    const source = [...files.values()].filter((f): f is string => typeof f === "string").join("\n");
    const checked = limits.flatMap(([pattern, limit]) => [...source.matchAll(pattern)].map((m) => [m[1]!, limit] as const));
    expect(checked.length).toBeGreaterThanOrEqual(5);
    for (const [name, limit] of checked) expect(`${name}-1234567`.length, name).toBeLessThanOrEqual(limit);
  });
});
