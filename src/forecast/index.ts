/** Forecasting: seasonal naive, Holt-Winters with season detection, 80 % intervals, backtest selection, anomalies. */
export * from "./model.js";
export * from "./quantile.js";
export * from "./interval.js";
export * from "./seasonal-naive.js";
export * from "./holt-winters.js";
export * from "./seasonality.js";
export * from "./history.js";
export * from "./backtest.js";
export * from "./select.js";
export * from "./anomalies.js";
export * from "./combination.js";
export * from "./median.js";
