/** The user's app file: loading it (isolated, time-limited, type-checked) into its model, and writing it safely. */
export { loadApp, APP_EXTENSIONS } from "./load-app.js";
export { loadModel, loadAppModel, DEFAULT_LOAD_TIME_LIMIT_SECONDS, LOAD_MEMORY_LIMIT_MIB, type LoadedApp, type LoadModelOptions } from "./load-model.js";
export type { DeclaredProps } from "./loader-protocol.js";
export { withSibling } from "./sibling.js";
export { assertWritableFile, writeFileAtomic } from "./write-file-atomic.js";
export { typeCheckApp, type TypeCheckResult } from "./type-check-app.js";
