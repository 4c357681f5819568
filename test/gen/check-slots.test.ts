/** Checking an answer: every problem comes back with a JSON path a model (or a user) can act on. */
import { describe, expect, it } from "vitest";
import { checkSlots } from "../../src/gen/check-slots.js";
import { appSlotsJsonSchema } from "../../src/gen/slots.js";

const problems = (answer: unknown, existing = [] as { id: string; className: string }[]) => {
  const check = checkSlots(answer, existing);
  return check.ok ? [] : check.issues.map((i) => `${i.path}: ${i.message}`);
};

describe("checkSlots", () => {
  it("accepts a valid answer", () => {
    expect(problems({ app: "shop", components: [{ id: "web", template: "node-express" }, { id: "db", template: "postgres" }], connections: [{ from: "web", to: "db" }] })).toEqual([]);
  });

  it("names unknown templates, duplicate ids and ids the file already has", () => {
    const issues = problems(
      { app: "shop", components: [{ id: "web", template: "cobol" }, { id: "db", template: "postgres" }, { id: "db", template: "redis" }], connections: [] },
      [{ id: "web", className: "Service" }],
    );
    expect(issues[0]).toMatch(/^components\[0\]\.template: unknown template "cobol"; use one of: .*node-express/);
    expect(issues).toContain('components[2].id: id "db" is used twice; ids must be unique');
  });

  it("rejects an id the file already has", () => {
    expect(problems({ app: "a", components: [{ id: "web", template: "redis" }], connections: [] }, [{ id: "web", className: "Service" }])).toEqual([
      'components[0].id: id "web" already exists in the file; choose another id',
    ]);
  });

  it("checks connections: known ends, a workload on the calling side, a mode the target supports", () => {
    const issues = problems({
      app: "a",
      components: [{ id: "web", template: "node-express" }, { id: "db", template: "postgres" }, { id: "jobs", template: "queue" }, { id: "w", template: "worker" }],
      connections: [{ from: "db", to: "web" }, { from: "web", to: "nope" }, { from: "web", to: "jobs", access: "write" }, { from: "web", to: "w" }],
    });
    expect(issues).toEqual([
      'connections[0].from: "db" is a Postgres, which cannot connect to anything; swap from and to?',
      'connections[1].to: no component "nope"',
      'connections[2].access: "jobs" supports send, consume, readwrite, not write',
      'connections[3].to: "w" (Worker) has no port and cannot be connected to',
    ]);
  });

  it("checks engine versions and cron schedules against what the constructs accept", () => {
    expect(problems({ app: "a", components: [{ id: "db", template: "postgres", version: "9.6" }, { id: "c", template: "cron-job", schedule: "every day" }], connections: [] })).toEqual([
      "components[0].version: expected one of 13, 14, 15, 16, 17",
      'components[1].schedule: expected a five-field cron expression such as "0 3 * * *"',
    ]);
  });

  it("refuses secrets in env, so no password is ever written in plain text", () => {
    expect(problems({ app: "a", components: [{ id: "web", template: "python-flask", env: { LOG_LEVEL: "info", DB_PASSWORD: "hunter2" } }], connections: [] })).toEqual([
      "components[0].env.DB_PASSWORD: looks like a secret; never put credentials in env (connections provide them from Secrets): leave it out",
    ]);
  });

  it("refuses an image with no version tag or :latest, as synth's policy does, and says how to pin it", () => {
    expect(problems({ app: "a", components: [{ id: "web", template: "nginx-proxy", image: "nginx" }, { id: "job", template: "worker", image: "ghcr.io/acme/job:latest" }, { id: "ok", template: "container", image: "ghcr.io/acme/tool@sha256:abc" }], connections: [] })).toEqual([
      'components[0].image: "nginx" has no tag, so it means :latest; name a version tag or digest (e.g. "nginx:1.2.3") or leave image out to run the template\'s nginxinc/nginx-unprivileged:1.27.2',
      'components[1].image: "ghcr.io/acme/job:latest" is tagged :latest; name a version tag or digest (e.g. "ghcr.io/acme/job:1.2.3")',
    ]);
  });

  it("reports the schema's own problems by path", () => {
    expect(problems({ app: "Bad Name", components: [{ id: "web", template: "node-express", port: 70000 }], connections: [] })).toEqual([
      'app: expected a lower-case DNS label such as "web" or "redis-cache"',
      "components[0].port: Too big: expected number to be <=65535",
    ]);
  });

  it("publishes its JSON schema with the descriptions a model sees", () => {
    const schema = appSlotsJsonSchema() as { properties: { components: { items: { properties: Record<string, { description?: string }> } } } };
    expect(schema.properties.components.items.properties.template!.description).toMatch(/Name of the template/);
    expect(schema.properties.components.items.properties.env!.description).toMatch(/Never put passwords/);
  });
});
