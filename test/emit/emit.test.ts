import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { App, Bucket, CronJob, KubernetesCluster, MySql, Postgres, Queue, Redis, Service, Worker, emit, place, toModel, clusterObjects, loadCatalog, type KubeObject } from "../../src/index.js";

function shop() {
  const app = new App("shop");
  new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks" });
  const db = new Postgres(app, "db");
  const legacy = new MySql(app, "legacy");
  const cache = new Redis(app, "cache", { auth: false });
  const jobs = new Queue(app, "jobs");
  const uploads = new Bucket(app, "uploads");
  const api = new Service(app, "api", { image: "api:1", port: 9000, healthCheck: { protocol: "grpc" } });
  const web = new Service(app, "web", { image: "web:1", port: 8080, public: true, replicas: { min: 2, max: 5 }, env: { LOG_LEVEL: "info" } });
  web.connect(db, { envPrefix: "DATABASE" }).connect(legacy).connect(cache).connect(jobs, "send").connect(uploads, "write").connect(api, { envPrefix: "API_SERVICE" });
  new Worker(app, "mailer", { image: "mailer:1" }).connect(jobs, "consume");
  new CronJob(app, "nightly", { image: "report:2", schedule: "0 3 * * *" }).connect(db);
  new Service(app, "search", { image: "es:8.15.0", port: 9200, volume: { path: "/data", sizeGiB: 30 } });
  return app;
}

const catalog = loadCatalog();

async function synth(app: App) {
  const model = toModel(app);
  const placement = await place(model, catalog, { timeLimitSeconds: 1 });
  return { model, placement, files: emit(model, placement) };
}

interface PodSpec {
  securityContext: unknown;
  containers: { env?: unknown[]; securityContext: unknown }[];
}
type WorkloadSpec = { template?: { spec: PodSpec }; jobTemplate?: { spec: { template: { spec: PodSpec } } } } | undefined;

function podSpecOf(object: KubeObject): PodSpec | undefined {
  const spec = object.spec as WorkloadSpec;
  return spec?.template?.spec ?? spec?.jobTemplate?.spec.template.spec;
}

/** The pod spec of a part's workload object (its Deployment, StatefulSet or CronJob). */
function podOf(objects: readonly KubeObject[]): PodSpec {
  return objects.map(podSpecOf).find((pod) => pod !== undefined)!;
}

async function env(app: App, part: string) {
  const { model, placement } = await synth(app);
  return podOf(clusterObjects(model, placement, "main", model.app).get(part)!).containers[0]!.env!;
}

