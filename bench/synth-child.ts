/**
 * One measurement of the synth benchmark, in its own process (started by `bench/synth.ts`):
 *
 *   node --expose-gc --import tsx bench/synth-child.ts <variant> <n> [--profile <file.cpuprofile>]
 *
 * Generates the app of `n` services, then runs `variant` twice: a cold run (the first in this
 * process, what one `skyweave synth` pays after loading app.ts) and a warm run (JIT warmed
 * up by the cold one). Prints one JSON line (`ChildResult`) on stdout. Peak RSS is the
 * process's `maxRSS` right after the cold run: one synth in a fresh process, module loading
 * included.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { Session } from "node:inspector/promises";
import { Yaml } from "cdk8s";
import { checkStack, emit, place, toModel, writeStack } from "../src/index.js";
import { appSpec, buildPlainCdk8s, buildSkyweaveApp, VARIANTS, type AppSpec, type Variant } from "./synth-app.js";

/** One run of a variant. */
export interface RunResult {
  /** Wall time of the whole run, ms. */
  readonly ms: number;
  /** Wall time per stage, ms, in stage order. */
  readonly stages: Record<string, number>;
  /** Files emitted (in memory) or written (on disk). */
  readonly files: number;
  /** Their total size in bytes. */
  readonly bytes: number;
}

/** The JSON line a child prints. */
export interface ChildResult {
  readonly variant: Variant;
  readonly n: number;
  readonly cold: RunResult;
  readonly warm: RunResult;
  /** RSS after loading modules and generating the input, before the first run, MB. */
  readonly idleRssMB: number;
  /** Peak RSS of the process after the cold run, MB. */
  readonly peakRssMB: number;
  /** Peak RSS after both runs, MB. */
  readonly finalPeakRssMB: number;
}

class Stopwatch {
  readonly stages: Record<string, number> = {};
  private readonly start = performance.now();
  private last = this.start;
  lap(stage: string): void {
    const now = performance.now();
    this.stages[stage] = now - this.last;
    this.last = now;
  }
  total(): number {
    return this.last - this.start;
  }
}

function sizeOf(files: ReadonlyMap<string, string>): { files: number; bytes: number } {
  let bytes = 0;
  for (const text of files.values()) bytes += Buffer.byteLength(text, "utf8");
  return { files: files.size, bytes };
}

function sizeOnDisk(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

/** Runs `variant` once; writing variants write into a fresh temp directory, removed afterwards (untimed). */
async function runOnce(variant: Variant, spec: AppSpec): Promise<RunResult> {
  const out = variant.endsWith("-write") ? mkdtempSync(path.join(tmpdir(), "skyweave-bench-")) : undefined;
  try {
    switch (variant) {
      case "skyweave":
      case "skyweave-write": {
        const watch = new Stopwatch();
        const app = buildSkyweaveApp(spec);
        watch.lap("construct");
        const model = toModel(app);
        watch.lap("toModel");
        const placement = await place(model);
        watch.lap("place");
        const files = emit(model, placement);
        watch.lap("emit");
        // \`skyweave synth\` runs the policy rules on the files before writing them: so does the benchmark.
        const findings = checkStack(model, placement, files);
        if (findings.length > 0) throw new Error(`policy findings on the benchmark app: ${findings.map((f) => f.rule).join(", ")}`);
        watch.lap("check");
        if (out === undefined) return { ms: watch.total(), stages: watch.stages, ...sizeOf(files) };
        await writeStack(out, model.app, files);
        watch.lap("write");
        return { ms: watch.total(), stages: watch.stages, ...sizeOnDisk(out) };
      }
      case "cdk8s": {
        const watch = new Stopwatch();
        const app = buildPlainCdk8s(spec);
        watch.lap("construct");
        const files = new Map<string, string>();
        for (const chart of app.charts) files.set(`${chart.node.id}.yaml`, Yaml.stringify(...chart.toJson()));
        watch.lap("render");
        return { ms: watch.total(), stages: watch.stages, ...sizeOf(files) };
      }
      case "cdk8s-write": {
        const watch = new Stopwatch();
        const app = buildPlainCdk8s(spec, out);
        watch.lap("construct");
        app.synth();
        watch.lap("synth");
        return { ms: watch.total(), stages: watch.stages, ...sizeOnDisk(out!) };
      }
      default:
        throw new Error(`unknown variant ${String(variant satisfies never)}`);
    }
  } finally {
    if (out !== undefined) rmSync(out, { recursive: true, force: true });
  }
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mb = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

async function main(argv: string[]): Promise<void> {
  const [variant, nText] = argv;
  const profileAt = argv.indexOf("--profile");
  const profileFile = profileAt >= 0 ? argv[profileAt + 1] : undefined;
  if (!VARIANTS.includes(variant as Variant) || !/^\d+$/.test(nText ?? "") || (profileAt >= 0 && !profileFile)) {
    throw new Error(`usage: synth-child.ts <${VARIANTS.join("|")}> <n> [--profile <file.cpuprofile>]`);
  }
  const v = variant as Variant;
  const spec = appSpec(Number(nText));
  gc();
  const idleRssMB = mb(process.memoryUsage().rss);
  const cold = await runOnce(v, spec);
  const peakRssMB = mb(process.resourceUsage().maxRSS * 1024);
  gc();
  let warm: RunResult;
  if (profileFile) {
    const session = new Session();
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 100 });
    await session.post("Profiler.start");
    warm = await runOnce(v, spec);
    const { profile } = await session.post("Profiler.stop");
    await writeFile(profileFile, JSON.stringify(profile));
    session.disconnect();
  } else {
    warm = await runOnce(v, spec);
  }
  const result: ChildResult = { variant: v, n: spec.services.length, cold, warm, idleRssMB, peakRssMB, finalPeakRssMB: mb(process.resourceUsage().maxRSS * 1024) };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
