/**
 * The synth benchmark's input and its two renderings.
 *
 * `appSpec(n)` generates, deterministically, an app of `n` services modelled on Online
 * Boutique (images, ports, requests and limits from `../shared/corpus/online-boutique/
 * services.csv`), each autoscaled and connected to two other services, plus a few Postgres
 * and Redis. `buildSkyweaveApp()` declares it with skyweave's constructs; `buildPlainCdk8s()`
 * is what a user hand-writing cdk8s would do for the same services: the same Deployments,
 * Services and HorizontalPodAutoscalers, one chart per service.
 */
import { readFileSync } from "node:fs";
import { ApiObject, App as Cdk8sApp, Chart } from "cdk8s";
import { App, KubernetesCluster, Postgres, Redis, Service, type Connectable } from "../src/index.js";

/** The Online Boutique service table nobody here wrote: the source of realistic services. */
export const BOUTIQUE_CSV = new URL("../../shared/corpus/online-boutique/services.csv", import.meta.url);

/** What the benchmark measures: skyweave or plain cdk8s, in memory or writing files. */
export const VARIANTS = ["skyweave", "skyweave-write", "cdk8s", "cdk8s-write"] as const;
/** One of `VARIANTS`. */
export type Variant = (typeof VARIANTS)[number];

/** One generated service. */
export interface ServiceSpec {
  readonly name: string;
  readonly image: string;
  readonly port: number;
  readonly cpu: string;
  readonly memory: string;
  readonly cpuLimit: string;
  readonly memoryLimit: string;
  readonly replicas: { readonly min: number; readonly max: number };
  readonly public: boolean;
  readonly healthCheck: { readonly protocol: "http"; readonly path: string } | { readonly protocol: "grpc" };
  /** Plain env, keys sorted. */
  readonly env: Readonly<Record<string, string>>;
  /** Names of the services and backends it connects to, in order. */
  readonly connections: readonly string[];
}

/** One generated backing resource. */
export interface BackendSpec {
  readonly kind: "postgres" | "redis";
  readonly name: string;
  readonly storageGiB?: number;
}

/** A generated app. */
export interface AppSpec {
  readonly app: string;
  readonly services: readonly ServiceSpec[];
  readonly backends: readonly BackendSpec[];
}

interface BoutiqueRow {
  readonly stem: string;
  readonly image: string;
  readonly port: number;
  readonly cpu: string;
  readonly memory: string;
  readonly cpuLimit: string;
  readonly memoryLimit: string;
}

/** The services of Online Boutique that listen on a port (redis-cart is a Redis, loadgenerator has no port). */
export function boutiqueRows(): BoutiqueRow[] {
  let text: string;
  try {
    text = readFileSync(BOUTIQUE_CSV, "utf8");
  } catch (error) {
    throw new Error(`cannot read ${BOUTIQUE_CSV.pathname} (the benchmark reads its services from ../shared/corpus): ${(error as Error).message}`);
  }
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const columns = header!.split(",");
  const col = (name: string): number => {
    const i = columns.indexOf(name);
    if (i < 0) throw new Error(`${BOUTIQUE_CSV.pathname}: no column ${name}`);
    return i;
  };
  const rows: BoutiqueRow[] = [];
  for (const line of lines) {
    const cells = line.split(",");
    const cell = (name: string): string => cells[col(name)] ?? "";
    const stem = cell("service");
    if (cell("port") === "" || cell("image").startsWith("redis:")) continue;
    rows.push({
      stem,
      image: cell("image"),
      port: Number(cell("port")),
      cpu: cell("cpu_request"),
      memory: cell("mem_request"),
      cpuLimit: cell("cpu_limit"),
      memoryLimit: cell("mem_limit"),
    });
  }
  if (rows.length === 0) throw new Error(`${BOUTIQUE_CSV.pathname}: no services with a port`);
  return rows;
}

