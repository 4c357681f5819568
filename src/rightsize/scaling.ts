/**
 * Where the predictive floors and the autoscaler above them aim, as fractions of the CPU
 * request. `rightsize` sizes each hour's floor for the forecast's upper bound at `floor`, and
 * writes `hpa` as the workload's `targetCpuPercent`, the HPA's target above the floors.
 * `bench/forecast-suite.ts` replays every candidate on the NAB series against reactive scaling
 * at 70 %, and `RECOMMENDED_SCALING` is the one that met the target ("fewer
 * replica-hours than reactive scaling at no more under-provisioned minutes") on the most series,
 * ties going to the fewest under-provisioned minutes over all series.
 */

/** A floor target and an autoscaler target, fractions of the request (0.7 = 70 %). */
export interface ScalingTargets {
  /** The utilisation each hour's floor is sized for, on the forecast's 80 % upper bound. */
  readonly floor: number;
  /** The HPA's CPU target above the floors (`replicas.targetCpuPercent` ÷ 100). */
  readonly hpa: number;
}

/** The configurations the benchmark compares, the model's default (70 % / 70 %) first. */
export const SCALING_CANDIDATES: readonly ScalingTargets[] = [
  { floor: 0.7, hpa: 0.7 },
  { floor: 0.8, hpa: 0.8 },
  { floor: 0.85, hpa: 0.85 },
  { floor: 0.9, hpa: 0.85 },
  { floor: 1, hpa: 0.8 },
  { floor: 1, hpa: 0.85 },
  { floor: 1, hpa: 0.9 },
];

/** What `rightsize` recommends (chosen by the benchmark, see `bench/results-forecast.md`). */
export const RECOMMENDED_SCALING: ScalingTargets = SCALING_CANDIDATES[4]!;

/** The `targetCpuPercent` of a configuration. */
export function targetCpuPercent(s: ScalingTargets): number {
  return Math.round(s.hpa * 100);
}

/** A short name for reports: "floors 100 %, HPA 90 %". */
export function scalingName(s: ScalingTargets): string {
  return `floors ${Math.round(s.floor * 100)} %, HPA ${targetCpuPercent(s)} %`;
}
