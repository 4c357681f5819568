/** The `bench/forecast.ts` contract (DESIGN.md): one JSON line per file, rows at or before the origin only. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const nab = path.resolve(repo, "../shared/corpus/nab-aws-cloudwatch");
const tmp = mkdtempSync(path.join(repo, "test/.tmp-bench-forecast-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function bench(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "bench/forecast.ts", ...args], { cwd: repo, encoding: "utf8" });
  return { code: r.status, lines: r.stdout.trim().split("\n").filter(Boolean), stderr: r.stderr };
}

describe("bench/forecast.ts", () => {
  it("prints one line per file with the forecast and its 80 % interval", () => {
    const files = ["ec2_cpu_utilization_5f5533.csv", "rds_cpu_utilization_cc0c53.csv"].map((f) => path.join(nab, f));
    const r = bench("--origin", "2014-02-20 00:00:00", "--horizon", "12", ...files);
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(2);
    r.lines.forEach((line, i) => {
      const out = JSON.parse(line) as { file: string; origin: string; stepSeconds: number; forecast: number[]; lower: number[]; upper: number[] };
      expect(Object.keys(out)).toEqual(["file", "origin", "stepSeconds", "forecast", "lower", "upper"]);
      expect(out.file).toBe(files[i]);
      expect(out.origin).toBe("2014-02-20 00:00:00");
      expect(out.stepSeconds).toBe(300);
      expect(out.forecast).toHaveLength(12);
      out.forecast.forEach((f, k) => {
        expect(out.lower[k]!).toBeLessThanOrEqual(f);
        expect(out.upper[k]!).toBeGreaterThanOrEqual(f);
      });
    });
  });

  it("uses only the rows at or before the origin", () => {
    const rows = (tail: number) => ["timestamp,value", ...Array.from({ length: 100 }, (_, i) => `2024-01-01 ${String(Math.floor(i / 12)).padStart(2, "0")}:${String((i % 12) * 5).padStart(2, "0")}:00,${i < 60 ? 10 + (i % 2) : tail}`)].join("\n");
    writeFileSync(path.join(tmp, "a.csv"), rows(500));
    writeFileSync(path.join(tmp, "b.csv"), rows(0)); // (not negative: a negative value is an error wherever it is)
    const r = bench("--origin", "2024-01-01 04:55:00", "--horizon", "3", path.join(tmp, "a.csv"), path.join(tmp, "b.csv"));
    const [a, b] = r.lines.map((l) => JSON.parse(l) as { forecast: number[] });
    expect(a!.forecast).toEqual(b!.forecast);
    expect(Math.max(...a!.forecast)).toBeLessThan(20);
  });

  it("reports a bad file on stderr, still answers for the others, and exits 1", () => {
    writeFileSync(path.join(tmp, "bad.csv"), "timestamp,value\n2024-01-01 00:00:00,x\n");
    const r = bench("--origin", "2014-02-20 00:00:00", "--horizon", "2", path.join(tmp, "bad.csv"), path.join(nab, "ec2_cpu_utilization_5f5533.csv"));
    expect(r.code).toBe(1);
    expect(r.lines).toHaveLength(1);
    expect(r.stderr).toMatch(/bad\.csv:2: "x" is not a number/);
  });
});
