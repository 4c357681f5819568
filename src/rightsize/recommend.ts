/**
 * Recommendations for one workload from its metrics, like the Kubernetes VPA recommender for
 * requests and a forecast for replicas:
 *
 * - anomalies (values far outside the one-step forecast interval) are replaced by their
 *   forecasts first, so a spike does not become a recommendation;
 * - CPU request = 1.15 × the 90th percentile of one replica's share of the load
 *   (total ÷ measured replicas), at least 10m; memory request = 1.15 × the 99th percentile
 *   of one replica's memory (memory is not shed by adding replicas), rounded up to a MiB;
 *   a request above an explicit limit is capped at it (default limits follow the request);
 * - replicas: when the chosen model has a daily season, the schedule sets each hour's floor
 *   for the next day's forecast upper bound (80 % interval) at `RECOMMENDED_SCALING.floor`
 *   of the requests, and the HPA above the floors gets `targetCpuPercent` =
 *   `RECOMMENDED_SCALING.hpa` (the pair the benchmark chose); min = the lowest floor,
 *   max = enough for the highest floor and the highest (clean) observation at the HPA's
 *   target, and above min so the HPA can still react.
 */
import { findAnomalies, forecastSeries, quantileSorted, selectForecaster, sortedNumbers, stepsPerDay, type AnomalyEvent, type SeriesForecast } from "../forecast/index.js";
import { InputError } from "../errors.js";
import type { ScheduleStep, WorkloadModel } from "../model/app-model.js";
import type { RegularSeries } from "../metrics/index.js";
import { AUTOSCALING_DEFAULTS } from "../model/defaults.js";
import { RECOMMENDED_SCALING, targetCpuPercent, type ScalingTargets } from "./scaling.js";
import { checkReplicas, checkRequest } from "./implausible.js";
import { hourlyNeeds, scheduleSteps } from "./schedule.js";

/** The safety margin on the percentile, as the VPA recommender's. */
export const SAFETY_MARGIN = 1.15;
/**
 * Room the HPA's `maxReplicas` leaves above the replicas the highest observation needs: a
 * max at exactly the past peak under-provisions as soon as the load grows past it (the
 * benchmark saw days of it), while a higher max costs nothing until the replicas run.
 */
export const MAX_HEADROOM = 2;
/** The smallest CPU request recommended, in millicores. */
export const MIN_CPU_MILLICORES = 10;

/** What the metrics of one resource showed. */
export interface SeriesFindings {
  /** The forecasting model chosen by backtest. */
  readonly model: string;
  readonly stepSeconds: number;
  readonly points: number;
  /** Percentiles after anomalies were removed (cores for CPU, bytes for memory; CPU totals over all replicas). */
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  /** Runs of anomalous values, with their start and end (UTC, `YYYY-MM-DD HH:MM:SS`). */
  readonly anomalies: ReadonlyArray<AnomalyEvent & { start: number; end: number }>;
  /** What reading the file repaired. */
  readonly quirks: RegularSeries["quirks"];
}

/** Recommended replica bounds, the HPA's CPU target above them, and the schedule of floors. */
export interface RecommendedReplicas {
  readonly min: number;
  readonly max: number;
  /** The HPA's CPU target, percent of the request. */
  readonly targetCpuPercent: number;
  /** Kept from the app when it sets one other than the default, since `--apply` rewrites `replicas` whole. */
  readonly targetMemoryPercent?: number;
  readonly schedule?: ScheduleStep[];
}

/** The recommendation for one workload. */
export interface Recommendation {
  readonly workload: string;
  readonly path: string;
  readonly current: { cpuMillicores: number; memoryBytes: number; replicas: WorkloadModel["replicas"]; targetCpuPercent: number };
  readonly recommended: { cpuMillicores?: number; memoryBytes?: number; replicas?: RecommendedReplicas };
  readonly cpu?: SeriesFindings;
  readonly memory?: SeriesFindings;
  /** Things the user should know (a limit that capped a request, …). */
  readonly notes: string[];
}

/** Inputs of `recommend()`: series already scaled to cores and bytes. */
export interface RecommendInput {
  readonly workload: WorkloadModel;
  readonly cpu?: RegularSeries;
  readonly memory?: RegularSeries;
  readonly measuredReplicas?: number;
  /**
   * Whether the app sets `cpuLimit` / `memoryLimit` itself. A default limit follows the
   * request (twice the CPU, equal memory), so it caps nothing; unknown means set.
   */
  readonly explicitLimits?: { readonly cpu: boolean; readonly memory: boolean };
}

