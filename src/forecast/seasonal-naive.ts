/** Seasonal naive: the next steps repeat the last season (m = 1 is plain naive). The baseline every other model must beat. */
import type { FittedModel, Forecaster, RobustBand } from "./model.js";
import { isNonNegative, residualQuantiles, withInterval } from "./interval.js";

/** A seasonal naive forecaster with season length `m` steps. */
export function seasonalNaive(m: number): Forecaster {
  return {
    name: m === 1 ? "naive" : `seasonal-naive(m=${m})`,
    minLength: m + 1,
    ...(m > 1 ? { season: m } : {}),
    fit(values: readonly number[], robust?: RobustBand): FittedModel {
      const n = values.length;
      // With a robust band, an outlier is remembered as its prediction (up to `accept` in a row).
      const seen = [...values];
      const oneStep = values.map((_, t) => (t >= m ? seen[t - m]! : NaN));
      let rejected = 0;
      if (robust !== undefined) {
        for (let t = m; t < n; t++) {
          oneStep[t] = seen[t - m]!;
          const e = values[t]! - oneStep[t]!;
          if (e >= robust.lo && e <= robust.hi) rejected = 0;
          else if (++rejected < (robust.accept ?? 6)) seen[t] = oneStep[t]!;
          else rejected = 0;
        }
      }
      const q = residualQuantiles(values, oneStep);
      const nonNegative = isNonNegative(values);
      return {
        oneStep,
        forecast(horizon: number) {
          const mean = Array.from({ length: horizon }, (_, i) => seen[n - m + (i % m)]!);
          return withInterval(mean, q, (h) => Math.sqrt(Math.ceil(h / m)), nonNegative);
        },
      };
    },
    pointForecasts(values, origins, horizon) {
      return origins.map((origin) => Array.from({ length: horizon }, (_, i) => values[origin - m + (i % m)]!));
    },
  };
}
