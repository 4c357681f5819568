/**
 * `checkStack(model, placement, files)`: every policy rule set on what `emit()` returned for a
 * placed app. Pure and deterministic: findings come sorted by construct path (then in rule order).
 */
import type { StackFiles } from "../emit/emit.js";
import type { AppModel } from "../model/app-model.js";
import type { Placement } from "../solver/placement.js";
import { compareFindings, type Finding } from "./finding.js";
import { awsRuleSet } from "./aws/rule-set.js";
import { kubernetesRuleSet } from "./k8s/index.js";
import type { RuleSet } from "./rule-set.js";

/** The rule sets `skyweave check` and `synth` run. Another target's rules are one more entry. */
export const DEFAULT_RULE_SETS: readonly RuleSet[] = [kubernetesRuleSet(), awsRuleSet()];

/** Every finding of `ruleSets` on the stack `emit(model, placement)` returned as `files`. */
export function checkStack(model: AppModel, placement: Placement, files: StackFiles, ruleSets: readonly RuleSet[] = DEFAULT_RULE_SETS): Finding[] {
  const stack = { model, placement, files };
  return ruleSets.flatMap((set) => set.check(stack)).sort(compareFindings);
}
