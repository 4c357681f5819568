/**
 * `skyweave rightsize` on a year of 1-minute samples (525,600 rows, 14 MB per file) for
 * several workloads, through the CLI's `run()`: no stack overflow from spreading a series
 * into a call (90 days crashed with exit 70), and fast enough to use. The files are written
 * at run time into a temporary directory, never committed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/program.js";

const SKYWEAVE = fileURLToPath(new URL("../../src/index.ts", import.meta.url));
const WORKLOADS = ["api", "web", "worker"];
const MINUTES = 365 * 1440;

let dir: string;
let app: string;

/** A year of 1-minute CPU totals (cores): a daily cycle peaking at 18:00 UTC, `scale` high, with a deterministic wiggle. */
function yearCsv(scale: number): string {
  const t0 = Date.UTC(2023, 0, 1);
  const parts = ["timestamp,value\n"];
  for (let i = 0; i < MINUTES; i++) {
    const hour = (i % 1440) / 60;
    const v = scale * (1 + 0.6 * Math.sin(((hour - 12) / 24) * 2 * Math.PI) + 0.05 * Math.sin(i * 7.3));
    parts.push(`${new Date(t0 + i * 60_000).toISOString().slice(0, 19).replace("T", " ")},${v.toFixed(4)}\n`);
  }
  return parts.join("");
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "skyweave-rightsize-year-"));
  writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
  app = path.join(dir, "app.ts");
  writeFileSync(
    app,
    [
      `import { App, KubernetesCluster, Service } from ${JSON.stringify(SKYWEAVE)};`,
      'const app = new App("year");',
      'new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks" });',
      ...WORKLOADS.map((w) => `new Service(app, ${JSON.stringify(w)}, { image: "nginx:1.27", port: 80, cpu: "500m", memory: "256Mi", cpuLimit: "4", replicas: { min: 4, max: 8 } });`),
      "export default app;",
    ].join("\n"),
  );
  mkdirSync(path.join(dir, "metrics"));
  WORKLOADS.forEach((w, k) => writeFileSync(path.join(dir, "metrics", `${w}.cpu.csv`), yearCsv(0.5 * (k + 1))));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("rightsize on a year of 1-minute data", () => {
  it(`recommends for ${WORKLOADS.length} workloads of 525,600 samples each in well under 30 s`, async () => {
    let stdout = "";
    let stderr = "";
    const started = performance.now();
    const code = await run(["node", "skyweave", "rightsize", app, "--metrics", path.join(dir, "metrics"), "--json"], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
    const seconds = (performance.now() - started) / 1000;
    console.log(`rightsize: ${WORKLOADS.length} workloads × ${MINUTES} 1-minute samples in ${seconds.toFixed(1)} s`);
    expect(stderr).not.toContain("error");
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { recommendations: Array<{ workload: string; cpu: { points: number; stepSeconds: number; model: string }; recommended: { cpuMillicores: number; replicas: { min: number; max: number; schedule?: Array<{ cron: string; min: number }> } } }> };
    expect(report.recommendations.map((r) => r.workload)).toEqual(WORKLOADS);
    for (const r of report.recommendations) {
      expect(r.cpu.points).toBe(MINUTES);
      expect(r.cpu.stepSeconds).toBe(60);
      // The daily cycle is found, so the floors follow it.
      expect(r.cpu.model).toMatch(/m=1440/);
      expect(r.recommended.replicas.schedule?.length).toBeGreaterThan(0);
      expect(r.recommended.replicas.max).toBeGreaterThan(r.recommended.replicas.min);
    }
    // p90 of the total (measured on the 4 replicas of replicas.min) rises with the load: 1.15 × p90 per replica.
    const cpu = report.recommendations.map((r) => r.recommended.cpuMillicores);
    expect(cpu[0]!).toBeLessThan(cpu[1]!);
    expect(cpu[1]!).toBeLessThan(cpu[2]!);
    expect(seconds).toBeLessThan(30);
  }, 120_000);
});
