/**
 * `forecastSeries()`: the one forecaster skyweave uses (in `rightsize` and in
 * `bench/forecast.ts`). It detects the series' season, builds the candidates — seasonal
 * naive, Holt-Winters at the detected and the daily season, exponential smoothing, a
 * damped-trend Holt, seasonal naive averaged with exponential smoothing, and the medians of
 * recent values and of the same phase in recent seasons (robust to spikes) — and keeps the
 * one with the lowest error in a rolling-origin backtest
 * at the requested horizon, then refits it on the series. Both look at the last
 * `HISTORY_DAYS` days of a longer series only (see `history.ts`).
 */
import { pointForecastError, rollingOrigins } from "./backtest.js";
import { combination } from "./combination.js";
import { recentHistory } from "./history.js";
import { holtWinters } from "./holt-winters.js";
import { seasonalMedian, windowMedian } from "./median.js";
import type { FittedModel, Forecast, Forecaster } from "./model.js";
import { seasonalNaive } from "./seasonal-naive.js";
import { detectSeason } from "./seasonality.js";

/** Options of `forecastSeries()` and `candidateForecasters()`. */
export interface SelectOptions {
  /** Seconds between values (to know how many steps make a day). */
  readonly stepSeconds: number;
  /** Backtest origins used to choose (default: enough to cover the last five days, 4 to 200). */
  readonly folds?: number;
  /** Whether the median forecasters are candidates (default true; the benchmark turns them off to measure what they add). */
  readonly medians?: boolean;
}

/** The most backtest origins a selection uses. */
const MAX_FOLDS = 200;

/** The steps in one day at `stepSeconds`, when a day is a whole number of steps. */
export function stepsPerDay(stepSeconds: number): number | undefined {
  const steps = 86_400 / stepSeconds;
  return Number.isInteger(steps) && steps >= 2 ? steps : undefined;
}

/** The candidate forecasters for a series, simplest first (ties go to the simpler one). */
export function candidateForecasters(values: readonly number[], options: SelectOptions): Forecaster[] {
  const day = stepsPerDay(options.stepSeconds);
  const seasons = new Set<number>();
  const calendar = [3600, 86_400, 604_800].map((s) => s / options.stepSeconds).filter((p) => Number.isInteger(p) && p >= 3);
  const detected = detectSeason(values, { snapTo: calendar });
  if (detected !== undefined) seasons.add(detected);
  if (day !== undefined && values.length >= 3 * day) seasons.add(day);
  const candidates: Forecaster[] = [seasonalNaive(1)];
  for (const m of seasons) candidates.push(seasonalNaive(m));
  for (const alpha of [0.02, 0.1, 0.3, 0.7]) candidates.push(holtWinters({ alpha }));
  candidates.push(holtWinters({ alpha: 0.3, beta: 0.01, phi: 0.9 }));
  for (const m of seasons) {
    for (const alpha of [0.05, 0.3]) for (const gamma of [0.05, 0.2]) candidates.push(holtWinters({ alpha, m, gamma }));
  }
  for (const m of seasons) candidates.push(combination(seasonalNaive(m), holtWinters({ alpha: 0.1 })));
  if (options.medians !== false) {
    for (const k of [6, 36, 144]) candidates.push(windowMedian(k));
    for (const m of seasons) for (const k of [3, 7]) candidates.push(seasonalMedian(m, k));
  }
  return candidates.filter((c) => c.minLength <= values.length);
}

/** The model chosen for a series and why. */
export interface Selection {
  readonly forecaster: Forecaster;
  /** Backtest mean absolute error of every candidate, by name, in candidate order. */
  readonly scores: ReadonlyArray<{ name: string; mae: number }>;
}

/** Chooses the candidate with the lowest backtest error at `horizon` steps, on the series' recent history (`recentHistory`). */
export function selectForecaster(series: readonly number[], horizon: number, options: SelectOptions): Selection {
  const values = recentHistory(series, options.stepSeconds);
  const candidates = candidateForecasters(values, options);
  if (candidates.length === 0) throw new RangeError(`a series of ${values.length} values is too short to forecast`);
  const minTrain = candidates.reduce((m, c) => Math.min(m, c.minLength), Infinity);
  const stride = Math.max(1, Math.ceil(horizon / 2));
  // Enough origins to see the last five days (or `folds`), each scored on its whole horizon.
  const days = 5 * (stepsPerDay(options.stepSeconds) ?? 288);
  const folds = options.folds ?? Math.min(MAX_FOLDS, Math.max(4, Math.ceil(days / stride)));
  const origins = rollingOrigins(values.length, horizon, folds, stride, minTrain);
  if (origins.length === 0) return { forecaster: candidates[0]!, scores: [] };
  const scores = candidates.map((c) => {
    const usable = origins.filter((o) => o >= c.minLength);
    return { name: c.name, mae: usable.length === 0 ? Infinity : pointForecastError(values, usable, c.pointForecasts(values, usable, horizon)) };
  });
  let best = 0;
  scores.forEach((s, i) => {
    if (s.mae < scores[best]!.mae - 1e-12) best = i;
  });
  return { forecaster: candidates[best]!, scores };
}

/** A forecast with the model that made it. */
export interface SeriesForecast extends Forecast {
  /** The chosen model's name. */
  readonly model: string;
  /** The chosen model's season in steps, if it has one. */
  readonly season?: number;
  /** The chosen model, fitted to the series' recent history (all of a series up to `HISTORY_DAYS` days long). */
  readonly fitted: FittedModel;
}

/** Forecasts the next `horizon` steps of `values` with the model chosen by backtest, from the series' recent history. */
export function forecastSeries(series: readonly number[], horizon: number, options: SelectOptions): SeriesForecast {
  const values = recentHistory(series, options.stepSeconds);
  const { forecaster } = selectForecaster(values, horizon, options);
  const fitted = forecaster.fit(values);
  return { model: forecaster.name, ...(forecaster.season !== undefined ? { season: forecaster.season } : {}), fitted, ...fitted.forecast(horizon) };
}
