/**
 * The synth benchmark: skyweave against plain cdk8s, in the same run, on generated apps of
 * 10, 100 and 1,000 services. Writes `bench/results.md`.
 *
 *   npm run bench                       # builds, then runs this
 *   npx tsx bench/synth.ts [--sizes 10,100,1000] [--runs <k>] [--out bench/results.md] [--no-profile]
 *
 * Every measurement runs in a fresh child process (`bench/synth-child.ts`): one cold run,
 * then one warm run. `--runs` children per size and variant (default 5, and 3 at 1,000
 * services or more), interleaved so that drift of the machine hits every variant alike.
 * Before measuring a size, the parent checks that skyweave and the plain cdk8s code render
 * the same objects for every service. Finally one more child profiles a warm skyweave run at
 * the largest size, to say where the time goes.
 *
 * A benchmark, not a test: it reports, and exits 0 even when a target is missed.
 */
import { spawnSync, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { Yaml } from "cdk8s";
import { parseAllDocuments } from "yaml";
import { emit, place, toModel } from "../src/index.js";
import { inclusiveOf, summarise, type CpuProfile, type ProfileSummary } from "./cpu-profile.js";
import type { ChildResult, RunResult } from "./synth-child.js";
import { comparePlacement, renderPlacement, type PlacementRun } from "./synth-placement.js";
import { appSpec, BOUTIQUE_CSV, buildPlainCdk8s, buildSkyweaveApp, specCounts, VARIANTS, type Variant } from "./synth-app.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CHILD = fileURLToPath(new URL("./synth-child.ts", import.meta.url));

/** Targets of the issue. */
const TARGET_SERVICES = 1000;
const TARGET_MS = 5000;
const TARGET_RATIO = 3;

interface Options {
  readonly sizes: number[];
  readonly runs: number | undefined;
  readonly out: string;
  readonly profile: boolean;
}

function parseArgs(argv: string[]): Options {
  let sizes = [10, 100, 1000];
  let runs: number | undefined;
  let out = path.join(ROOT, "bench", "results.md");
  let profile = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === "--sizes") sizes = value().split(",").map((s) => Number(s.trim()));
    else if (arg === "--runs") runs = Number(value());
    else if (arg === "--out") out = path.resolve(value());
    else if (arg === "--no-profile") profile = false;
    else if (arg === "--help" || arg === "-h") {
      process.stdout.write("usage: npx tsx bench/synth.ts [--sizes 10,100,1000] [--runs <k>] [--out bench/results.md] [--no-profile]\n");
      process.exit(0);
    } else throw new Error(`unknown argument ${arg} (try --help)`);
  }
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 3)) throw new Error("--sizes: whole numbers of services, at least 3 each");
  if (runs !== undefined && (!Number.isInteger(runs) || runs < 1)) throw new Error("--runs: a whole number, at least 1");
  return { sizes, runs, out, profile };
}

const log = (line: string): void => void process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------------------
// same objects

/** How the baseline's objects compare with skyweave's. */
interface SameObjects {
  readonly services: number;
  readonly objects: number;
  /** Fields that differ (`Kind field.path`) → number of objects where they do; empty when all are equal. */
  readonly differences: Map<string, number>;
}

/** Paths below `at` where `a` and `b` differ. */
function differences(a: unknown, b: unknown, at: string, out: Set<string>): void {
  if (a === b) return;
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const sub = Array.isArray(a) ? `${at}[]` : at === "" ? k : `${at}.${k}`;
      differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], sub, out);
    }
    return;
  }
  out.add(at || "(whole object)");
}

/**
 * Checks that, for every service, skyweave's manifest and the plain cdk8s chart hold the
 * same objects (same kinds and names, in the same order; throws otherwise), and lists the
 * fields whose values differ: skyweave's emitter changes, and the baseline must follow it.
 */
