/** One policy violation in what skyweave would emit. */
export interface Finding {
  /** Stable id of the rule, e.g. `k8s/run-as-non-root`. */
  rule: string;
  /** Construct path of the part it concerns, e.g. `shop/web` (namespace-wide rules: the app, e.g. `shop`). */
  path: string;
  /** What was checked, e.g. `manifests/main/web.yaml Deployment/web container web`. */
  object: string;
  /** What is wrong. */
  message: string;
  /** How to fix it (in the user's app.ts terms where possible). */
  fix: string;
}

/**
 * Orders findings by construct path. `Array.prototype.sort` is stable, so within a path they keep
 * the order the rules found them in (rule by rule, object by object): a stable report.
 */
export function compareFindings(a: Finding, b: Finding): number {
  return a.path === b.path ? 0 : a.path < b.path ? -1 : 1;
}