describe("emit", () => {
  it("writes one Pulumi project: program, project files, one manifest per part, and the placement", async () => {
    expect([...(await synth(shop())).files.keys()]).toEqual([
      "Pulumi.yaml",
      "eks-main.ts",
      "index.ts",
      "k8s-main.ts",
      "manifests/main/_namespace.yaml",
      "manifests/main/api.yaml",
      "manifests/main/cache.yaml",
      "manifests/main/db.yaml",
      "manifests/main/jobs.yaml",
      "manifests/main/legacy.yaml",
      "manifests/main/mailer.yaml",
      "manifests/main/nightly.yaml",
      "manifests/main/search.yaml",
      "manifests/main/uploads.yaml",
      "manifests/main/web.yaml",
      "network-us-east-1.ts",
      "package.json",
      "placement.json",
      "tsconfig.json",
    ]);
  });

  it("is deterministic: the same app gives the same bytes", async () => {
    expect([...(await synth(shop())).files]).toEqual([...(await synth(shop())).files]);
  });

  it("renders each part as the Kubernetes objects of its kind", async () => {
    const { files } = (await synth(shop()));
    const kinds = (file: string) =>
      parseAllDocuments(files.get(file)!).map((d) => {
        const o = d.toJSON() as { kind: string; metadata: { name: string } };
        return `${o.kind}/${o.metadata.name}`;
      });
    expect(kinds("manifests/main/web.yaml")).toEqual([
      "ServiceAccount/web",
      "Deployment/web",
      "Service/web",
      "Ingress/web",
      "HorizontalPodAutoscaler/web",
      "PodDisruptionBudget/web",
      "NetworkPolicy/web-egress",
      "NetworkPolicy/web-ingress",
    ]);
    expect(kinds("manifests/main/mailer.yaml")).toEqual(["ServiceAccount/mailer", "Deployment/mailer", "NetworkPolicy/mailer-egress"]);
    expect(kinds("manifests/main/nightly.yaml")).toEqual(["ServiceAccount/nightly", "CronJob/nightly", "NetworkPolicy/nightly-egress"]);
    expect(kinds("manifests/main/search.yaml")).toEqual(["ServiceAccount/search", "StatefulSet/search", "Service/search-headless", "Service/search"]);
    expect(kinds("manifests/main/db.yaml")).toEqual(["ServiceAccount/db", "StatefulSet/db", "Service/db-headless", "Service/db", "NetworkPolicy/db-ingress"]);
    expect(kinds("manifests/main/_namespace.yaml")).toEqual(["NetworkPolicy/default-deny", "NetworkPolicy/allow-dns"]);
  });

  it("gives a connected workload host, port, URL and the password from a Secret, the secret before the URL that expands it", async () => {
    const vars = await env(shop(), "web");
    expect(vars.slice(0, 7)).toEqual([
      { name: "LOG_LEVEL", value: "info" },
      { name: "DATABASE_HOST", value: "db" },
      { name: "DATABASE_PORT", value: "5432" },
      { name: "DATABASE_NAME", value: "app" },
      { name: "DATABASE_USER", value: "app" },
      { name: "DATABASE_PASSWORD", valueFrom: { secretKeyRef: { name: "db-credentials", key: "password" } } },
      { name: "DATABASE_URL", value: "postgres://app:$(DATABASE_PASSWORD)@db:5432/app" },
    ]);
    expect(vars).toContainEqual({ name: "LEGACY_URL", value: "mysql://app:$(LEGACY_PASSWORD)@legacy:3306/app" });
    expect(vars).toContainEqual({ name: "CACHE_URL", value: "redis://cache:6379" });
    expect(vars).toContainEqual({ name: "JOBS_URL", value: "nats://$(JOBS_TOKEN)@jobs:4222" });
    expect(vars).toContainEqual({ name: "UPLOADS_SECRET_ACCESS_KEY", valueFrom: { secretKeyRef: { name: "uploads-credentials", key: "secret-access-key" } } });
    expect(vars).toContainEqual({ name: "API_SERVICE_ADDR", value: "api:9000" });
  });

  it("rejects a connection whose variables collide with the workload's own env", async () => {
    const app = new App("a");
    new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks" });
    const db = new Postgres(app, "db");
    new Worker(app, "w", { image: "w:1", env: { DB_URL: "postgres://elsewhere" } }).connect(db);
    await expect(synth(app)).rejects.toThrow("environment variable DB_URL from the connection to a/db is also set by its env");
  });

  it("creates credentials in the program from random passwords, never in YAML or placement.json", async () => {
    const { files } = (await synth(shop()));
    const program = files.get("k8s-main.ts")!;
    expect(program).toContain('new random.RandomPassword("main-db-password", { length: 32, special: false })');
    expect(program).toContain("password: dbPassword.result");
    expect(program).not.toContain("cachePassword");
    for (const [file, contents] of files) {
      if (!file.endsWith(".yaml") && !file.endsWith(".json")) continue;
      expect(contents, file).not.toMatch(/kind: Secret/);
      expect(contents, file).not.toMatch(/(password|secret-access-key|token):\s*["']?[A-Za-z0-9]{16,}/i);
    }
  });

  it("runs every pod as non-root with the runtime's seccomp profile and no privilege escalation", async () => {
    const { model, placement } = (await synth(shop()));
    let pods = 0;
    for (const [part, objects] of clusterObjects(model, placement, "main", "shop")) {
      for (const object of objects) {
        const pod = podSpecOf(object);
        if (!pod) continue;
        pods++;
        expect(pod.securityContext, part).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
        for (const c of pod.containers) expect(c.securityContext, part).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
      }
    }
    expect(pods).toBe(10);
  });
});

describe("emit: ports and users", () => {
  it("puts a Service port in front of the container port, and connections use it", async () => {
    const app = new App("a");
    new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks" });
    const front = new Service(app, "front", { image: "f:1", port: 8080, servicePort: 80 });
    new Worker(app, "load", { image: "l:1" }).connect(front, { envPrefix: "FRONTEND" });
    const { model, placement } = await synth(app);
    const objects = clusterObjects(model, placement, "main", "a");
    const service = objects.get("front")!.find((o) => o.kind === "Service")!;
    expect(service.spec).toMatchObject({ ports: [{ port: 80, targetPort: 8080 }] });
    expect(podOf(objects.get("load")!).containers[0]!.env).toContainEqual({ name: "FRONTEND_ADDR", value: "front:80" });
  });

  it("runs workloads as user 1000 unless told otherwise, so images that default to root still start as non-root", async () => {
    const app = new App("a");
    new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks" });
    new Service(app, "plain", { image: "p:1" });
    new Service(app, "nginx", { image: "nginxinc/nginx-unprivileged:1.27.2", runAsUser: 101 });
    const { model, placement } = await synth(app);
    const objects = clusterObjects(model, placement, "main", "a");
    expect(podOf(objects.get("plain")!).securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(podOf(objects.get("nginx")!).securityContext).toMatchObject({ runAsUser: 101, runAsGroup: 101 });
  });
});

describe("emit: autoscaling", () => {
  it("leaves the replica count of an autoscaled workload to its HPA, and fixes it otherwise", async () => {
    const app = new App("a");
    new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks" });
    new Service(app, "scaled", { image: "s:1", replicas: { min: 2, max: 6 } });
    new Service(app, "fixed", { image: "f:1", replicas: 3 });
    const { model, placement } = await synth(app);
    const objects = clusterObjects(model, placement, "main", "a");
    expect(objects.get("scaled")!.map((o) => o.kind)).toEqual(["ServiceAccount", "Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget"]);
    expect(objects.get("scaled")![1]!.spec).not.toHaveProperty("replicas");
    expect(objects.get("scaled")![2]!.spec).toMatchObject({ minReplicas: 2, maxReplicas: 6 });
    expect(objects.get("fixed")!.map((o) => o.kind)).toEqual(["ServiceAccount", "Deployment", "PodDisruptionBudget"]);
    expect(objects.get("fixed")![1]!.spec).toMatchObject({ replicas: 3 });
  });
});

describe("emit: network policy from connections", () => {
  type Policy = { metadata: { name: string }; spec: { podSelector: unknown; egress?: { to: unknown[]; ports: unknown[] }[]; ingress?: { from?: unknown[]; ports: unknown[] }[] } };
  const pods = (name: string) => ({ podSelector: { matchLabels: { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "shop" } } });

  it("denies everything in the namespace by default and allows DNS", async () => {
    const { files } = await synth(shop());
    const policies = parseAllDocuments(files.get("manifests/main/_namespace.yaml")!).map((d) => d.toJSON() as Policy & { spec: { policyTypes: string[] } });
    expect(policies[0]!.spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    expect(policies[1]!.metadata.name).toBe("allow-dns");
    expect(policies[1]!.spec.egress![0]!.ports).toEqual([
      { protocol: "UDP", port: 53 },
      { protocol: "TCP", port: 53 },
    ]);
  });

  it("lets a workload reach exactly what it connects to, on the target's port, and the target accept exactly its clients", async () => {
    const { model, placement } = await synth(shop());
    const objects = clusterObjects(model, placement, "main", "shop");
    const find = (part: string, name: string) => objects.get(part)!.find((o) => o.kind === "NetworkPolicy" && o.metadata.name === name) as unknown as Policy;
    expect(find("mailer", "mailer-egress").spec.egress).toEqual([{ to: [pods("jobs")], ports: [{ protocol: "TCP", port: 4222 }] }]);
    expect(find("db", "db-ingress").spec.ingress).toEqual([{ from: [pods("web"), pods("nightly")], ports: [{ protocol: "TCP", port: 5432 }] }]);
    expect(find("api", "api-ingress").spec.ingress).toEqual([{ from: [pods("web")], ports: [{ protocol: "TCP", port: 9000 }] }]);
    // The public web service accepts its port from the ingress controller's namespace, and nothing else.
    expect(find("web", "web-ingress").spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }], ports: [{ protocol: "TCP", port: 8080 }] },
    ]);
    expect(objects.get("search")!.some((o) => o.kind === "NetworkPolicy"), "nothing connects to search").toBe(false);
  });
});

