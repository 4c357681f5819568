/** The AppModel: the data contract between declaring and placing an app. */
export * from "./app-model.js";
export { toModel } from "./to-model.js";
export { parseCpu, parseBytes, formatCpu, formatBytes, GIB } from "./quantity.js";
export { RESOURCE_DEFAULTS, WORKLOAD_DEFAULT_REQUESTS, CPU_LIMIT_FACTOR } from "./defaults.js";
