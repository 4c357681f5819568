/**
 * Replays a load series through reactive target tracking and through each predictive
 * configuration `rightsize` could emit, and counts what each pays and misses:
 *
 * - reactive target tracking (what an HPA or an ECS target-tracking policy does): at each
 *   5-minute step it sees the previous step's load and asks for ⌈load ÷ (request × target)⌉
 *   replicas; new replicas serve from the next step on (start-up and readiness), and it
 *   scales in only after the lower count held for `scaleInSteps` steps;
 * - a predictive configuration (`ScalingTargets`), replayed as `synth` emits it: every day at
 *   the replay's daily origin, `planReplicas` (the code `rightsize` runs) forecasts the next
 *   day from the history so far, anomalies removed; the HPA's minimum follows the plan's
 *   schedule, read from its cron steps as the CronJobs fire, and the HPA runs on top at the configuration's
 *   `targetCpuPercent`, and never above the plan's `max` (the HPA's `maxReplicas`).
 *
 * Each series is rescaled so the 90th percentile of its first half is 1 (a CPU load in
 * cores), the total of a service measured on `MEASURED_REPLICAS` replicas; a step is
 * under-provisioned when the load exceeds the replicas' requests (100 %).
 */
import { analyse, cpuRequestMillicores, dayForecast, planReplicas, SCALING_CANDIDATES, type ReplicaPlan, type ScalingTargets } from "../src/rightsize/index.js";
import type { RegularSeries } from "../src/metrics/index.js";

/**
 * The replicas each series is taken to have been measured on: the load is a service's total,
 * so a replica carries a tenth of its 90th percentile (with one, a single replica would carry
 * the whole load and replica counts would hardly move).
 */
export const MEASURED_REPLICAS = 10;

/** The reactive baseline's target: the HPA's default. */
export const REACTIVE_TARGET = 0.7;

/**
 * The HPA's `minReplicas` at `time` (seconds since the epoch, UTC) under the emitted schedule:
 * the last CronJob to fire before it (cron "M H * * *", wrapping to the day before) set it;
 * with no schedule, the base `min` holds.
 */
export function scheduledMin(plan: ReplicaPlan, time: number): number {
  const steps = plan.schedule ?? [];
  if (steps.length === 0) return plan.min;
  const minute = Math.floor((((time % 86_400) + 86_400) % 86_400) / 60);
  const at = steps.map((s) => {
    const [m, h] = s.cron.split(" ").map(Number);
    return { minute: h! * 60 + m!, min: s.min };
  });
  const before = at.filter((s) => s.minute <= minute);
  const last = (xs: typeof at) => xs.reduce((a, b) => (b.minute >= a.minute ? b : a));
  return (before.length > 0 ? last(before) : last(at)).min;
}

/** Replica-hours paid and minutes under-provisioned over the replay. */
export interface ReplayCost {
  readonly replicaHours: number;
  readonly underMinutes: number;
}

/** One predictive configuration's replay, and reactive scaling at the same safety. */
export interface PredictiveReplay extends ReplayCost {
  readonly scaling: ScalingTargets;
  /** The cheapest reactive target (from 90 % down to 30 %) under-provisioned no longer than this configuration, and its cost. */
  readonly matched: (ReplayCost & { target: number }) | undefined;
}

/** The replay of one series. */
export interface ReplayResult {
  readonly reactive: ReplayCost;
  /** One per `SCALING_CANDIDATES`, in that order. */
  readonly predictive: readonly PredictiveReplay[];
  readonly days: number;
}