describe("emit: network policy follows the connections exactly", () => {
  /** Every rule of every NetworkPolicy, one string per (policy, direction, peer, port). */
  async function rules(connectCache: boolean): Promise<string[]> {
    const app = new App("a");
    new KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing" });
    const db = new Postgres(app, "db");
    const cache = new Redis(app, "cache");
    const web = new Service(app, "web", { image: "w:1", port: 8080 }).connect(db);
    if (connectCache) web.connect(cache);
    new Worker(app, "mailer", { image: "m:1" }).connect(cache);
    const { model, placement } = await synth(app);
    const out: string[] = [];
    for (const objects of clusterObjects(model, placement, "main", "a").values()) {
      for (const o of objects.filter((x) => x.kind === "NetworkPolicy")) {
        const spec = o.spec as { egress?: { to: unknown[]; ports: unknown[] }[]; ingress?: { from: unknown[]; ports: unknown[] }[] };
        for (const r of spec.egress ?? []) for (const peer of r.to) out.push(`${o.metadata.name} egress to ${JSON.stringify(peer)} ${JSON.stringify(r.ports)}`);
        for (const r of spec.ingress ?? []) for (const peer of r.from) out.push(`${o.metadata.name} ingress from ${JSON.stringify(peer)} ${JSON.stringify(r.ports)}`);
      }
    }
    return out.sort();
  }

  it("removing a connection removes exactly its egress rule on the client and its ingress rule on the target", async () => {
    const withCache = await rules(true);
    const without = await rules(false);
    const pods = (name: string) => JSON.stringify({ podSelector: { matchLabels: { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "a" } } });
    const port = JSON.stringify([{ protocol: "TCP", port: 6379 }]);
    expect(withCache.filter((r) => !without.includes(r))).toEqual([`cache-ingress ingress from ${pods("web")} ${port}`, `web-egress egress to ${pods("cache")} ${port}`]);
    expect(without.filter((r) => !withCache.includes(r)), "nothing is added").toEqual([]);
  });
});

describe("emit: availability", () => {
  it("spreads the replicas of a spread workload over nodes or zones", async () => {
    const app = new App("a");
    new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks", nodePools: [{ name: "general", instanceTypes: ["m7i.xlarge"] }] });
    new Service(app, "bynode", { image: "n:1", replicas: 3, placement: { spread: "node" } });
    new Service(app, "byzone", { image: "z:1", replicas: 3, placement: { spread: "zone" } });
    const { model, placement } = await synth(app);
    const objects = clusterObjects(model, placement, "main", "a");
    const spreadOf = (part: string) => (podOf(objects.get(part)!) as unknown as { topologySpreadConstraints: { topologyKey: string }[] }).topologySpreadConstraints;
    expect(spreadOf("bynode")).toEqual([
      { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: { "app.kubernetes.io/name": "bynode", "app.kubernetes.io/part-of": "a" } } },
    ]);
    expect(spreadOf("byzone")[0]!.topologyKey).toBe("topology.kubernetes.io/zone");
  });
});
