/**
 * `skyweave synth`: the pipeline's `synth()` with an output directory. With policy findings it
 * writes nothing and fails with a PolicyError (exit 3) that lists them.
 */
import type { WriteResult } from "../../emit/write-stack.js";
import type { LoadModelOptions } from "../../app-file/index.js";
import { synth as synthesise } from "../../pipeline/index.js";
import { policyError } from "../../policy/index.js";
import type { Placement } from "../../solver/index.js";

/** Options of the `synth` command. */
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

/** What `synth` wrote: the `WriteResult` plus the app name and every file of the stack. */
export interface SynthResult extends WriteResult {
  /** The app's name. */
  readonly app: string;
  /** Every file of the generated stack, sorted (written and unchanged). */
  readonly files: string[];
  /** Where every part runs, what it costs, and why. */
  readonly placement: Placement;
}

/** Runs the whole pipeline for one `app.ts` and writes `<out>/<app>/`, or throws the findings. */
export async function synth(file: string, options: SynthOptions = {}): Promise<SynthResult> {
  const result = await synthesise(file, {
    out: options.out ?? "stacks",
    ...(options.timeLimitSeconds === undefined ? {} : { timeLimit: options.timeLimitSeconds }),
    ...(options.replicas === undefined ? {} : { replicas: options.replicas }),
    ...(options.progress === undefined ? {} : { progress: options.progress }),
    ...(options.load === undefined ? {} : { load: options.load }),
  });
  if (result.findings.length > 0 || result.written === undefined) throw policyError(result.model.app, result.findings, true);
  const files = [...result.written.written, ...result.written.unchanged].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { app: result.model.app, files, placement: result.placement, ...result.written };
}
