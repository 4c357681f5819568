/**
 * Additive Holt-Winters (ETS(A,Ad,A) in error-correction form), with the trend and the season
 * optional: without both it is simple exponential smoothing. Each step:
 *
 *   ŷ = ℓ + φb + s[t mod m]      e = y − ŷ
 *   ℓ ← ℓ + φb + αe      b ← φb + βe      s[t mod m] ← s[t mod m] + γe
 *
 * The h-step forecast is ℓ + (φ + … + φ^h)b + s[(n+h−1) mod m]; its error grows by
 * c_h² = 1 + Σ_{j<h} (α + βΣ_{i≤j}φ^i + γ·[m divides j])² (Hyndman et al., Forecasting
 * with Exponential Smoothing, ch. 6).
 */
import type { FittedModel, Forecaster } from "./model.js";
import { isNonNegative, residualQuantiles, withInterval } from "./interval.js";

/** Settings of a Holt-Winters forecaster. */
export interface HoltWintersParams {
  /** Level smoothing, 0 < α ≤ 1. */
  readonly alpha: number;
  /** Trend smoothing (0 = no trend). */
  readonly beta?: number;
  /** Trend damping 0 < φ ≤ 1 (default 0.9). */
  readonly phi?: number;
  /** Season length in steps; 1 or absent = no season. */
  readonly m?: number;
  /** Season smoothing. */
  readonly gamma?: number;
}

/** The short name of a parameter set, for reports. */
function nameOf(p: HoltWintersParams): string {
  const parts = [`a=${p.alpha}`];
  if ((p.beta ?? 0) > 0) parts.push(`b=${p.beta}`, `phi=${p.phi ?? 0.9}`);
  if ((p.m ?? 1) > 1) parts.unshift(`m=${p.m}`), parts.push(`g=${p.gamma ?? 0}`);
  return `${(p.m ?? 1) > 1 ? "holt-winters" : (p.beta ?? 0) > 0 ? "holt" : "exp-smoothing"}(${parts.join(",")})`;
}

/** A Holt-Winters forecaster with fixed parameters. */
export function holtWinters(params: HoltWintersParams): Forecaster {
  const m = Math.max(1, params.m ?? 1);
  const alpha = params.alpha;
  const beta = params.beta ?? 0;
  const phi = beta > 0 ? (params.phi ?? 0.9) : 1;
  const gamma = m > 1 ? (params.gamma ?? 0) : 0;
  return {
    name: nameOf(params),
    minLength: m > 1 ? 2 * m : 2,
    fit(values: readonly number[]): FittedModel {
      const n = values.length;
      const season = new Float64Array(m);
      let level: number;
      if (m > 1) {
        const seasons = Math.min(2, Math.floor(n / m));
        const means: number[] = [];
        for (let k = 0; k < seasons; k++) {
          let sum = 0;
          for (let i = 0; i < m; i++) sum += values[k * m + i]!;
          means.push(sum / m);
        }
        for (let i = 0; i < m; i++) {
          let sum = 0;
          for (let k = 0; k < seasons; k++) sum += values[k * m + i]! - means[k]!;
          season[i] = sum / seasons;
        }
        level = means[0]!;
      } else {
        level = values[0]!;
      }
      let trend = 0;
      const oneStep = new Array<number>(n);
      for (let t = 0; t < n; t++) {
        const s = t % m;
        const predicted = level + phi * trend + season[s]!;
        oneStep[t] = predicted;
        const e = values[t]! - predicted;
        level = level + phi * trend + alpha * e;
        trend = phi * trend + beta * e;
        season[s] = season[s]! + gamma * e;
      }
      const q = residualQuantiles(values, oneStep);
      const nonNegative = isNonNegative(values);
      return {
        oneStep,
        forecast(horizon: number) {
          const mean: number[] = [];
          const growth: number[] = [];
          let damp = 0; // φ + … + φ^h
          let variance = 1;
          for (let h = 1; h <= horizon; h++) {
            damp += phi ** h;
            mean.push(level + damp * trend + season[(n + h - 1) % m]!);
            growth.push(Math.sqrt(variance));
            const c = alpha + beta * damp + (m > 1 && h % m === 0 ? gamma : 0);
            variance += c * c;
          }
          return withInterval(mean, q, (h) => growth[h - 1]!, nonNegative);
        },
      };
    },
  };
}
