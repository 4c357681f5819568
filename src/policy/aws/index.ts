/** AWS policy rules over what skyweave emits for AWS. */
export { AWS_RULES, checkAwsResources, type AwsRule } from "./rules.js";
export type { Finding } from "./finding.js";
export { awsRuleSet } from "./rule-set.js";
