/**
 * `importCompose()`: compose.yaml → slots (with a warning for every key that does not carry
 * over) → the same renderer, type-check, synth check and atomic write as `gen`.
 */
import { readFile } from "node:fs/promises";
import * as path from "node:path";
import { InputError } from "../errors.js";
import { composeToSlots } from "./compose/compose-to-slots.js";
import type { ImportWarning } from "./compose/import-warning.js";
import { describeSlots } from "./describe-slots.js";
import type { AppSlots } from "./slots.js";
import { writeRenderedApp, type WrittenApp } from "./write-rendered-app.js";

/** Options of `importCompose()`. */
export interface ImportOptions {
  /** The app.ts to write (default `app.ts`); an existing file is never overwritten. */
  readonly out?: string;
  /** Stop after mapping: print what was understood and the warnings. */
  readonly dryRun?: boolean;
  readonly progress?: (line: string) => void;
  /** Receives each warning as it is known (before anything is written). */
  readonly warning?: (warning: ImportWarning) => void;
  readonly understood?: (text: string, slots: AppSlots) => void;
}

/** What `importCompose()` did. */
export interface ImportResult {
  readonly slots: AppSlots;
  readonly warnings: readonly ImportWarning[];
  readonly written?: WrittenApp;
}

/** Imports `composeFile` into a new app.ts. */
export async function importCompose(composeFile: string, options: ImportOptions = {}): Promise<ImportResult> {
  const out = options.out ?? "app.ts";
  const current = await readFile(out, "utf8").catch(() => undefined);
  if (current !== undefined && !options.dryRun) {
    throw new InputError("the file exists and import never overwrites a file", { where: out, fix: "pass --out <new file>, or move the existing one away." });
  }
  const imported = composeToSlots(composeFile);
  for (const w of imported.warnings) options.warning?.(w);
  options.understood?.(describeSlots(imported.slots), imported.slots);
  if (options.dryRun) return { slots: imported.slots, warnings: imported.warnings };
  const header = [`Imported by \`skyweave import\` from ${path.basename(composeFile)}.`, "Review it, fill in the TODOs, then: npx skyweave synth <this file>"];
  const written = await writeRenderedApp({ file: out, current: undefined, slots: imported.slots, header, notes: imported.notes, ...(options.progress ? { progress: options.progress } : {}) });
  return { slots: imported.slots, warnings: imported.warnings, written };
}