async function checkSameObjects(n: number): Promise<SameObjects> {
  const spec = appSpec(n);
  const model = toModel(buildSkyweaveApp(spec));
  const files = emit(model, await place(model));
  const plain = buildPlainCdk8s(spec);
  const docs = (text: string): Record<string, unknown>[] => parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown>);
  const id = (o: Record<string, unknown>): string => `${String(o.kind)}/${String((o.metadata as { name?: unknown } | undefined)?.name)}`;
  const diff = new Map<string, number>();
  let objects = 0;
  for (const chart of plain.charts) {
    const name = chart.node.id;
    const text = files.get(`manifests/main/${name}.yaml`);
    if (text === undefined) throw new Error(`n=${n}: skyweave emitted no manifests/main/${name}.yaml`);
    const ours = docs(text);
    const theirs = docs(Yaml.stringify(...chart.toJson()));
    if (ours.map(id).join(" ") !== theirs.map(id).join(" ")) {
      throw new Error(`n=${n}: ${name}: skyweave renders ${ours.map(id).join(", ")} but the plain cdk8s baseline renders ${theirs.map(id).join(", ")}; update bench/synth-app.ts`);
    }
    ours.forEach((o, i) => {
      const paths = new Set<string>();
      differences(o, theirs[i], "", paths);
      for (const p of paths) diff.set(`${String(o.kind)} ${p}`, (diff.get(`${String(o.kind)} ${p}`) ?? 0) + 1);
    });
    objects += theirs.length;
  }
  return { services: plain.charts.length, objects, differences: diff };
}

// ---------------------------------------------------------------------------------------
// measuring

function runChild(variant: Variant, n: number, extra: string[] = []): ChildResult {
  const child = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", CHILD, variant, String(n), ...extra], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
    timeout: 15 * 60 * 1000,
  });
  if (child.status !== 0) throw new Error(`${variant} n=${n} failed (exit ${child.status ?? child.signal}):\n${child.stderr}`);
  const lines = child.stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]!) as ChildResult;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const min = (xs: readonly number[]): number => Math.min(...xs);

interface Stats {
  readonly variant: Variant;
  readonly n: number;
  readonly runs: number;
  readonly warmMedian: number;
  readonly warmMin: number;
  readonly coldMedian: number;
  readonly coldMin: number;
  readonly peakRssMB: number;
  readonly idleRssMB: number;
  readonly files: number;
  readonly bytes: number;
  /** Median ms per stage of the warm and the cold runs. */
  readonly warmStages: Record<string, number>;
  readonly coldStages: Record<string, number>;
}

function stageMedians(runs: readonly RunResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const stage of Object.keys(runs[0]!.stages)) out[stage] = median(runs.map((r) => r.stages[stage] ?? 0));
  return out;
}

function stats(variant: Variant, n: number, results: readonly ChildResult[]): Stats {
  const first = results[0]!;
  for (const r of results) {
    if (r.warm.files !== first.warm.files || r.warm.bytes !== first.warm.bytes || r.cold.bytes !== first.warm.bytes) {
      throw new Error(`${variant} n=${n}: output size differs between runs; the generated app should be deterministic`);
    }
  }
  return {
    variant,
    n,
    runs: results.length,
    warmMedian: median(results.map((r) => r.warm.ms)),
    warmMin: min(results.map((r) => r.warm.ms)),
    coldMedian: median(results.map((r) => r.cold.ms)),
    coldMin: min(results.map((r) => r.cold.ms)),
    peakRssMB: median(results.map((r) => r.peakRssMB)),
    idleRssMB: median(results.map((r) => r.idleRssMB)),
    files: first.warm.files,
    bytes: first.warm.bytes,
    warmStages: stageMedians(results.map((r) => r.warm)),
    coldStages: stageMedians(results.map((r) => r.cold)),
  };
}

// ---------------------------------------------------------------------------------------
// report

const fmtMs = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const fmtMB = (mb: number): string => mb.toFixed(1);
const fmtRatio = (r: number): string => `${r.toFixed(2)}×`;
const fmtInt = (x: number): string => x.toLocaleString("en-US");
const pct = (part: number, whole: number): string => (whole > 0 ? `${((100 * part) / whole).toFixed(0)} %` : "–");

const LABEL: Record<Variant, string> = {
  skyweave: "skyweave (in memory)",
  "skyweave-write": "skyweave + writeStack",
  cdk8s: "plain cdk8s (in memory)",
  "cdk8s-write": "plain cdk8s + app.synth()",
};
const BASELINE: Record<Variant, Variant | undefined> = { skyweave: "cdk8s", "skyweave-write": "cdk8s-write", cdk8s: undefined, "cdk8s-write": undefined };

