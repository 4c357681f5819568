/**
 * The vector bin packing suite: every instance of ../shared/benchmarks/binpacking (441, with
 * proven optima in `optima.csv`) packed by the solver through the contract entry point
 * `bench/vbp.ts` (in child processes), and in the same run by two baselines (plain FFD and a
 * kube-scheduler-style packer, see vbp-baselines.ts). Every assignment is re-checked here
 * against the file. Writes `bench/results-vbp.md` (generated; do not edit by hand).
 *
 *   npx tsx bench/vbp-suite.ts [--time-limit <s>] [--filter <regex>] [--workers <n>] [--solver core|heuristic] [--out <file>] [--jsonl <file>]
 *
 * Defaults: 10 s per instance, all instances, 2 workers (one per core of the reference machine),
 * the full packing core, bench/results-vbp.md. `--filter` matches the instance name (e.g.
 * `Triplet/`, `class1_20_`); `--solver heuristic` measures the heuristic stage alone.
 * A benchmark, not a test: it reports, and exits 0 even when a target is missed (1 only when a
 * run fails or an answer does not check).
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { firstFitDecreasing, kubeSchedulerLeastAllocated } from "./vbp-baselines.js";
import { checkAssignment, parseVbp, type VbpInstance } from "./vbp-format.js";
import type { VbpResult } from "./vbp.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const VBP = fileURLToPath(new URL("./vbp.ts", import.meta.url));
const DATA = path.resolve(ROOT, "..", "shared", "benchmarks", "binpacking");

/** Targets of the solver issue. */
const TARGET_MEAN_GAP = 0.03;
const TARGET_PROVEN_SHARE = 0.5;

interface Options {
  readonly timeLimitS: number;
  readonly solver: "core" | "heuristic";
  readonly filter: RegExp | undefined;
  readonly workers: number;
  readonly out: string;
  readonly jsonl: string | undefined;
  readonly chunk: number;
}

interface Instance {
  readonly name: string;
  readonly file: string;
  readonly benchmark: string;
  readonly cls: string;
  readonly optimum: number;
  readonly nItems: number;
  readonly dims: number;
  readonly bestItemCentric: number;
  readonly bestHeuristic: number;
  readonly upstreamLowerBound: number;
}

interface Row {
  readonly inst: Instance;
  readonly ours: VbpResult;
  readonly ffd: number;
  readonly kube: number;
  readonly problems: string[];
}

