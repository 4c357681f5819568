/** `skyweave import`: compose.yaml → app.ts, through `importCompose()`. */
import { importCompose, type ImportOptions, type ImportResult } from "../../gen/import-compose.js";

/** Runs `importCompose()` for the CLI. */
export async function importFile(composeFile: string, options: ImportOptions): Promise<ImportResult> {
  return importCompose(composeFile, options);
}
