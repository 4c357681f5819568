/**
 * The built `skyweave` binary, run as a user runs it: real files, real exit codes, real
 * stdout and stderr. `npm test` builds `dist/` first (the `pretest` script).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixture, repo, skyweave } from "../support/run-cli.js";
import { AppModelSchema } from "../../src/model/app-model.js";

const out = mkdtempSync(path.join(tmpdir(), "skyweave-e2e-"));

afterAll(() => rmSync(out, { recursive: true, force: true }));


function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(dir, full), readFileSync(full, "utf8"));
    }
  };
  walk(dir);
  return files;
}

describe("skyweave synth", () => {
  it("writes the Pulumi project of an example, and a second synth changes no byte", () => {
    const first = skyweave("synth", "examples/shop/app.ts", "--out", out);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain("loading examples/shop/app.ts");
    expect(first.stderr).toMatch(/wrote .*shop \(16 files: 16 written, 0 unchanged\)/);
    const before = filesUnder(path.join(out, "shop"));
    expect([...before.keys()]).toContain("k8s-main.ts");

    const second = skyweave("synth", "examples/shop/app.ts", "--out", out);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/\(16 files: 0 written, 16 unchanged\)/);
    expect(filesUnder(path.join(out, "shop"))).toEqual(before);
  });

  it("prints only JSON on stdout with --json, and progress on stderr", () => {
    const result = skyweave("synth", "examples/hello/app.ts", "--out", out, "--json");
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { app: string; files: string[] };
    expect(summary.app).toBe("hello");
    expect(summary.files).toContain("manifests/main/web.yaml");
    expect(result.stderr).toContain("loading examples/hello/app.ts");
  });

  it("runs through npx, as the README shows", () => {
    const result = spawnSync("npx", ["skyweave", "synth", "--help"], { cwd: repo, encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Usage: skyweave synth [options] <app.ts>");
  });
});

describe("bad input exits 1 with where, what and how to fix", () => {
  it.each([
    [
      "wrong-type",
      'error: broken/web (test/e2e/fixtures/wrong-type.ts:5:1): invalid Service props\n  - port: got "8080"; expected a port number between 1 and 65535\n  fix: see the Service props in the README (or hover the class in your editor).\n',
    ],
    [
      "bad-quantity",
      'error: broken/web (test/e2e/fixtures/bad-quantity.ts:5:1): invalid Service props\n  - memory: got "256MB"; expected a memory quantity in whole bytes, such as "128Mi", "1.5Gi" or "512M"\n  fix: see the Service props in the README (or hover the class in your editor).\n',
    ],
    [
      "unknown-mode",
      'error: broken/mailer (test/e2e/fixtures/unknown-mode.ts:6:67): access mode "publish" is not supported by broken/jobs\n  fix: use one of: "send", "consume", "readwrite".\n',
    ],
    [
      "duplicate-id",
      'error: broken/db (test/e2e/fixtures/duplicate-id.ts:6:1): duplicate id "db": broken/db is already taken by another construct\n  fix: give each construct in the same scope its own id.\n',
    ],
    [
      "self-connection",
      "error: broken/web (test/e2e/fixtures/self-connection.ts:6:5): a workload cannot connect to itself\n  fix: remove the connect() call, or connect to another part.\n",
    ],
    [
      "missing-image",
      'error: broken/mailer (test/e2e/fixtures/missing-image.ts:5:1): invalid Worker props\n  - image: is required (expected a container image such as "ghcr.io/acme/web:1.4.2")\n  fix: see the Worker props in the README (or hover the class in your editor).\n',
    ],
    ["syntax-error", 'error: test/e2e/fixtures/syntax-error.ts:4:81: syntax error: Expected ")" but found ";"\n  fix: fix the syntax at that line of your app.\n'],
    ["no-default-export", "error: test/e2e/fixtures/no-default-export.ts: the app file has no default export\n  fix: end app.ts with `export default app;`\n"],
    ["throws", "error: test/e2e/fixtures/throws.ts:5:35: REPLICAS must be a number\n  fix: fix the error at that line in your app.\n"],
  ])("%s", (name, message) => {
    const result = skyweave("synth", fixture(name), "--out", out);
    expect(result.code).toBe(1);
    expect(result.stderr.replace(/^loading .*\n/, "")).toBe(message);
    expect(result.stdout).toBe("");
  });

  it("shows no stack trace unless --verbose", () => {
    expect(skyweave("synth", fixture("throws"), "--out", out).stderr).not.toContain("    at ");
    expect(skyweave("--verbose", "synth", fixture("throws"), "--out", out).stderr).toContain("    at ");
  });

  it("emits a part the solver puts on ElastiCache, in the existing cluster's VPC read from config", () => {
    const result = skyweave("synth", fixture("managed-cache"), "--out", out, "--time-limit", "1");
    expect(result.code).toBe(0);
    const module = readFileSync(path.join(out, "managed", "aws-aws.ts"), "utf8");
    expect(module).toContain("new aws.elasticache.ReplicationGroup(");
    expect(module).toContain('nodeType: "cache.t4g.small"');
    expect(readFileSync(path.join(out, "managed", "network-us-east-1.ts"), "utf8")).toContain('config.require("vpc-id-us-east-1")');
  });

  it("rejects a missing file and an unknown option", () => {
    expect(skyweave("synth", "examples/nope/app.ts").code).toBe(1);
    expect(skyweave("synth", "examples/shop/app.ts", "--bogus").code).toBe(1);
  });

  it("writes nothing when synth fails", () => {
    skyweave("synth", fixture("bad-quantity"), "--out", out);
    expect(readdirSync(out)).not.toContain("broken");
  });
});

describe("infeasible placement exits 2", () => {
  it("names the part and the constraint that cannot be met", () => {
    const result = skyweave("synth", fixture("infeasible"), "--out", out);
    expect(result.code).toBe(2);
    expect(result.stderr.replace(/^(loading|placing) .*\n/gm, "")).toBe(
      [
        "error: broken: no placement meets these constraints together:",
        "  - broken/web placement.regions: runs only in eu-west-1",
        "  fix: relax any one of them (each is needed for the conflict). The app's targets: broken/main (kubernetes, us-east-1).",
        "",
      ].join("\n"),
    );
  });
});

describe("skyweave model and explain", () => {
  it("prints the AppModel as JSON its schema accepts", () => {
    const result = skyweave("model", "examples/shop/app.ts");
    expect(result.code).toBe(0);
    const model = AppModelSchema.parse(JSON.parse(result.stdout));
    expect(model.workloads.map((w) => w.name)).toEqual(["web", "mailer", "nightly", "search"]);
  });

  it("explains where a part runs and why", () => {
    const result = skyweave("explain", "examples/shop/app.ts", "shop/search");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^shop\/search: main \(in-cluster, node pool general\), \$\d+\.\d\d\/month\n  why: shop\/main is the only target its constraints allow \(shop\/aws \(cannot run it on Fargate: it keeps a volume per replica[^\n]*\); runs on general-\d \(c7i\.large\)\n  instead: target aws: breaks shop\/aws: cannot run it on Fargate: [^\n]*\n$/,
    );
  });

  it("lists the valid paths when asked about one that does not exist", () => {
    const result = skyweave("explain", "examples/shop/app.ts", "shop/nope");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("shop/web");
  });

  it("has --help on every command", () => {
    for (const command of ["synth", "model", "explain"]) {
      const result = skyweave(command, "--help");
      expect(result.code, command).toBe(0);
      expect(result.stdout, command).toContain(`Usage: skyweave ${command}`);
    }
  });
});
