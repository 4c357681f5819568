/**
 * A policy finding: the shape every skyweave policy rule reports (the same interface as
 * src/policy/finding.ts of the Kubernetes rules; keep them identical).
 */
export interface Finding {
  /** The rule, e.g. `aws/rds-encrypted`. */
  rule: string;
  /** The construct path, e.g. `shop/db`. */
  path: string;
  /** The emitted object, e.g. `aws-aws.ts aws.rds.Instance aws-db`. */
  object: string;
  /** What is wrong. */
  message: string;
  /** How to fix it. */
  fix: string;
}
