import { describe, expect, it } from "vitest";
import { App, AwsTarget, KubernetesCluster, Postgres, Service, place, toModel, PlacementSchema, ExitCode, SkyweaveError } from "../../src/index.js";

function errorOf(fn: () => unknown): SkyweaveError {
  try {
    fn();
  } catch (error) {
    if (SkyweaveError.is(error)) return error;
    throw error;
  }
  throw new Error("expected an error");
}

describe("place (first version: one cluster)", () => {
  it("puts every part in-cluster on the app's only cluster, in its first pool, and says why", () => {
    const app = new App("shop");
    new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks", nodePools: [{ name: "general", instanceTypes: ["m7i.large"] }, { name: "big", instanceTypes: ["m7i.4xlarge"] }] });
    new Service(app, "web", { image: "web:1", port: 80, replicas: 3, cpu: "200m", memory: "256Mi" });
    new Postgres(app, "db");
    const placement = place(toModel(app));
    expect(PlacementSchema.parse(placement)).toEqual(placement);
    expect(placement.parts.map((p) => [p.part, p.target, p.mode, p.nodePool])).toEqual([
      ["web", "main", "in-cluster", "general"],
      ["db", "main", "in-cluster", "general"],
    ]);
    expect(placement.parts[0]!.reason).toBe('shop/main is the app\'s only target; node pool "general" is its first pool');
    expect(placement.pools[0]!.requests).toEqual({ cpuMillicores: 3 * 200 + 250, memoryBytes: 3 * 256 * 2 ** 20 + 512 * 2 ** 20, gpus: 0 });
    expect(placement.pools[1]!.requests.cpuMillicores).toBe(0);
  });

  it("exits 1 naming every target when the app has several", () => {
    const app = new App("shop");
    new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks" });
    new AwsTarget(app, "aws", { region: "us-east-1" });
    const error = errorOf(() => place(toModel(app)));
    expect(error.exitCode).toBe(ExitCode.badInput);
    expect(error.format()).toContain("shop: the app declares 2 targets (shop/main (kubernetes), shop/aws (aws))");
  });

  it("exits 1 when the app has no target", () => {
    const app = new App("shop");
    new Service(app, "web", { image: "web:1" });
    expect(errorOf(() => place(toModel(app))).format()).toContain("shop: the app declares no target to run on");
  });

  it("exits 2 naming the part when its regions exclude the cluster", () => {
    const app = new App("shop");
    new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks" });
    new Service(app, "web", { image: "web:1", placement: { regions: ["eu-west-1"] } });
    const error = errorOf(() => place(toModel(app)));
    expect(error.exitCode).toBe(ExitCode.infeasible);
    expect(error.format()).toContain("shop/web: placement.regions (eu-west-1) excludes us-east-1, the region of shop/main");
  });
});
