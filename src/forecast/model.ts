/** What every forecaster shares: a fitted model gives point forecasts, an interval, and its one-step-ahead fit. */

/** A forecast of the next steps after the data a model was fitted on. */
export interface Forecast {
  /** Point forecasts, one per step ahead. */
  readonly mean: number[];
  /** Lower bound of the 80 % interval (the 10th percentile). */
  readonly lower: number[];
  /** Upper bound of the 80 % interval (the 90th percentile): the headroom to provision for. */
  readonly upper: number[];
}

/**
 * A robust fit: a value whose one-step error lies outside [lo, hi] is taken as its prediction
 * (an outlier must not drag the level or the season), unless `accept` such values come in a
 * row, which is a level shift that the model must follow.
 */
export interface RobustBand {
  readonly lo: number;
  readonly hi: number;
  /** Outliers in a row after which they are believed. Default 6. */
  readonly accept?: number;
}

/** A model fitted to a series. */
export interface FittedModel {
  /** The next `horizon` steps. */
  forecast(horizon: number): Forecast;
  /** In-sample one-step-ahead predictions: `oneStep[t]` predicts `values[t]` from the values before it (NaN where it cannot). */
  readonly oneStep: readonly number[];
}

/** A forecasting method with fixed settings, fitted per series. */
export interface Forecaster {
  /** A short name for reports, e.g. `holt-winters(m=288,a=0.2,g=0.1)`. */
  readonly name: string;
  /** The fewest values `fit()` needs. */
  readonly minLength: number;
  /** The season it repeats, in steps (undefined when it has none). */
  readonly season?: number;
  /** Fits the model to `values` (a regular series without gaps); with `robust`, outliers do not update it. */
  fit(values: readonly number[], robust?: RobustBand): FittedModel;
  /**
   * The point forecasts of `horizon` steps from each origin (ascending), as if fitted on
   * `values.slice(0, origin)`; one pass over the series, for backtests.
   */
  pointForecasts(values: readonly number[], origins: readonly number[], horizon: number): number[][];
}
