/** What a set of policy rules checks, and the shape every rule set has. */
import type { StackFiles } from "../emit/emit.js";
import type { AppModel } from "../model/app-model.js";
import type { Placement } from "../solver/placement.js";
import type { Finding } from "./finding.js";

/** The stack under check: the model, its placement, and the files `emit()` returned for them. */
export interface StackUnderCheck {
  readonly model: AppModel;
  readonly placement: Placement;
  readonly files: StackFiles;
}

/**
 * A group of rules over one kind of emitted output (Kubernetes manifests, AWS resources, …).
 * `checkStack` runs every rule set and merges their findings.
 */
export interface RuleSet {
  /** Short name, e.g. `kubernetes`. */
  readonly name: string;
  /** Every rule of the set: its id and one line on what it checks (for docs and tests). */
  readonly rules: readonly { readonly id: string; readonly checks: string }[];
  /** The findings of every rule in the set on one stack. */
  check(stack: StackUnderCheck): Finding[];
}
