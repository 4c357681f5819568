/**
 * Forecast accuracy for the benchmark: a rolling-origin backtest of skyweave's forecaster
 * (model chosen afresh at every origin from the data before it) and of the seasonal-naive
 * baseline (daily season), on the same origins and horizon. MASE scales each one's mean
 * absolute error by the in-sample one-step MAE of daily seasonal naive on the data before the
 * first origin (Hyndman & Koehler 2006), so the two are directly comparable.
 */
import { forecastSeries, intervalCoverage, meanAbsoluteError, seasonalNaive, type BacktestFold } from "../src/forecast/index.js";

/** What one series scored at one horizon. */
export interface AccuracyResult {
  readonly horizon: number;
  readonly origins: number;
  readonly maseSkyweave: number;
  readonly maseSeasonalNaive: number;
  /** Share of actual values inside skyweave's 80 % interval. */
  readonly coverage: number;
  /** Model name → how often it was chosen. */
  readonly models: Map<string, number>;
  /** Mean milliseconds per forecast (selection + fit + forecast). */
  readonly msPerForecast: number;
}

/** Backtests one series at `horizon` steps from origins `stride` steps apart in the second half of the series (`medians`: whether the median forecasters are candidates). */
export function accuracy(values: readonly number[], stepSeconds: number, horizon: number, stride: number, medians = true): AccuracyResult {
  const day = Math.round(86_400 / stepSeconds);
  const first = Math.max(Math.floor(values.length / 2), 3 * day);
  const origins: number[] = [];
  for (let o = first; o + horizon <= values.length; o += stride) origins.push(o);
  const ours: BacktestFold[] = [];
  const naive: BacktestFold[] = [];
  const models = new Map<string, number>();
  const started = performance.now();
  for (const origin of origins) {
    const history = values.slice(0, origin);
    const actual = values.slice(origin, origin + horizon);
    const f = forecastSeries(history, horizon, { stepSeconds, medians });
    models.set(f.model, (models.get(f.model) ?? 0) + 1);
    ours.push({ origin, forecast: f, actual });
  }
  const ms = (performance.now() - started) / Math.max(1, origins.length);
  for (const origin of origins) {
    naive.push({ origin, forecast: seasonalNaive(day).fit(values.slice(0, origin)).forecast(horizon), actual: values.slice(origin, origin + horizon) });
  }
  let scale = 0;
  for (let t = day; t < first; t++) scale += Math.abs(values[t]! - values[t - day]!);
  scale /= first - day;
  return {
    horizon,
    origins: origins.length,
    maseSkyweave: meanAbsoluteError(ours) / scale,
    maseSeasonalNaive: meanAbsoluteError(naive) / scale,
    coverage: intervalCoverage(ours),
    models,
    msPerForecast: ms,
  };
}
