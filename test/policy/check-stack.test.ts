import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkStack, DEFAULT_RULE_SETS, K8S_RULES, kubernetesRuleSet, type Finding, type RuleSet } from "../../src/policy/index.js";
import { editObject, firstContainer, weaveStack } from "./stack-fixture.js";

describe("checkStack", () => {
  it("finds nothing in what skyweave emits for a service, a worker, a cron job and Postgres", async () => {
    const { model, placement, files } = await weaveStack();
    expect(checkStack(model, placement, files)).toEqual([]);
  });

  it("composes rule sets, and orders the findings by construct path, then as each set found them", async () => {
    const stack = editObject(await weaveStack(), "manifests/main/web.yaml", "Deployment/web", (d) => (firstContainer(d).image = "ghcr.io/acme/web"));
    const other: RuleSet = {
      name: "aws",
      rules: [{ id: "aws/example", checks: "an example" }],
      check: ({ model }) => [
        { rule: "aws/example", path: `${model.app}/web`, object: "aws-main.ts", message: "second", fix: "none" },
        { rule: "aws/example", path: `${model.app}/db`, object: "aws-main.ts", message: "first", fix: "none" },
      ],
    };
    const findings = checkStack(stack.model, stack.placement, stack.files, [...DEFAULT_RULE_SETS, other]);
    expect(findings.map((f: Finding) => [f.path, f.rule])).toEqual([
      ["weave/db", "aws/example"],
      ["weave/web", "k8s/image-tag"],
      ["weave/web", "aws/example"],
    ]);
  });

  it("runs only the rules it is given", async () => {
    const stack = editObject(await weaveStack(), "manifests/main/web.yaml", "Deployment/web", (d) => (firstContainer(d).image = "ghcr.io/acme/web"));
    const probesOnly = kubernetesRuleSet(K8S_RULES.filter((r) => r.id === "k8s/probes"));
    expect(checkStack(stack.model, stack.placement, stack.files, [probesOnly])).toEqual([]);
    expect(probesOnly.rules).toEqual([{ id: "k8s/probes", checks: "every long-running container that serves a port must have a readiness and a liveness probe" }]);
  });
});

describe("the Kubernetes rules", () => {
  const testDir = path.dirname(fileURLToPath(import.meta.url));
  const testSources = readdirSync(path.join(testDir, "k8s/rules"))
    .map((f) => readFileSync(path.join(testDir, "k8s/rules", f), "utf8"))
    .join("\n");

  it("have unique ids in the k8s/ namespace", () => {
    const ids = K8S_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^k8s\/[a-z0-9-]+$/);
  });

  it.each(K8S_RULES.map((r) => r.id))("%s has a test that asserts a finding of it", (id) => {
    expect(testSources).toContain(`"${id}"`);
  });

  it("are all listed in docs/policy.md", () => {
    const docs = readFileSync(path.join(testDir, "../../docs/policy.md"), "utf8");
    for (const r of K8S_RULES) expect(docs, r.id).toContain(`\`${r.id}\``);
  });
});

describe("the AWS rules", () => {
  it("run with the Kubernetes rules in synth and check, and are all listed in docs/policy.md", () => {
    expect(DEFAULT_RULE_SETS.map((set) => set.name)).toEqual(["kubernetes", "aws"]);
    const docs = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "../../docs/policy.md"), "utf8");
    const aws = DEFAULT_RULE_SETS.find((set) => set.name === "aws")!;
    expect(aws.rules.length).toBeGreaterThan(5);
    for (const r of aws.rules) expect(docs, r.id).toContain(`\`${r.id}\``);
  });
});
