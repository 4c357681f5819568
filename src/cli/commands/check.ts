/** `skyweave check`: the policy findings on what `synth` would emit, without writing anything. */
import type { LoadModelOptions } from "../../app-file/index.js";
import { check as checkApp } from "../../pipeline/index.js";
import type { Finding } from "../../policy/finding.js";

/** Options of `check()`. */
export interface CheckOptions {
  /** Seconds the placement solver may spend. */
  readonly timeLimitSeconds?: number;
  /** Receives one human-readable progress line per step. */
  readonly progress?: (line: string) => void;
  /** How app.ts is loaded: its time limit and whether it is type-checked first. */
  readonly load?: LoadModelOptions;
}

/** What `check()` found. */
export interface CheckResult {
  /** The app's name. */
  readonly app: string;
  /** Every finding, sorted by construct path (then in rule order); empty when the stack passes. */
  readonly findings: Finding[];
}

/** Loads, models, places and emits `file` in memory, and runs every policy rule on the result. */
export async function check(file: string, options: CheckOptions = {}): Promise<CheckResult> {
  const { model, findings } = await checkApp(file, {
    ...(options.timeLimitSeconds === undefined ? {} : { timeLimit: options.timeLimitSeconds }),
    ...(options.progress === undefined ? {} : { progress: options.progress }),
    ...(options.load === undefined ? {} : { load: options.load }),
  });
  options.progress?.(`checked ${model.app}: ${findings.length} finding${findings.length === 1 ? "" : "s"}`);
  return { app: model.app, findings: [...findings] };
}
