/**
 * `rightsize()`: reads an app and the metrics mapped to its workloads, recommends requests,
 * replica bounds and a predictive schedule per workload, and with `apply` writes them into
 * `app.ts` — atomically, and only after the edited app has loaded and shown exactly the
 * recommended values.
 */
import { readFileSync } from "node:fs";
import { loadAppModel, loadModel, withSibling, writeFileAtomic, type DeclaredProps, type LoadModelOptions } from "../app-file/index.js";
import { InputError } from "../errors.js";
import { stringLiteral } from "../code-text.js";
import type { AppModel } from "../model/app-model.js";
import { loadMetricsConfig, readSeries, type MetricsConfig, type RegularSeries, type SeriesSource } from "../metrics/index.js";
import { applyToSource } from "./edit-app.js";
import { recommend, type Recommendation } from "./recommend.js";

/** Options of `rightsize()`. */
export interface RightsizeOptions {
  /** Write the recommendations into the app file. */
  readonly apply?: boolean;
  /** Receives one progress line per step. */
  readonly progress?: (line: string) => void;
  /** How app.ts is loaded: its time limit and whether it is type-checked first. */
  readonly load?: LoadModelOptions;
}

/** What `rightsize()` found (and wrote). */
export interface RightsizeReport {
  readonly app: string;
  readonly recommendations: Recommendation[];
  /** True when the app file was rewritten. */
  readonly applied: boolean;
}

function scaled(source: SeriesSource): RegularSeries {
  const s = readSeries(source.file, source.shown);
  return source.scale === 1 ? s : { ...s, values: s.values.map((v) => v * source.scale) };
}

/** Which workloads (by construct path) set `cpuLimit` and `memoryLimit` themselves. */
export function explicitLimits(declared: DeclaredProps): Map<string, { cpu: boolean; memory: boolean }> {
  return new Map(Object.entries(declared).map(([where, props]) => [where, { cpu: props.includes("cpuLimit"), memory: props.includes("memoryLimit") }]));
}

/** Recommendations for every workload the metrics name (a config file or directory, or a config built from flags). */
export function recommendAll(model: AppModel, metrics: string | MetricsConfig, progress: (line: string) => void = () => undefined, limits?: ReadonlyMap<string, { cpu: boolean; memory: boolean }>): Recommendation[] {
  const config = typeof metrics === "string" ? loadMetricsConfig(metrics) : metrics;
  const metricsLocation = typeof metrics === "string" ? metrics : "the --cpu/--memory flags";
  const byName = new Map(model.workloads.map((w) => [w.name, w]));
  const out: Recommendation[] = [];
  for (const [name, metrics] of config) {
    const workload = byName.get(name);
    if (workload === undefined) {
      throw new InputError(`the metrics name a workload ${stringLiteral(name)} that the app does not have`, {
        where: metricsLocation,
        fix: `use one of: ${model.workloads.map((w) => w.name).join(", ")}.`,
      });
    }
    progress(`forecasting ${name}`);
    out.push(
      recommend({
        workload,
        ...(metrics.cpu ? { cpu: scaled(metrics.cpu) } : {}),
        ...(metrics.memory ? { memory: scaled(metrics.memory) } : {}),
        ...(metrics.measuredReplicas !== undefined ? { measuredReplicas: metrics.measuredReplicas } : {}),
        ...(limits?.has(workload.path) ? { explicitLimits: limits.get(workload.path)! } : {}),
      }),
    );
  }
  return out;
}

/** The model's `replicas` for a recommendation (the HPA's targets live in `autoscaling`). */
function replicaRange(r: NonNullable<Recommendation["recommended"]["replicas"]>): AppModel["workloads"][number]["replicas"] {
  return { min: r.min, max: r.max, ...(r.schedule ? { schedule: r.schedule } : {}) };
}

/** Checks that `model` carries every recommended value, so an edit that did not take is never kept. */
function verify(model: AppModel, recommendations: readonly Recommendation[], file: string): void {
  for (const r of recommendations) {
    const w = model.workloads.find((x) => x.name === r.workload);
    const want = r.recommended;
    const ok =
      w !== undefined &&
      (want.cpuMillicores === undefined || w.resources.requests.cpuMillicores === want.cpuMillicores) &&
      (want.memoryBytes === undefined || w.resources.requests.memoryBytes === want.memoryBytes) &&
      (want.replicas === undefined || JSON.stringify(w.replicas) === JSON.stringify(replicaRange(want.replicas))) &&
      (want.replicas === undefined || w.autoscaling.targetCpuPercent === want.replicas.targetCpuPercent);
    if (!ok) {
      throw new InputError(`after editing, ${r.path} does not carry the recommended values (a later spread or variable overrides them?)`, {
        where: file,
        fix: "the file was left unchanged; apply the printed recommendation by hand.",
      });
    }
  }
}

/** Writes the recommendations into `file`, verified and atomically (temp file in the same directory, then rename). */
export async function applyRecommendations(file: string, recommendations: readonly Recommendation[]): Promise<void> {
  const original = readFileSync(file, "utf8");
  const edited = applyToSource(original, file, recommendations);
  if (edited === original) return;
  // The edit writes literals only: no type check needed before it runs.
  await withSibling(file, edited, "rightsize", async (sibling) => verify(await loadModel(sibling, { typeCheck: false }), recommendations, file));
  await writeFileAtomic(file, edited, original);
}

/** Loads `file`, recommends from `metrics` (a config file or directory, or a `MetricsConfig`), and applies when asked. */
export async function rightsize(file: string, metrics: string | MetricsConfig, options: RightsizeOptions = {}): Promise<RightsizeReport> {
  const progress = options.progress ?? (() => undefined);
  progress(`loading ${file}`);
  const { model, declaredProps } = await loadAppModel(file, options.load);
  const recommendations = recommendAll(model, metrics, progress, explicitLimits(declaredProps));
  if (options.apply) {
    await applyRecommendations(file, recommendations);
    progress(`wrote ${recommendations.length} recommendation(s) into ${file}`);
  }
  return { app: model.app, recommendations, applied: options.apply === true };
}