interface Analysed {
  readonly findings: SeriesFindings;
  readonly clean: number[];
}

/** The CPU request for a total load whose 90th percentile is `p90Cores`, spread over `replicas`: 1.15 × p90 per replica, rounded up to 5m, at least 10m. */
export function cpuRequestMillicores(p90Cores: number, replicas: number): number {
  return Math.max(MIN_CPU_MILLICORES, Math.ceil((SAFETY_MARGIN * p90Cores * 1000) / replicas / 5 - 1e-9) * 5);
}

/** The fewest samples a series needs: an hour of 5-minute samples. */
export const MIN_SAMPLES = 12;

/** Anomalies removed, percentiles taken, model chosen. Throws an `InputError` for fewer than `MIN_SAMPLES` values. */
export function analyse(series: RegularSeries): Analysed {
  if (series.values.length < MIN_SAMPLES) {
    throw new InputError(`only ${series.values.length} samples; at least ${MIN_SAMPLES} are needed to recommend anything`, { where: series.source, fix: "export a longer time range (a day or more gives replica bounds and a schedule too)." });
  }
  const horizon = stepsPerDay(series.stepSeconds) ?? 24;
  const { forecaster } = selectForecaster(series.values, horizon, { stepSeconds: series.stepSeconds });
  const { flags, events, fitted } = findAnomalies(series.values, forecaster);
  const clean = series.values.map((v, t) => (flags[t] ? Math.max(0, fitted.oneStep[t]!) : v));
  const sorted = sortedNumbers(clean);
  const at = (i: number) => series.start + i * series.stepSeconds;
  return {
    clean,
    findings: {
      model: forecaster.name,
      stepSeconds: series.stepSeconds,
      points: series.values.length,
      p50: quantileSorted(sorted, 0.5),
      p90: quantileSorted(sorted, 0.9),
      p99: quantileSorted(sorted, 0.99),
      max: sorted[sorted.length - 1]!,
      anomalies: events.map((e) => ({ ...e, start: at(e.from), end: at(e.to) })),
      quirks: series.quirks,
    },
  };
}

/** The recommendation for one workload. */
export function recommend(input: RecommendInput): Recommendation {
  const w = input.workload;
  const notes: string[] = [];
  const current = { cpuMillicores: w.resources.requests.cpuMillicores, memoryBytes: w.resources.requests.memoryBytes, replicas: w.replicas, targetCpuPercent: w.autoscaling.targetCpuPercent };
  const recommended: Recommendation["recommended"] = {};
  let cpu: SeriesFindings | undefined;
  let memory: SeriesFindings | undefined;

  if (input.memory) {
    const a = analyse(input.memory);
    memory = a.findings;
    let bytes = Math.ceil((SAFETY_MARGIN * a.findings.p99) / 2 ** 20) * 2 ** 20;
    bytes = Math.max(bytes, 2 ** 20);
    const asked = bytes;
    if (input.explicitLimits?.memory !== false && bytes > w.resources.limits.memoryBytes) {
      bytes = w.resources.limits.memoryBytes;
    }
    checkRequest("memory", asked, bytes, a.findings.max, input.memory.source);
    if (bytes < asked) notes.push(`memory request capped at its limit ${bytes / 2 ** 20}Mi (the metrics ask for ${asked / 2 ** 20}Mi): raise memoryLimit`);
    recommended.memoryBytes = bytes;
  }

  if (input.cpu) {
    const a = analyse(input.cpu);
    cpu = a.findings;
    const measured = input.measuredReplicas ?? Math.max(1, w.replicas.min);
    let millicores = cpuRequestMillicores(a.findings.p90, measured);
    const asked = millicores;
    if (input.explicitLimits?.cpu !== false && millicores > w.resources.limits.cpuMillicores) {
      millicores = w.resources.limits.cpuMillicores;
    }
    checkRequest("cpu", asked, millicores, a.findings.max, input.cpu.source);
    if (millicores < asked) notes.push(`CPU request capped at its limit ${millicores}m (the metrics ask for ${asked}m): raise cpuLimit`);
    recommended.cpuMillicores = millicores;
    const day = stepsPerDay(input.cpu.stepSeconds) ?? 24;
    if (w.kind === "cronjob") {
      notes.push("a cron job has no replicas to scale; only its requests are recommended");
    } else if (input.cpu.values.length < day) {
      notes.push(`the CPU series covers less than a day (${input.cpu.values.length} points); replicas are planned from a day or more of data`);
    } else {
      const { needs: _needs, schedule, ...bounds } = planReplicas(input.cpu.start, input.cpu.stepSeconds, a.clean, millicores);
      checkReplicas(bounds.max, a.findings.max, millicores, input.cpu.source);
      const memoryTarget = w.autoscaling.targetMemoryPercent;
      recommended.replicas = {
        ...bounds,
        targetCpuPercent: targetCpuPercent(RECOMMENDED_SCALING),
        ...(memoryTarget !== AUTOSCALING_DEFAULTS.targetMemoryPercent ? { targetMemoryPercent: memoryTarget } : {}),
        ...(schedule ? { schedule } : {}),
      };
    }
  }
  return { workload: w.name, path: w.path, current, recommended, ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}), notes };
}

