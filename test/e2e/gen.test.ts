/**
 * `skyweave gen` and `skyweave import` as a user runs them: the built binary, real files, exit
 * codes, stdout and stderr. The generated app.ts is then synthesised by `skyweave synth`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const bin = path.join(repo, "dist/cli/main.js");
// Inside the repo, so `import … from "skyweave"` resolves (the package references itself), as in a user's project.
const work = path.join(repo, "test/e2e", `.gen-work-${process.pid}`);
mkdirSync(work, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

function skyweave(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", SKYWEAVE_CONFIG: path.join(work, "no-config.json") };
  delete env.SKYWEAVE_PROVIDER;
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: repo, encoding: "utf8", env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const rel = (file: string) => path.relative(repo, file);

describe("skyweave gen", () => {
  it("writes an app.ts from the issue's prose, offline, that skyweave synth accepts", () => {
    const app = path.join(work, "app.ts");
    const result = skyweave("gen", "a Django app with Postgres and Redis behind nginx", "--out", rel(app));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "app: django-app\ncomponents:\n  web    python-django (Service, port 8000)\n  db     postgres (Postgres)\n  cache  redis (Redis)\n  proxy  nginx-proxy (Service, port 8080, public, nginxinc/nginx-unprivileged:1.27.2)\nconnections:\n  proxy → web\n  web → db\n  web → cache\n",
    );
    expect(result.stderr).toContain(`wrote ${rel(app)} (4 parts; it synths to 11 files)`);
    const synth = skyweave("synth", rel(app), "--out", rel(path.join(work, "stacks")));
    expect(synth.stderr).toContain("wrote");
    expect(synth.code).toBe(0);
    expect(existsSync(path.join(work, "stacks/django-app/manifests/main/proxy.yaml"))).toBe(true);
  });

  it("prints only JSON on stdout with --json, and writes nothing with --dry-run", () => {
    const out = path.join(work, "dry.ts");
    const result = skyweave("gen", "a Flask API with MongoDB", "--out", rel(out), "--dry-run", "--json");
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout) as { provider: string; slots: { components: { template: string }[] }; file: null };
    expect(data.provider).toBe("builtin");
    expect(data.slots.components.map((c) => c.template)).toEqual(["python-flask", "mongodb"]);
    expect(data.file).toBeNull();
    expect(result.stderr).toContain("components:");
    expect(existsSync(out)).toBe(false);
  });

  it("exits 1 with a fix when it understands nothing", () => {
    const result = skyweave("gen", "something lovely", "--out", rel(path.join(work, "x.ts")));
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

  it("exits 1 on broken YAML, naming file:line", () => {
    const result = skyweave("import", "test/e2e/fixtures/import-bad.yaml", "--out", rel(path.join(work, "bad.ts")));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: test\/e2e\/fixtures\/import-bad\.yaml:\d+:\d+: invalid YAML: /);
  });
});
