/**
 * Anomalies: values far outside the one-step forecast interval of the series' own model.
 * A point is flagged when its residual lies beyond the 80 % residual band by more than
 * `fence` times the band's width (Tukey's fences, on the 10th/90th percentiles). Flagged
 * points next to each other (within `mergeSteps`) form one event.
 */
import type { FittedModel } from "./model.js";
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

/** Flags per value (true = anomalous) and the events they form. */
export function findAnomalies(values: readonly number[], fitted: FittedModel, options: AnomalyOptions = {}): { flags: boolean[]; events: AnomalyEvent[] } {
  const { q10, q90 } = residualQuantiles(values, fitted.oneStep);
  const width = Math.max(q90 - q10, 1e-12);
  const fence = options.fence ?? 1.5;
  const lo = q10 - fence * width;
  const hi = q90 + fence * width;
  const flags = values.map((v, t) => {
    const p = fitted.oneStep[t]!;
    return !Number.isNaN(p) && (v - p < lo || v - p > hi);
  });
  const events: AnomalyEvent[] = [];
  const merge = options.mergeSteps ?? 6;
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
