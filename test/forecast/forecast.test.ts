import { describe, expect, it } from "vitest";
import { mulberry32 } from "../support/prng.js";
import {
  autocorrelation,
  backtest,
  detectSeason,
  findAnomalies,
  forecastSeries,
  holtWinters,
  intervalCoverage,
  meanAbsoluteError,
  quantile,
  rollingOrigins,
  seasonalMedian,
  seasonalNaive,
  selectForecaster,
  windowMedian,
  withoutAnomalies,
} from "../../src/forecast/index.js";

/** A sine of period `m` around 50, amplitude 20, with uniform noise of ±`noise`. */
function seasonal(n: number, m: number, noise: number, seed = 1): number[] {
  const r = mulberry32(seed);
  return Array.from({ length: n }, (_, t) => 50 + 20 * Math.sin((2 * Math.PI * t) / m) + noise * (2 * r() - 1));
}

describe("quantiles", () => {
  it("interpolates between order statistics", () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.9)).toBeCloseTo(4.6);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe("season detection", () => {
  it("finds the period of a noisy cycle", () => {
    expect(detectSeason(seasonal(2000, 48, 5))).toBe(48);
    expect(Math.abs(detectSeason(seasonal(3000, 288, 5))! - 288)).toBeLessThanOrEqual(2);
    // A long season's peak is flat; a calendar period close to it is taken as the season.
    expect(detectSeason(seasonal(3000, 288, 5), { snapTo: [12, 288] })).toBe(288);
  });

  it("finds none in white noise or a trend", () => {
    const r = mulberry32(7);
    expect(detectSeason(Array.from({ length: 2000 }, () => r()))).toBeUndefined();
    expect(detectSeason(Array.from({ length: 2000 }, (_, t) => t))).toBeUndefined();
  });

  it("autocorrelation is 1 at lag 0, -1 and 1 at lags 1 and 2 of an alternating series", () => {
    const acf = autocorrelation([1, -1, 1, -1, 1, -1, 1, -1], 2);
    expect(acf[0]).toBe(1);
    expect(acf[1]).toBeCloseTo(-1);
    expect(acf[2]).toBeCloseTo(1);
  });
});

describe("seasonal naive", () => {
  it("repeats the last season", () => {
    const fit = seasonalNaive(3).fit([1, 2, 3, 4, 5, 6]);
    expect(fit.forecast(5).mean).toEqual([4, 5, 6, 4, 5]);
  });
});

describe("median forecasters", () => {
  it("forecast the median of the last values, which a spike does not move", () => {
    const f = windowMedian(5).fit([10, 11, 9, 100, 10, 12]).forecast(3);
    expect(f.mean).toEqual([11, 11, 11]);
    expect(f.upper[0]!).toBeGreaterThanOrEqual(11);
  });

  it("forecast each step as the median of the same phase in the last k seasons", () => {
    // season of 3; the last three seasons at phase 0 are 1, 50 (a spike) and 3
    const values = [9, 9, 9, 1, 5, 7, 50, 6, 8, 3, 4, 9];
    expect(seasonalMedian(3, 3).fit(values).forecast(4).mean).toEqual([3, 5, 8, 3]);
  });
});

describe("Holt-Winters", () => {
  it("with α = 1 and no trend or season, is the naive forecast", () => {
    expect(holtWinters({ alpha: 1 }).fit([3, 8, 5]).forecast(2).mean).toEqual([5, 5]);
  });

  it("follows a linear trend", () => {
    const line = Array.from({ length: 200 }, (_, t) => 10 + 2 * t);
    const f = holtWinters({ alpha: 0.5, beta: 0.3, phi: 1 }).fit(line).forecast(3).mean;
    expect(f[0]).toBeCloseTo(410, 0);
    expect(f[2]).toBeCloseTo(414, 0);
  });

  it("beats seasonal naive on a noisy seasonal series, and its 80 % interval covers about 80 %", () => {
    const values = seasonal(24 * 48, 48, 8, 3);
    const origins = rollingOrigins(values.length, 48, 10, 24, 4 * 48);
    const hw = backtest(holtWinters({ alpha: 0.05, m: 48, gamma: 0.05 }), values, 48, origins);
    const naive = backtest(seasonalNaive(48), values, 48, origins);
    expect(meanAbsoluteError(hw)).toBeLessThan(0.8 * meanAbsoluteError(naive));
    expect(intervalCoverage(hw)).toBeGreaterThan(0.7);
    expect(intervalCoverage(hw)).toBeLessThan(0.92);
  });
});

describe("selection by backtest", () => {
  it("chooses a seasonal model for a seasonal series and returns the interval around the forecast", () => {
    const values = seasonal(14 * 48, 48, 4, 5);
    const { forecaster, scores } = selectForecaster(values, 12, { stepSeconds: 1800 });
    expect(forecaster.name).toMatch(/m=48/);
    expect(scores.length).toBeGreaterThan(3);
    const f = forecastSeries(values, 12, { stepSeconds: 1800 });
    for (let i = 0; i < 12; i++) {
      expect(f.lower[i]!).toBeLessThanOrEqual(f.mean[i]!);
      expect(f.upper[i]!).toBeGreaterThanOrEqual(f.mean[i]!);
    }
  });

  it("chooses a smoother for a level with noise and no cycle", () => {
    const r = mulberry32(11);
    const values = Array.from({ length: 2000 }, () => 30 + 10 * r());
    expect(selectForecaster(values, 12, { stepSeconds: 300 }).forecaster.name).toMatch(/^exp-smoothing\(a=0\.0[12]\)$/);
  });

  it("scores candidates in one pass exactly as refitting at every origin would", () => {
    const values = seasonal(600, 24, 5, 17);
    const origins = rollingOrigins(values.length, 12, 5, 6, 48);
    for (const f of [seasonalNaive(24), holtWinters({ alpha: 0.3, m: 24, gamma: 0.1 }), holtWinters({ alpha: 0.3, beta: 0.05 }), windowMedian(6), seasonalMedian(24, 3)]) {
      const onePass = f.pointForecasts(values, origins, 12);
      const refit = backtest(f, values, 12, origins).map((fold) => fold.forecast.mean);
      onePass.forEach((row, k) => row.forEach((v, i) => expect(v, f.name).toBeCloseTo(refit[k]![i]!, 9)));
    }
  });

  it("is deterministic", () => {
    const values = seasonal(1000, 24, 5, 9);
    expect(JSON.stringify(forecastSeries(values, 24, { stepSeconds: 3600 }))).toBe(JSON.stringify(forecastSeries(values, 24, { stepSeconds: 3600 })));
  });
});

describe("anomalies", () => {
  it("flags an injected spike and nothing else, and removes it from the series", () => {
    const values = seasonal(2000, 48, 2, 13);
    values[1500] = 400;
    const { flags, events, fitted } = findAnomalies(values, holtWinters({ alpha: 0.1, m: 48, gamma: 0.1 }));
    expect(events.some((e) => e.from <= 1500 && e.to >= 1500)).toBe(true);
    expect(flags.filter(Boolean).length).toBeLessThan(20);
    const clean = withoutAnomalies(values, fitted, flags);
    expect(Math.max(...clean)).toBeLessThan(100);
  });
});

describe("robust fits", () => {
  it("ignore a lone outlier but follow a level shift after a few values in a row", () => {
    const values = [...Array(100).fill(50), 500, ...Array(20).fill(50), ...Array(40).fill(100)].map((v, t) => v + (t % 2));
    const fitted = holtWinters({ alpha: 0.5 }).fit(values, { lo: -5, hi: 5, accept: 4 });
    expect(fitted.oneStep[102]).toBeLessThan(52); // the outlier at 100 did not move the level
    expect(fitted.forecast(1).mean[0]).toBeGreaterThan(95); // the shift at 121 was believed
  });
});
