import { describe, expect, it } from "vitest";
import { App, AwsTarget, KubernetesCluster, Postgres, Redis, Service, Worker, place, toModel, PlacementSchema, ExitCode, SkyweaveError, loadCatalog } from "../../src/index.js";
import { checkSolution } from "../../src/solver/packing/check.js";
import { buildClusterProblem, capacityVector, requestVector } from "../../src/solver/cluster-problem.js";

const catalog = loadCatalog();
const FAST = { timeLimitSeconds: 1 };

async function failure(promise: Promise<unknown>): Promise<SkyweaveError> {
  try {
    await promise;
  } catch (error) {
    if (SkyweaveError.is(error)) return error;
    throw error;
  }
  throw new Error("expected place() to fail");
}

function shop(pools: { name: string; instanceTypes: string[]; maxNodes?: number }[] = [{ name: "general", instanceTypes: ["m7i.large", "c7i.large", "m7i.xlarge"] }]) {
  const app = new App("shop");
  const main = new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks", nodePools: pools });
  return { app, main };
}

describe("place", () => {
  it("buys the cheapest nodes that hold every replica, and every node's contents fit its allocatable capacity", async () => {
    const { app } = shop();
    new Service(app, "web", { image: "web:1", port: 80, replicas: 3, cpu: "500m", memory: "512Mi" });
    new Postgres(app, "db", { cpu: "500m", memory: "1Gi" });
    const model = toModel(app);
    const placement = await place(model, catalog, FAST);
    expect(PlacementSchema.parse(placement)).toEqual(placement);
    const [pool] = placement.pools;
    const byType = Object.fromEntries(catalog.instanceTypes("us-east-1").map((t) => [t.name, t]));
    for (const node of pool!.assignment) {
      const cap = capacityVector(byType[node.instanceType]!);
      const used = [0, 0, 0, 0];
      for (const [part, n] of Object.entries(node.parts)) {
        const p = [...model.workloads, ...model.resources].find((x) => x.name === part)!;
        requestVector(p).forEach((v, d) => (used[d]! += v * n));
      }
      used.forEach((u, d) => expect(u, `${node.name} dimension ${d}`).toBeLessThanOrEqual(cap[d]!));
    }
    const replicas = pool!.assignment.reduce((n, node) => n + Object.values(node.parts).reduce((a, b) => a + b, 0), 0);
    expect(replicas).toBe(4);
    expect(placement.cost.monthlyUsd).toBeCloseTo(pool!.monthlyUsd, 2);
    expect(placement.cost.lowerBoundUsd).toBeLessThanOrEqual(placement.cost.monthlyUsd);
  });

  it("uses an AWS managed service where that is cheaper than another node, and the cluster where it is not", async () => {
    const app = new App("mixed");
    new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks", nodePools: [{ name: "general", instanceTypes: ["m7i.large"] }] });
    new AwsTarget(app, "aws", { region: "us-east-1" });
    // The web replicas leave too little CPU on each node: a CPU-hungry cache needs one more
    // m7i.large (~$74/month), while ElastiCache charges by memory (~$23/month for 1Gi).
    const web = new Service(app, "web", { image: "web:1", port: 80, replicas: 3, cpu: "1500m", memory: "2Gi" });
    const big = new Redis(app, "sessions", { cpu: "1", memory: "1Gi" });
    const small = new Redis(app, "flags", { cpu: "50m", memory: "64Mi" });
    web.connect(big).connect(small);
    const placement = await place(toModel(app), catalog, FAST);
    const where = Object.fromEntries(placement.parts.map((p) => [p.part, `${p.target}:${p.mode}`]));
    expect(where).toEqual({ web: "main:in-cluster", sessions: "aws:managed", flags: "main:in-cluster" });
    const sessions = placement.parts.find((p) => p.part === "sessions")!;
    expect(sessions.service).toMatch(/^ElastiCache cache\./);
    expect(sessions.alternatives[0]).toMatchObject({ option: "in-cluster on main" });
    expect(sessions.alternatives[0]!.extraMonthlyUsd).toBeGreaterThan(0);
    const flags = placement.parts.find((p) => p.part === "flags")!;
    expect(flags.alternatives[0]!.option).toMatch(/^managed on aws \(ElastiCache/);
    expect(placement.cost.managedMonthlyUsd).toBeCloseTo(sessions.monthlyUsd, 2);
  });

  it("explains a pinned part by the constraint that pinned it, and lists what it rules out", async () => {
    const app = new App("pinned");
    const main = new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks", nodePools: [{ name: "general", instanceTypes: ["m7i.large"] }] });
    new AwsTarget(app, "aws", { region: "us-east-1" });
    new Redis(app, "cache", { placement: { on: [main] } });
    const [cache] = (await place(toModel(app), catalog, FAST)).parts;
    expect(cache).toMatchObject({ target: "main", mode: "in-cluster" });
    expect(cache!.reason).toContain("pinned/cache placement.on (runs only on main) rules out aws");
    expect(cache!.alternatives).toEqual([{ option: "target aws", breaks: "pinned/cache placement.on: runs only on main" }]);
  });

  it("keeps every replica of a spread workload on its own node", async () => {
    const { app } = shop([{ name: "general", instanceTypes: ["m7i.xlarge"] }]);
    new Service(app, "web", { image: "web:1", replicas: 3, cpu: "100m", memory: "128Mi", placement: { spread: "node" } });
    const placement = await place(toModel(app), catalog, FAST);
    const nodesWithWeb = placement.pools[0]!.assignment.filter((n) => n.parts["web"] !== undefined);
    expect(nodesWithWeb).toHaveLength(3);
    expect(nodesWithWeb.every((n) => n.parts["web"] === 1)).toBe(true);
  });

  it("buys capacity for replicas.max when asked for headroom", async () => {
    const { app } = shop([{ name: "general", instanceTypes: ["m7i.large"] }]);
    new Service(app, "web", { image: "web:1", replicas: { min: 1, max: 6 }, cpu: "900m", memory: "256Mi" });
    const atMin = await place(toModel(app), catalog, FAST);
    const atMax = await place(toModel(app), catalog, { ...FAST, replicas: "max" });
    expect(atMin.parts[0]!.replicas).toBe(1);
    expect(atMax.parts[0]!.replicas).toBe(6);
    expect(atMax.cost.monthlyUsd).toBeGreaterThan(atMin.cost.monthlyUsd);
  });

  it("is deterministic: the same model gives the same placement, byte for byte", async () => {
    const build = () => {
      const { app } = shop();
      new Service(app, "web", { image: "web:1", replicas: 5, cpu: "700m", memory: "1536Mi" });
      new Worker(app, "jobs", { image: "jobs:1", replicas: 3, cpu: "300m", memory: "3Gi" });
      return toModel(app);
    };
    const first = JSON.stringify(await place(build(), catalog, FAST));
    expect(JSON.stringify(await place(build(), catalog, FAST))).toBe(first);
  });

  it("gives a large cluster a smaller exact phase (exactReferenceParts), still feasible, bounded and deterministic", async () => {
    const build = () => {
      const { app } = shop([{ name: "general", instanceTypes: ["m7i.large", "c7i.large", "m7i.xlarge"], maxNodes: 60 }]);
      new Service(app, "web", { image: "web:1", replicas: 40, cpu: "700m", memory: "1536Mi" });
      new Worker(app, "jobs", { image: "jobs:1", replicas: 30, cpu: "300m", memory: "3Gi" });
      return toModel(app);
    };
    const scaled = await place(build(), catalog, { ...FAST, exactReferenceParts: 1 });
    expect(JSON.stringify(await place(build(), catalog, { ...FAST, exactReferenceParts: 1 }))).toBe(JSON.stringify(scaled));
    const replicas = scaled.pools[0]!.assignment.reduce((n, node) => n + Object.values(node.parts).reduce((a, b) => a + b, 0), 0);
    expect(replicas).toBe(70);
    const full = await place(build(), catalog, { ...FAST, exactReferenceParts: Infinity });
    // Both bounds are proven, so each is below both costs.
    expect(Math.max(scaled.cost.lowerBoundUsd, full.cost.lowerBoundUsd)).toBeLessThanOrEqual(Math.min(scaled.cost.monthlyUsd, full.cost.monthlyUsd) + 1e-6);
  });

  it("agrees with an independent check of the packing it chose", async () => {
    const { app, main } = shop();
    new Service(app, "web", { image: "web:1", replicas: 4, cpu: "600m", memory: "900Mi" });
    const model = toModel(app);
    const placement = await place(model, catalog, FAST);
    const target = model.targets[0]!;
    if (target.kind !== "kubernetes") throw new Error("expected a cluster");
    const problem = buildClusterProblem(target, [{ part: model.workloads[0]!, replicas: 4 }], catalog).problem;
    const typeIndex = (name: string) => problem.binTypes.findIndex((b) => b.id === `${main.node.id}/general/${name}`);
    const solution = {
      bins: placement.pools[0]!.assignment.map((n) => ({ type: typeIndex(n.instanceType), items: Array(n.parts["web"]).fill(0) })),
      leftOut: [],
      cost: placement.cost.monthlyUsd,
      lowerBound: 0,
      provenOptimal: false,
      method: "test",
    };
    expect(checkSolution(problem, solution).filter((v) => !v.includes("cost"))).toEqual([]);
  });
});

describe("place: infeasible input exits 2 naming a minimal set of conflicting constraints", () => {
  it("a GPU model the pinned cluster does not offer", async () => {
    const app = new App("gpu");
    const main = new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks", nodePools: [{ name: "general", instanceTypes: ["m7i.large", "c7i.large"] }] });
    new KubernetesCluster(app, "ml", { region: "us-east-1", provider: "eks", nodePools: [{ name: "gpu", instanceTypes: ["g5.xlarge"] }] });
    new Service(app, "web", { image: "web:1", cpu: "100m", memory: "128Mi", placement: { on: [main] } });
    new Worker(app, "trainer", { image: "t:1", cpu: "1", memory: "4Gi", placement: { on: [main], gpu: { count: 1, model: "a10g" } } });
    const error = await failure(place(toModel(app), catalog, FAST));
    expect(error.exitCode).toBe(ExitCode.infeasible);
    expect(error.format()).toBe(
      [
        "gpu: no placement meets these constraints together:",
        "  - gpu/trainer placement.on: runs only on main",
        "  - gpu/trainer placement.gpu: needs 1 GPU(s) of model a10g per replica",
        "  - gpu/main nodePools[general].instanceTypes: offers m7i.large, c7i.large (no GPUs)",
        "  fix: relax any one of them (each is needed for the conflict). The app's targets: gpu/main (kubernetes, us-east-1), gpu/ml (kubernetes, us-east-1).",
      ].join("\n"),
    );
  });

  it("connected parts pinned to different regions", async () => {
    const app = new App("split");
    new KubernetesCluster(app, "east", { region: "us-east-1", provider: "eks", nodePools: [{ name: "general", instanceTypes: ["m7i.large"] }] });
    new KubernetesCluster(app, "west", { region: "us-west-2", provider: "eks", nodePools: [{ name: "general", instanceTypes: ["m6i.large"] }] });
    const db = new Postgres(app, "db", { placement: { regions: ["us-west-2"] } });
    new Service(app, "web", { image: "web:1", placement: { regions: ["us-east-1"] } }).connect(db);
    const error = await failure(place(toModel(app), catalog, FAST));
    expect(error.exitCode).toBe(ExitCode.infeasible);
    expect(error.message.split("\n").slice(1)).toEqual([
      "  - split/web placement.regions: runs only in us-east-1",
      "  - split/db placement.regions: runs only in us-west-2",
      "  - split/web connect(split/db): connected parts run in one region",
    ]);
  });

  it("more replicas than a pool's maxNodes can hold", async () => {
    const app = new App("small");
    new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks", nodePools: [{ name: "general", instanceTypes: ["m7i.large"], maxNodes: 2 }] });
    new Service(app, "web", { image: "web:1", replicas: 3, cpu: "1500m", memory: "1Gi" });
    const error = await failure(place(toModel(app), catalog, FAST));
    expect(error.message.split("\n").slice(1)).toEqual([
      "  - small/web cpu/memory: requests 1500m CPU and 1Gi memory per replica",
      "  - small/web replicas.min: 3 replicas to place",
      "  - small/main nodePools[general].instanceTypes: offers m7i.large",
      "  - small/main nodePools[general].maxNodes: allows at most 2 node(s)",
    ]);
  });
});
