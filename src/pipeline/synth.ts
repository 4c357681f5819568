/**
 * `synth()` and `check()`: the whole pipeline for one app file, as one library call. Load
 * (type-check and run app.ts on its own thread) → `toModel` → `place` → `emit` → the policy
 * rules on exactly the files emitted → write `<out>/<app>/` atomically, when asked and only
 * when there is no finding. The CLI, `gen`'s verification and `rightsize` go through here.
 */
import { emit } from "../emit/emit.js";
import { assertOutDir, writeStack, type WriteResult } from "../emit/write-stack.js";
import { loadModel, type LoadModelOptions } from "../app-file/index.js";
import type { AppModel } from "../model/app-model.js";
import { checkStack } from "../policy/check-stack.js";
import type { Finding } from "../policy/finding.js";
import { formatPlacementTable } from "../solver/format-placement.js";
import { loadCatalog, place, type Placement } from "../solver/index.js";

/** Options of `synth()`. */
export interface SynthOptions {
  /**
   * Directory that receives `<app>/`. Without it nothing is written (what `check()` does).
   * @example "stacks"
   */
  readonly out?: string;
  /**
   * Seconds the placement solver may spend.
   * @default 10
   */
  readonly timeLimit?: number;
  /**
   * Buy capacity for each workload's `replicas.min`, or for its `replicas.max`.
   * @default "min"
   */
  readonly replicas?: "min" | "max";
  /** How app.ts is loaded: its time limit and whether it is type-checked first. */
  readonly load?: LoadModelOptions;
  /** Receives one human-readable progress line per step (the placement table among them). */
  readonly progress?: (line: string) => void;
}

/** What `synth()` produced. */
export interface SynthResult {
  /** The app, as data. */
  readonly model: AppModel;
  /** Where every part runs, what it costs, and why. */
  readonly placement: Placement;
  /** The stack: relative path → contents. */
  readonly files: ReadonlyMap<string, string>;
  /** Policy findings on those files; when there are any, nothing was written. */
  readonly findings: readonly Finding[];
  /** What was written to `out`; undefined without `out`, or with findings. */
  readonly written?: WriteResult;
}

/**
 * Synthesises the app `file` default-exports: its model, placement, stack files and policy
 * findings, and writes the stack to `<out>/<app>/` when `out` is given and nothing was found.
 * @example
 * const { placement, findings } = await synth("examples/shop/app.ts", { out: "stacks", timeLimit: 10 });
 */
export async function synth(file: string, options: SynthOptions = {}): Promise<SynthResult> {
  const progress = options.progress ?? (() => undefined);
  if (options.out !== undefined) await assertOutDir(options.out); // before any work: a file in the way fails now
  progress(`loading ${file}`);
  const model = await loadModel(file, options.load);
  const parts = model.workloads.length + model.resources.length;
  progress(`placing ${parts} part${parts === 1 ? "" : "s"}`);
  const placement = await place(model, loadCatalog(), {
    ...(options.timeLimit === undefined ? {} : { timeLimitSeconds: options.timeLimit }),
    ...(options.replicas === undefined ? {} : { replicas: options.replicas }),
  });
  progress(formatPlacementTable(placement));
  const files = emit(model, placement);
  const findings = checkStack(model, placement, files);
  if (findings.length > 0) return { model, placement, files, findings };
  progress("policy checks: no findings");
  if (options.out === undefined) return { model, placement, files, findings };
  const written = await writeStack(options.out, model.app, files);
  const total = written.written.length + written.unchanged.length;
  const removed = written.removed.length > 0 ? `, ${written.removed.length} removed` : "";
  progress(`wrote ${written.dir} (${total} files: ${written.written.length} written, ${written.unchanged.length} unchanged${removed})`);
  return { model, placement, files, findings, written };
}

/** Options of `check()`: `synth()`'s, without `out`. */
export type CheckOptions = Omit<SynthOptions, "out">;

/**
 * Everything `synth()` does but the write: the policy findings on what it would emit.
 * @example
 * const { findings } = await check("examples/shop/app.ts");
 */
export async function check(file: string, options: CheckOptions = {}): Promise<SynthResult> {
  const { out: _ignored, ...rest } = options as SynthOptions;
  return synth(file, rest);
}