/** mulberry32: a small, fast, seeded PRNG, so every run generates the same app. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Services each service connects to (fewer when the app is smaller). */
export const SERVICE_CONNECTIONS = 2;
/** Chance that a service uses one of the app's Postgres databases / Redis caches. */
const POSTGRES_SHARE = 0.25;
const REDIS_SHARE = 0.35;

/** Generates the app of `n` services: same `n` and `seed`, same app. */
export function appSpec(n: number, rows: readonly BoutiqueRow[] = boutiqueRows(), seed = 20240611): AppSpec {
  const random = prng(seed ^ n);
  const int = (below: number): number => Math.floor(random() * below);
  const backends: BackendSpec[] = [];
  const postgres = Math.max(1, Math.ceil(n / 200));
  const redis = Math.max(1, Math.ceil(n / 150));
  for (let i = 0; i < postgres; i++) backends.push({ kind: "postgres", name: `orders-db-${i}`, storageGiB: 20 + 10 * int(5) });
  for (let i = 0; i < redis; i++) backends.push({ kind: "redis", name: `cache-${i}` });
  const pgNames = backends.filter((b) => b.kind === "postgres").map((b) => b.name);
  const redisNames = backends.filter((b) => b.kind === "redis").map((b) => b.name);

  const names = Array.from({ length: n }, (_, i) => `${rows[i % rows.length]!.stem}-${i}`);
  const services: ServiceSpec[] = names.map((name, i) => {
    const row = rows[i % rows.length]!;
    const [repository] = row.image.split(":");
    const targets = new Set<number>();
    while (targets.size < Math.min(SERVICE_CONNECTIONS, n - 1)) {
      const j = int(n);
      if (j !== i) targets.add(j);
    }
    const connections = [...targets].map((j) => names[j]!);
    if (random() < POSTGRES_SHARE) connections.push(pgNames[int(pgNames.length)]!);
    if (random() < REDIS_SHARE) connections.push(redisNames[int(redisNames.length)]!);
    const frontend = row.stem === "frontend";
    return {
      name,
      image: `${repository}-${i}:v${1 + int(3)}.${int(20)}.${int(10)}`,
      port: row.port,
      cpu: row.cpu,
      memory: row.memory,
      cpuLimit: row.cpuLimit,
      memoryLimit: row.memoryLimit,
      replicas: { min: 2, max: 3 + int(18) },
      public: frontend,
      healthCheck: frontend ? { protocol: "http", path: "/_healthz" } : { protocol: "grpc" },
      env: { LOG_LEVEL: "info", OTEL_SERVICE_NAME: name, PORT: String(row.port) },
      connections,
    };
  });
  return { app: `bench-${n}`, services, backends };
}

/** Counts of what an app spec declares. */
export function specCounts(spec: AppSpec): { services: number; postgres: number; redis: number; connections: number; publicServices: number } {
  return {
    services: spec.services.length,
    postgres: spec.backends.filter((b) => b.kind === "postgres").length,
    redis: spec.backends.filter((b) => b.kind === "redis").length,
    connections: spec.services.reduce((sum, s) => sum + s.connections.length, 0),
    publicServices: spec.services.filter((s) => s.public).length,
  };
}

// ---------------------------------------------------------------------------------------
// skyweave

/** Declares the app with skyweave's constructs, as a user's app.ts would. */
export function buildSkyweaveApp(spec: AppSpec): App {
  const app = new App(spec.app);
  new KubernetesCluster(app, "main", {
    region: "us-east-1",
    provider: "eks",
    nodePools: [{ name: "general", instanceTypes: ["m7i.large", "m7i.xlarge", "c7i.large"], maxNodes: 500 }],
  });
  const parts = new Map<string, Connectable>();
  for (const b of spec.backends) {
    parts.set(b.name, b.kind === "postgres" ? new Postgres(app, b.name, { version: "16", ...(b.storageGiB ? { storageGiB: b.storageGiB } : {}) }) : new Redis(app, b.name));
  }
  const services: Service[] = [];
  for (const s of spec.services) {
    const service = new Service(app, s.name, {
      image: s.image,
      port: s.port,
      public: s.public,
      cpu: s.cpu,
      memory: s.memory,
      cpuLimit: s.cpuLimit,
      memoryLimit: s.memoryLimit,
      replicas: { min: s.replicas.min, max: s.replicas.max },
      healthCheck: s.healthCheck,
      env: { ...s.env },
    });
    parts.set(s.name, service);
    services.push(service);
  }
  spec.services.forEach((s, i) => {
    for (const to of s.connections) services[i]!.connect(parts.get(to)!);
  });
  return app;
}

