import { describe, expect, it } from "vitest";
import { App, KubernetesCluster, Service, clusterObjects, loadCatalog, place, toModel } from "../../src/index.js";

const catalog = loadCatalog();

async function containerOf(app: App, part: string): Promise<Record<string, unknown>> {
  const model = toModel(app);
  const objects = clusterObjects(model, await place(model, catalog, { timeLimitSeconds: 1 }), "main", model.app).get(part)!;
  const deployment = objects.find((o) => o.kind === "Deployment")!;
  return (deployment.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec.containers[0]!;
}

describe("probes from the health check", () => {
  it("check readiness and liveness every 10 s, liveness after 10 s, and add no startup probe by default", async () => {
    const app = new App("a");
    new KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing" });
    new Service(app, "web", { image: "w:1", port: 8080, healthCheck: { protocol: "http", path: "/healthz" } });
    const c = await containerOf(app, "web");
    const check = { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 };
    expect(c["readinessProbe"]).toEqual(check);
    expect(c["livenessProbe"]).toEqual({ ...check, initialDelaySeconds: 10 });
    expect(c["startupProbe"]).toBeUndefined();
  });

  it("give a slow starter a startup probe that allows startupSeconds before liveness may restart it", async () => {
    const app = new App("a");
    new KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing" });
    new Service(app, "jvm", { image: "j:1", port: 8080, healthCheck: { protocol: "tcp", startupSeconds: 180 } });
    const c = await containerOf(app, "jvm");
    expect(c["startupProbe"]).toEqual({ tcpSocket: { port: 8080 }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 36 });
    expect(c["livenessProbe"], "the startup probe holds liveness back: no fixed delay").toEqual({ tcpSocket: { port: 8080 }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 });
  });

  it("rejects a startup time that is not whole seconds", () => {
    const app = new App("a");
    expect(() => new Service(app, "x", { image: "x:1", port: 80, healthCheck: { protocol: "tcp", startupSeconds: 0.5 } })).toThrow(/expected whole seconds/);
  });
});
