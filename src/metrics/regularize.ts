/**
 * Puts raw samples on a regular grid. Real exports have gaps, repeated timestamps and
 * daylight-saving jumps (local time recorded as if it were UTC): a run of rows sharing one
 * timestamp right after a gap as long as the run is moved back into that gap, in file order
 * (the rows were taken every step; only their stamps are wrong); other repeats are averaged;
 * slots left empty are filled by linear interpolation and marked as filled.
 */
import { InputError } from "../errors.js";
import type { RawSample, RegularSeries } from "./series.js";

/** The sampling step: the median of the positive differences between sorted timestamps. */
export function detectStep(samples: readonly RawSample[]): number {
  const diffs: number[] = [];
  for (let i = 1; i < samples.length; i++) {
    const d = samples[i]!.t - samples[i - 1]!.t;
    if (d > 0) diffs.push(d);
  }
  if (diffs.length === 0) return 0;
  diffs.sort((a, b) => a - b);
  return Math.round(diffs[Math.floor(diffs.length / 2)]!);
}

/** Samples on a regular grid. Needs at least two distinct timestamps. */
export function regularize(raw: readonly RawSample[], source: string): RegularSeries {
  // Exports are nearly always in order already: check before sorting half a million rows.
  const ordered = raw.every((s, i) => i === 0 || raw[i - 1]!.t < s.t || (raw[i - 1]!.t === s.t && raw[i - 1]!.line < s.line));
  const samples = ordered ? raw : [...raw].sort((a, b) => a.t - b.t || a.line - b.line);
  const step = detectStep(samples);
  if (samples.length <= 1) throw new InputError(`${samples.length === 0 ? "no samples" : "only one sample"}: cannot tell the sampling step`, { where: source, fix: "export a longer time range: rightsize needs at least an hour of samples, and a day or more for replica bounds and a schedule." });
  if (step <= 0) throw new InputError("every row has the same timestamp: cannot tell the sampling step", { where: source, fix: "export at least two distinct timestamps." });
  const start = samples[0]!.t;
  const slotOf = (t: number): number => Math.round((t - start) / step);
  const length = slotOf(samples[samples.length - 1]!.t) + 1;
  if (length > 5_000_000) throw new InputError(`the series would span ${length} steps of ${step} s`, { where: source, fix: "split the export, or check for a stray timestamp far from the others." });
  const sum = new Float64Array(length);
  const count = new Uint32Array(length);
  let repeated = 0;
  let respread = 0;
  let previous = -1;
  for (let i = 0; i < samples.length; ) {
    const slot = slotOf(samples[i]!.t);
    let j = i;
    while (j < samples.length && slotOf(samples[j]!.t) === slot) j++;
    const run = j - i;
    repeated += run - 1;
    const gap = slot - previous - 1;
    if (run > 1 && gap >= run - 1 && gap <= run + 1) {
      // A DST-like jump: spread the run over the slots ending at `slot`.
      for (let k = 0; k < run; k++) {
        const s = slot - (run - 1) + k;
        sum[s] = samples[i + k]!.value;
        count[s] = 1;
      }
      respread += run - 1;
    } else {
      for (let k = i; k < j; k++) sum[slot] = sum[slot]! + samples[k]!.value;
      count[slot] = count[slot]! + run;
    }
    previous = slot;
    i = j;
  }
  const values = new Array<number>(length);
  const filled = new Array<boolean>(length).fill(false);
  let lastKnown = -1;
  let filledCount = 0;
  for (let s = 0; s < length; s++) {
    if (count[s]! === 0) continue;
    values[s] = sum[s]! / count[s]!;
    if (lastKnown >= 0 && s - lastKnown > 1) {
      const a = values[lastKnown]!;
      const b = values[s]!;
      for (let g = lastKnown + 1; g < s; g++) {
        values[g] = a + ((b - a) * (g - lastKnown)) / (s - lastKnown);
        filled[g] = true;
        filledCount++;
      }
    }
    lastKnown = s;
  }
  return { source, start, stepSeconds: step, values, filled, quirks: { repeatedTimestamps: repeated, respread, filled: filledCount } };
}
