/**
 * The common back end of `gen` and `import`: render slots into the file, type-check, synth (with
 * the policy checks synth runs), and only then write it atomically.
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import { assertCompiles, synthCheck, type SynthCheck } from "./verify.js";
import { constructSpecs } from "./construct-specs.js";
import { render } from "./render.js";
import type { AppSlots } from "./slots.js";
import { assertWritableFile, writeFileAtomic } from "../app-file/index.js";

/** What to write. */
export interface RenderRequest {
  readonly file: string;
  /** The file's text when it exists (constructs are added to it). */
  readonly current: string | undefined;
  readonly slots: AppSlots;
  /** Comment lines at the top of a new file. */
  readonly header: readonly string[];
  /** TODO lines to write above a component, by id. */
  readonly notes?: ReadonlyMap<string, readonly string[]>;
  readonly progress?: (line: string) => void;
}

/** What was written, and what the synth check found. */
export interface WrittenApp {
  readonly file: string;
  readonly text: string;
  readonly synth: SynthCheck;
}

/** Renders the text only (no checks, nothing written). */
export function renderText(request: Omit<RenderRequest, "progress">): string {
  const specs = constructSpecs(request.slots, request.notes);
  return render({ file: request.file, ...(request.current === undefined ? {} : { text: request.current }) }, request.slots.app, specs, request.slots.connections, request.header).text;
}

/** Renders, checks and writes; throws (writing nothing) when the result does not compile, synth or pass the policy checks. */
export async function writeRenderedApp(request: RenderRequest): Promise<WrittenApp> {
  const progress = request.progress ?? (() => undefined);
  await assertWritableFile(request.file);
  const text = renderText(request);
  progress(`type-checking ${request.file}`);
  assertCompiles(request.file, text);
  progress(`synthesising ${request.file} in memory, with the policy checks synth runs`);
  const synth = await synthCheck(request.file, text);
  await writeFileAtomic(request.file, text, request.current);
  progress(`wrote ${request.file} (${synth.parts} parts; it synths to ${synth.files} files)`);
  if (!resolvesSkyweave(request.file)) progress(`note: "skyweave" is not installed where ${request.file} is; run \`npm install skyweave\` there before \`skyweave synth\`.`);
  return { file: request.file, text, synth };
}

/** True when `import "skyweave"` resolves from the file's folder (installed, or this package itself). */
function resolvesSkyweave(file: string): boolean {
  try {
    createRequire(path.resolve(file)).resolve("skyweave");
    return true;
  } catch {
    return false;
  }
}
