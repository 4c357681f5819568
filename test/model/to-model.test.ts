import { describe, expect, it } from "vitest";
import { App, AppModelSchema, CronJob, KubernetesCluster, Postgres, Queue, Service, Worker, toModel, APP_MODEL_VERSION, GIB } from "../../src/index.js";
import { Construct } from "constructs";

function shop() {
  const app = new App("shop");
  const main = new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks" });
  const db = new Postgres(app, "db", { storageGiB: 50 });
  const jobs = new Queue(app, "jobs");
  const web = new Service(app, "web", { image: "web:1", port: 8080, public: true, cpu: "250m", memory: "256Mi", replicas: { min: 2, max: 10 }, placement: { on: [main], spread: "zone" } });
  web.connect(db).connect(jobs, { access: "send", envPrefix: "JOBS_QUEUE" });
  new Worker(app, "mailer", { image: "mailer:1", cpu: 0.5, memory: "1Gi", memoryLimit: "2Gi" }).connect(jobs, "consume");
  new CronJob(app, "nightly", { image: "report:2", schedule: "0 3 * * *", timeZone: "Europe/Berlin" });
  return app;
}

describe("toModel", () => {
  it("returns versioned data that its own schema accepts and JSON round-trips", () => {
    const model = toModel(shop());
    expect(model.version).toBe(APP_MODEL_VERSION);
    expect(AppModelSchema.parse(JSON.parse(JSON.stringify(model)))).toEqual(model);
  });

  it("parses quantities once into millicores and bytes, with limits defaulted from requests", () => {
    const model = toModel(shop());
    const web = model.workloads.find((w) => w.name === "web")!;
    expect(web.resources).toEqual({
      requests: { cpuMillicores: 250, memoryBytes: 256 * 2 ** 20, gpus: 0 },
      limits: { cpuMillicores: 500, memoryBytes: 256 * 2 ** 20, gpus: 0 },
    });
    const mailer = model.workloads.find((w) => w.name === "mailer")!;
    expect(mailer.resources.requests.cpuMillicores).toBe(500);
    expect(mailer.resources.limits.memoryBytes).toBe(2 * GIB);
  });

  it("applies defaults: one replica, 100m and 128Mi, a TCP health check on the port", () => {
    const app = new App("a");
    new KubernetesCluster(app, "k", { region: "us-east-1", provider: "existing" });
    new Service(app, "web", { image: "web:1", port: 80 });
    const [web] = toModel(app).workloads;
    expect(web).toMatchObject({ replicas: { min: 1, max: 1 }, public: false, healthCheck: { protocol: "tcp" } });
    expect(web!.resources.requests).toEqual({ cpuMillicores: 100, memoryBytes: 128 * 2 ** 20, gpus: 0 });
  });

  it("records connections with access modes and env prefixes", () => {
    expect(toModel(shop()).connections).toEqual([
      { from: "web", to: "db", access: "readwrite", envPrefix: "DB" },
      { from: "web", to: "jobs", access: "send", envPrefix: "JOBS_QUEUE" },
      { from: "mailer", to: "jobs", access: "consume", envPrefix: "JOBS" },
    ]);
  });

  it("resolves placement targets to ids and keeps the other constraints", () => {
    const web = toModel(shop()).workloads.find((w) => w.name === "web")!;
    expect(web.constraints).toEqual({ on: ["main"], regions: [], spread: "zone" });
  });

  it("models backing resources with their defaults and storage in bytes", () => {
    const [db, jobs] = toModel(shop()).resources;
    expect(db).toMatchObject({ name: "db", kind: "postgres", version: "16", storageBytes: 50 * GIB, auth: true });
    expect(db!.resources.requests).toEqual({ cpuMillicores: 250, memoryBytes: 512 * 2 ** 20, gpus: 0 });
    expect(jobs).toMatchObject({ name: "jobs", kind: "queue" });
  });

  it("models a cron job's schedule and time zone", () => {
    const nightly = toModel(shop()).workloads.find((w) => w.name === "nightly")!;
    expect(nightly).toMatchObject({ kind: "cronjob", schedule: "0 3 * * *", timeZone: "Europe/Berlin" });
  });

  it("names parts nested in a user's construct by their path", () => {
    const app = new App("a");
    const team = new Construct(app, "billing");
    new Service(team, "api", { image: "api:1", port: 80 });
    expect(toModel(app).workloads.map((w) => [w.name, w.path])).toEqual([["billing-api", "a/billing/api"]]);
  });

  it("rejects two parts whose names collide, naming both", () => {
    const app = new App("a");
    new Service(new Construct(app, "billing"), "api", { image: "api:1" });
    new Service(app, "billing-api", { image: "api:1" });
    expect(() => toModel(app)).toThrow('two parts would both be named "billing-api" (the other is a/billing/api)');
  });

  it("rejects a limit below its request", () => {
    const app = new App("a");
    new Worker(app, "w", { image: "w:1", memory: "1Gi", memoryLimit: "512Mi" });
    expect(() => toModel(app)).toThrow("invalid props: memoryLimit is below memory");
  });

  it("is deterministic: the same app gives the same JSON", () => {
    expect(JSON.stringify(toModel(shop()))).toBe(JSON.stringify(toModel(shop())));
  });
});
