/**
 * Anomalies: values far outside the one-step forecast interval of the series' own model.
 * A point is flagged when its residual lies beyond the 80 % residual band by more than
 * `fence` times the band's width (Tukey's fences, on the 10th/90th percentiles). Flagged
 * points next to each other (within `mergeSteps`) form one event.
 */
import type { FittedModel, Forecaster, RobustBand } from "./model.js";
import { residualQuantiles } from "./interval.js";

/** A run of anomalous points. */
export interface AnomalyEvent {
  /** Index of the first flagged value. */
  readonly from: number;
  /** Index of the last flagged value. */
  readonly to: number;
  /** The value furthest from its forecast. */
  readonly worst: number;
  /** What the model expected there. */
  readonly expected: number;
}

/** Options of `findAnomalies()`. */
export interface AnomalyOptions {
  /** Band widths beyond the 80 % band that make an anomaly. Default 1.5. */
  readonly fence?: number;
  /** Flags this many steps apart or closer belong to one event. Default 6. */
  readonly mergeSteps?: number;
}

/** What `findAnomalies()` found, and the model refitted without the anomalies. */
export interface Anomalies {
  /** True per anomalous value. */
  readonly flags: boolean[];
  readonly events: AnomalyEvent[];
  /** The forecaster refitted on the series with the first pass's anomalies replaced. */
  readonly fitted: FittedModel;
}

/**
 * Finds anomalies in two passes: the model fitted to the raw series gives the band of normal
 * one-step errors; a robust refit ignores values outside it (so a spike does not drag the
 * level and season and echo a season later); values outside the band of the robust fit's
 * predictions are the anomalies. Its band comes from the raw fit, so the robust fit's own
 * (smaller) errors do not narrow it.
 */
export function findAnomalies(values: readonly number[], forecaster: Forecaster, options: AnomalyOptions = {}): Anomalies {
  const band = anomalyBand(values, forecaster.fit(values), options);
  const fitted = forecaster.fit(values, band);
  return { ...flagAgainst(values, fitted, band, options.mergeSteps), fitted };
}

/** The band of one-step errors outside which a value is anomalous: the 80 % residual band widened by `fence` widths. */
export function anomalyBand(values: readonly number[], fitted: FittedModel, options: AnomalyOptions = {}): RobustBand {
  const { q10, q90 } = residualQuantiles(values, fitted.oneStep);
  const width = Math.max(q90 - q10, 1e-12);
  const fence = options.fence ?? 1.5;
  return { lo: q10 - fence * width, hi: q90 + fence * width };
}

/** Flags per value (true = anomalous: one-step error outside `band`) and the events they form. */
export function flagAgainst(values: readonly number[], fitted: FittedModel, band: RobustBand, mergeSteps = 6): { flags: boolean[]; events: AnomalyEvent[] } {
  const { lo, hi } = band;
  const flags = values.map((v, t) => {
    const p = fitted.oneStep[t]!;
    return !Number.isNaN(p) && (v - p < lo || v - p > hi);
  });
  const events: AnomalyEvent[] = [];
  const merge = mergeSteps;
  let current: { from: number; to: number; worst: number; expected: number; distance: number } | undefined;
  flags.forEach((flag, t) => {
    if (!flag) return;
    const distance = Math.abs(values[t]! - fitted.oneStep[t]!);
    if (current && t - current.to <= merge) {
      current.to = t;
      if (distance > current.distance) Object.assign(current, { worst: values[t]!, expected: fitted.oneStep[t]!, distance });
      return;
    }
    if (current) events.push({ from: current.from, to: current.to, worst: current.worst, expected: current.expected });
    current = { from: t, to: t, worst: values[t]!, expected: fitted.oneStep[t]!, distance };
  });
  if (current) events.push({ from: current.from, to: current.to, worst: current.worst, expected: current.expected });
  return { flags, events };
}

/** `values` with every flagged point replaced by its one-step forecast, so a spike does not drive a recommendation. */
export function withoutAnomalies(values: readonly number[], fitted: FittedModel, flags: readonly boolean[]): number[] {
  return values.map((v, t) => (flags[t] ? Math.max(0, fitted.oneStep[t]!) : v));
}
