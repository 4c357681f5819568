/** Right-sizing: recommendations from metrics, the predictive schedule, and writing them into app.ts. */
export * from "./recommend.js";
export * from "./schedule.js";
export * from "./scaling.js";
export * from "./edit-app.js";
export * from "./rightsize.js";
export * from "./format.js";
export * from "./implausible.js";
