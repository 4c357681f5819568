/**
 * The benchmark entry point `bench/vbp.ts` (a contract of DESIGN.md), run as a user runs it on
 * three real instances read from ../shared at test time: one JSON line per file, with an
 * assignment that the independent checker accepts for the file's items.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { canonicalBins, checkSolution, type PackingProblem } from "../../../src/solver/packing/index.js";
import { parseVbp } from "../../../bench/vbp-format.js";

const repo = fileURLToPath(new URL("../../..", import.meta.url));
const data = path.resolve(repo, "..", "shared", "benchmarks", "binpacking", "instances");
const files = [
  "Panigrahy/class9/class9_20_3_0.vbp", // sizes concentrated on a few dimensions
  "New/class4/class4_40_5_0.vbp", // bimodal, 5 dimensions
  "Triplet/Caprara/classC_60_3_0.vbp", // a file with a negative size (see bench/vbp-format.ts)
].map((f) => path.join(data, f));

function vbp(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(repo, "bench", "vbp.ts"), ...args], { cwd: repo, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("bench/vbp.ts", () => {
  it("prints one JSON line per instance, in the contract's shape, whose assignment the checker accepts", () => {
    const run = vbp("--time-limit", "0.3", ...files);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(files.length);
    lines.forEach((line, j) => {
      const out = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(out)).toEqual(["file", "bins", "lowerBound", "provenOptimal", "ms", "assignment"]);
      expect(out.file).toBe(files[j]);
      const inst = parseVbp(readFileSync(files[j]!, "utf8"));
      const assignment = out.assignment as number[];
      expect(assignment).toHaveLength(inst.items.length);
      // The file as a problem with one item type per item, and the assignment as its solution.
      const problem: PackingProblem = {
        dims: inst.dims,
        binTypes: [{ id: "bin", capacity: inst.capacity, cost: 1 }],
        items: inst.items.map((size, i) => ({ id: `item${i}`, size, count: 1 })),
      };
      const bins = new Set(assignment).size;
      expect(bins).toBe(out.bins);
      expect([...new Set(assignment)].sort((a, b) => a - b)).toEqual(Array.from({ length: bins }, (_, b) => b)); // bins 0..bins-1
      const solution = {
        bins: canonicalBins(Array.from({ length: bins }, (_, b) => ({ type: 0, items: assignment.flatMap((x, i) => (x === b ? [i] : [])) }))),
        leftOut: [],
        cost: bins,
        lowerBound: out.lowerBound as number,
        provenOptimal: out.provenOptimal as boolean,
        method: "bench/vbp.ts",
      };
      expect(checkSolution(problem, solution)).toEqual([]);
      expect(typeof out.ms).toBe("number");
    });
  });

  it("exits 1 with a usage line on a bad argument", () => {
    const run = vbp("--time-limit", "soon", files[0]!);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--time-limit needs a positive number of seconds/);
    expect(run.stdout).toBe("");
  });
});
