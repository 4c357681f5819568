/**
 * Replays a load series through two autoscalers and counts what each pays and misses:
 *
 * - reactive target tracking (what an HPA or an ECS target-tracking policy does): at each
 *   5-minute step it sees the previous step's load and asks for ⌈load ÷ (request × target)⌉
 *   replicas; new replicas serve from the next step on (start-up and readiness), and it
 *   scales in only after the lower count held for `scaleInSteps` steps;
 * - skyweave's predictive schedule: every day at the replay's daily origin, `planReplicas`
 *   (the code `rightsize` uses) forecasts the next day from the history so far, anomalies
 *   removed, and each hour's floor is raised ten minutes ahead; the same reactive autoscaler
 *   runs on top (what `synth` emits: HPA plus CronJobs patching its minimum).
 *
 * A variant not emitted today is replayed too: floors sized at 100 % of the requests on the
 * forecast's upper bound (which already holds the headroom), with the HPA above them at 90 %.
 *
 * Each series is rescaled so the 90th percentile of its first half is 1 (a CPU load in
 * cores), the total of a service measured on `MEASURED_REPLICAS` replicas; a step is
 * under-provisioned when the load exceeds the replicas' requests (100 %).
 */
import { analyse, cpuRequestMillicores, planReplicas, TARGET_UTILISATION } from "../src/rightsize/index.js";
import type { RegularSeries } from "../src/metrics/index.js";

/**
 * The replicas each series is taken to have been measured on: the load is a service's total,
 * so a replica carries a tenth of its 90th percentile (with one, a single replica would carry
 * the whole load and replica counts would hardly move).
 */
export const MEASURED_REPLICAS = 10;

/** Replica-hours paid and minutes under-provisioned over the replay. */
export interface ReplayCost {
  readonly replicaHours: number;
  readonly underMinutes: number;
}

/** The replay of one series. */
export interface ReplayResult {
  readonly reactive: ReplayCost;
  readonly predictive: ReplayCost;
  /** The cheapest reactive target (from 30 % to 90 %) that is under-provisioned no longer than the schedule, and its cost. */
  readonly matchedReactive: (ReplayCost & { target: number }) | undefined;
  /** The variant not emitted today: floors at 100 % of the requests on the forecast's upper bound, the HPA on top at 90 %. */
  readonly predictiveFull: ReplayCost;
  /** The cheapest reactive target as safe as `predictiveFull`. */
  readonly matchedFull: (ReplayCost & { target: number }) | undefined;
  readonly days: number;
}

/** Replicas per step of a reactive autoscaler at `target`, optionally never below `floor[t]`. */
function reactiveReplicas(load: readonly number[], from: number, request: number, target: number, scaleInSteps: number, floor?: readonly number[]): number[] {
  const desired = (l: number) => Math.max(1, Math.ceil(l / (request * target) - 1e-9));
  const out: number[] = [];
  let current = desired(load[from - 1]!);
  let lowerFor = 0;
  for (let t = from; t < load.length; t++) {
    out.push(Math.max(current, floor?.[t - from] ?? 0));
    // Decide for the next step from this step's load (the metric of the period just ended).
    const want = Math.max(desired(load[t]!), floor?.[t + 1 - from] ?? 0);
    if (want > current) (current = want), (lowerFor = 0);
    else if (want < current && ++lowerFor >= scaleInSteps) (current = want), (lowerFor = 0);
    else if (want === current) lowerFor = 0;
  }
  return out;
}

function cost(load: readonly number[], from: number, replicas: readonly number[], request: number, stepSeconds: number): ReplayCost {
  let replicaSteps = 0;
  let under = 0;
  replicas.forEach((r, i) => {
    replicaSteps += r;
    if (load[from + i]! > r * request + 1e-12) under++;
  });
  return { replicaHours: (replicaSteps * stepSeconds) / 3600, underMinutes: (under * stepSeconds) / 60 };
}

/** Replays the second half of `series` (whole days from its midpoint). */
export function replay(raw: RegularSeries, scaleInSteps = 3): ReplayResult {
  const series = unitLoad(raw);
  const { values: load, stepSeconds, start } = series;
  const day = Math.round(86_400 / stepSeconds);
  const from = Math.max(Math.floor(load.length / 2), 3 * day);
  const days = Math.floor((load.length - from) / day);
  const end = from + days * day;
  const window = load.slice(0, end);
  // One request per replica for both autoscalers, from the history before the replay (as rightsize would set it).
  const history = analyse({ ...series, values: load.slice(0, from), filled: series.filled.slice(0, from) });
  const request = cpuRequestMillicores(history.findings.p90, MEASURED_REPLICAS) / 1000;
  const emittedFloor: number[] = [];
  const fullFloor: number[] = [];
  for (let d = 0; d < days; d++) {
    const origin = from + d * day;
    const past = analyse({ ...series, values: load.slice(0, origin), filled: series.filled.slice(0, origin) });
    const emitted = planReplicas(start, stepSeconds, past.clean, request * 1000);
    const full = planReplicas(start, stepSeconds, past.clean, request * 1000, 1);
    for (let i = 0; i < day; i++) {
      const hour = Math.floor((((start + (origin + i) * stepSeconds) % 86_400) + 86_400) % 86_400 / 3600);
      emittedFloor.push(emitted.needs[hour]!);
      fullFloor.push(full.needs[hour]!);
    }
  }
  const run = (target: number, floor?: number[]) => cost(window, from, reactiveReplicas(window, from, request, target, scaleInSteps, floor), request, stepSeconds);
  const reactive = run(TARGET_UTILISATION);
  const predictive = run(TARGET_UTILISATION, emittedFloor);
  const predictiveFull = run(0.9, fullFloor);
  return { reactive, predictive, predictiveFull, matchedReactive: matched(run, predictive), matchedFull: matched(run, predictiveFull), days };
}

/** The cheapest reactive target, 90 % down to 30 %, under-provisioned no longer than `than`. */
function matched(run: (target: number) => ReplayCost, than: ReplayCost): ReplayResult["matchedReactive"] {
  for (let pct = 90; pct >= 30; pct -= 5) {
    const c = run(pct / 100);
    if (c.underMinutes <= than.underMinutes) return { ...c, target: pct / 100 };
  }
  return undefined;
}

/** The series rescaled so that the 90th percentile of its first half is 1 (its own units do not matter to a replay). */
function unitLoad(series: RegularSeries): RegularSeries {
  const half = [...series.values.slice(0, Math.floor(series.values.length / 2))].sort((a, b) => a - b);
  const unit = [0.9, 0.99, 1].map((p) => half[Math.min(half.length - 1, Math.floor(p * (half.length - 1)))]!).find((v) => v > 0) ?? 1;
  return { ...series, values: series.values.map((v) => v / unit) };
}
