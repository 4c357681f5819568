/**
 * An emitted stack is real: its Kubernetes objects validate against the Kubernetes OpenAPI
 * schema, its program type-checks against the real @pulumi/* typings, it runs under Pulumi's
 * mocks and creates the resources the app declares with the inputs it declares, and no secret
 * is written in plain text. One tsc run and one mocks process for the whole file.
 */
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App, Bucket, CronJob, KubernetesCluster, MySql, Postgres, Queue, Redis, Service, Worker, emit, place, toModel, writeStack } from "../../src/index.js";
import { findPlaintextSecrets, formatSecretFinding, secretValuesOf } from "../support/plaintext-secrets.js";
import { FAKE_KUBECONFIG, type MocksRun, type RegisteredResource } from "../support/run-under-mocks.js";
import { REPO_ROOT, formatDiagnostic } from "../support/typecheck-stacks.js";
import { formatFailure, readManifests, validateManifestObjects } from "../support/validate-manifests.js";
import { verifyStacks, type StackReport, type VerifyResult } from "../support/verify-stacks.js";

const APP = "weave";
const NS = APP;

/** Every kind of part and every kind of connection, on one existing cluster. */
function declareApp(): App {
  const app = new App(APP);
  new KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing" });
  const db = new Postgres(app, "db", { version: "16", storageGiB: 20 });
  const legacy = new MySql(app, "legacy", { storageGiB: 10 });
  const cache = new Redis(app, "cache");
  const jobs = new Queue(app, "jobs");
  const uploads = new Bucket(app, "uploads", { storageGiB: 50 });
  const search = new Service(app, "search", {
    image: "elasticsearch:8.15.0",
    port: 9200,
    cpu: "1",
    memory: "2Gi",
    volume: { path: "/usr/share/elasticsearch/data", sizeGiB: 30 },
  });
  new Service(app, "web", {
    image: "ghcr.io/acme/web:1.4.2",
    port: 8080,
    public: true,
    cpu: "250m",
    memory: "256Mi",
    replicas: { min: 2, max: 5 },
    env: { LOG_LEVEL: "info" },
    healthCheck: { protocol: "http", path: "/healthz" },
  })
    .connect(db)
    .connect(legacy)
    .connect(cache)
    .connect(jobs, "send")
    .connect(uploads, "write")
    .connect(search, { envPrefix: "SEARCH_API" });
  new Worker(app, "mailer", { image: "ghcr.io/acme/mailer:1.0.0", cpu: "100m", memory: "128Mi" }).connect(jobs, "consume").connect(uploads, "read");
  new CronJob(app, "nightly", { image: "ghcr.io/acme/report:2.0.0", schedule: "0 3 * * *" }).connect(db).connect(uploads, "readwrite");
  return app;
}

/** The objects each part becomes, as `<Pulumi type> <namespace>/<name>`. */
const policy = (name: string) => `networking.k8s.io/v1:NetworkPolicy ${name}`;
const sa = (name: string) => `core/v1:ServiceAccount ${name}`;
const EXPECTED_OBJECTS: Record<string, string[]> = {
  _namespace: [policy("default-deny"), policy("allow-dns")],
  web: [
    sa("web"),
    "apps/v1:Deployment web",
    "core/v1:Service web",
    "networking.k8s.io/v1:Ingress web",
    "autoscaling/v2:HorizontalPodAutoscaler web",
    "policy/v1:PodDisruptionBudget web",
    policy("web-egress"),
    policy("web-ingress"),
  ],
  mailer: [sa("mailer"), "apps/v1:Deployment mailer", policy("mailer-egress")],
  nightly: [sa("nightly"), "batch/v1:CronJob nightly", policy("nightly-egress")],
  search: [sa("search"), "apps/v1:StatefulSet search", "core/v1:Service search", "core/v1:Service search-headless", policy("search-ingress")],
  ...Object.fromEntries(
    ["db", "legacy", "cache", "jobs", "uploads"].map((r) => [r, [sa(r), `apps/v1:StatefulSet ${r}`, `core/v1:Service ${r}`, `core/v1:Service ${r}-headless`, policy(`${r}-ingress`)]]),
  ),
};

/** The credentials Secret of each in-cluster resource, and its keys. */
const EXPECTED_SECRETS: Record<string, string[]> = {
  "db-credentials": ["password"],
  "legacy-credentials": ["password", "root-password"],
  "cache-credentials": ["password"],
  "jobs-credentials": ["token"],
  "uploads-credentials": ["access-key-id", "secret-access-key"],
};

