/** The pipeline as a library: one call from an app file to its stack. */
export { synth, check, type SynthOptions, type SynthResult, type CheckOptions } from "./synth.js";
