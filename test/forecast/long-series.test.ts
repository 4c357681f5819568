/**
 * The forecaster on long series: the same answers as the straightforward definitions, in
 * time linear in the series (a year of 1-minute samples), looking at recent history only.
 */
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../support/prng.js";
import { autocorrelation, forecastSeries, HISTORY_DAYS, quantile, recentHistory, residualQuantiles, selectForecaster, windowMedian } from "../../src/forecast/index.js";

/** `n` 1-minute values with a daily cycle of `amplitude` around `level`, and noise. */
function daily(n: number, level: number, amplitude: number, seed = 1): number[] {
  const r = mulberry32(seed);
  return Array.from({ length: n }, (_, t) => level + amplitude * Math.sin((2 * Math.PI * (t % 1440)) / 1440) + 0.05 * r());
}

describe("long series", () => {
  it("autocorrelation gives exactly (bit for bit) the sums of its definition, one lag at a time", () => {
    const r = mulberry32(3);
    for (const n of [1, 2, 5, 9, 500]) {
      const values = Array.from({ length: n }, () => r());
      const mean = values.reduce((a, b) => a + b, 0) / n;
      const x = values.map((v) => v - mean);
      let d = 0;
      for (const v of x) d += v * v;
      const want = [1];
      for (let lag = 1; lag <= 13; lag++) {
        let sum = 0;
        for (let t = lag; t < n; t++) sum += x[t]! * x[t - lag]!;
        want.push(d === 0 ? 0 : sum / (n - lag) / (d / n));
      }
      expect(autocorrelation(values, 13)).toEqual(want);
    }
  });

  it("the window median's one-step fit is the median of the last k values at every step", () => {
    const r = mulberry32(5);
    const values = Array.from({ length: 400 }, () => Math.round(r() * 20)); // many ties
    for (const k of [1, 2, 6, 7, 36]) {
      const fitted = windowMedian(k).fit(values);
      values.forEach((_, t) => {
        if (t < k) return expect(fitted.oneStep[t]).toBeNaN();
        const xs = values.slice(t - k, t).sort((a, b) => a - b);
        const h = k >> 1;
        expect(fitted.oneStep[t], `k=${k} t=${t}`).toBe(k % 2 === 1 ? xs[h] : (xs[h - 1]! + xs[h]!) / 2);
      });
    }
  });

  it("quantiles of typed and plain arrays agree, and ignore NaN", () => {
    expect(quantile(Float64Array.from([4, NaN, 1, 3, 2]), 0.5)).toBe(2.5);
    expect(residualQuantiles([1, 2, 3, 4, 5, 6], [NaN, 1, 1, 1, 1, 1])).toEqual({ q10: quantile([1, 2, 3, 4, 5], 0.1), q90: quantile([1, 2, 3, 4, 5], 0.9) });
  });

  it(`keeps the last ${HISTORY_DAYS} days of a longer series, and all of a shorter one`, () => {
    const year = new Array<number>(365 * 1440).fill(1);
    expect(recentHistory(year, 60)).toHaveLength(HISTORY_DAYS * 1440);
    const short = new Array<number>(10 * 288).fill(1);
    expect(recentHistory(short, 300)).toBe(short);
  });

  it("forecasts a year of 1-minute values from its recent weeks, in linear time", () => {
    // 300 days at one level, then the last 65 days at a level four times as high.
    const values = [...daily(300 * 1440, 1, 0.5, 7), ...daily(65 * 1440, 4, 2, 8)];
    const started = performance.now();
    const selection = selectForecaster(values, 1440, { stepSeconds: 60 });
    const f = forecastSeries(values, 1440, { stepSeconds: 60 });
    const seconds = (performance.now() - started) / 1000;
    expect(selection.forecaster.season).toBe(1440);
    expect(f.season).toBe(1440);
    expect(f.mean).toHaveLength(1440);
    // It follows the recent level.
    const mean = f.mean.reduce((a, b) => a + b, 0) / f.mean.length;
    expect(mean).toBeGreaterThan(3.8);
    expect(mean).toBeLessThan(4.2);
    expect(seconds).toBeLessThan(10);
  }, 60_000);
});
