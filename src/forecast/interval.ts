/**
 * 80 % intervals from a model's own one-step residuals: their 10th and 90th percentiles
 * (empirical, so skewed errors give a skewed interval), widened for step h by the model's
 * error growth factor (e.g. √⌈h/m⌉ for seasonal naive, the ETS variance formula for
 * Holt-Winters).
 */
import type { Forecast } from "./model.js";
import { quantileSorted, sortedNumbers } from "./quantile.js";

/** The 10th and 90th percentiles of the one-step residuals `values[t] - oneStep[t]` (sorted once for both). */
export function residualQuantiles(values: readonly number[], oneStep: readonly number[]): { q10: number; q90: number } {
  const residuals = new Float64Array(values.length);
  for (let t = 0; t < values.length; t++) residuals[t] = values[t]! - oneStep[t]!; // NaN where oneStep is
  const sorted = sortedNumbers(residuals);
  if (sorted.length === 0) return { q10: 0, q90: 0 };
  return { q10: quantileSorted(sorted, 0.1), q90: quantileSorted(sorted, 0.9) };
}

/**
 * Builds the forecast from point forecasts, residual quantiles and the growth factor of each
 * step. When the history never went below zero (usage, bytes, counts), neither does the forecast.
 */
export function withInterval(mean: number[], q: { q10: number; q90: number }, growth: (h: number) => number, nonNegative: boolean): Forecast {
  const floor = (x: number): number => (nonNegative ? Math.max(0, x) : x);
  return {
    mean: mean.map(floor),
    lower: mean.map((m, i) => floor(m + Math.min(0, q.q10) * growth(i + 1))),
    upper: mean.map((m, i) => floor(m + Math.max(0, q.q90) * growth(i + 1))),
  };
}

/** True when no value is negative. */
export function isNonNegative(values: readonly number[]): boolean {
  return values.every((v) => v >= 0);
}
