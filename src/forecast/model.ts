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
  /** Fits the model to `values` (a regular series without gaps). */
  fit(values: readonly number[]): FittedModel;
}
