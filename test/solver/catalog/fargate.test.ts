/**
 * Fargate prices: requests round up to the smallest valid task size, the monthly price is the
 * list price of that size times the tasks, and the solver weighs it against the cluster, so a
 * workload goes to Fargate exactly when that is cheaper for the whole app.
 */
import { describe, expect, it } from "vitest";
import { App, AwsTarget, KubernetesCluster, Service, Worker, loadCatalog, place, toModel } from "../../../src/index.js";
import { fargateQuote, fargateTaskSize } from "../../../src/solver/catalog/fargate.js";
import { FARGATE_LINUX_X86 } from "../../../src/solver/catalog/fargate-prices.js";

const MI = 2 ** 20;

describe("Fargate task sizes", () => {
  it.each([
    [100, 128 * MI, { cpu: 256, memoryMiB: 512 }],
    [250, 600 * MI, { cpu: 256, memoryMiB: 1024 }],
    [300, 600 * MI, { cpu: 512, memoryMiB: 1024 }],
    [1000, 2048 * MI, { cpu: 1024, memoryMiB: 2048 }],
    [1000, 9 * 1024 * MI, { cpu: 2048, memoryMiB: 9216 }],
    [4000, 31 * 1024 * MI, { cpu: 8192, memoryMiB: 32768 }],
  ])("%d m CPU and %d bytes → %o", (cpu, memory, size) => {
    expect(fargateTaskSize(cpu, memory)).toEqual(size);
  });

  it("has none for more than 16 vCPU or 120 GB", () => {
    expect(fargateTaskSize(17_000, 1024 * MI)).toBeUndefined();
    expect(fargateTaskSize(1000, 121 * 1024 * MI)).toBeUndefined();
  });
});

function workloadModel(props: { cpu: string; memory: string; replicas?: number; volume?: boolean }) {
  const app = new App("a");
  new AwsTarget(app, "aws", { region: "us-east-1" });
  new Service(app, "w", {
    image: "w:1.0.0",
    port: 80,
    cpu: props.cpu,
    memory: props.memory,
    ...(props.replicas !== undefined ? { replicas: props.replicas } : {}),
    ...(props.volume ? { volume: { path: "/data", sizeGiB: 1 } } : {}),
  });
  return toModel(app).workloads[0]!;
}

describe("Fargate offers", () => {
  it("price the task size at the list prices, times replicas.min, for 730 hours", () => {
    const quote = fargateQuote(workloadModel({ cpu: "1", memory: "2Gi", replicas: 3 }), "us-east-1");
    if (!quote.ok) throw new Error(quote.reason);
    const p = FARGATE_LINUX_X86["us-east-1"]!;
    expect(quote.offer.monthlyUsd).toBeCloseTo(3 * 730 * (1 * p.usdPerVcpuHour + 2 * p.usdPerGbHour), 1);
    expect(quote.offer.instanceType).toBe("1024/2048");
    expect(quote.offer.source).toContain("https://aws.amazon.com/fargate/pricing/");
  });

  it("say why there is none: no price for the region, a volume", () => {
    const outside = fargateQuote(workloadModel({ cpu: "1", memory: "2Gi" }), "eu-west-1");
    expect(outside.ok ? "" : outside.reason).toContain("no Fargate price for eu-west-1");
    const stateful = fargateQuote(workloadModel({ cpu: "1", memory: "2Gi", volume: true }), "us-east-1");
    expect(stateful.ok ? "" : stateful.reason).toContain("volume");
  });
});

describe("the solver's choice between the cluster and Fargate", () => {
  async function placeWith(cpu: string, memory: string) {
    const app = new App("choice");
    new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks", nodePools: [{ name: "general", instanceTypes: ["m7i.large"] }] });
    new AwsTarget(app, "aws", { region: "us-east-1" });
    new Service(app, "api", { image: "api:1.0.0", port: 80, cpu: "1500m", memory: "4Gi" });
    new Worker(app, "job", { image: "job:1.0.0", cpu, memory });
    const placement = await place(toModel(app), loadCatalog(), { timeLimitSeconds: 1 });
    return placement.parts.find((p) => p.part === "job")!;
  }

  it("runs a small worker on the cluster's spare room, and one that would need another node on Fargate", async () => {
    const small = await placeWith("100m", "128Mi");
    expect([small.target, small.mode]).toEqual(["main", "in-cluster"]);
    const large = await placeWith("1", "2Gi");
    expect([large.target, large.mode, large.service]).toEqual(["aws", "managed", "Fargate 1024/2048"]);
  });

  it("keeps workloads that connect to each other off Fargate", async () => {
    const app = new App("pair");
    new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks" });
    new AwsTarget(app, "aws", { region: "us-east-1" });
    const api = new Service(app, "api", { image: "api:1.0.0", port: 80, cpu: "1", memory: "2Gi" });
    new Worker(app, "job", { image: "job:1.0.0", cpu: "1", memory: "2Gi" }).connect(api);
    const placement = await place(toModel(app), loadCatalog(), { timeLimitSeconds: 1 });
    expect(placement.parts.map((p) => [p.part, p.mode])).toEqual([
      ["api", "in-cluster"],
      ["job", "in-cluster"],
    ]);
  });
});
