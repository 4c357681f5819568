import { describe, expect, it } from "vitest";
import { poolScheduling } from "../../src/emit/k8s/node-pools.js";
import { App, CronJob, KubernetesCluster, Postgres, Service, Worker, clusterObjects, loadCatalog, place, toModel, type KubeObject } from "../../src/index.js";

const catalog = loadCatalog();

async function objectsOf(app: App): Promise<Map<string, KubeObject[]>> {
  const model = toModel(app);
  return clusterObjects(model, await place(model, catalog, { timeLimitSeconds: 1 }), "main", model.app);
}

type Pod = { nodeSelector?: Record<string, string>; affinity?: unknown; terminationGracePeriodSeconds: number; containers: { lifecycle?: unknown }[] };
function podOf(objects: KubeObject[]): Pod {
  for (const o of objects) {
    const spec = o.spec as { template?: { spec: Pod }; jobTemplate?: { spec: { template: { spec: Pod } } } } | undefined;
    const pod = o.kind === "CronJob" ? spec?.jobTemplate?.spec.template.spec : o.kind === "Deployment" || o.kind === "StatefulSet" ? spec?.template?.spec : undefined;
    if (pod) return pod;
  }
  throw new Error("no pod template");
}

describe("pods on a cluster skyweave creates", () => {
  it("are kept on several pools through node affinity", () => {
    expect(poolScheduling(["spot", "general"])).toEqual({
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "skyweave.dev/pool", operator: "In", values: ["general", "spot"] }] }] } } },
    });
  });

  it("run on the node pool the solver chose: every workload and in-cluster resource", async () => {
    const app = new App("a");
    new KubernetesCluster(app, "main", {
      region: "us-east-1",
      provider: "eks",
      nodePools: [
        { name: "general", instanceTypes: ["m7i.large"] },
        { name: "gpu", instanceTypes: ["g5.xlarge"] },
      ],
    });
    new Service(app, "web", { image: "w:1", port: 8080 });
    new Worker(app, "trainer", { image: "t:1", placement: { gpu: { count: 1 } } });
    new CronJob(app, "nightly", { image: "n:1", schedule: "0 3 * * *" });
    new Postgres(app, "db");
    const model = toModel(app);
    const placement = await place(model, catalog, { timeLimitSeconds: 1 });
    const objects = clusterObjects(model, placement, "main", model.app);
    for (const part of ["web", "trainer", "nightly", "db"]) {
      const pools = placement.parts.find((p) => p.part === part)!.nodePools;
      expect(pools, part).toHaveLength(1);
      expect(podOf(objects.get(part)!).nodeSelector, part).toEqual({ "skyweave.dev/pool": pools[0] });
    }
    expect(podOf(objects.get("trainer")!).nodeSelector, "only the gpu pool has GPUs").toEqual({ "skyweave.dev/pool": "gpu" });
  });

  it("are not pinned on an existing cluster, whose nodes skyweave did not label", async () => {
    const app = new App("a");
    new KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing" });
    new Service(app, "web", { image: "w:1", port: 8080 });
    const pod = podOf((await objectsOf(app)).get("web")!);
    expect(pod.nodeSelector).toBeUndefined();
    expect(pod.affinity).toBeUndefined();
  });
});

describe("stopping gracefully", () => {
  it("gives replicas 30 s by default, and a serving service 5 s to leave its endpoints before SIGTERM", async () => {
    const app = new App("a");
    new KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing" });
    new Service(app, "web", { image: "w:1", port: 8080 });
    new Service(app, "quick", { image: "q:1", port: 8080, terminationGracePeriodSeconds: 5 });
    new Worker(app, "mailer", { image: "m:1", terminationGracePeriodSeconds: 120 });
    const objects = await objectsOf(app);
    expect(podOf(objects.get("web")!)).toMatchObject({ terminationGracePeriodSeconds: 30, containers: [{ lifecycle: { preStop: { sleep: { seconds: 5 } } } }] });
    // A 5 s grace period has no room for the delay: it would use all of it.
    expect(podOf(objects.get("quick")!).containers[0]!.lifecycle).toBeUndefined();
    expect(podOf(objects.get("mailer")!)).toMatchObject({ terminationGracePeriodSeconds: 120 });
    expect(podOf(objects.get("mailer")!).containers[0]!.lifecycle, "a worker serves no endpoints").toBeUndefined();
  });
});

describe("autoscaling targets", () => {
  it("keep CPU at 70 % and memory at 80 % of the requests by default, or what replicas says", async () => {
    const app = new App("a");
    new KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing" });
    new Service(app, "web", { image: "w:1", replicas: { min: 2, max: 6 } });
    new Worker(app, "batch", { image: "b:1", replicas: { min: 1, max: 4, targetCpuPercent: 50, targetMemoryPercent: 90 } });
    const objects = await objectsOf(app);
    const metrics = (part: string) => (objects.get(part)!.find((o) => o.kind === "HorizontalPodAutoscaler")!.spec as { metrics: unknown }).metrics;
    const target = (name: string, averageUtilization: number) => ({ type: "Resource", resource: { name, target: { type: "Utilization", averageUtilization } } });
    expect(metrics("web")).toEqual([target("cpu", 70), target("memory", 80)]);
    expect(metrics("batch")).toEqual([target("cpu", 50), target("memory", 90)]);
  });

  it("must be whole percentages between 10 and 100", () => {
    const app = new App("a");
    expect(() => new Worker(app, "w", { image: "w:1", replicas: { min: 1, max: 3, targetCpuPercent: 150 } })).toThrow(/between 10 and 100 percent/);
  });
});