function parseArgs(argv: string[]): Options {
  let timeLimitS = 10;
  let filter: RegExp | undefined;
  let workers = 2;
  let out = path.join(ROOT, "bench", "results-vbp.md");
  let jsonl: string | undefined;
  let chunk = 6;
  let solver: "core" | "heuristic" = "core";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === "--time-limit") timeLimitS = Number(value());
    else if (arg === "--filter") filter = new RegExp(value());
    else if (arg === "--workers") workers = Number(value());
    else if (arg === "--out") out = path.resolve(value());
    else if (arg === "--jsonl") jsonl = path.resolve(value());
    else if (arg === "--chunk") chunk = Number(value());
    else if (arg === "--solver") {
      const v = value();
      if (v !== "core" && v !== "heuristic") throw new Error("--solver is core or heuristic");
      solver = v;
    }
    else if (arg === "--help" || arg === "-h") {
      process.stdout.write("usage: npx tsx bench/vbp-suite.ts [--time-limit <s>] [--filter <regex>] [--workers <n>] [--solver core|heuristic] [--out <file>] [--jsonl <file>]\n");
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}`);
  }
  if (!(timeLimitS > 0)) throw new Error("--time-limit must be a positive number of seconds");
  if (!(Number.isInteger(workers) && workers >= 1)) throw new Error("--workers must be a positive integer");
  return { timeLimitS, solver, filter, workers, out, jsonl, chunk };
}

function readInstances(filter: RegExp | undefined): Instance[] {
  const lines = readFileSync(path.join(DATA, "optima.csv"), "utf8").trim().split(/\r?\n/);
  const header = lines[0]!.split(",");
  const col = (name: string): number => {
    const j = header.indexOf(name);
    if (j < 0) throw new Error(`optima.csv has no column ${name}`);
    return j;
  };
  return lines
    .slice(1)
    .map((line) => line.split(","))
    .map((f) => ({
      name: f[col("instance")]!,
      file: path.join(DATA, f[col("file")]!),
      benchmark: f[col("benchmark")]!,
      cls: f[col("cls")]!,
      optimum: Number(f[col("optimum")]),
      nItems: Number(f[col("n_items")]),
      dims: Number(f[col("dims")]),
      bestItemCentric: Number(f[col("best_item_centric")]),
      bestHeuristic: Number(f[col("best_heuristic")]),
      upstreamLowerBound: Number(f[col("lower_bound")]),
    }))
    .filter((inst) => !filter || filter.test(inst.name));
}

/** Runs `bench/vbp.ts` on the files, `workers` children at a time, `chunk` files per child. */
async function runOurs(instances: readonly Instance[], o: Options, onResult: (r: VbpResult) => void): Promise<string[]> {
  // Largest first, so that the two workers finish together.
  const queue = [...instances].sort((a, b) => b.nItems * b.dims - a.nItems * a.dims || a.name.localeCompare(b.name)).map((i) => i.file);
  const errors: string[] = [];
  const worker = async (): Promise<void> => {
    for (;;) {
      const files = queue.splice(0, o.chunk);
      if (files.length === 0) return;
      await new Promise<void>((resolve) => {
        const args = ["--import", "tsx", VBP, "--time-limit", String(o.timeLimitS), "--solver", o.solver, ...files];
        const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
        let buffer = "";
        let stderr = "";
        child.stdout.setEncoding("utf8");
        child.stdout.on("data", (data: string) => {
          buffer += data;
          let nl: number;
          while ((nl = buffer.indexOf("\n")) >= 0) {
            const line = buffer.slice(0, nl);
            buffer = buffer.slice(nl + 1);
            if (line.trim()) onResult(JSON.parse(line) as VbpResult);
          }
        });
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("close", (code) => {
          if (code !== 0) errors.push(`bench/vbp.ts exited ${code} on ${files.join(" ")}: ${stderr.trim()}`);
          resolve();
        });
      });
    }
  };
  await Promise.all(Array.from({ length: o.workers }, () => worker()));
  return errors;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

function summarise(rows: readonly Row[]) {
  const gap = (bins: number, r: Row): number => (bins - r.inst.optimum) / r.inst.optimum;
  return {
    n: rows.length,
    ours: mean(rows.map((r) => gap(r.ours.bins, r))),
    ffd: mean(rows.map((r) => gap(r.ffd, r))),
    kube: mean(rows.map((r) => gap(r.kube, r))),
    bestItemCentric: mean(rows.map((r) => gap(r.inst.bestItemCentric, r))),
    bestHeuristic: mean(rows.map((r) => gap(r.inst.bestHeuristic, r))),
    found: rows.filter((r) => r.ours.bins === r.inst.optimum).length,
    ffdFound: rows.filter((r) => r.ffd === r.inst.optimum).length,
    kubeFound: rows.filter((r) => r.kube === r.inst.optimum).length,
    proven: rows.filter((r) => r.ours.provenOptimal).length,
    kubeWorseThanFfd: rows.filter((r) => r.kube > r.ffd).length,
    worseThanFfd: rows.filter((r) => r.ours.bins > r.ffd).length,
    meanMs: mean(rows.map((r) => r.ours.ms)),
    maxMs: Math.max(0, ...rows.map((r) => r.ours.ms)),
  };
}

function report(rows: readonly Row[], o: Options, wallMs: number, errors: readonly string[]): string {
  const classes = [...new Set(rows.map((r) => `${r.inst.benchmark} / ${r.inst.cls}`))].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const all = summarise(rows);
  const lines: string[] = [];
  lines.push(`## ${o.solver === "heuristic" ? "The heuristic stage alone" : "The packing core"}, ${o.timeLimitS} s per instance${o.filter ? ` (instances matching /${o.filter.source}/)` : ""}`);
  lines.push("");
  lines.push(
    `Run: \`npx tsx bench/vbp-suite.ts --time-limit ${o.timeLimitS}${o.solver === "heuristic" ? " --solver heuristic" : ""}${o.filter ? ` --filter '${o.filter.source}'` : ""} --workers ${o.workers}\` on ${new Date().toISOString().slice(0, 10)}, ` +
      `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "unknown CPU"}, Node ${process.version}. ` +
      `${rows.length} instances of \`../shared/benchmarks/binpacking\` (proven optima from \`optima.csv\`), ${o.timeLimitS} s limit each, ` +
      `${o.workers} instances at a time; wall time ${(wallMs / 1000).toFixed(0)} s.`,
  );
  lines.push("");
  lines.push(
    o.solver === "heuristic"
      ? "- **ours**: `bench/vbp.ts --solver heuristic`: the heuristic stage of the packing core alone (constructive heuristics and local search, `solvePackingHeuristic`), without the exact model. Every assignment is re-checked against the file here."
      : "- **ours**: `bench/vbp.ts` (the contract entry point), i.e. `packVbp`: the packing core that `place()` uses (heuristics with local search, then the column-generation model on HiGHS warm-started from them). Every assignment is re-checked against the file here.",
  );
  lines.push("- **FFD**: plain first-fit decreasing by the sum of capacity-normalised sizes. **kube**: pods in file order, each to the feasible node with the most free share after placing it (the default scheduler's LeastAllocated score), a new node when none fits. Both run here, in the same run.");
  lines.push("- **best IC / best heur.**: from `optima.csv`, the best of many item-centric heuristics, and of all heuristics, of Mommessin et al. (a virtual best per instance, not one algorithm).");
  lines.push("- kube's near-zero gap on the triplet classes is an artefact of those files: they list each optimal triplet's items consecutively, and arrival order is the one thing kube follows.");
  lines.push(
    "- **gap**: mean over instances of (bins − optimum) / optimum. **= opt**: instances where the bins equal the known optimum (ours / FFD / kube). **proven**: our answer's own lower bound equals its bins (optimality proven by the run itself; the baselines give no bound). **worse than FFD**: instances where ours / kube use more bins than FFD. **ms**: our time per instance (parse, pack, map back).",
  );
  lines.push("");
  lines.push("| benchmark / class | n | gap ours | gap FFD | gap kube | best IC | best heur. | = opt ours / FFD / kube | proven ours | worse than FFD ours / kube | mean ms | max ms |");
  lines.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  const row = (label: string, s: ReturnType<typeof summarise>): string =>
    `| ${label} | ${s.n} | ${pct(s.ours)} | ${pct(s.ffd)} | ${pct(s.kube)} | ${pct(s.bestItemCentric)} | ${pct(s.bestHeuristic)} | ${s.found} / ${s.ffdFound} / ${s.kubeFound} | ${s.proven} | ${s.worseThanFfd} / ${s.kubeWorseThanFfd} | ${Math.round(s.meanMs)} | ${s.maxMs} |`;
  for (const cls of classes) lines.push(row(cls, summarise(rows.filter((r) => `${r.inst.benchmark} / ${r.inst.cls}` === cls))));
  lines.push(row("**all**", all));
  lines.push("");
  lines.push("Targets (solver issue): overall mean gap ≤ 3 %, never worse than FFD, at least half proven optimal.");
  lines.push("");
  lines.push(`- mean gap ${pct(all.ours)}: ${all.ours <= TARGET_MEAN_GAP ? "met" : "**missed**"} (FFD ${pct(all.ffd)}, kube ${pct(all.kube)}).`);
  const over = rows.filter((r) => r.ours.ms > o.timeLimitS * 1000).length;
  lines.push(`- time: mean ${Math.round(all.meanMs)} ms, max ${all.maxMs} ms per instance against a limit of ${o.timeLimitS * 1000} ms; over the limit on ${over} of ${all.n} instances.`);
  lines.push(`- worse than FFD on ${all.worseThanFfd} instances: ${all.worseThanFfd === 0 ? "met" : "**missed**"}.`);
  lines.push(`- proven optimal ${all.proven} of ${all.n} (${pct(all.proven / Math.max(1, all.n))}): ${all.proven >= TARGET_PROVEN_SHARE * all.n ? "met" : "**missed**"}; the known optimum was reached on ${all.found}.`);
  const worse = rows.filter((r) => r.ours.bins > r.ffd);
  if (worse.length > 0) lines.push(`- worse than FFD: ${worse.map((r) => `${r.inst.name} (${r.ours.bins} vs ${r.ffd})`).join(", ")}.`);
  const bad = rows.filter((r) => r.problems.length > 0);
  lines.push(`- checks: ${bad.length === 0 && errors.length === 0 ? "every assignment fits the file and uses the bins reported; every lower bound is ≤ the known optimum" : `**${bad.length + errors.length} failures**`}.`);
  for (const r of bad) lines.push(`  - ${r.inst.name}: ${r.problems.join("; ")}`);
  for (const e of errors) lines.push(`  - ${e}`);
  lines.push("");
  return lines.join("\n");
}

