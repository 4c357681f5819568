/**
 * Rolling-origin backtests: fit on the values before each origin, forecast `horizon` steps,
 * compare with what happened. Used to choose a model per series and by the benchmark.
 */
import type { Forecast, Forecaster } from "./model.js";

/** The origins of a backtest: `count` cut points, `stride` steps apart, the last one `horizon` steps before the end. */
export function rollingOrigins(length: number, horizon: number, count: number, stride: number, minTrain: number): number[] {
  const origins: number[] = [];
  for (let k = 0; k < count; k++) {
    const origin = length - horizon - k * stride;
    if (origin < minTrain) break;
    origins.push(origin);
  }
  return origins.reverse();
}

/** One origin of a backtest: the forecast made there and the values that followed. */
export interface BacktestFold {
  /** Index of the first forecast step (the model saw `values[0..origin-1]`). */
  readonly origin: number;
  readonly forecast: Forecast;
  readonly actual: readonly number[];
}

/** Runs `forecaster` at each origin. */
export function backtest(forecaster: Forecaster, values: readonly number[], horizon: number, origins: readonly number[]): BacktestFold[] {
  return origins.map((origin) => ({
    origin,
    forecast: forecaster.fit(values.slice(0, origin)).forecast(horizon),
    actual: values.slice(origin, origin + horizon),
  }));
}

/** The mean absolute error of point forecasts made at `origins` (as `Forecaster.pointForecasts` returns them). */
export function pointForecastError(values: readonly number[], origins: readonly number[], forecasts: readonly (readonly number[])[]): number {
  let sum = 0;
  let count = 0;
  origins.forEach((origin, k) => {
    forecasts[k]!.forEach((f, i) => {
      if (origin + i >= values.length) return;
      sum += Math.abs(values[origin + i]! - f);
      count++;
    });
  });
  return count === 0 ? NaN : sum / count;
}

/** The mean absolute error over every step of every fold. */
export function meanAbsoluteError(folds: readonly BacktestFold[]): number {
  let sum = 0;
  let count = 0;
  for (const f of folds) {
    f.actual.forEach((a, i) => {
      sum += Math.abs(a - f.forecast.mean[i]!);
      count++;
    });
  }
  return count === 0 ? NaN : sum / count;
}

/** The share of actual values inside the 80 % interval (0..1). */
export function intervalCoverage(folds: readonly BacktestFold[]): number {
  let inside = 0;
  let count = 0;
  for (const f of folds) {
    f.actual.forEach((a, i) => {
      if (a >= f.forecast.lower[i]! && a <= f.forecast.upper[i]!) inside++;
      count++;
    });
  }
  return count === 0 ? NaN : inside / count;
}
