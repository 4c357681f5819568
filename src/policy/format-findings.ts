/** Findings for a terminal: grouped by construct path, each with its rule, object, message and fix. */
import type { Finding } from "./finding.js";

/** Renders findings grouped by construct path (in the order given), and a count line. */
export function formatFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return "no policy findings";
  const byPath = new Map<string, Finding[]>();
  for (const f of findings) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f]);
  const blocks = [...byPath].map(([path, list]) => [`${path}:`, ...list.map((f) => `  ${f.rule}: ${f.object}\n    ${f.message}\n    fix: ${f.fix}`)].join("\n"));
  const parts = byPath.size;
  return `${blocks.join("\n\n")}\n\n${findings.length} policy finding${findings.length === 1 ? "" : "s"} in ${parts} part${parts === 1 ? "" : "s"}`;
}