const FILE_HEADER = [
  "# Vector bin packing: skyweave's packing core against FFD and a kube-scheduler-style packer",
  "",
  "Generated by `npx tsx bench/vbp-suite.ts`; do not edit by hand. Each run replaces its own section (one per solver,",
  "time limit and filter) and keeps the others.",
  "",
].join("\n");

/** The section of the results file a run writes: one per solver, time limit and filter. */
function sectionKey(o: Options): string {
  return `${o.solver} ${o.timeLimitS}s${o.filter ? ` /${o.filter.source}/` : ""}`;
}

/** `file` with the section `key` replaced by `body` (appended when absent; the header added when the file is new). */
function withSection(file: string, key: string, body: string): string {
  const begin = `<!-- vbp-suite section: ${key} -->`;
  const end = `<!-- end of vbp-suite section: ${key} -->`;
  const section = `${begin}\n${body.trimEnd()}\n${end}\n`;
  const text = file.trim().length > 0 ? file : `${FILE_HEADER}\n`;
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from >= 0 && to > from) return text.slice(0, from) + section + text.slice(to + end.length + 1);
  return `${text.trimEnd()}\n\n${section}`;
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  const instances = readInstances(o.filter);
  if (instances.length === 0) throw new Error("no instance matches the filter");
  const parsed = new Map<string, VbpInstance>(instances.map((i) => [i.file, parseVbp(readFileSync(i.file, "utf8"))]));
  const byFile = new Map(instances.map((i) => [i.file, i]));
  const baselines = new Map<string, { ffd: number; kube: number; problems: string[] }>();
  for (const inst of instances) {
    const vbp = parsed.get(inst.file)!;
    const ffd = checkAssignment(vbp, firstFitDecreasing(vbp));
    const kube = checkAssignment(vbp, kubeSchedulerLeastAllocated(vbp));
    baselines.set(inst.file, { ffd: ffd.bins, kube: kube.bins, problems: [...ffd.violations.map((v) => `FFD: ${v}`), ...kube.violations.map((v) => `kube: ${v}`)] });
  }
  process.stderr.write(`${instances.length} instances, ${o.timeLimitS} s each, ${o.workers} workers\n`);
  const rows: Row[] = [];
  const started = performance.now();
  const errors = await runOurs(instances, o, (ours) => {
    const inst = byFile.get(ours.file);
    if (!inst) {
      errors.push(`unexpected file in the output: ${ours.file}`);
      return;
    }
    const vbp = parsed.get(inst.file)!;
    const checked = checkAssignment(vbp, ours.assignment);
    const problems = [...baselines.get(inst.file)!.problems, ...checked.violations];
    if (checked.bins !== ours.bins) problems.push(`reports ${ours.bins} bins, the assignment uses ${checked.bins}`);
    if (ours.lowerBound > inst.optimum) problems.push(`lower bound ${ours.lowerBound} exceeds the proven optimum ${inst.optimum}`);
    if (ours.provenOptimal !== ours.bins <= ours.lowerBound) problems.push("provenOptimal disagrees with bins and lowerBound");
    const base = baselines.get(inst.file)!;
    rows.push({ inst, ours, ffd: base.ffd, kube: base.kube, problems });
    process.stderr.write(`${String(rows.length).padStart(3)}/${instances.length} ${inst.name}: ${ours.bins} bins (opt ${inst.optimum}, lb ${ours.lowerBound}, FFD ${base.ffd}, kube ${base.kube}) ${ours.ms} ms${problems.length ? ` PROBLEMS: ${problems.join("; ")}` : ""}\n`);
  });
  const wallMs = performance.now() - started;
  const missing = instances.filter((i) => !rows.some((r) => r.inst === i));
  for (const m of missing) errors.push(`no answer for ${m.name}`);
  const order = new Map(instances.map((inst, j) => [inst, j]));
  rows.sort((a, b) => order.get(a.inst)! - order.get(b.inst)!);
  const md = report(rows, o, wallMs, errors);
  writeFileSync(o.out, withSection(existsSync(o.out) ? readFileSync(o.out, "utf8") : "", sectionKey(o), md));
  if (o.jsonl) {
    const lines = rows.map((r) => JSON.stringify({ instance: r.inst.name, optimum: r.inst.optimum, bins: r.ours.bins, lowerBound: r.ours.lowerBound, provenOptimal: r.ours.provenOptimal, ms: r.ours.ms, ffd: r.ffd, kube: r.kube }));
    writeFileSync(o.jsonl, `${lines.join("\n")}\n`);
  }
  process.stdout.write(md);
  return errors.length > 0 || rows.some((r) => r.problems.length > 0) ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
