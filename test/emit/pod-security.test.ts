import { describe, expect, it } from "vitest";
import { App, KubernetesCluster, Service, Worker, clusterObjects, loadCatalog, place, toModel, type KubeObject } from "../../src/index.js";

const catalog = loadCatalog();

type Container = { securityContext: { capabilities: unknown }; volumeMounts?: unknown[] };
type Pod = { containers: Container[]; volumes?: unknown[] };

async function podOf(app: App, part: string): Promise<Pod> {
  const model = toModel(app);
  const objects: KubeObject[] = clusterObjects(model, await place(model, catalog, { timeLimitSeconds: 1 }), "main", model.app).get(part)!;
  const deployment = objects.find((o) => o.kind === "Deployment")!;
  return (deployment.spec as { template: { spec: Pod } }).template.spec;
}

function cluster(): App {
  const app = new App("a");
  new KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing" });
  return app;
}

describe("restricted pod security with the exceptions the standard allows", () => {
  it("adds back NET_BIND_SERVICE, and nothing else, for a non-root service on a port below 1024", async () => {
    const app = cluster();
    new Service(app, "web", { image: "w:1", port: 80, addCapabilities: ["NET_BIND_SERVICE"] });
    expect((await podOf(app, "web")).containers[0]!.securityContext.capabilities).toEqual({ drop: ["ALL"], add: ["NET_BIND_SERVICE"] });
    expect(() => new Service(app, "root", { image: "w:1", addCapabilities: ["SYS_ADMIN" as "NET_BIND_SERVICE"] })).toThrow(/allows adding only "NET_BIND_SERVICE"/);
  });

  it("mounts an emptyDir at each writable path besides /tmp, under a read-only root", async () => {
    const app = cluster();
    new Worker(app, "nginx", { image: "nginxinc/nginx-unprivileged:1.27.2", writablePaths: ["/var/cache/nginx", "/run"] });
    const pod = await podOf(app, "nginx");
    expect(pod.containers[0]!.volumeMounts).toEqual([
      { name: "tmp", mountPath: "/tmp" },
      { name: "writable-1", mountPath: "/var/cache/nginx" },
      { name: "writable-2", mountPath: "/run" },
    ]);
    expect(pod.volumes).toEqual([
      { name: "tmp", emptyDir: {} },
      { name: "writable-1", emptyDir: {} },
      { name: "writable-2", emptyDir: {} },
    ]);
  });

  it("rejects relative or repeated writable paths", () => {
    const app = cluster();
    expect(() => new Worker(app, "a", { image: "w:1", writablePaths: ["var/cache"] })).toThrow(/expected absolute directory paths/);
    expect(() => new Worker(app, "b", { image: "w:1", writablePaths: ["/x", "/x"] })).toThrow(/list each path once/);
  });
});
