/** Seasonal naive: the next steps repeat the last season (m = 1 is plain naive). The baseline every other model must beat. */
import type { FittedModel, Forecaster } from "./model.js";
import { isNonNegative, residualQuantiles, withInterval } from "./interval.js";

/** A seasonal naive forecaster with season length `m` steps. */
export function seasonalNaive(m: number): Forecaster {
  return {
    name: m === 1 ? "naive" : `seasonal-naive(m=${m})`,
    minLength: m + 1,
    fit(values: readonly number[]): FittedModel {
      const n = values.length;
      const oneStep = values.map((_, t) => (t >= m ? values[t - m]! : NaN));
      const q = residualQuantiles(values, oneStep);
      const nonNegative = isNonNegative(values);
      return {
        oneStep,
        forecast(horizon: number) {
          const mean = Array.from({ length: horizon }, (_, i) => values[n - m + (i % m)]!);
          return withInterval(mean, q, (h) => Math.sqrt(Math.ceil(h / m)), nonNegative);
        },
      };
    },
  };
}
