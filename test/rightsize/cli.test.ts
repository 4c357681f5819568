/** `skyweave rightsize` as a user runs it: the built binary, real files, exit codes, stdout and stderr. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repo, skyweave } from "../support/run-cli.js";

const tmp = mkdtempSync(path.join(repo, "test/.tmp-rightsize-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const app = "examples/boutique-rightsized/app.ts";

describe("skyweave rightsize", () => {
  it("has --help", () => {
    const r = skyweave("rightsize", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--metrics <config-or-dir>");
    expect(r.stdout).toContain("--apply");
  });

  it("prints JSON on stdout with --json and progress on stderr, and changes no file without --apply", () => {
    const before = readFileSync(path.join(repo, app));
    const r = skyweave("rightsize", app, "--metrics", "examples/boutique-rightsized/metrics.json", "--json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { app: string; applied: boolean; recommendations: Array<{ workload: string; recommended: { cpuMillicores: number } }> };
    expect(report.app).toBe("boutique-rightsized");
    expect(report.applied).toBe(false);
    expect(report.recommendations).toHaveLength(6);
    expect(r.stderr).toContain("forecasting frontend");
    expect(readFileSync(path.join(repo, app)).equals(before), "app.ts is byte for byte as it was").toBe(true);
  });

  it("reads a directory of <workload>.cpu.csv files in cores", () => {
    const dir = path.join(tmp, "metrics");
    mkdirSync(dir, { recursive: true });
    const rows = Array.from({ length: 3 * 288 }, (_, i) => `${new Date(Date.UTC(2024, 0, 1) + i * 300_000).toISOString().slice(0, 19).replace("T", " ")},${(0.05 + 0.01 * Math.sin(i)).toFixed(4)}`);
    writeFileSync(path.join(dir, "adservice.cpu.csv"), `timestamp,value\n${rows.join("\n")}\n`);
    const r = skyweave("rightsize", app, "--metrics", dir, "--json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { recommendations: Array<{ workload: string; recommended: { cpuMillicores: number } }> };
    expect(report.recommendations.map((x) => x.workload)).toEqual(["adservice"]);
    expect(report.recommendations[0]!.recommended.cpuMillicores).toBe(70); // p90 ≈ 0.06 cores × 1.15, rounded up to 5m
    // the same file given by a flag gives the same answer
    const flagged = skyweave("rightsize", app, "--cpu", `adservice=${path.join(dir, "adservice.cpu.csv")}`, "--json");
    expect(flagged.code).toBe(0);
    expect((JSON.parse(flagged.stdout) as typeof report).recommendations).toEqual(report.recommendations);
  });

  it("reads a Prometheus range-query answer for memory, summing its series", () => {
    const dir = path.join(tmp, "prometheus");
    mkdirSync(dir, { recursive: true });
    const t0 = Date.UTC(2024, 0, 1) / 1000;
    // Two series of 100 MiB each: one replica's memory is their sum, 200 MiB.
    const series = [0, 1].map((pod) => ({ metric: { pod: `ad-${pod}` }, values: Array.from({ length: 3 * 288 }, (_, i) => [t0 + i * 300, String(100 * 2 ** 20)]) }));
    writeFileSync(path.join(dir, "adservice.memory.json"), JSON.stringify({ status: "success", data: { resultType: "matrix", result: series } }));
    const r = skyweave("rightsize", app, "--metrics", dir, "--json");
    expect(r.code).toBe(0);
    const [rec] = (JSON.parse(r.stdout) as { recommendations: Array<{ recommended: { memoryBytes: number; cpuMillicores?: number } }> }).recommendations;
    expect(rec!.recommended.memoryBytes).toBe(Math.ceil(1.15 * 200) * 2 ** 20); // 1.15 × p99, whole MiB
    expect(rec!.recommended.cpuMillicores).toBeUndefined();
  });

  it("asks for metrics when none are given", () => {
    const r = skyweave("rightsize", app);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no metrics given");
  });

  it("names the file, line and problem of a bad metrics file, and exits 1", () => {
    const csv = path.join(tmp, "bad.csv");
    writeFileSync(csv, "timestamp,value\n2024-01-01 00:00:00,0.1\n2024-01-01 00:05:00,n/a\n");
    const config = path.join(tmp, "bad.json");
    writeFileSync(config, JSON.stringify({ workloads: { frontend: { cpu: { file: "bad.csv" } } } }));
    const r = skyweave("rightsize", app, "--metrics", config);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.csv:3: "n\/a" is not a number/);
    expect(r.stderr).toContain("fix:");
  });

  it("explains a percent series without what 100 % stands for", () => {
    const config = path.join(tmp, "percent.json");
    writeFileSync(config, JSON.stringify({ workloads: { frontend: { cpu: { file: "x.csv", unit: "percent" } } } }));
    const r = skyweave("rightsize", app, "--metrics", config);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('workloads.frontend.cpu: a percent series needs "of"');
  });
});
