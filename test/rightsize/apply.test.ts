/**
 * `rightsize --apply` edits only the requests and replicas of the workloads it has metrics
 * for, keeps every other byte, and leaves the file untouched when it cannot do that.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { loadApp } from "../../src/app-file/load-app.js";
import { toModel } from "../../src/model/index.js";
import { applyToSource, RECOMMENDED_SCALING, rightsize } from "../../src/rightsize/index.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const tmp = mkdtempSync(path.join(repo, "test/.tmp-rightsize-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const boutique = readFileSync(path.join(repo, "examples/boutique/app.ts"), "utf8").replace('new App("boutique")', 'new App("boutique-rightsized")');
const metrics = path.join(repo, "examples/boutique-rightsized/metrics.json");

/** Lines only in `a` and lines only in `b`, by a longest-common-subsequence line diff. */
function lineDiff(a: string[], b: string[]): { removed: string[]; added: string[] } {
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) (i++, j++);
    else if (j < b.length && (i === a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) added.push(b[j++]!);
    else removed.push(a[i++]!);
  }
  return { removed, added };
}

describe("rightsize --apply", () => {
  it("changes only cpu, memory and replicas lines of the boutique, and writes what the example commits", async () => {
    const file = path.join(tmp, "app.ts");
    writeFileSync(file, boutique);
    const report = await rightsize(file, metrics, { apply: true });
    const after = readFileSync(file, "utf8");
    expect(report.applied).toBe(true);
    expect(report.recommendations.map((r) => r.workload)).toEqual(["cartservice", "checkoutservice", "currencyservice", "frontend", "productcatalogservice", "recommendationservice"]);
    const { removed, added } = lineDiff(boutique.split("\n"), after.split("\n"));
    for (const line of removed) expect(line).toMatch(/^\s*(cpu|memory|replicas): /);
    for (const line of added) expect(line).toMatch(/^\s*(cpu: "[0-9]+m?",|memory: "[0-9]+(Ki|Mi|Gi)",|replicas: \{.*|min: \d+,|max: \d+,|targetCpuPercent: \d+,|schedule: \[|\{ cron: "[^"]+", min: \d+ \},|\],|\},)$/);
    expect(added.filter((l) => /^\s*cpu: /.test(l))).toHaveLength(6);
    expect(after).toBe(readFileSync(path.join(repo, "examples/boutique-rightsized/app.ts"), "utf8"));
    // no temp file is left behind
    expect(readdirSync(tmp)).toEqual(["app.ts"]);
  });

  it("is idempotent: applying again to the result changes no byte", async () => {
    const file = path.join(tmp, "again.ts");
    const before = readFileSync(path.join(repo, "examples/boutique-rightsized/app.ts"), "utf8");
    writeFileSync(file, before);
    await rightsize(file, metrics, { apply: true });
    expect(readFileSync(file, "utf8")).toBe(before);
  });

  it("replaces a prop set directly, adds a missing one after the last spread, and handles a trailing prop", () => {
    const text = [
      'const base = { memory: "1Gi" };',
      'new Service(app, "web", { image: "x:1", cpu: "1", ...base, env: {} });',
      'new Worker(app, "job", { image: "y:1" });',
    ].join("\n");
    const out = applyToSource(text, "app.ts", [
      { workload: "web", path: "a/web", current: { cpuMillicores: 1000, memoryBytes: 2 ** 30, replicas: { min: 1, max: 1 }, targetCpuPercent: 70 }, recommended: { cpuMillicores: 250, memoryBytes: 2 ** 29, replicas: { min: 1, max: 3, targetCpuPercent: 80 } }, notes: [] },
      { workload: "job", path: "a/job", current: { cpuMillicores: 100, memoryBytes: 2 ** 27, replicas: { min: 1, max: 1 }, targetCpuPercent: 70 }, recommended: { cpuMillicores: 50 }, notes: [] },
    ]);
    expect(out).toBe(
      [
        'const base = { memory: "1Gi" };',
        'new Service(app, "web", { image: "x:1", cpu: "250m", ...base, memory: "512Mi",\nreplicas: { min: 1, max: 3, targetCpuPercent: 80 },\nenv: {} });',
        'new Worker(app, "job", { image: "y:1",\ncpu: "50m" });',
      ].join("\n"),
    );
  });

  it("writes the HPA's CPU target into replicas, which the model then carries, and keeps a memory target the app set", async () => {
    const file = path.join(tmp, "targets.ts");
    writeFileSync(file, boutique.replace(/(new Service\(app, "frontend", \{)/, "$1\n  replicas: { min: 1, max: 2, targetMemoryPercent: 60 },"));
    const report = await rightsize(file, metrics, { apply: true });
    const frontend = report.recommendations.find((r) => r.workload === "frontend")!;
    expect(frontend.recommended.replicas).toMatchObject({ targetCpuPercent: RECOMMENDED_SCALING.hpa * 100, targetMemoryPercent: 60 });
    const model = toModel(await loadApp(file)).workloads.find((w) => w.name === "frontend")!;
    expect(model.autoscaling).toEqual({ targetCpuPercent: RECOMMENDED_SCALING.hpa * 100, targetMemoryPercent: 60 });
    const cart = toModel(await loadApp(file)).workloads.find((w) => w.name === "cartservice")!;
    expect(cart.autoscaling.targetMemoryPercent).toBe(80);
  });

  it("refuses props that are not an object literal, and leaves the file as it was", async () => {
    const file = path.join(tmp, "variable.ts");
    const text = boutique
      .replace("import { App, KubernetesCluster, Redis, Service, Worker } from \"skyweave\";", "import { App, KubernetesCluster, Redis, Service, Worker, type ServiceProps } from \"skyweave\";")
      .replace(/const frontend = new Service\(app, "frontend", \{/, 'const frontendProps = {').replace(/\}\)\n  \.connect\(productCatalog, \{ envPrefix: "PRODUCT_CATALOG_SERVICE" \}\)\n  \.connect\(currency/, '} satisfies ServiceProps;\nconst frontend = new Service(app, "frontend", frontendProps)\n  .connect(productCatalog, { envPrefix: "PRODUCT_CATALOG_SERVICE" })\n  .connect(currency');
    expect(text).toContain('new Service(app, "frontend", frontendProps)');
    writeFileSync(file, text);
    const error = await rightsize(file, metrics, { apply: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain("not an object literal");
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  it("names a workload the metrics map but the app lacks", async () => {
    const file = path.join(tmp, "other.ts");
    writeFileSync(file, boutique.replace('"frontend", {', '"web", {'));
    const error = (await rightsize(file, metrics).catch((e: unknown) => e)) as InputError;
    expect(error.message).toContain('"frontend"');
    expect(error.fix).toContain("web");
  });
});
