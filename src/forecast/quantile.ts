/** Percentiles by linear interpolation between order statistics (type 7, as R and NumPy by default). */

/** The `p`-quantile (0 ≤ p ≤ 1) of values already sorted ascending; NaN when empty. */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (h - lo);
}

/** The `p`-quantile of `values` (any order), ignoring NaN. */
export function quantile(values: readonly number[], p: number): number {
  return quantileSorted(
    values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b),
    p,
  );
}
