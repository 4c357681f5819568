/** Percentiles by linear interpolation between order statistics (type 7, as R and NumPy by default). */

/** The `p`-quantile (0 ≤ p ≤ 1) of values already sorted ascending; NaN when empty. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (h - lo);
}

/**
 * `values` without NaN, sorted ascending. A typed array sorts numerically without a
 * comparator call per comparison, which matters for the long series (a year of 1-minute
 * samples is 525,600 values) whose residuals every fit sorts.
 */
export function sortedNumbers(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) out[n++] = v;
  }
  return out.subarray(0, n).sort();
}

/** The `p`-quantile of `values` (any order), ignoring NaN. */
export function quantile(values: ArrayLike<number>, p: number): number {
  return quantileSorted(sortedNumbers(values), p);
}
