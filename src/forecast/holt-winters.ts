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
import type { FittedModel, Forecaster, RobustBand } from "./model.js";
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

/** The smoothing state after some values: level, trend and the season (indexed by t mod m). */
interface State {
  level: number;
  trend: number;
  readonly season: Float64Array;
  /** How many values it has seen. */
  t: number;
  /** Outliers in a row just ignored (robust fits). */
  rejected: number;
}

/** A Holt-Winters forecaster with fixed parameters. */
export function holtWinters(params: HoltWintersParams): Forecaster {
  const m = Math.max(1, params.m ?? 1);
  const alpha = params.alpha;
  const beta = params.beta ?? 0;
  const phi = beta > 0 ? (params.phi ?? 0.9) : 1;
  const gamma = m > 1 ? (params.gamma ?? 0) : 0;

  /** The state before the first value: level and season from the first (up to) two seasons. */
  const initial = (values: readonly number[]): State => {
    const season = new Float64Array(m);
    if (m === 1) return { level: values[0]!, trend: 0, season, t: 0, rejected: 0 };
    const seasons = Math.min(2, Math.floor(values.length / m));
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
    return { level: means[0]!, trend: 0, season, t: 0, rejected: 0 };
  };
  /** Takes in one value; returns what the state predicted for it. */
  const update = (s: State, y: number, robust?: RobustBand): number => {
    const i = s.t % m;
    const predicted = s.level + phi * s.trend + s.season[i]!;
    let e = y - predicted;
    if (robust !== undefined && (e < robust.lo || e > robust.hi)) {
      s.rejected++;
      if (s.rejected < (robust.accept ?? 6)) e = 0;
      else s.rejected = 0;
    } else s.rejected = 0;
    s.level = s.level + phi * s.trend + alpha * e;
    s.trend = phi * s.trend + beta * e;
    s.season[i] = s.season[i]! + gamma * e;
    s.t++;
    return predicted;
  };
  /** Point forecasts from a state. */
  const project = (s: State, horizon: number): number[] => {
    const mean: number[] = [];
    let damp = 0;
    for (let h = 1; h <= horizon; h++) {
      damp += phi ** h;
      mean.push(s.level + damp * s.trend + s.season[(s.t + h - 1) % m]!);
    }
    return mean;
  };

  return {
    name: nameOf(params),
    minLength: m > 1 ? 2 * m : 2,
    ...(m > 1 ? { season: m } : {}),
    fit(values: readonly number[], robust?: RobustBand): FittedModel {
      const state = initial(values);
      const oneStep = values.map((y) => update(state, y, robust));
      const q = residualQuantiles(values, oneStep);
      const nonNegative = isNonNegative(values);
      return {
        oneStep,
        forecast(horizon: number) {
          const growth: number[] = [];
          let damp = 0;
          let variance = 1;
          for (let h = 1; h <= horizon; h++) {
            damp += phi ** h;
            growth.push(Math.sqrt(variance));
            const c = alpha + beta * damp + (m > 1 && h % m === 0 ? gamma : 0);
            variance += c * c;
          }
          return withInterval(project(state, horizon), q, (h) => growth[h - 1]!, nonNegative);
        },
      };
    },
    pointForecasts(values, origins, horizon) {
      const state = initial(values);
      let nonNegative = true;
      const out: number[][] = [];
      let next = 0;
      for (const origin of origins) {
        for (; next < origin; next++) {
          nonNegative &&= values[next]! >= 0;
          update(state, values[next]!);
        }
        const mean = project(state, horizon);
        out.push(nonNegative ? mean.map((v) => Math.max(0, v)) : mean);
      }
      return out;
    },
  };
}
