/**
 * Compose import: every supported key lands in the slots, every other key gets a named
 * warning with file:line and JSON path, and no secret reaches app.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { composeToSlots } from "../../src/gen/compose/compose-to-slots.js";
import { importCompose } from "../../src/gen/import-compose.js";

const fixtures = fileURLToPath(new URL("../e2e/fixtures/", import.meta.url));
const sink = path.join(fixtures, "import-kitchen-sink.yaml");
const dir = mkdtempSync(path.join(tmpdir(), "skyweave-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("composeToSlots", () => {
  const { slots, warnings } = composeToSlots(sink);
  const component = (id: string) => slots.components.find((c) => c.id === id);
  const warned = (pathText: string) => warnings.filter((w) => w.where.endsWith(` ${pathText}`)).map((w) => w.message);

  it("names the app after the file's name: key, as a DNS label", () => {
    expect(slots.app).toBe("kitchen-sink");
  });

  it("maps images onto templates: Postgres, Redis, a queue for RabbitMQ, Elasticsearch as a stateful service", () => {
    expect(slots.components.map((c) => `${c.id}:${c.template}`)).toEqual(["web:web-service", "worker:worker", "db:postgres", "cache:redis", "queue:queue", "search:elasticsearch"]);
    expect(component("db")).toEqual({ id: "db", template: "postgres", version: "15" });
    expect(component("cache")).toEqual({ id: "cache", template: "redis", version: "7.2" });
    expect(component("search")).toMatchObject({ image: "docker.elastic.co/elasticsearch/elasticsearch:8.15.0", port: 9200, volumePath: "/usr/share/elasticsearch/data" });
  });

  it("turns build: into a placeholder image and tells the user to fill it", () => {
    expect(component("web")!.image).toBe("registry.example.com/kitchen-sink/web:0.1.0");
    expect(warned("services.web.build")[0]).toMatch(/build and push \.\/web and set the image of "web"/);
  });

  it("carries ports, replicas, resources, health check path, command and plain env", () => {
    expect(component("web")).toMatchObject({
      port: 5000, public: true, replicas: 3, cpu: "500m", memory: "512Mi", cpuLimit: "500m", memoryLimit: "512Mi", healthPath: "/healthz",
      env: { FEATURE_FLAGS: "a,b", LOG_LEVEL: "debug" },
    });
    expect(component("worker")).toMatchObject({ image: "ghcr.io/acme/worker:1.2.0", args: ["celery", "-A", "app", "worker"] });
  });

  it("connects from depends_on and from env values that name a service", () => {
    expect(slots.connections).toEqual([{ from: "web", to: "db" }, { from: "web", to: "cache" }, { from: "worker", to: "queue" }, { from: "worker", to: "db" }]);
  });

  it("never copies a secret: secret names, URLs with passwords, and copies of a secret value", () => {
    const text = JSON.stringify(slots);
    for (const secret of ["hunter2", "s3cretpw", "tok-12345"]) expect(text).not.toContain(secret);
    expect(warned("services.web.environment.SESSION_SECRET")[0]).toMatch(/looks like a secret and is not copied/);
    expect(warned("services.web.environment.DATABASE_URL")[0]).toMatch(/looks like a secret/);
    expect(warned("services.web.env_file")[0]).toMatch(/API_TOKEN looks like a secret/);
  });

  it("warns, by file:line and JSON path, about every key it cannot express", () => {
    const where = warnings.map((w) => w.where.replace(`${sink}:`, ""));
    expect(where).toEqual(expect.arrayContaining([
      "9 services.web.ports[1]",
      "15 services.web.environment.discovery.type",
      "24 services.web.healthcheck.interval",
      "29 services.web.restart",
      "19 services.web.depends_on.db.condition",
      "37 services.db.environment",
      "39 services.db.volumes",
      "49 services.search.volumes[1]",
      "51 services.search.sysctls",
      "14 services.web.environment.CACHE_HOST",
      "55 volumes.es-data",
      "57 networks.backend",
      "60 secrets.api-key",
    ]));
    expect(warned("services.web.ports[1]")).toEqual(["a service has one port in skyweave; 9229 is not exposed (5000 is)"]);
  });

  it("reports broken YAML with file:line", () => {
    expect(() => composeToSlots(path.join(fixtures, "import-bad.yaml"))).toThrow(/invalid YAML/);
    try {
      composeToSlots(path.join(fixtures, "import-bad.yaml"));
    } catch (error) {
      expect((error as { where: string }).where).toMatch(/import-bad\.yaml:\d+:\d+$/);
    }
  });

  it("connects a service to the database whose Compose secret it shares", () => {
    const file = path.join(dir, "shared-secret.yaml");
    writeFileSync(file, "services:\n  api:\n    image: ghcr.io/a/api:1\n    ports: [8080:8080]\n    secrets: [db-password]\n  db:\n    image: mariadb:10.6\n    secrets: [db-password]\nsecrets:\n  db-password:\n    file: pw.txt\n");
    const result = composeToSlots(file);
    expect(result.slots.connections).toEqual([{ from: "api", to: "db" }]);
    expect(result.warnings.map((w) => w.where.split(" ").pop())).toContain("services.api.secrets");
  });

  it("reports a file without services", () => {
    const file = path.join(dir, "empty.yaml");
    writeFileSync(file, "volumes:\n  data:\n");
    expect(() => composeToSlots(file)).toThrow(/no services/);
  });

  it("says so when the path is a directory, naming it", () => {
    expect(() => composeToSlots(dir)).toThrow(expect.objectContaining({ message: "not a file (it is a directory or a device)", where: dir }));
  });
});

describe("composeToSlots on images with no version", () => {
  const file = path.join(dir, "unpinned.yaml");
  writeFileSync(file, [
    "name: unpinned",
    "services:",
    "  mongo:",
    "    image: mongo",
    "  dash:",
    "    image: docker.io/grafana/grafana:latest",
    "  proxy:",
    "    image: nginx",
    "    ports: [80:80]",
    "  tool:",
    "    image: ghcr.io/acme/tool",
    "  api:",
    "    image: acme-api",
    "    build: ./api",
    "  pinned:",
    "    image: mongo:4.2.0",
    "",
  ].join("\n"));
  const { slots, warnings, notes } = composeToSlots(file);
  const image = (id: string) => slots.components.find((c) => c.id === id)?.image;
  const warned = (where: string) => warnings.filter((w) => w.where === `${file}:${where}`).map((w) => w.message);

  it("pins an image to its template's version when the template runs the same repository, and says so", () => {
    expect(image("mongo")).toBe("mongo:7.0.14");
    expect(warned("4 services.mongo.image")).toEqual(["image `mongo` has no tag; pinned to mongo:7.0.14, the mongodb template's version; check it matches what you run"]);
    expect(image("dash")).toBe("grafana/grafana:11.2.0");
    expect(warned("6 services.dash.image")).toEqual(["image `docker.io/grafana/grafana:latest` is tagged :latest; pinned to grafana/grafana:11.2.0, the grafana template's version; check it matches what you run"]);
    expect(notes.get("mongo")).toEqual(["TODO: `mongo` has no tag in Compose; pinned to mongo:7.0.14 (the mongodb template's version): check it matches what you run."]);
  });

  it("never swaps in another repository: plain nginx gets a placeholder and a TODO, not the nginx-proxy template's image", () => {
    expect(slots.components.find((c) => c.id === "proxy")?.template).toBe("nginx-proxy");
    expect(image("proxy")).toBe("registry.example.com/unpinned/proxy:0.1.0");
    expect(warned("8 services.proxy.image")).toEqual([
      "image `nginx` has no tag and no template pins that repository (the nginx-proxy template runs nginxinc/nginx-unprivileged:1.27.2, a different image; it is not swapped in silently); a placeholder image is in app.ts: put the pinned version you run there, e.g. nginx:<version>",
    ]);
    expect(notes.get("proxy")).toEqual(["TODO: `nginx` has no tag in Compose (every node could run a different version); put the pinned version you run here, e.g. nginx:<version>."]);
  });

  it("gives an image no template knows, or one built here, a placeholder and a TODO", () => {
    expect(image("tool")).toBe("registry.example.com/unpinned/tool:0.1.0");
    expect(warned("11 services.tool.image")[0]).toMatch(/^image `ghcr\.io\/acme\/tool` has no tag and no template pins that repository; a placeholder image is in app\.ts/);
    expect(image("api")).toBe("registry.example.com/unpinned/api:0.1.0");
    expect(warned("13 services.api.image")).toEqual(["image `acme-api` has no tag and is built from ./api; a placeholder image is in app.ts: build and push it with a version tag (e.g. acme-api:<version>) and put that there"]);
  });

  it("keeps a pinned image as it is, silently", () => {
    expect(image("pinned")).toBe("mongo:4.2.0");
    expect(warned("16 services.pinned.image")).toEqual([]);
  });

  it("writes an app.ts that names every original image in a TODO and passes synth's policy checks", async () => {
    const out = path.join(dir, "unpinned.ts");
    const result = await importCompose(file, { out });
    const text = readFileSync(out, "utf8");
    for (const original of ["`mongo`", "`docker.io/grafana/grafana:latest`", "`nginx`", "`ghcr.io/acme/tool`", "`acme-api`"]) expect(text).toContain(original);
    expect(text).not.toMatch(/image: "(nginx|mongo|ghcr\.io\/acme\/tool)"/);
    expect(result.written?.synth.parts).toBe(6);
  });
});

describe("importCompose", () => {
  it("writes an app.ts that keeps images, has TODOs for builds and no secrets, and synths", async () => {
    const out = path.join(dir, "app.ts");
    const result = await importCompose(sink, { out });
    const text = readFileSync(out, "utf8");
    expect(text).toContain("// TODO: build ./web (target prod), push it, and put its reference here");
    expect(text).toContain('new Worker(app, "worker", { image: "ghcr.io/acme/worker:1.2.0", args: ["celery", "-A", "app", "worker"] })');
    expect(text).not.toMatch(/hunter2|s3cretpw|tok-12345/);
    expect(result.written?.synth.parts).toBe(6);
    await expect(importCompose(sink, { out })).rejects.toThrow(/never overwrites/);
  });
});
