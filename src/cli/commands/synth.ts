/**
 * `skyweave synth`: load, model, place, emit, check and write an app's Pulumi project. The
 * policy rules run on the files before they are written: with findings, synth writes nothing
 * and fails with a PolicyError (exit 3) that lists them.
 */
import { emit } from "../../emit/emit.js";
import { assertOutDir, writeStack, type WriteResult } from "../../emit/write-stack.js";
import { loadCatalog, place, type Placement } from "../../solver/index.js";
import { formatPlacementTable } from "./placement-table.js";
import { loadModel, type LoadModelOptions } from "../../load/index.js";
import { checkStack } from "../../policy/check-stack.js";
import { policyError } from "./check.js";

/** Options of `synth()`. */
export interface SynthOptions {
  /** Directory that receives `<app>/`. Default `stacks`. */
  readonly out?: string;
  /** Seconds the placement solver may spend. */
  readonly timeLimitSeconds?: number;
  /** Buy capacity for `replicas.min` (default) or `replicas.max` of every workload. */
  readonly replicas?: "min" | "max";
  /** Receives one human-readable progress line per step. */
  readonly progress?: (line: string) => void;
  /** How app.ts is loaded: its time limit and whether it is type-checked first. */
  readonly load?: LoadModelOptions;
}

/** What `synth()` wrote: the `WriteResult` plus the app name and every file of the stack. */
export interface SynthResult extends WriteResult {
  /** The app's name. */
  readonly app: string;
  /** Every file of the generated stack, sorted (written and unchanged). */
  readonly files: string[];
  /** Where every part runs, what it costs, and why. */
  readonly placement: Placement;
}

/** Runs the whole pipeline for one `app.ts`, checks the result against the policy rules, and writes `<out>/<app>/`. */
export async function synth(file: string, options: SynthOptions = {}): Promise<SynthResult> {
  const progress = options.progress ?? (() => undefined);
  await assertOutDir(options.out ?? "stacks"); // before any work: a file in the way fails now, not after placing
  progress(`loading ${file}`);
  const model = await loadModel(file, options.load);
  const parts = model.workloads.length + model.resources.length;
  progress(`placing ${parts} part${parts === 1 ? "" : "s"}`);
  const placement = await place(model, loadCatalog(), {
    ...(options.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: options.timeLimitSeconds }),
    ...(options.replicas === undefined ? {} : { replicas: options.replicas }),
  });
  progress(formatPlacementTable(placement));
  const stack = emit(model, placement);
  const findings = checkStack(model, placement, stack);
  if (findings.length > 0) throw policyError(model.app, findings, true);
  progress("policy checks: no findings");
  const result = await writeStack(options.out ?? "stacks", model.app, stack);
  const files = [...result.written, ...result.unchanged].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const removed = result.removed.length > 0 ? `, ${result.removed.length} removed` : "";
  progress(`wrote ${result.dir} (${files.length} files: ${result.written.length} written, ${result.unchanged.length} unchanged${removed})`);
  return { app: model.app, files, placement, ...result };
}
