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

/**
 * `out[t]` = the median of `values[t - k .. t - 1]`, for t = k … n (NaN before k): the same
 * numbers as `lastMedian` at each t, from one sorted window slid along the series (an
 * insertion and a removal per step, instead of sorting `k` values per step).
 */
function slidingMedians(values: readonly number[], k: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n + 1).fill(NaN);
  const window = new Float64Array(k);
  /** The first index in window[0..size-1] whose value is ≥ x. */
  const lowerBound = (x: number, size: number): number => {
    let lo = 0;
    let hi = size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (window[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let size = 0;
  for (let t = 0; t <= n; t++) {
    if (t >= k) {
      const h = k >> 1;
      out[t] = k % 2 === 1 ? window[h]! : (window[h - 1]! + window[h]!) / 2;
    }
    if (t === n) break;
    if (size === k) {
      // Drop values[t - k], the oldest.
      const at = lowerBound(values[t - k]!, size);
      window.copyWithin(at, at + 1, size);
      size--;
    }
    const x = values[t]!;
    const at = lowerBound(x, size);
    window.copyWithin(at + 1, at, size);
    window[at] = x;
    size++;
  }
  return out;
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
      const medians = slidingMedians(values, k);
      const oneStep = values.map((_, t) => medians[t]!);
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
