/** `skyweave gen`: prose → app.ts, through `generate()`. */
import { generate, type GenerateOptions, type GenerateResult } from "../../gen/generate.js";

/** Runs `generate()` for the CLI. */
export async function gen(prose: string, options: GenerateOptions): Promise<GenerateResult> {
  return generate(prose, options);
}
