import { describe, expect, it } from "vitest";
import { App, KubernetesCluster, Service, clusterObjects, emit, loadCatalog, place, toModel, type KubeObject } from "../../src/index.js";

const catalog = loadCatalog();

async function objectsOf(app: App): Promise<Map<string, KubeObject[]>> {
  const model = toModel(app);
  const placement = await place(model, catalog, { timeLimitSeconds: 1 });
  emit(model, placement); // the whole stack renders too
  return clusterObjects(model, placement, "main", model.app);
}

const find = (objects: KubeObject[], kind: string) => objects.find((o) => o.kind === kind);

describe("a public service on a Kubernetes cluster", () => {
  it("gets an Ingress of the cluster's class with TLS from cert-manager for its host, and no LoadBalancer", async () => {
    const app = new App("a");
    new KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing", ingress: { clusterIssuer: "letsencrypt-prod" } });
    new Service(app, "web", { image: "w:1", port: 8080, servicePort: 80, public: { host: "shop.example.com", path: "/app" } });
    const web = (await objectsOf(app)).get("web")!;
    expect(web.filter((o) => o.kind === "Service").map((o) => (o.spec as { type: string }).type)).toEqual(["ClusterIP"]);
    const ingress = find(web, "Ingress")!;
    expect(ingress.metadata.annotations).toEqual({ "cert-manager.io/cluster-issuer": "letsencrypt-prod" });
    expect(ingress.spec).toEqual({
      ingressClassName: "nginx",
      tls: [{ hosts: ["shop.example.com"], secretName: "web-tls" }],
      rules: [{ host: "shop.example.com", http: { paths: [{ path: "/app", pathType: "Prefix", backend: { service: { name: "web", port: { name: "tcp" } } } }] } }],
    });
  });

  it("without a host, serves every host with TLS from a Secret the user provides, and asks no issuer for a certificate", async () => {
    const app = new App("a");
    new KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing", ingress: { clusterIssuer: "letsencrypt-prod" } });
    new Service(app, "web", { image: "w:1", port: 8080, public: true });
    const ingress = find((await objectsOf(app)).get("web")!, "Ingress")!;
    expect(ingress.metadata.annotations).toBeUndefined();
    expect(ingress.spec).toMatchObject({ tls: [{ secretName: "web-tls" }], rules: [{ http: { paths: [{ path: "/" }] } }] });
  });

  it("accepts traffic only from the ingress controller's namespace, on its port", async () => {
    const app = new App("a");
    new KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing", ingress: { className: "traefik", controllerNamespace: "traefik" } });
    new Service(app, "web", { image: "w:1", port: 8080, public: true });
    const web = (await objectsOf(app)).get("web")!;
    expect((find(web, "Ingress")!.spec as { ingressClassName: string }).ingressClassName).toBe("traefik");
    const policy = web.find((o) => o.kind === "NetworkPolicy" && o.metadata.name === "web-ingress")!;
    expect((policy.spec as { ingress: unknown }).ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "traefik" } } }], ports: [{ protocol: "TCP", port: 8080 }] },
    ]);
  });

  it("rejects a host that is not a DNS name, and an unknown ingress setting, naming the construct and the prop", () => {
    const app = new App("a");
    const errorOf = (build: () => unknown) => {
      try {
        build();
      } catch (e) {
        return e as { message: string; where: string };
      }
      throw new Error("expected an error");
    };
    expect(errorOf(() => new Service(app, "web", { image: "w:1", port: 8080, public: { host: "not a host" } }))).toMatchObject({
      where: "a/web",
      message: expect.stringContaining('public.host: got "not a host"; expected a DNS name such as "shop.example.com"'),
    });
    expect(errorOf(() => new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks", ingress: { class: "nginx" } as never }))).toMatchObject({
      where: "a/main",
      message: expect.stringContaining('unknown prop "class" in ingress'),
    });
  });
});
