/** The error a stack with policy findings fails with (exit code 3). */
import { PolicyError } from "../errors.js";
import type { Finding } from "./finding.js";
import { formatFindings } from "./format-findings.js";

/**
 * The PolicyError for `findings` in `app`; `detail` lists each finding in the message (as
 * synth prints them), else only their count (as `check`, which prints them itself).
 */
export function policyError(app: string, findings: readonly Finding[], detail: boolean): PolicyError {
  const count = `${findings.length} policy finding${findings.length === 1 ? "" : "s"}`;
  return new PolicyError(detail ? `${count}; nothing was written:\n${formatFindings(findings)}` : count, findings, {
    where: app,
    fix: "apply each finding's fix in app.ts (or report a skyweave bug where the fix says so), then run it again; docs/policy.md lists every rule.",
  });
}