let tmp: string;
let stackDir: string;
let brokenDir: string;
let result: VerifyResult;
let stack: StackReport;
let broken: StackReport;
let run: MocksRun;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(REPO_ROOT, "test", ".tmp-"));
  const model = toModel(declareApp());
  const written = await writeStack(tmp, APP, emit(model, await place(model, undefined, { timeLimitSeconds: 1 })));
  stackDir = path.resolve(written.dir);
  // A copy that must not type-check: proves the type-check is not vacuous.
  brokenDir = path.join(tmp, "broken", APP);
  cpSync(stackDir, brokenDir, { recursive: true });
  appendFileSync(path.join(brokenDir, "index.ts"), 'const x: number = "s";\nexport { x };\n');
  result = await verifyStacks([stackDir, brokenDir], { mocksFor: [stackDir] });
  stack = result.stacks.get(stackDir)!;
  broken = result.stacks.get(brokenDir)!;
  if (stack.mocksError !== undefined) throw new Error(stack.mocksError);
  run = stack.mocks!;
  const t = result.timings;
  console.info(`stack checks: schema ${t.schemaMs} ms, tsc ${t.typecheckMs} ms, mocks ${t.mocksMs} ms (in parallel), total ${t.totalMs} ms`);
}, 180_000);

afterAll(() => {
  if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
});

const ofType = (type: string): RegisteredResource[] => run.resources.filter((r) => r.type === type);
const k8sObject = (type: string, name: string): RegisteredResource => {
  const found = run.resources.filter((r) => r.type === `kubernetes:${type}` && r.name === `${NS}/${name}`);
  expect(found, `${type} ${NS}/${name}`).toHaveLength(1);
  return found[0]!;
};
const at = (value: unknown, dotted: string): unknown =>
  dotted.split(".").reduce<unknown>((v, k) => (v === undefined || v === null ? undefined : (v as Record<string, unknown>)[k]), value);
const podSpec = (r: RegisteredResource): Record<string, unknown> =>
  at(r.inputs, r.type.endsWith("CronJob") ? "spec.jobTemplate.spec.template.spec" : "spec.template.spec") as Record<string, unknown>;
const container = (r: RegisteredResource): Record<string, unknown> => (podSpec(r)["containers"] as Record<string, unknown>[])[0]!;
const envVar = (r: RegisteredResource, name: string): Record<string, unknown> | undefined =>
  ((container(r)["env"] ?? []) as Record<string, unknown>[]).find((e) => e["name"] === name);

describe("the Kubernetes manifests of an emitted stack", () => {
  it("hold every object of every part, one file per part", () => {
    const objects = readManifests(stackDir);
    const byFile = new Map<string, string[]>();
    for (const { file, object } of objects) {
      const o = object as { apiVersion: string; kind: string; metadata: { name: string; namespace: string } };
      expect(o.metadata.namespace).toBe(NS);
      const type = `${o.apiVersion.includes("/") ? o.apiVersion : `core/${o.apiVersion}`}:${o.kind} ${o.metadata.name}`;
      byFile.set(file, [...(byFile.get(file) ?? []), type]);
    }
    const expected = Object.entries(EXPECTED_OBJECTS).map(([part, types]) => [`manifests/main/${part}.yaml`, [...types].sort()] as const);
    expect(new Map([...byFile].map(([f, t]) => [f, t.sort()]))).toEqual(new Map(expected));
    expect(stack.objectCount).toBe(objects.length);
  });

  it("validate against the Kubernetes OpenAPI schema", () => {
    expect(stack.objectCount).toBeGreaterThan(20);
    expect(stack.schemaFailures.map(formatFailure)).toEqual([]);
    expect(result.schemaFailures.map(formatFailure)).toEqual([]);
  });

  it("would fail validation if an object were broken, misspelt or of an unknown kind", () => {
    const web = readManifests(stackDir).find((o) => (o.object as { kind: string }).kind === "Deployment")!;
    const wrongType = structuredClone(web.object) as { spec: { replicas: unknown } };
    wrongType.spec.replicas = "two";
    const misspelt = structuredClone(web.object) as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    misspelt.spec.template.spec.containers[0]!["imagee"] = "x";
    const failures = validateManifestObjects([
      { file: "wrong-type.yaml", object: wrongType },
      { file: "misspelt.yaml", object: misspelt },
      { file: "unknown.yaml", object: { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } } },
    ]);
    expect(failures.map((f) => [f.file, f.kind, f.message.split(" ")[0]])).toEqual([
      ["wrong-type.yaml", "apps/v1/Deployment", "/spec/replicas"],
      ["misspelt.yaml", "apps/v1/Deployment", "/spec/template/spec/containers/0/imagee"],
      ["unknown.yaml", "example.com/v1/Widget", "no"],
    ]);
    expect(failures[0]!.message).toContain("must be integer");
  });
});

