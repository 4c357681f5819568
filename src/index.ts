/** skyweave: declare an app, place every part of it, emit Pulumi programs. The public API. */
export * from "./constructs/index.js";
export * from "./targets/index.js";
export * from "./model/index.js";
export * from "./solver/index.js";
export * from "./emit/index.js";
export * from "./policy/index.js";
export * from "./errors.js";
export * from "./pipeline/index.js";
export * from "./gen/index.js";
export * from "./metrics/index.js";
export * from "./forecast/index.js";
export * from "./rightsize/index.js";
