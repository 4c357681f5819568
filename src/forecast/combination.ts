/**
 * The average of two forecasters, a forecast combination: averaging a seasonal and a level
 * model is often better than either when the season is weak (the M competitions' lesson).
 * Its interval comes from the combination's own one-step residuals, widened like its wider part.
 */
import { isNonNegative, residualQuantiles, withInterval } from "./interval.js";
import type { FittedModel, Forecaster, RobustBand } from "./model.js";

/** A forecaster whose point forecasts are the mean of `a`'s and `b`'s. */
export function combination(a: Forecaster, b: Forecaster): Forecaster {
  return {
    name: `mean(${a.name}, ${b.name})`,
    minLength: Math.max(a.minLength, b.minLength),
    ...(a.season !== undefined || b.season !== undefined ? { season: Math.max(a.season ?? 0, b.season ?? 0) } : {}),
    fit(values: readonly number[], robust?: RobustBand): FittedModel {
      const fa = a.fit(values, robust);
      const fb = b.fit(values, robust);
      const oneStep = fa.oneStep.map((p, t) => (p + fb.oneStep[t]!) / 2);
      const q = residualQuantiles(values, oneStep);
      const nonNegative = isNonNegative(values);
      return {
        oneStep,
        forecast(horizon: number) {
          const ga = fa.forecast(horizon);
          const gb = fb.forecast(horizon);
          const mean = ga.mean.map((m, i) => (m + gb.mean[i]!) / 2);
          // Widen like the wider of the two: each part's half-width at h over its half-width at 1.
          const spread = (f: typeof ga, i: number) => f.upper[i]! - f.lower[i]!;
          const growth = (h: number) => Math.max(1, spread(ga, h - 1) / Math.max(spread(ga, 0), 1e-12), spread(gb, h - 1) / Math.max(spread(gb, 0), 1e-12));
          return withInterval(mean, q, growth, nonNegative);
        },
      };
    },
    pointForecasts(values, origins, horizon) {
      const pa = a.pointForecasts(values, origins, horizon);
      const pb = b.pointForecasts(values, origins, horizon);
      return pa.map((row, k) => row.map((v, i) => (v + pb[k]![i]!) / 2));
    },
  };
}