describe("the Pulumi program of an emitted stack", () => {
  it("type-checks against the real @pulumi/* typings", () => {
    expect(stack.checkedFiles.map((f) => path.relative(stackDir, f))).toEqual(["index.ts", "k8s-main.ts"]);
    expect(stack.typeErrors.map(formatDiagnostic)).toEqual([]);
  });

  it("would fail type-checking if the program had a type error", () => {
    expect(broken.typeErrors.map((d) => [path.relative(brokenDir, d.file ?? ""), d.code])).toEqual([["index.ts", "TS2322"]]);
    expect(result.typeErrors).toHaveLength(1);
  });
});

describe("an emitted stack under Pulumi mocks", () => {
  it("runs without errors and exports the namespace", () => {
    expect(run.errors).toEqual([]);
    expect(run.stackOutputs).toEqual({ mainNamespace: NS });
  });

  it("creates exactly one Kubernetes provider, with the kubeconfig from the secret config value", () => {
    const providers = ofType("pulumi:providers:kubernetes");
    expect(providers.map((p) => p.name)).toEqual(["main"]);
    expect(providers[0]!.inputs["kubeconfig"]).toBe(FAKE_KUBECONFIG);
    expect(providers[0]!.secretPaths).toContain("kubeconfig");
    expect(run.secretKeys).toEqual([`${APP}:kubeconfig-main`]);
  });

  it("creates every Kubernetes object through that provider", () => {
    const kubernetes = run.resources.filter((r) => r.type.startsWith("kubernetes:") && r.custom);
    expect(kubernetes.length).toBeGreaterThan(20);
    for (const r of kubernetes) expect(r.provider, `${r.type} ${r.name}`).toMatch(new RegExp(`^urn:pulumi:mock::${APP}::pulumi:providers:kubernetes::main::`));
  });

  it("creates one namespace named after the app", () => {
    const namespaces = ofType("kubernetes:core/v1:Namespace");
    expect(namespaces).toHaveLength(1);
    expect(at(namespaces[0]!.inputs, "metadata.name")).toBe(NS);
  });

  it("creates a random password per secret key and a Secret per in-cluster resource, wired together", () => {
    const passwords = ofType("random:index/randomPassword:RandomPassword");
    const expectedPasswords = Object.entries(EXPECTED_SECRETS).flatMap(([secret, keys]) => keys.map((k) => `main-${secret.replace(/-credentials$/, "")}-${k}`));
    expect(passwords.map((p) => p.name).sort()).toEqual(expectedPasswords.sort());
    for (const p of passwords) expect(p.inputs).toMatchObject({ length: 32, special: false });

    const secrets = ofType("kubernetes:core/v1:Secret");
    expect(Object.fromEntries(secrets.map((s) => [at(s.inputs, "metadata.name"), Object.keys(s.inputs["stringData"] as object).sort()]))).toEqual(
      Object.fromEntries(Object.entries(EXPECTED_SECRETS).map(([name, keys]) => [name, [...keys].sort()])),
    );
    const resultOf = new Map(passwords.map((p) => [p.name, p.outputs["result"]]));
    for (const s of secrets) {
      const name = at(s.inputs, "metadata.name") as string;
      expect(at(s.inputs, "metadata.namespace"), name).toBe(NS);
      expect(s.inputs["type"]).toBe("Opaque");
      expect(s.secretPaths, name).toContain("stringData");
      for (const [key, value] of Object.entries(s.inputs["stringData"] as Record<string, unknown>)) {
        expect(value, `${name}.${key}`).toBe(resultOf.get(`main-${name.replace(/-credentials$/, "")}-${key}`));
      }
    }
  });

  it("applies every object of every part through the ConfigGroup, and nothing else", () => {
    const fromGroup = run.resources.filter((r) => r.name.startsWith(`${NS}/`)).map((r) => `${r.type.replace(/^kubernetes:/, "")} ${r.name.slice(NS.length + 1)}`);
    expect(fromGroup.sort()).toEqual(Object.values(EXPECTED_OBJECTS).flat().sort());
    expect(ofType("kubernetes:yaml:ConfigGroup").map((g) => g.name)).toEqual(["main"]);
    const types = new Set(run.resources.map((r) => r.type));
    expect([...types].filter((t) => !t.startsWith("kubernetes:") && !t.startsWith("pulumi:providers:") && !t.startsWith("random:"))).toEqual([]);
  });

  it("gives the public service its image, resources, Ingress and an autoscaler that owns its replica count", () => {
    const web = k8sObject("apps/v1:Deployment", "web");
    expect(container(web)["image"]).toBe("ghcr.io/acme/web:1.4.2");
    expect(at(web.inputs, "spec.replicas"), "the HPA sets replicas; a fixed count would undo it on every deploy").toBeUndefined();
    expect(container(web)["resources"]).toEqual({ requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "500m", memory: "256Mi" } });
    expect(container(web)["ports"]).toEqual([{ name: "http", containerPort: 8080, protocol: "TCP" }]);
    expect(at(container(web), "readinessProbe.httpGet")).toEqual({ path: "/healthz", port: 8080 });
    expect(envVar(web, "LOG_LEVEL")).toEqual({ name: "LOG_LEVEL", value: "info" });

    const hpa = k8sObject("autoscaling/v2:HorizontalPodAutoscaler", "web");
    expect(hpa.inputs["spec"]).toMatchObject({ minReplicas: 2, maxReplicas: 5, scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" } });
    expect(at(k8sObject("networking.k8s.io/v1:Ingress", "web").inputs, "spec")).toMatchObject({
      ingressClassName: "nginx",
      rules: [{ http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { name: "http" } } } }] } }],
    });
    expect(at(k8sObject("core/v1:Service", "web").inputs, "spec.type")).toBe("ClusterIP");
  });

  it("gives every connection its environment, with credentials only from Secrets", () => {
    const web = k8sObject("apps/v1:Deployment", "web");
    expect(envVar(web, "DB_PASSWORD")).toEqual({ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db-credentials", key: "password" } } });
    expect(envVar(web, "DB_URL")?.["value"]).toBe("postgres://app:$(DB_PASSWORD)@db:5432/app");
    expect(envVar(web, "LEGACY_PASSWORD")).toMatchObject({ valueFrom: { secretKeyRef: { name: "legacy-credentials", key: "password" } } });
    expect(envVar(web, "CACHE_URL")?.["value"]).toBe("redis://:$(CACHE_PASSWORD)@cache:6379");
    expect(envVar(web, "JOBS_TOKEN")).toMatchObject({ valueFrom: { secretKeyRef: { name: "jobs-credentials", key: "token" } } });
    expect(envVar(web, "UPLOADS_SECRET_ACCESS_KEY")).toMatchObject({ valueFrom: { secretKeyRef: { name: "uploads-credentials", key: "secret-access-key" } } });
    expect(envVar(web, "SEARCH_API_ADDR")).toEqual({ name: "SEARCH_API_ADDR", value: "search:9200" });
    expect(envVar(k8sObject("apps/v1:Deployment", "mailer"), "JOBS_URL")?.["value"]).toBe("nats://$(JOBS_TOKEN)@jobs:4222");
    expect(envVar(k8sObject("apps/v1:Deployment", "mailer"), "UPLOADS_BUCKET")?.["value"]).toBe("uploads");

    // Every secretKeyRef of every pod names a Secret the program creates, with that key.
    const secretKeys = new Set(
      ofType("kubernetes:core/v1:Secret").flatMap((s) => Object.keys(s.inputs["stringData"] as object).map((k) => `${String(at(s.inputs, "metadata.name"))}/${k}`)),
    );
    const workloads = run.resources.filter((r) => /:(Deployment|StatefulSet|CronJob)$/.test(r.type));
    const refs = workloads.flatMap((w) =>
      ((container(w)["env"] ?? []) as Record<string, unknown>[]).flatMap((e) => {
        const ref = at(e, "valueFrom.secretKeyRef") as { name: string; key: string } | undefined;
        return ref ? [`${ref.name}/${ref.key}`] : [];
      }),
    );
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(secretKeys, ref).toContain(ref);
  });

  it("runs the cron job on its schedule with the database's credentials", () => {
    const nightly = k8sObject("batch/v1:CronJob", "nightly");
    expect(at(nightly.inputs, "spec.schedule")).toBe("0 3 * * *");
    expect(container(nightly)["image"]).toBe("ghcr.io/acme/report:2.0.0");
    expect(podSpec(nightly)["restartPolicy"]).toBe("OnFailure");
    expect(envVar(nightly, "DB_PASSWORD")).toMatchObject({ valueFrom: { secretKeyRef: { name: "db-credentials", key: "password" } } });
  });

  it("runs stateful parts as StatefulSets with a volume per replica", () => {
    const search = k8sObject("apps/v1:StatefulSet", "search");
    expect(container(search)["image"]).toBe("elasticsearch:8.15.0");
    expect(container(search)["volumeMounts"]).toEqual([
      { name: "data", mountPath: "/usr/share/elasticsearch/data" },
      { name: "tmp", mountPath: "/tmp" },
    ]);
    expect(at(search.inputs, "spec.volumeClaimTemplates.0.spec.resources.requests.storage")).toBe("30Gi");
    expect(at(search.inputs, "spec.serviceName")).toBe("search-headless");

    const db = k8sObject("apps/v1:StatefulSet", "db");
    expect(container(db)["image"]).toBe("postgres:16");
    expect(at(db.inputs, "spec.volumeClaimTemplates.0.spec.resources.requests.storage")).toBe("20Gi");
    expect(envVar(db, "POSTGRES_PASSWORD")).toEqual({ name: "POSTGRES_PASSWORD", valueFrom: { secretKeyRef: { name: "db-credentials", key: "password" } } });
    expect(envVar(k8sObject("apps/v1:StatefulSet", "legacy"), "MYSQL_ROOT_PASSWORD")).toMatchObject({
      valueFrom: { secretKeyRef: { name: "legacy-credentials", key: "root-password" } },
    });
    expect(at(k8sObject("core/v1:Service", "db-headless").inputs, "spec.clusterIP")).toBe("None");
  });
});

