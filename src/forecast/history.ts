/**
 * How much of a long series the forecaster looks at. A year of 1-minute samples is 525,600
 * values, and season detection costs values × lags (up to 2016 lags: a billion
 * multiply-adds) while each backtest candidate is another pass. Model choice and the
 * next day's forecast need only recent history: the backtest scores the last five days;
 * the season must repeat three times in the detection window (a week at 5-minute steps
 * needs three weeks); and exponential smoothing forgets old values anyway (what a daily
 * season smoothed at γ = 0.05 learnt more than 28 days back weighs (1 − 0.05)^28 ≈ 24 %,
 * at γ = 0.2 under 0.2 %, in the level far less). So the forecaster sees the last `HISTORY_DAYS` days — every value of
 * a shorter series — at its own step. We keep the step rather than averaging down to a
 * coarser one: averaging would lower the peaks the hourly floors are sized for. Percentiles
 * and anomalies still use the whole series (each is one linear pass).
 */

/** Days of recent history the forecaster chooses its model on and forecasts from. */
export const HISTORY_DAYS = 28;

/** The last `HISTORY_DAYS` days of `values` (`stepSeconds` apart), or all of them when the series is shorter. */
export function recentHistory(values: readonly number[], stepSeconds: number): readonly number[] {
  const keep = Math.ceil((HISTORY_DAYS * 86_400) / stepSeconds);
  return values.length > keep ? values.slice(values.length - keep) : values;
}