function git(args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

interface Report {
  readonly options: Options;
  readonly started: Date;
  readonly seconds: number;
  /** 1-minute load average when the run started: other work on the machine skews timings. */
  readonly loadBefore: number;
  readonly table: Stats[];
  readonly checks: Map<number, SameObjects>;
  readonly profile: { n: number; summary: ProfileSummary; stages: Record<string, number> } | undefined;
  readonly placements: readonly PlacementRun[];
}

function render(report: Report): string {
  const { table, options } = report;
  const get = (variant: Variant, n: number): Stats | undefined => table.find((s) => s.variant === variant && s.n === n);
  const cpus = os.cpus();
  const commit = git(["describe", "--always", "--dirty", "--abbrev=12"]);
  const lines: string[] = [];
  const out = (line = ""): void => void lines.push(line);

  out("# Synth benchmark: skyweave vs plain cdk8s");
  out();
  out("<!-- Generated by bench/synth.ts (`npm run bench`). Do not edit: rerun the benchmark. -->");
  out();
  out(`- Date: ${report.started.toISOString()} (the run took ${report.seconds.toFixed(0)} s)`);
  out(`- Machine: Node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} CPU${cpus.length === 1 ? "" : "s"} (${cpus[0]?.model.trim() ?? "unknown model"}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM; load average ${report.loadBefore.toFixed(2)} before the run, ${os.loadavg()[0]!.toFixed(2)} after (1 min)`);
  if (commit) out(`- Code: \`${commit}\`${commit.endsWith("-dirty") ? " (with uncommitted changes)" : ""}`);
  out(`- Runs: ${[...new Set(table.map((s) => s.n))].map((n) => `${runsFor(options, n)} per variant at ${fmtInt(n)} services`).join(", ")}; each in a fresh child process (one cold run, then one warm run).`);
  out();

  // targets
  out("## Targets");
  out();
  const big = get("skyweave-write", TARGET_SERVICES);
  const ratios = (["skyweave", "skyweave-write"] as const).map((v) => {
    const s = get(v, TARGET_SERVICES);
    const b = get(BASELINE[v]!, TARGET_SERVICES);
    return s && b ? { v, warm: s.warmMedian / b.warmMedian, cold: s.coldMedian / b.coldMedian } : undefined;
  });
  if (!big || ratios.some((r) => r === undefined)) {
    out(`Not measured: the targets are for ${fmtInt(TARGET_SERVICES)} services; rerun with that size in \`--sizes\`.`);
  } else {
    const pass = (ok: boolean): string => (ok ? "**pass**" : "**FAIL**");
    const worst = Math.max(big.coldMedian, big.warmMedian);
    out("| target | measured | result |");
    out("|---|---|---|");
    out(
      `| ${fmtInt(TARGET_SERVICES)} services synthesized in ≤ ${TARGET_MS / 1000} s (construct → toModel → place → emit → policy checks → writeStack) | ${fmtMs(big.coldMedian)} ms cold, ${fmtMs(big.warmMedian)} ms warm (medians) | ${pass(worst <= TARGET_MS)} |`,
    );
    for (const r of ratios) {
      const worstRatio = Math.max(r!.warm, r!.cold);
      out(
        `| ≤ ${TARGET_RATIO}× plain cdk8s, ${r!.v === "skyweave" ? "in memory" : "writing files"} | ${fmtRatio(r!.warm)} warm, ${fmtRatio(r!.cold)} cold | ${pass(worstRatio <= TARGET_RATIO)} |`,
      );
    }
    out();
    out("A target passes when both the cold median (the first run in a fresh process: what one `skyweave synth` pays after loading app.ts) and the warm median meet it.");
  }
  out();

  // main table
  out("## Results");
  out();
  out("ms: wall time of one run, median (min) over the runs. Peak RSS: the child process's `maxRSS` after its cold run (Node, tsx and the loaded modules included; idle is the RSS before the first run). Ratio: skyweave over plain cdk8s doing the same (in memory, or writing files).");
  out();
  out("| services | variant | warm ms, median (min) | cold ms, median (min) | ratio warm / cold | peak RSS MB (idle) | files | bytes |");
  out("|---:|---|---:|---:|---:|---:|---:|---:|");
  for (const n of [...new Set(table.map((s) => s.n))]) {
    for (const variant of VARIANTS) {
      const s = get(variant, n);
      if (!s) continue;
      const base = BASELINE[variant] ? get(BASELINE[variant]!, n) : undefined;
      const ratio = base ? `${fmtRatio(s.warmMedian / base.warmMedian)} / ${fmtRatio(s.coldMedian / base.coldMedian)}` : "1 (baseline)";
      out(
        `| ${fmtInt(n)} | ${LABEL[variant]} | ${fmtMs(s.warmMedian)} (${fmtMs(s.warmMin)}) | ${fmtMs(s.coldMedian)} (${fmtMs(s.coldMin)}) | ${ratio} | ${fmtMB(s.peakRssMB)} (${fmtMB(s.idleRssMB)}) | ${fmtInt(s.files)} | ${fmtInt(s.bytes)} |`,
      );
    }
  }
  out();

  // stages
  out("## Where skyweave's time goes, per stage");
  out();
  out("Median ms per stage of `skyweave + writeStack`, warm (cold in brackets); the share is of the warm total.");
  out();
  const stageNames = ["construct", "toModel", "place", "emit", "check", "write"];
  out(`| services | ${stageNames.join(" | ")} | total | ms per service |`);
  out(`|---:|${stageNames.map(() => "---:").join("|")}|---:|---:|`);
  for (const n of [...new Set(table.map((s) => s.n))]) {
    const s = get("skyweave-write", n);
    if (!s) continue;
    const total = stageNames.reduce((sum, k) => sum + (s.warmStages[k] ?? 0), 0);
    const cells = stageNames.map((k) => `${fmtMs(s.warmStages[k] ?? 0)} (${fmtMs(s.coldStages[k] ?? 0)}) ${pct(s.warmStages[k] ?? 0, total)}`);
    out(`| ${fmtInt(n)} | ${cells.join(" | ")} | ${fmtMs(s.warmMedian)} | ${(s.warmMedian / n).toFixed(2)} |`);
  }
  out();
  out("\"ms per service\" falls while fixed costs dominate; when it grows from one size to the next, some stage is superlinear in the number of services.");
  out();
  out("The plain cdk8s baseline, for comparison: building the charts, then rendering them (`Yaml.stringify(...chart.toJson())` in memory; `app.synth()` when writing):");
  out();
  out("| services | in memory: construct / render | writing: construct / synth |");
  out("|---:|---:|---:|");
  for (const n of [...new Set(table.map((s) => s.n))]) {
    const m = get("cdk8s", n);
    const w = get("cdk8s-write", n);
    if (!m || !w) continue;
    out(`| ${fmtInt(n)} | ${fmtMs(m.warmStages.construct ?? 0)} / ${fmtMs(m.warmStages.render ?? 0)} | ${fmtMs(w.warmStages.construct ?? 0)} / ${fmtMs(w.warmStages.synth ?? 0)} |`);
  }
  out();

  for (const line of renderPlacement(report.placements, fmtMs, fmtInt)) out(line);

  if (report.profile) {
    const { n, summary } = report.profile;
    out(`## CPU profile of one warm skyweave run (${fmtInt(n)} services, in memory)`);
    out();
    out(`Sampled with the V8 profiler (100 µs interval) inside the child; ${fmtMs(summary.totalMs)} ms sampled. Inclusive time of the pipeline's main functions:`);
    out();
    const inclusive: [string, string, string][] = [
      ["`buildSkyweaveApp` (constructs, zod validation of props)", "buildSkyweaveApp", "synth-app.ts"],
      ["`toModel`", "toModel", "src/model/to-model.ts"],
      ["`place`", "place", "src/solver/place.ts"],
      ["`emit`", "emit", "src/emit/emit.ts"],
      ["  `clusterObjects` (skyweave's object literals, env of connections)", "clusterObjects", "src/emit/k8s/render-manifests.ts"],
      ["  cdk8s `Chart.toJson`", "toJson", "cdk8s/lib/chart.js"],
      ["    `resolveDependencies` of the whole cdk8s app (once per chart)", "resolveDependencies", "cdk8s/lib/app.js"],
      ["    `validate` of the whole cdk8s app (once per chart)", "validate", "cdk8s/lib/app.js"],
      ["  cdk8s `Yaml.stringify` (the `yaml` package)", "stringify", "cdk8s/lib/yaml.js"],
      ["  `k8sModule` (the Pulumi module)", "k8sModule", "src/emit/pulumi/k8s-module.ts"],
      ["`checkStack` (the policy rules `synth` runs before writing)", "checkStack", "src/policy/check-stack.ts"],
      ["  `clusterManifests` (parsing the emitted YAML back)", "clusterManifests", "src/policy/k8s/manifests.ts"],
    ];
    out("| function | ms | share |");
    out("|---|---:|---:|");
    for (const [label, fn, where] of inclusive) {
      const ms = inclusiveOf(summary, fn, where);
      const depth = label.length - label.trimStart().length;
      out(`| ${depth > 0 ? `${"&nbsp;".repeat(depth)}↳ ` : ""}${label.trimStart()} | ${fmtMs(ms)} | ${pct(ms, summary.totalMs)} |`);
    }
    out();
    const walk = inclusiveOf(summary, "resolveDependencies", "cdk8s/lib/app.js") + inclusiveOf(summary, "validate", "cdk8s/lib/app.js");
    const yamlMs = inclusiveOf(summary, "stringify", "cdk8s/lib/yaml.js");
    out(
      `In this profile, cdk8s walking the whole cdk8s app (\`resolveDependencies\` and \`validate\`, which \`Chart.toJson()\` runs for every chart, so the work grows with charts × objects) takes ${fmtMs(walk)} ms (${pct(walk, summary.totalMs)}), and YAML serialisation ${fmtMs(yamlMs)} ms (${pct(yamlMs, summary.totalMs)}). The plain cdk8s baseline pays both too: it also calls \`toJson()\` per chart (\`app.synth()\` does the same).`,
    );
    out();
    out("Self time by package or source file (top 10):");
    out();
    out("| where | self ms | share |");
    out("|---|---:|---:|");
    for (const e of summary.byModule.slice(0, 10)) out(`| ${e.name} | ${fmtMs(e.ms)} | ${pct(e.ms, summary.totalMs)} |`);
    out();
    out("Functions with the most self time (top 12):");
    out();
    out("| function | self ms | share |");
    out("|---|---:|---:|");
    for (const e of summary.byFunction.slice(0, 12)) out(`| \`${e.name}\` | ${fmtMs(e.ms)} | ${pct(e.ms, summary.totalMs)} |`);
    out();
  }

  // what was measured
  out("## What is measured");
  out();
  out(`The apps are generated deterministically (seeded PRNG) from Online Boutique's services (\`${path.relative(ROOT, fileURLToPath(BOUTIQUE_CSV))}\`: images, ports, requests and limits), each service with a distinct image and tag, replicas \`{ min: 2, max: 3–20 }\` (so each gets a HorizontalPodAutoscaler), a gRPC or HTTP health check, three env vars, and connections to two other services; a quarter also connect to a Postgres and a third to a Redis. Frontends are public (one more Service, type LoadBalancer). One \`KubernetesCluster\`.`);
  out();
  out("| services | Postgres | Redis | connections | public services | objects per tool (checked below) |");
  out("|---:|---:|---:|---:|---:|---:|");
  for (const n of [...new Set(table.map((s) => s.n))]) {
    const c = specCounts(appSpec(n));
    const check = report.checks.get(n);
    out(`| ${fmtInt(n)} | ${c.postgres} | ${c.redis} | ${fmtInt(c.connections)} | ${c.publicServices} | ${check ? fmtInt(check.objects) : "–"} |`);
  }
  out();
  const differing = new Map<string, number>();
  for (const check of report.checks.values()) for (const [field, count] of check.differences) differing.set(field, (differing.get(field) ?? 0) + count);
  if (differing.size === 0) {
    out("Every service's objects, parsed from both outputs, are equal field for field at every size.");
  } else {
    out("Both render the same objects (kinds and names, in order), but **these fields differ**, so the baseline no longer renders exactly what skyweave does; update `bench/synth-app.ts`:");
    out();
    for (const [field, count] of [...differing].sort((a, b) => b[1] - a[1])) out(`- \`${field}\` (${fmtInt(count)} objects)`);
  }
  out();
  out("- **skyweave (in memory)**: `new App(...)` and every construct and `connect()`, `toModel(app)`, `place(model)`, `emit(model, placement)`, `checkStack(model, placement, files)` (the policy rules `skyweave synth` runs before writing; a finding would fail the run): the whole of `skyweave synth` but loading app.ts and writing. It emits the Pulumi project: one manifest per service and per backing resource (whose StatefulSets the baseline does not render), the Pulumi modules, `placement.json` and project files.");
  out("- **skyweave + writeStack**: the same, then `writeStack()` into a new directory in the OS temp dir (it also writes `.skyweave/generated.json`).");
  out("- **plain cdk8s (in memory)**: what a user hand-writing cdk8s does for the same services: one `Chart` per service with `ApiObject`s for its Deployment, Service(s) and HorizontalPodAutoscaler, the env of its connections computed by hand, then `Yaml.stringify(...chart.toJson())` per chart. Before measuring, the benchmark parses both outputs and checks that every service's objects are equal.");
  out("- **plain cdk8s + app.synth()**: the same app given an `outdir` in the OS temp dir and written with `app.synth()` (one file per chart).");
  out("- Each child process generates the app's input, then runs its variant twice: cold (first run in the process) and warm. Temp directories are removed after each run, untimed.");
  out();
  out("## Rerun");
  out();
  out("```sh");
  out("npm run bench                                        # npm run build, then npx tsx bench/synth.ts");
  out("npx tsx bench/synth.ts --sizes 10,100 --runs 3 --out /tmp/quick.md   # a quicker look, without touching this file");
  out("node --expose-gc --import tsx bench/synth-child.ts skyweave 1000   # one measurement, as JSON");
  out("```");
  out();
  out("Inputs are read from `../shared/corpus` at run time. Timings depend on the machine and its load; compare ratios measured in the same run.");
  return `${lines.join("\n")}\n`;
}

function runsFor(options: Options, n: number): number {
  return options.runs ?? (n >= 1000 ? 3 : 5);
}

// ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const started = new Date();
  const loadBefore = os.loadavg()[0]!;
  const t0 = Date.now();
  const table: Stats[] = [];
  const checks = new Map<number, SameObjects>();
  for (const n of options.sizes) {
    const check = await checkSameObjects(n);
    checks.set(n, check);
    log(`n=${n}: skyweave and plain cdk8s render the same ${check.objects} objects (kinds and names) for ${check.services} services`);
    for (const [field, count] of check.differences) log(`  warning: ${field} differs in ${count} objects; update bench/synth-app.ts to match skyweave's output`);
    const runs = runsFor(options, n);
    const results = new Map<Variant, ChildResult[]>(VARIANTS.map((v) => [v, []]));
    for (let r = 0; r < runs; r++) {
      // rotate the order each round, so no variant always runs first after the parent's work
      const order = VARIANTS.map((_, i) => VARIANTS[(i + r) % VARIANTS.length]!);
      for (const variant of order) {
        const result = runChild(variant, n);
        results.get(variant)!.push(result);
        log(`n=${n} run ${r + 1}/${runs} ${variant}: warm ${fmtMs(result.warm.ms)} ms, cold ${fmtMs(result.cold.ms)} ms, peak RSS ${fmtMB(result.peakRssMB)} MB`);
      }
    }
    for (const variant of VARIANTS) table.push(stats(variant, n, results.get(variant)!));
  }

  let profile: Report["profile"];
  if (options.profile) {
    const n = Math.max(...options.sizes);
    const dir = mkdtempSync(path.join(os.tmpdir(), "skyweave-bench-prof-"));
    try {
      const file = path.join(dir, "skyweave.cpuprofile");
      const result = runChild("skyweave", n, ["--profile", file]);
      const summary = summarise(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, ROOT);
      profile = { n, summary, stages: result.warm.stages };
      log(`n=${n}: profiled a warm skyweave run (${fmtMs(result.warm.ms)} ms)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const placements: PlacementRun[] = [];
  // Also the sizes between 100 and 1,000 services where the exact phase's smaller share matters.
  const placementSizes = [...new Set([...options.sizes, ...[400, 600].filter((n) => n < Math.max(...options.sizes))])].sort((a, b) => a - b);
  for (const n of placementSizes) {
    placements.push(...(await comparePlacement(n)));
    log(`n=${n}: placement quality, default and full exact share`);
  }

  const text = render({ options, started, loadBefore, seconds: (Date.now() - t0) / 1000, table, checks, profile, placements });
  writeFileSync(options.out, text);
  log(`wrote ${path.relative(process.cwd(), options.out) || options.out}`);
  process.stdout.write(text);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