// ---------------------------------------------------------------------------------------
// plain cdk8s: what a user writes by hand for the same services

type Env = { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } };

/**
 * Labels and field values are kept identical to skyweave's output (including the
 * `managed-by` label), so that the benchmark can check both render the same objects.
 */
function labels(app: string, name: string): Record<string, string> {
  return { "app.kubernetes.io/name": name, "app.kubernetes.io/component": "service", "app.kubernetes.io/part-of": app, "app.kubernetes.io/managed-by": "skyweave" };
}

function envPrefix(name: string): string {
  return name.replace(/-/g, "_").toUpperCase();
}

function connectionEnv(to: string, spec: AppSpec, byName: ReadonlyMap<string, ServiceSpec>, backends: ReadonlyMap<string, BackendSpec>): Env[] {
  const p = envPrefix(to);
  const service = byName.get(to);
  if (service) {
    return [
      { name: `${p}_HOST`, value: to },
      { name: `${p}_PORT`, value: String(service.port) },
      { name: `${p}_ADDR`, value: `${to}:${service.port}` },
    ];
  }
  const backend = backends.get(to);
  const password: Env = { name: `${p}_PASSWORD`, valueFrom: { secretKeyRef: { name: `${to}-credentials`, key: "password" } } };
  if (backend?.kind === "postgres") {
    return [
      { name: `${p}_HOST`, value: to },
      { name: `${p}_PORT`, value: "5432" },
      { name: `${p}_NAME`, value: "app" },
      { name: `${p}_USER`, value: "app" },
      password,
      { name: `${p}_URL`, value: `postgres://app:$(${p}_PASSWORD)@${to}:5432/app` },
    ];
  }
  if (backend?.kind === "redis") {
    return [
      { name: `${p}_HOST`, value: to },
      { name: `${p}_PORT`, value: "6379" },
      { name: `${p}_ADDR`, value: `${to}:6379` },
      password,
      { name: `${p}_URL`, value: `redis://:$(${p}_PASSWORD)@${to}:6379` },
    ];
  }
  throw new Error(`${spec.app}: unknown connection target ${to}`);
}

