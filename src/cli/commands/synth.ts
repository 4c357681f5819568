/** `skyweave synth`: load, model, place, emit and write an app's Pulumi project. */
import { emit } from "../../emit/emit.js";
import { writeStack, type WriteResult } from "../../emit/write-stack.js";
import { toModel } from "../../model/index.js";
import { place } from "../../solver/index.js";
import { loadApp } from "../load-app.js";

/** Options of `synth()`. */
export interface SynthOptions {
  /** Directory that receives `<app>/`. Default `stacks`. */
  readonly out?: string;
  /** Seconds the placement solver may spend. */
  readonly timeLimitSeconds?: number;
  /** Receives one human-readable progress line per step. */
  readonly progress?: (line: string) => void;
}

/** What `synth()` wrote: the `WriteResult` plus the app name and every file of the stack. */
export interface SynthResult extends WriteResult {
  /** The app's name. */
  readonly app: string;
  /** Every file of the generated stack, sorted (written and unchanged). */
  readonly files: string[];
}

/** Runs the whole pipeline for one `app.ts` and writes `<out>/<app>/`. */
export async function synth(file: string, options: SynthOptions = {}): Promise<SynthResult> {
  const progress = options.progress ?? (() => undefined);
  progress(`loading ${file}`);
  const model = toModel(await loadApp(file));
  const parts = model.workloads.length + model.resources.length;
  progress(`placing ${parts} part${parts === 1 ? "" : "s"}`);
  const placement = place(model, options.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: options.timeLimitSeconds });
  const result = await writeStack(options.out ?? "stacks", model.app, emit(model, placement));
  const files = [...result.written, ...result.unchanged].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const removed = result.removed.length > 0 ? `, ${result.removed.length} removed` : "";
  progress(`wrote ${result.dir} (${files.length} files: ${result.written.length} written, ${result.unchanged.length} unchanged${removed})`);
  return { app: model.app, files, ...result };
}
