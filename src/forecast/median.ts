/**
 * Median forecasters: robust counterparts of exponential smoothing and seasonal naive. The
 * median minimises absolute error, so on spiky series (bytes written, packets) a median of
 * recent values forecasts better in MAE than a mean that a spike drags; and being a median,
 * an outlier never moves it (a robust fit needs nothing more: `RobustBand` is not needed).
 *
 * - `windowMedian(k)`: every step ahead is the median of the last `k` values;
 * - `seasonalMedian(m, k)`: step h is the median of the values one, two … `k` seasons before
 *   it (the same time of day over the last `k` days, for m = one day).
 */
import type { FittedModel, Forecaster } from "./model.js";
import { isNonNegative, residualQuantiles, withInterval } from "./interval.js";

function median(xs: number[]): number {
  xs.sort((a, b) => a - b);
  const h = xs.length >> 1;
  return xs.length % 2 === 1 ? xs[h]! : (xs[h - 1]! + xs[h]!) / 2;
}

/** The median of `values[end - k .. end - 1]`. */
function lastMedian(values: readonly number[], end: number, k: number): number {
  return median(values.slice(Math.max(0, end - k), end) as number[]);
}

/** The median of the values `m`, `2m` … `k·m` steps before `t` (those that exist before `end`). */
function phaseMedian(values: readonly number[], end: number, t: number, m: number, k: number): number {
  const xs: number[] = [];
  // The most recent `k` seasons at t's phase that lie before `end`.
  let s = t - m * Math.ceil((t - end + 1) / m);
  for (; xs.length < k && s >= 0; s -= m) xs.push(values[s]!);
  return median(xs);
}

/** Forecasts a flat line at the median of the last `k` values. */
export function windowMedian(k: number): Forecaster {
  // Like exponential smoothing with α ≈ 2 / (k + 1): the same error growth with the horizon.
  const alpha = 2 / (k + 1);
  return {
    name: `median(last ${k})`,
    minLength: k + 1,
    fit(values: readonly number[]): FittedModel {
      const n = values.length;
      const oneStep = values.map((_, t) => (t >= k ? lastMedian(values, t, k) : NaN));
      const q = residualQuantiles(values, oneStep);
      const level = lastMedian(values, n, k);
      const nonNegative = isNonNegative(values);
      return {
        oneStep,
        forecast: (horizon) => withInterval(new Array<number>(horizon).fill(level), q, (h) => Math.sqrt(1 + (h - 1) * alpha * alpha), nonNegative),
      };
    },
    pointForecasts(values, origins, horizon) {
      return origins.map((origin) => new Array<number>(horizon).fill(lastMedian(values, origin, k)));
    },
  };
}

/** Forecasts each step as the median of the same phase over the last `k` seasons of `m` steps. */
export function seasonalMedian(m: number, k: number): Forecaster {
  return {
    name: `seasonal-median(m=${m},k=${k})`,
    minLength: m * k + 1,
    season: m,
    fit(values: readonly number[]): FittedModel {
      const n = values.length;
      const oneStep = values.map((_, t) => (t >= m * k ? phaseMedian(values, t, t, m, k) : NaN));
      const q = residualQuantiles(values, oneStep);
      const nonNegative = isNonNegative(values);
      return {
        oneStep,
        // The forecast of step h uses the same k values for every h within one season, so its
        // error does not grow with h until the season repeats: √⌈h/m⌉, as seasonal naive's.
        forecast: (horizon) => withInterval(Array.from({ length: horizon }, (_, i) => phaseMedian(values, n, n + i, m, k)), q, (h) => Math.sqrt(Math.ceil(h / m)), nonNegative),
      };
    },
    pointForecasts(values, origins, horizon) {
      return origins.map((origin) => Array.from({ length: horizon }, (_, i) => phaseMedian(values, origin, origin + i, m, k)));
    },
  };
}