/**
 * Raises every one-hour dip between two higher hours to the lower of them: scaling down for
 * one hour and back up saves little and doubles the steps. Floors are only ever raised.
 */
export function fillShortDips(needs: readonly number[]): number[] {
  const n = needs.length;
  return needs.map((v, h) => Math.max(v, Math.min(needs[(h + n - 1) % n]!, needs[(h + 1) % n]!)));
}

/** Replica bounds, schedule, and the floor of each hour of the day (UTC) it comes from. */
export interface ReplicaPlan {
  readonly min: number;
  readonly max: number;
  readonly schedule?: ScheduleStep[];
  /** The replicas each hour of the next day needs (index = UTC hour). */
  readonly needs: number[];
}

/** The next day's forecast of a CPU series, which `planReplicas` sizes floors from (computed once, it can serve several targets). */
export function dayForecast(clean: readonly number[], stepSeconds: number): SeriesForecast {
  return forecastSeries(clean, stepsPerDay(stepSeconds) ?? 24, { stepSeconds });
}

/**
 * Replica bounds and schedule for a CPU series (total cores, anomalies removed, values[0] at
 * `start`) at `millicores` per replica: the next day's forecast upper bound, at the
 * `scaling.floor` utilisation of the requests, sets each hour's floor — when the chosen
 * model has a daily season; otherwise one floor, the lowest hour's, holds all day. `max`
 * covers the highest floor and `MAX_HEADROOM` × what the highest observation needs at the
 * HPA's `scaling.hpa` target.
 */
export function planReplicas(start: number, stepSeconds: number, clean: readonly number[], millicores: number, scaling: ScalingTargets = RECOMMENDED_SCALING, forecast = dayForecast(clean, stepSeconds)): ReplicaPlan {
  const replicasAt = (target: number) => (load: number): number => Math.max(1, Math.ceil(load / ((millicores / 1000) * target) - 1e-9));
  const replicasFor = replicasAt(scaling.floor);
  const horizon = stepsPerDay(stepSeconds) ?? 24;
  const hourly = hourlyNeeds({ upper: forecast.upper, start: start + clean.length * stepSeconds, stepSeconds, replicasFor }).map((n) => Math.max(1, n));
  // A schedule repeats every day, so it follows the forecast only when the model found a daily
  // season; otherwise the hours differ only by noise and the interval's growth: one floor.
  const daily = forecast.season !== undefined && forecast.season === horizon;
  // Reduce, not `Math.max(...xs)`: a spread passes every value as an argument, and a long
  // series (a year of 1-minute samples) overflows the call stack.
  const lowest = hourly.reduce((a, b) => Math.min(a, b), Infinity);
  const needs = daily ? fillShortDips(hourly) : hourly.map(() => lowest);
  const min = needs.reduce((a, b) => Math.min(a, b), Infinity);
  const peak = clean.reduce((a, b) => Math.max(a, b), -Infinity);
  const max = needs.reduce((a, b) => Math.max(a, b), Math.max(min + 1, Math.ceil(MAX_HEADROOM * replicasAt(scaling.hpa)(peak))));
  const schedule = scheduleSteps(needs);
  return { min, max, ...(schedule.length > 0 ? { schedule } : {}), needs };
}
