/** The short report `synth` and `explain` print: where each part runs, nodes bought, monthly cost, gap. */
import type { Placement } from "./placement.js";

function table(rows: readonly string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join("  ").trimEnd()).join("\n");
}

const usd = (n: number): string => `$${n.toFixed(2)}`;
const percent = (n: number): string => `${(n * 100).toFixed(1)}%`;

/** Renders the placement as a few aligned lines for a terminal. */
export function formatPlacementTable(placement: Placement): string {
  const parts = [
    ["part", "runs on", "pool / service", "replicas", "$/month"],
    ...placement.parts.map((p) => [
      p.path,
      p.mode === "managed" ? `${p.target} (managed)` : p.target,
      p.mode === "managed" ? (p.service ?? "") : p.nodePools.join(", ") || "-",
      p.mode === "managed" ? "-" : String(p.replicas),
      usd(p.monthlyUsd),
    ]),
  ];
  const pools = placement.pools
    .filter((p) => p.nodes.length > 0)
    .map(
      (p) =>
        `${p.target}/${p.pool}: ${p.nodes.map((n) => `${n.count} × ${n.instanceType} (${usd(n.monthlyUsdEach)})`).join(" + ")}` +
        ` = ${usd(p.monthlyUsd)}; cpu ${percent(p.utilisation.cpu)}, memory ${percent(p.utilisation.memory)} used`,
    );
  const c = placement.cost;
  const proof = c.provenOptimal ? "proven optimal" : `gap ${percent(c.gap)} to the lower bound ${usd(c.lowerBoundUsd)}`;
  return [
    table(parts),
    ...(pools.length > 0 ? ["nodes:", ...pools.map((l) => `  ${l}`)] : []),
    `monthly cost: ${usd(c.monthlyUsd)} (nodes ${usd(c.nodesMonthlyUsd)}, managed ${usd(c.managedMonthlyUsd)}); ${proof}`,
  ].join("\n");
}
