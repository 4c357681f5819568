/**
 * `skyweave check` and the checks `synth` runs, through the built binary: exit codes, the
 * report on stdout (text or JSON), and that a synth with findings writes nothing.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixture, repo, skyweave } from "../support/run-cli.js";
import type { Finding } from "../../src/policy/index.js";

const out = mkdtempSync(path.join(tmpdir(), "skyweave-check-"));

afterAll(() => rmSync(out, { recursive: true, force: true }));


describe("skyweave check", () => {
  it("exits 0 and says so when there is nothing to find", () => {
    const result = skyweave("check", "examples/hello/app.ts");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("no policy findings\n");
    expect(result.stderr).toContain("loading examples/hello/app.ts");
  });

  it("exits 3 and prints the findings grouped by construct path, with rule, object, message and fix", () => {
    const result = skyweave("check", fixture("check-latest"));
    expect(result.code).toBe(3);
    expect(result.stdout).toBe(
      [
        "risky/web:",
        "  k8s/image-tag: manifests/main/web.yaml Deployment/web container web",
        '    image "nginx:latest" is tagged :latest: every node may run a different version, and a rollback cannot go back',
        '    fix: pin the image of risky/web in app.ts to a version, e.g. image: "nginx:1.2.3" (or a @sha256: digest).',
        "  k8s/no-plaintext-secret-env: manifests/main/web.yaml Deployment/web container web",
        "    env API_TOKEN has a literal value: a secret written in plain text",
        "    fix: remove API_TOKEN from the env of risky/web in app.ts: env values are written in plain text. Keep the secret in a Kubernetes Secret and read it with valueFrom.secretKeyRef (connections do this for the credentials of resources).",
        "",
        "2 policy findings in 1 part",
        "",
      ].join("\n"),
    );
    expect(result.stderr).toContain("error: risky: 2 policy findings\n  fix: apply each finding's fix in app.ts");
  });

  it("prints the findings as JSON with --json, and progress on stderr", () => {
    const result = skyweave("check", fixture("check-no-probe"), "--json");
    expect(result.code).toBe(3);
    const findings = JSON.parse(result.stdout) as Finding[];
    expect(findings).toEqual([
      {
        rule: "k8s/probes",
        path: "blind/api",
        object: "manifests/main/api.yaml Deployment/api container api",
        message: "the container serves port 9000 without a readiness or liveness probe: traffic reaches it before it is ready, and a hung process is never restarted",
        fix: 'give blind/api a healthCheck in app.ts: { protocol: "http", path: "/healthz" }, { protocol: "grpc" } or { protocol: "tcp" } (not "none").',
      },
    ]);
    expect(result.stderr).toContain("loading test/e2e/fixtures/check-no-probe.ts");
  });

  it("exits 1 on bad input and 2 on an infeasible placement, as synth does", () => {
    expect(skyweave("check", fixture("wrong-type")).code).toBe(1);
    expect(skyweave("check", "examples/nope/app.ts").code).toBe(1);
    expect(skyweave("check", fixture("infeasible")).code).toBe(2);
  });

  it("has --help", () => {
    const result = skyweave("check", "--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: skyweave check [options] <app.ts>");
    expect(result.stdout).toContain("3 findings");
  });
});

describe("skyweave synth runs the checks first", () => {
  it("exits 3 with the findings on stderr and writes nothing", () => {
    const result = skyweave("synth", fixture("check-latest"), "--out", out);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("error: risky: 2 policy findings; nothing was written:\nrisky/web:\n  k8s/image-tag: manifests/main/web.yaml Deployment/web container web");
    expect(result.stdout).toBe("");
    expect(readdirSync(out)).not.toContain("risky");
  });

  it("writes the stack when there are no findings", () => {
    const result = skyweave("synth", "examples/hello/app.ts", "--out", out);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("policy checks: no findings");
    expect(readdirSync(out)).toContain("hello");
  });
});
