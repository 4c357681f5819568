/** The AWS rules as a rule set of `checkStack`: they check the AWS resources the stack renders. */
import { awsResources } from "../../emit/aws/build-resources.js";
import type { RuleSet } from "../rule-set.js";
import { AWS_RULES, checkAwsResources } from "./rules.js";

/** The AWS rule set, over the resource description `emit()` renders its AWS modules from. */
export function awsRuleSet(): RuleSet {
  return {
    name: "aws",
    rules: AWS_RULES.map((r) => ({ id: r.id, checks: r.demands })),
    check: ({ model, placement }) => checkAwsResources(awsResources(model, placement), model),
  };
}
