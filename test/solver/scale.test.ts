/**
 * The time limit holds at any size, and infeasibility at scale names the replica count. Each
 * test has its own timeout, so that a regression fails in seconds instead of hanging the run.
 */
import { describe, expect, it } from "vitest";
import { App, KubernetesCluster, Service } from "../../src/index.js";
import { toModel } from "../../src/model/index.js";
import { loadCatalog, place } from "../../src/solver/index.js";
import { ExitCode, InfeasibleError } from "../../src/errors.js";

const catalog = loadCatalog();

function bigApp(replicas: number, maxNodes?: number): App {
  const app = new App("big");
  new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks", nodePools: [{ name: "general", instanceTypes: ["m7i.large", "c7i.large"], ...(maxNodes ? { maxNodes } : {}) }] });
  new Service(app, "web", { image: "nginx:1.27.0", port: 8080, cpu: "100m", memory: "128Mi", replicas });
  return app;
}

describe("place at scale", () => {
  // The search stops at the deadline; checking and assembling the answer are linear in the
  // replicas (about 1 µs each, and a share of the limit is kept for them), so 3 s over the limit
  // covers a million replicas on a busy machine. Before the fix this took minutes.
  it("places a million replicas within a 2 s limit plus 3 s, with a bound", async () => {
    const started = Date.now();
    const placement = await place(toModel(bigApp(1_000_000, 200_000)), catalog, { timeLimitSeconds: 2 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(placement.cost.lowerBoundUsd).toBeGreaterThan(0);
    expect(placement.cost.gap).toBeLessThan(0.05);
    expect(placement.pools[0]!.nodes.reduce((n, x) => n + x.count, 0)).toBeGreaterThanOrEqual(1_000_000 / 18);
  }, 30_000);

  it("names the replicas and maxNodes when 100,000 replicas exceed the default pool, and says how to fix either", async () => {
    const started = Date.now();
    const error = await place(toModel(bigApp(100_000)), catalog, { timeLimitSeconds: 2 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(InfeasibleError);
    const e = error as InfeasibleError;
    expect(e.exitCode).toBe(ExitCode.infeasible);
    expect(e.message.split("\n").slice(1)).toEqual(["  - big/web replicas.min: 100000 replicas to place", "  - big/main nodePools[general].maxNodes: allows at most 10 node(s)"]);
    expect(e.fix).toContain("lower big/web replicas.min (at most 180 replicas of it fit");
    expect(e.fix).toContain("raise big/main nodePools[general].maxNodes (the replicas that must run on big/main need at least 5556 nodes");
  }, 30_000);

  it("turns a replica count beyond the solver's counters into an input error", async () => {
    const model = toModel(bigApp(1_000, 200_000));
    const huge = { ...model, workloads: model.workloads.map((w) => ({ ...w, replicas: { ...w.replicas, min: 3_000_000_000, max: 3_000_000_000 } })) };
    await expect(place(huge, catalog, { timeLimitSeconds: 1 })).rejects.toMatchObject({ exitCode: ExitCode.badInput });
  }, 30_000);
});
