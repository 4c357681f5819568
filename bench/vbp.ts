/**
 * Benchmark entry point (contract, see DESIGN.md): packs VPSolver `.vbp` instances with the
 * placement solver's own packing core and prints one JSON line per instance:
 *
 *   npx tsx bench/vbp.ts [--time-limit <s>] <file.vbp>...
 *   {"file": "...", "bins": 12, "lowerBound": 11, "provenOptimal": false, "ms": 840, "assignment": [0, 3, 1, ...]}
 *
 * `assignment[i]` is the bin of item i in file order (a line with multiplicity q is q items).
 * Default time limit: 10 s per instance. `--solver heuristic` runs the heuristic stage alone
 * (for comparison; the default `core` is what `place()` runs). Exit code 1 when an argument
 * or a file is bad.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { solvePackingHeuristic, type PackingProblem, type PackingSolution } from "../src/solver/packing/index.js";
import { solvePacking } from "../src/solver/solve-packing.js";
import { assignmentOf, fileLowerBound, hasNegativeSizes, parseVbp, vbpProblem } from "./vbp-format.js";

export const DEFAULT_TIME_LIMIT_S = 10;

/** Which packer `packVbp` runs: the combined core (the default, what `place()` runs) or its heuristic stage alone. */
export type VbpSolver = "core" | "heuristic";

/**
 * The packing core as `place()` uses it, on one problem within the time limit: `solvePacking`
 * (heuristics with local search, then the column-generation model on HiGHS warm-started from
 * them). This is the one place that decides which solver the benchmark measures; `heuristic`
 * runs the heuristic stage alone, for comparison.
 */
export async function packVbp(problem: PackingProblem, timeLimitMs: number, solver: VbpSolver = "core"): Promise<PackingSolution> {
  if (solver === "heuristic") return solvePackingHeuristic(problem, { timeLimitMs });
  return solvePacking(problem, { timeLimitMs });
}

export interface VbpResult {
  readonly file: string;
  readonly bins: number;
  readonly lowerBound: number;
  readonly provenOptimal: boolean;
  readonly ms: number;
  readonly assignment: number[];
}

/** Reads, packs and maps back one instance. */
export async function runVbpFile(file: string, timeLimitMs: number, solver: VbpSolver = "core"): Promise<VbpResult> {
  const started = performance.now();
  const inst = parseVbp(readFileSync(file, "utf8"));
  const { problem, itemsOfType } = vbpProblem(inst);
  const solution = await packVbp(problem, timeLimitMs, solver);
  const assignment = assignmentOf(solution, itemsOfType);
  const bins = solution.bins.length;
  // With negative sizes the solver's bound holds for sizes raised to 0, not for the file (see vbp-format.ts).
  const lowerBound = hasNegativeSizes(inst) ? Math.min(bins, fileLowerBound(inst)) : solution.lowerBound;
  const ms = Math.round(performance.now() - started);
  return { file, bins, lowerBound, provenOptimal: bins <= lowerBound, ms, assignment };
}

function usage(): string {
  return "usage: npx tsx bench/vbp.ts [--time-limit <seconds>] [--solver core|heuristic] <file.vbp>...";
}

async function main(argv: string[]): Promise<number> {
  let timeLimitS = DEFAULT_TIME_LIMIT_S;
  let solver: VbpSolver = "core";
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") {
      process.stdout.write(`${usage()}\n`);
      return 0;
    }
    if (arg === "--time-limit" || arg.startsWith("--time-limit=")) {
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++i];
      const s = Number(value);
      if (value === undefined || !Number.isFinite(s) || s <= 0) {
        process.stderr.write(`--time-limit needs a positive number of seconds, got ${value ?? "nothing"}\n${usage()}\n`);
        return 1;
      }
      timeLimitS = s;
    } else if (arg === "--solver") {
      const value = argv[++i];
      if (value !== "core" && value !== "heuristic") {
        process.stderr.write(`--solver is core or heuristic, got ${value ?? "nothing"}\n${usage()}\n`);
        return 1;
      }
      solver = value;
    } else if (arg.startsWith("--")) {
      process.stderr.write(`unknown option ${arg}\n${usage()}\n`);
      return 1;
    } else files.push(arg);
  }
  if (files.length === 0) {
    process.stderr.write(`no .vbp file given\n${usage()}\n`);
    return 1;
  }
  let status = 0;
  for (const file of files) {
    try {
      process.stdout.write(`${JSON.stringify(await runVbpFile(file, timeLimitS * 1000, solver))}\n`);
    } catch (error) {
      process.stderr.write(`${file}: ${error instanceof Error ? error.message : String(error)}\n`);
      status = 1;
    }
  }
  return status;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
