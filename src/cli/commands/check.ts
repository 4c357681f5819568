/** `skyweave check`: the policy findings on what `synth` would emit, without writing anything. */
import { emit } from "../../emit/emit.js";
import { PolicyError } from "../../errors.js";
import { checkStack } from "../../policy/check-stack.js";
import type { Finding } from "../../policy/finding.js";
import { formatFindings } from "../../policy/format-findings.js";
import { loadCatalog, place } from "../../solver/index.js";
import { loadModel, type LoadModelOptions } from "../../load/index.js";

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
  const progress = options.progress ?? (() => undefined);
  progress(`loading ${file}`);
  const model = await loadModel(file, options.load);
  progress("placing and emitting in memory");
  const placement = await place(model, loadCatalog(), options.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: options.timeLimitSeconds });
  const findings = checkStack(model, placement, emit(model, placement));
  progress(`checked ${model.app}: ${findings.length} finding${findings.length === 1 ? "" : "s"}`);
  return { app: model.app, findings };
}

/** The error `check` and `synth` exit with when there are findings (exit code 3). */
export function policyError(app: string, findings: readonly Finding[], detail: boolean): PolicyError {
  const count = `${findings.length} policy finding${findings.length === 1 ? "" : "s"}`;
  return new PolicyError(detail ? `${count}; nothing was written:\n${formatFindings(findings)}` : count, findings, {
    where: app,
    fix: "apply each finding's fix in app.ts (or report a skyweave bug where the fix says so), then run it again; docs/policy.md lists every rule.",
  });
}
