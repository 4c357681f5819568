/**
 * `skyweave gen` and `skyweave import` as a user runs them: the built binary (through the shared
 * runner), real files, exit codes, stdout and stderr. Every app they write is then given to a
 * real `skyweave synth`, which runs the policy checks, and must exit 0.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repo, skyweave } from "../support/run-cli.js";

// Inside the repo, so `import … from "skyweave"` resolves (the package references itself), as in a user's project.
const work = path.join(repo, "test/e2e", `.gen-work-${process.pid}`);
mkdirSync(work, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

const rel = (file: string) => path.relative(repo, file);
/** `skyweave gen` with the offline builtin provider, whatever the environment or config file says. */
const gen = (...args: string[]) => skyweave("gen", "--provider", "builtin", ...args);

describe("skyweave gen", () => {
  it("writes an app.ts from the issue's prose, offline, that a real skyweave synth then accepts (exit 0)", () => {
    const app = path.join(work, "app.ts");
    const result = gen("a Django app with Postgres and Redis behind nginx", "--out", rel(app));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "app: django-app\ncomponents:\n  web    python-django (Service, port 8000)\n  db     postgres (Postgres)\n  cache  redis (Redis)\n  proxy  nginx-proxy (Service, port 8080, public, nginxinc/nginx-unprivileged:1.27.2)\nconnections:\n  proxy → web\n  web → db\n  web → cache\n",
    );
    expect(result.stderr).toContain(`wrote ${rel(app)} (4 parts; it synths to 11 files)`);
    const synth = skyweave("synth", rel(app), "--out", rel(path.join(work, "stacks")));
    expect(synth.stderr).toContain("policy checks: no findings");
    expect(synth.code).toBe(0);
    expect(existsSync(path.join(work, "stacks/django-app/manifests/main/proxy.yaml"))).toBe(true);
  });

  it("exits 3 and writes nothing when the app would fail synth's policy checks (an unpinned image of the user's)", () => {
    const app = path.join(work, "mine.ts");
    const mine = 'import { App, KubernetesCluster, Service } from "skyweave";\nconst app = new App("mine");\nnew KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing" });\nnew Service(app, "old", { image: "acme/old", port: 8080 });\nexport default app;\n';
    writeFileSync(app, mine);
    const result = gen("a Flask API", "--into", rel(app));
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("would be refused by `skyweave synth` (nothing was written): 1 policy finding:\nmine/old:\n  k8s/image-tag: ");
    expect(result.stderr).toContain("fix: pin the image of mine/old in app.ts");
    expect(readFileSync(app, "utf8")).toBe(mine);
  });

  it("prints only JSON on stdout with --json, and writes nothing with --dry-run", () => {
    const out = path.join(work, "dry.ts");
    const result = gen("a Flask API with MongoDB", "--out", rel(out), "--dry-run", "--json");
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout) as { provider: string; slots: { components: { template: string }[] }; file: null };
    expect(data.provider).toBe("builtin");
    expect(data.slots.components.map((c) => c.template)).toEqual(["python-flask", "mongodb"]);
    expect(data.file).toBeNull();
    expect(result.stderr).toContain("components:");
    expect(existsSync(out)).toBe(false);
  });

  it("exits 1 with a fix when it understands nothing", () => {
    const result = gen("something lovely", "--out", rel(path.join(work, "x.ts")));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: the builtin provider recognised no component in the description\n {2}fix: name the parts/);
  });

  it("has --help", () => {
    const result = skyweave("gen", "--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: skyweave gen [options] <prose>');
    expect(result.stdout).toContain("--provider <name>");
  });
});

describe("skyweave import", () => {
  it("writes an app.ts and prints a named warning per key it cannot express", () => {
    const out = path.join(work, "imported.ts");
    const result = skyweave("import", "test/e2e/fixtures/import-kitchen-sink.yaml", "--out", rel(out));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("warning: test/e2e/fixtures/import-kitchen-sink.yaml:29 services.web.restart: Kubernetes restarts failed containers itself; ignored\n");
    expect(result.stderr).toContain("warning: test/e2e/fixtures/import-kitchen-sink.yaml:12 services.web.environment.SESSION_SECRET: SESSION_SECRET looks like a secret");
    expect(readFileSync(out, "utf8")).toContain('const queue = new Queue(app, "queue");');
    const synth = skyweave("synth", rel(out), "--out", rel(path.join(work, "stacks")));
    expect(synth.code).toBe(0);
  });

  it("pins or replaces images with no version, says so per service and line, and synth accepts the result", () => {
    const out = path.join(work, "unpinned.ts");
    const result = skyweave("import", "test/e2e/fixtures/import-unpinned.yaml", "--out", rel(out));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("warning: test/e2e/fixtures/import-unpinned.yaml:4 services.proxy.image: image `nginx` has no tag and no template pins that repository");
    expect(result.stderr).toContain("warning: test/e2e/fixtures/import-unpinned.yaml:10 services.db.image: image `mongo` has no tag; pinned to mongo:7.0.14, the mongodb template's version; check it matches what you run\n");
    const text = readFileSync(out, "utf8");
    expect(text).toContain('image: "registry.example.com/unpinned/proxy:0.1.0"');
    expect(text).toContain('image: "mongo:7.0.14"');
    const synth = skyweave("synth", rel(out), "--out", rel(path.join(work, "stacks")));
    expect(synth.stderr).toContain("policy checks: no findings");
    expect(synth.code).toBe(0);
  });

  it("exits 1 on broken YAML, naming file:line", () => {
    const result = skyweave("import", "test/e2e/fixtures/import-bad.yaml", "--out", rel(path.join(work, "bad.ts")));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: test\/e2e\/fixtures\/import-bad\.yaml:\d+:\d+: invalid YAML: /);
  });
});
