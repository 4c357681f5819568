/** Reading metrics: CSV and Prometheus JSON, regularized, and the config that maps them to workloads. */
export * from "./series.js";
export * from "./timestamps.js";
export * from "./sample-value.js";
export * from "./decode-text.js";
export * from "./parse-csv.js";
export * from "./parse-prometheus.js";
export * from "./regularize.js";
export * from "./read-series.js";
export * from "./config.js";
