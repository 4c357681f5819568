/**
 * Placement quality of the synth benchmark's apps, default solver settings against the previous
 * ones (the exact phase's full share of the time limit at every size, `exactReferenceParts:
 * Infinity`), in the same run: cost, lower bound, gap, whether it is proven optimal, and the
 * time `place()` took. Speed bought with a worse placement would show here.
 */
import { performance } from "node:perf_hooks";
import { EXACT_REFERENCE_PARTS, place, toModel, type Placement } from "../src/index.js";
import { appSpec, buildSkyweaveApp } from "./synth-app.js";

/** One placement of one app. */
export interface PlacementRun {
  readonly n: number;
  readonly setting: "default" | "full exact share";
  readonly ms: number;
  readonly cost: Placement["cost"];
}

/** Places the app of `n` services with both settings, in this process (the default second, so it never pays the warm-up). */
export async function comparePlacement(n: number): Promise<PlacementRun[]> {
  const model = toModel(buildSkyweaveApp(appSpec(n)));
  const runs: PlacementRun[] = [];
  for (const setting of ["full exact share", "default"] as const) {
    const t = performance.now();
    const placement = await place(model, undefined, setting === "default" ? {} : { exactReferenceParts: Infinity });
    runs.push({ n, setting, ms: performance.now() - t, cost: placement.cost });
  }
  return runs.reverse();
}

/** The report's section on placement quality. */
export function renderPlacement(runs: readonly PlacementRun[], fmtMs: (ms: number) => string, fmtInt: (x: number) => string): string[] {
  const usd = (x: number): string => `$${x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const lines = [
    "## Placement quality",
    "",
    `The placement of each app with the default settings (the exact phase's share of the 10 s limit shrinks with the square of the ratio beyond ${EXACT_REFERENCE_PARTS} parts on a cluster), and with the previous ones (its full share at every size: \`exactReferenceParts: Infinity\`). Monthly cost, proven lower bound, gap ((cost − bound) / cost), proven optimal; place ms is one run in the parent process (after the child runs, so warm), for scale only. Costs and bounds do not depend on the machine. 400 and 600 services are placed here only (not synthesized above): between 400 and 1,000 parts on a cluster the smaller share can cost a proof of optimality and some dollars, and this table shows how much.`,
    "",
    "| services | setting | monthly cost | lower bound | gap | proven optimal | place ms |",
    "|---:|---|---:|---:|---:|---|---:|",
  ];
  for (const r of runs) {
    lines.push(`| ${fmtInt(r.n)} | ${r.setting} | ${usd(r.cost.monthlyUsd)} | ${usd(r.cost.lowerBoundUsd)} | ${(r.cost.gap * 100).toFixed(2)} % | ${r.cost.provenOptimal ? "yes" : "no"} | ${fmtMs(r.ms)} |`);
  }
  lines.push("");
  return lines;
}