/** Replicas per step of a reactive autoscaler at `target`, never below `floor[t]` nor above `cap[t]`. */
function reactiveReplicas(load: readonly number[], from: number, request: number, target: number, scaleInSteps: number, floor?: readonly number[], cap?: readonly number[]): number[] {
  const bounded = (n: number, i: number) => Math.min(cap?.[i] ?? Infinity, Math.max(n, floor?.[i] ?? 0));
  const desired = (l: number) => Math.max(1, Math.ceil(l / (request * target) - 1e-9));
  const out: number[] = [];
  let current = bounded(desired(load[from - 1]!), 0);
  let lowerFor = 0;
  for (let t = from; t < load.length; t++) {
    out.push(bounded(current, t - from));
    // Decide for the next step from this step's load (the metric of the period just ended).
    const want = bounded(desired(load[t]!), t + 1 - from);
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

/** Replays the second half of `series` (whole days from its midpoint) through every configuration in `candidates`. */
export function replay(raw: RegularSeries, candidates: readonly ScalingTargets[] = SCALING_CANDIDATES, scaleInSteps = 3): ReplayResult {
  const series = unitLoad(raw);
  const { values: load, stepSeconds, start } = series;
  const day = Math.round(86_400 / stepSeconds);
  const from = Math.max(Math.floor(load.length / 2), 3 * day);
  const days = Math.floor((load.length - from) / day);
  const end = from + days * day;
  const window = load.slice(0, end);
  // One request per replica for every autoscaler, from the history before the replay (as rightsize would set it).
  const history = analyse({ ...series, values: load.slice(0, from), filled: series.filled.slice(0, from) });
  const millicores = cpuRequestMillicores(history.findings.p90, MEASURED_REPLICAS);
  const request = millicores / 1000;
  const floors = candidates.map(() => [] as number[]);
  const caps = candidates.map(() => [] as number[]);
  // The plan made at each daily origin holds from then until the next one; its floors follow the cron times (the hour's floor from LEAD_SECONDS before it).
  for (let d = 0; d < days; d++) {
    const origin = from + d * day;
    const past = analyse({ ...series, values: load.slice(0, origin), filled: series.filled.slice(0, origin) });
    const forecast = dayForecast(past.clean, stepSeconds);
    candidates.forEach((scaling, c) => {
      const plan = planReplicas(start, stepSeconds, past.clean, millicores, scaling, forecast);
      for (let i = 0; i < day; i++) {
        floors[c]!.push(scheduledMin(plan, start + (origin + i) * stepSeconds));
        caps[c]!.push(plan.max);
      }
    });
  }
  const run = (target: number, floor?: number[], cap?: number[]) => cost(window, from, reactiveReplicas(window, from, request, target, scaleInSteps, floor, cap), request, stepSeconds);
  const reactive = run(REACTIVE_TARGET);
  const predictive = candidates.map((scaling, c) => {
    const p = run(scaling.hpa, floors[c], caps[c]);
    return { scaling, ...p, matched: matched(run, p) };
  });
  return { reactive, predictive, days };
}

/** The cheapest reactive target, 90 % down to 30 %, under-provisioned no longer than `than`. */
function matched(run: (target: number) => ReplayCost, than: ReplayCost): PredictiveReplay["matched"] {
  for (let pct = 90; pct >= 30; pct -= 5) {
    const c = run(pct / 100);
    if (c.underMinutes <= than.underMinutes) return { ...c, target: pct / 100 };
  }
  return undefined;
}

/** Whether a configuration met the target on a series: fewer replica-hours than reactive scaling, no more minutes under-provisioned. */
export function meetsTarget(p: ReplayCost, reactive: ReplayCost): boolean {
  return p.replicaHours < reactive.replicaHours && p.underMinutes <= reactive.underMinutes;
}

/** The series rescaled so that the 90th percentile of its first half is 1 (its own units do not matter to a replay). */
function unitLoad(series: RegularSeries): RegularSeries {
  const half = [...series.values.slice(0, Math.floor(series.values.length / 2))].sort((a, b) => a - b);
  const unit = [0.9, 0.99, 1].map((p) => half[Math.min(half.length - 1, Math.floor(p * (half.length - 1)))]!).find((v) => v > 0) ?? 1;
  return { ...series, values: series.values.map((v) => v / unit) };
}
