/** The human-readable report of `skyweave rightsize`. */
import { formatTimestamp } from "../metrics/index.js";
import { formatBytes, formatCpu } from "../model/quantity.js";
import type { Recommendation } from "./recommend.js";

const mib = (bytes: number): string => (bytes === 0 ? "0Mi" : bytes % 2 ** 20 === 0 ? formatBytes(bytes) : `${(bytes / 2 ** 20).toFixed(1)}Mi`);

/** One block per workload: requests and replicas before → after, the schedule, anomalies and notes. */
export function formatRecommendations(recommendations: readonly Recommendation[]): string {
  return recommendations
    .map((r) => {
      const lines = [`${r.path}`];
      if (r.recommended.cpuMillicores !== undefined) lines.push(`  cpu      ${formatCpu(r.current.cpuMillicores)} -> ${formatCpu(r.recommended.cpuMillicores)}`);
      if (r.recommended.memoryBytes !== undefined) lines.push(`  memory   ${mib(r.current.memoryBytes)} -> ${mib(r.recommended.memoryBytes)}`);
      const rep = r.recommended.replicas;
      if (rep) {
        lines.push(`  replicas ${r.current.replicas.min}..${r.current.replicas.max} -> ${rep.min}..${rep.max}, HPA CPU target ${r.current.targetCpuPercent} % -> ${rep.targetCpuPercent} %`);
        for (const s of rep.schedule ?? []) lines.push(`    at "${s.cron}" (UTC) min ${s.min}`);
      }
      for (const [kind, f] of [["cpu", r.cpu], ["memory", r.memory]] as const) {
        if (!f) continue;
        const unit = kind === "cpu" ? (x: number) => `${x.toFixed(3)} cores` : mib;
        lines.push(`  ${kind} series: ${f.points} points, model ${f.model}, p50 ${unit(f.p50)}, p90 ${unit(f.p90)}, p99 ${unit(f.p99)}`);
        const q = f.quirks;
        if (q.repeatedTimestamps + q.filled > 0) lines.push(`    repaired: ${q.repeatedTimestamps} repeated timestamps (${q.respread} moved into a DST gap), ${q.filled} missing points interpolated`);
        if (f.anomalies.length > 0) {
          lines.push(`    ${f.anomalies.length} anomal${f.anomalies.length === 1 ? "y" : "ies"} left out:`);
          for (const a of f.anomalies.slice(0, 5)) lines.push(`      ${formatTimestamp(a.start)}${a.end > a.start ? ` .. ${formatTimestamp(a.end)}` : ""}: ${kind === "cpu" ? a.worst.toFixed(3) : mib(a.worst)} (expected ${kind === "cpu" ? a.expected.toFixed(3) : mib(a.expected)})`);
          if (f.anomalies.length > 5) lines.push(`      … and ${f.anomalies.length - 5} more (see --json)`);
        }
      }
      for (const note of r.notes) lines.push(`  note: ${note}`);
      return lines.join("\n");
    })
    .join("\n\n");
}