describe("secrets in an emitted stack", () => {
  it("appear in no file in plain text", () => {
    const values = secretValuesOf(run);
    // the seven generated passwords and the kubeconfig: the scan is not vacuous
    expect(values).toHaveLength(8);
    expect(values).toContain(FAKE_KUBECONFIG);
    expect(findPlaintextSecrets(stackDir, values).map(formatSecretFinding)).toEqual([]);
    expect(stack.plaintextSecrets.map(formatSecretFinding)).toEqual([]);
  });

  it("would be found if one were written in plain text", () => {
    const leaky = path.join(tmp, "leaky", APP);
    cpSync(stackDir, leaky, { recursive: true });
    const password = secretValuesOf(run).find((v) => v.startsWith("Mock"))!;
    mkdirSync(path.join(leaky, "manifests", "main"), { recursive: true });
    writeFileSync(
      path.join(leaky, "manifests", "main", "zz-leak.yaml"),
      [
        "apiVersion: v1",
        "kind: Secret",
        "metadata: { name: leak, namespace: weave }",
        "stringData:",
        "  password: hunter2hunter2",
        "---",
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata: { name: leak2, namespace: weave }",
        `data: { DB_URL: "postgres://app:${password}@db:5432/app", API_TOKEN: x }`,
        "",
      ].join("\n"),
    );
    appendFileSync(path.join(leaky, "k8s-main.ts"), 'export const adminPassword = "hunter2hunter2";\n');
    const messages = findPlaintextSecrets(leaky, secretValuesOf(run)).map(formatSecretFinding);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^k8s-main\.ts:\d+: a password key with a literal value/),
        expect.stringMatching(/^manifests\/main\/zz-leak\.yaml:5: a password key with a literal value/),
        expect.stringMatching(/^manifests\/main\/zz-leak\.yaml:\d+: contains the secret value Mock/),
        expect.stringMatching(/^manifests\/main\/zz-leak\.yaml: Secret leak: a Secret with data/),
        expect.stringMatching(/^manifests\/main\/zz-leak\.yaml: ConfigMap leak2: a URL with a literal password/),
      ]),
    );
  });
});