/** The objects of one service, added to `chart`. */
function plainServiceObjects(chart: Chart, spec: AppSpec, s: ServiceSpec, byName: ReadonlyMap<string, ServiceSpec>, backends: ReadonlyMap<string, BackendSpec>): void {
  const namespace = spec.app;
  const meta = (name: string) => ({ name, namespace, labels: labels(spec.app, s.name) });
  const selector = { "app.kubernetes.io/name": s.name, "app.kubernetes.io/part-of": spec.app };
  const portName = s.healthCheck.protocol;
  const check = s.healthCheck.protocol === "http" ? { httpGet: { path: s.healthCheck.path, port: s.port } } : { grpc: { port: s.port } };
  const probe = { ...check, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 };
  const env: Env[] = Object.keys(s.env)
    .sort()
    .map((name) => ({ name, value: s.env[name]! }));
  for (const to of s.connections) env.push(...connectionEnv(to, spec, byName, backends));

  new ApiObject(chart, "service-account", { apiVersion: "v1", kind: "ServiceAccount", metadata: meta(s.name), automountServiceAccountToken: false });
  new ApiObject(chart, "deployment", {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: meta(s.name),
    // no spec.replicas: the HorizontalPodAutoscaler owns the count
    spec: {
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: labels(spec.app, s.name) },
        spec: {
          serviceAccountName: s.name,
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: "RuntimeDefault" } },
          terminationGracePeriodSeconds: 30,
          nodeSelector: { "skyweave.dev/pool": "general" },
          containers: [
            {
              name: s.name,
              image: s.image,
              ports: [{ name: portName, containerPort: s.port, protocol: "TCP" }],
              env,
              resources: { requests: { cpu: s.cpu, memory: s.memory }, limits: { cpu: s.cpuLimit, memory: s.memoryLimit } },
              readinessProbe: probe,
              livenessProbe: { ...probe, initialDelaySeconds: 10 },
              lifecycle: { preStop: { sleep: { seconds: 5 } } },
              volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
              securityContext: { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
            },
          ],
          volumes: [{ name: "tmp", emptyDir: {} }],
        },
      },
    },
  });
  new ApiObject(chart, "service", {
    apiVersion: "v1",
    kind: "Service",
    metadata: meta(s.name),
    spec: { type: "ClusterIP", selector, ports: [{ name: portName, port: s.port, targetPort: s.port, protocol: "TCP" }] },
  });
  if (s.public) {
    new ApiObject(chart, "public", {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: meta(s.name),
      spec: {
        ingressClassName: "nginx",
        tls: [{ secretName: `${s.name}-tls` }],
        rules: [{ http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: s.name, port: { name: portName } } } }] } }],
      },
    });
  }
  new ApiObject(chart, "hpa", {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: meta(s.name),
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: s.name },
      minReplicas: s.replicas.min,
      maxReplicas: s.replicas.max,
      metrics: [
        { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } },
        { type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: 80 } } },
      ],
    },
  });
  new ApiObject(chart, "pdb", { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: meta(s.name), spec: { maxUnavailable: 1, selector: { matchLabels: selector } } });
  // Network policy: reach exactly what it connects to; accept exactly its clients (and the ingress controller when public).
  const pods = (name: string) => ({ podSelector: { matchLabels: { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": spec.app } } });
  const portOf = (name: string): number => byName.get(name)?.port ?? (backends.get(name)?.kind === "postgres" ? 5432 : 6379);
  const policyMeta = (name: string) => ({ name, namespace, labels: { "app.kubernetes.io/managed-by": "skyweave" } });
  if (s.connections.length > 0) {
    new ApiObject(chart, "egress", {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: policyMeta(`${s.name}-egress`),
      spec: { podSelector: { matchLabels: selector }, policyTypes: ["Egress"], egress: s.connections.map((to) => ({ to: [pods(to)], ports: [{ protocol: "TCP", port: portOf(to) }] })) },
    });
  }
  const clients = spec.services.filter((c) => c.connections.includes(s.name)).map((c) => c.name);
  if (clients.length > 0 || s.public) {
    new ApiObject(chart, "ingress", {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: policyMeta(`${s.name}-ingress`),
      spec: {
        podSelector: { matchLabels: selector },
        policyTypes: ["Ingress"],
        ingress: [...(clients.length > 0 ? [{ from: clients.map(pods), ports: [{ protocol: "TCP", port: s.port }] }] : []), ...(s.public ? [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }], ports: [{ protocol: "TCP", port: s.port }] }] : [])],
      },
    });
  }
}

/**
 * The plain cdk8s app: one chart per service holding its Deployment, Service(s) and
 * HorizontalPodAutoscaler. Pass `outdir` to have `app.synth()` write it.
 */
export function buildPlainCdk8s(spec: AppSpec, outdir?: string): Cdk8sApp {
  const app = new Cdk8sApp(outdir === undefined ? {} : { outdir, outputFileExtension: ".yaml" });
  const byName = new Map(spec.services.map((s) => [s.name, s]));
  const backends = new Map(spec.backends.map((b) => [b.name, b]));
  for (const s of spec.services) {
    const chart = new Chart(app, s.name, { namespace: spec.app, disableResourceNameHashes: true });
    plainServiceObjects(chart, spec, s, byName, backends);
  }
  return app;
}
