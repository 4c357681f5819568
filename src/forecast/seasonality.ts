/**
 * Automatic season detection: the lag with the highest autocorrelation peak, when that peak
 * is strong enough to be a cycle rather than noise. Candidate lags run from 3 steps up to a
 * third of the series (a season must repeat at least three times to be told from a trend).
 */

/** Options of `detectSeason()`. */
export interface SeasonOptions {
  /** The longest season to look for, in steps. Default: a third of the series, at most 2016 (a week of 5-minute steps). */
  readonly maxLag?: number;
  /** The autocorrelation a peak needs. Default 0.3. */
  readonly minCorrelation?: number;
  /**
   * Calendar periods in steps (an hour, a day, a week): a peak within 2 % of one is taken to
   * be it, since a long season's autocorrelation is flat at the top and noise moves its peak.
   */
  readonly snapTo?: readonly number[];
}

/** The autocorrelation of `values` at lags 0..maxLag (each lag normalised by its own number of pairs). */
export function autocorrelation(values: readonly number[], maxLag: number): number[] {
  const n = values.length;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  // The products run n × maxLag times (28 days of 1-minute samples × 2016 lags: 8·10⁷), so
  // a typed array, and four lags per pass (`lagSums`).
  const x = Float64Array.from(values, (v) => v - mean);
  let denominator = 0;
  for (const v of x) denominator += v * v;
  const sums = lagSums(x, maxLag);
  const acf = [1];
  for (let lag = 1; lag <= maxLag; lag++) {
    // Each lag averages its own n − lag products, so long lags are not biased towards zero
    // (which would pull a long season's peak a step short).
    acf.push(denominator === 0 ? 0 : (sums[lag]! / (n - lag)) / (denominator / n));
  }
  return acf;
}

/**
 * `sums[lag]` = Σ_{t=lag}^{n−1} x[t]·x[t−lag] for lags 1..maxLag. Four lags share each pass
 * over the series, each in its own sum: the same additions in the same order as one lag at a
 * time (so the same bits), but four independent chains keep the processor busy.
 */
function lagSums(x: Float64Array, maxLag: number): Float64Array {
  const n = x.length;
  const sums = new Float64Array(maxLag + 1);
  let lag = 1;
  for (; lag + 3 <= maxLag; lag += 4) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    // The first three steps, where the longer lags have no pair yet.
    for (let t = lag; t < Math.min(lag + 3, n); t++) {
      const xt = x[t]!;
      s0 += xt * x[t - lag]!;
      if (t >= lag + 1) s1 += xt * x[t - lag - 1]!;
      if (t >= lag + 2) s2 += xt * x[t - lag - 2]!;
    }
    for (let t = lag + 3; t < n; t++) {
      const xt = x[t]!;
      s0 += xt * x[t - lag]!;
      s1 += xt * x[t - lag - 1]!;
      s2 += xt * x[t - lag - 2]!;
      s3 += xt * x[t - lag - 3]!;
    }
    sums[lag] = s0;
    sums[lag + 1] = s1;
    sums[lag + 2] = s2;
    sums[lag + 3] = s3;
  }
  for (; lag <= maxLag; lag++) {
    let sum = 0;
    for (let t = lag; t < n; t++) sum += x[t]! * x[t - lag]!;
    sums[lag] = sum;
  }
  return sums;
}

/** The detected season length in steps, or undefined when the series has no clear cycle. */
export function detectSeason(values: readonly number[], options: SeasonOptions = {}): number | undefined {
  const maxLag = Math.min(options.maxLag ?? 2016, Math.floor(values.length / 3));
  if (maxLag < 4) return undefined;
  const acf = autocorrelation(values, maxLag + 1);
  const threshold = options.minCorrelation ?? 0.3;
  let best: number | undefined;
  for (let lag = 3; lag <= maxLag; lag++) {
    const peak = acf[lag]! > acf[lag - 1]! && acf[lag]! >= acf[lag + 1]!;
    if (!peak || acf[lag]! < threshold) continue;
    // A peak must rise above the trough before it, or it is the slow decay of a trend.
    let trough = acf[lag]!;
    for (let k = lag - 1; k >= 1 && acf[k]! <= acf[k + 1]!; k--) trough = acf[k]!;
    if (acf[lag]! - trough < 0.1) continue;
    if (best === undefined || acf[lag]! > acf[best]! + 0.02) best = lag;
  }
  if (best === undefined) return undefined;
  const found = best;
  return options.snapTo?.find((p) => p <= maxLag && Math.abs(p - found) <= 0.02 * p) ?? found;
}
