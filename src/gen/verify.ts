/**
 * Proves a rendered app.ts before it is written: type-checked in memory against skyweave's own
 * typings (one TypeScript program for any number of files), then run through the pipeline's
 * `check()` (load → toModel → place → emit and the policy checks `skyweave synth` runs), writing
 * nothing under stacks/. So gen and import never write an
 * app that synth refuses.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Project, ts } from "ts-morph";
import { InputError, PolicyError, SkyweaveError } from "../errors.js";
import { withSibling } from "../app-file/index.js";
import { check } from "../pipeline/index.js";
import { formatFindings } from "../policy/format-findings.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const packageRoot = path.resolve(here, "../..");

/** The typings `import … from "skyweave"` resolves to while checking: dist when built, else src. */
function libraryTypes(): string {
  const built = path.join(packageRoot, "dist/index.d.ts");
  return existsSync(built) ? built : path.join(packageRoot, "src/index.ts");
}

/** A file to check: its path (relative imports resolve from it) and its text. */
export interface FileToCheck {
  readonly file: string;
  readonly text: string;
}

/** Type errors per file, as `file:line:column: message`; an empty list means it compiles. */
export function typeCheck(files: readonly FileToCheck[]): Map<string, string[]> {
  const project = new Project({
    skipAddingFilesFromTsConfig: true,
    compilerOptions: {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ["lib.es2023.d.ts"],
      types: ["node"],
      typeRoots: [path.join(packageRoot, "node_modules/@types")],
      paths: { skyweave: [libraryTypes()] },
    },
  });
  const byPath = new Map<string, string>();
  for (const f of files) {
    const sf = project.createSourceFile(path.resolve(f.file), f.text, { overwrite: true });
    byPath.set(sf.getFilePath(), f.file);
  }
  const errors = new Map<string, string[]>(files.map((f) => [f.file, []]));
  for (const d of project.getPreEmitDiagnostics()) {
    const shown = byPath.get(d.getSourceFile()?.getFilePath() ?? "");
    if (shown === undefined) continue; // only the checked files' own errors matter here
    const sf = d.getSourceFile()!;
    const { line, column } = sf.getLineAndColumnAtPos(d.getStart() ?? 0);
    const message = ts.flattenDiagnosticMessageText(d.getMessageText() as string | ts.DiagnosticMessageChain, "\n");
    errors.get(shown)!.push(`${shown}:${line}:${column}: ${message}`);
  }
  return errors;
}

/** Throws an InputError listing the type errors of `file`, if any. */
export function assertCompiles(file: string, text: string): void {
  const errors = typeCheck([{ file, text }]).get(file) ?? [];
  if (errors.length > 0) {
    throw new InputError(`the generated app does not type-check (nothing was written):\n${errors.map((e) => `  - ${e}`).join("\n")}`, {
      where: file,
      fix: "fix the errors above in your existing code, or report a bug if they are in the generated lines.",
    });
  }
}

/** What a successful synth check found. */
export interface SynthCheck {
  readonly app: string;
  readonly parts: number;
  readonly files: number;
}

/**
 * Runs `text`, as if saved at `file`, through load → toModel → place → emit and the policy
 * checks synth runs (`checkStack`); findings are a PolicyError (exit 3) listing each one with its
 * construct path, rule and fix, as synth reports them. The copy it runs
 * sits beside `file` (so the user's relative imports resolve) and is removed afterwards; its
 * `"skyweave"` import points at this very library, so a file outside a project with skyweave
 * installed checks too.
 */
export async function synthCheck(file: string, text: string, timeLimitSeconds = 5): Promise<SynthCheck> {
  // The compiled library when there is one, as the app's own `import "skyweave"` would get: the
  // loader thread has it loaded already (from the sources, each check would load them afresh).
  const built = path.join(packageRoot, "dist/index.js");
  const library = pathToFileURL(existsSync(built) ? built : path.join(here, "../index.js")).href;
  const rewritten = text.replace(/(from\s+)(["'])skyweave\2/g, (_m, from: string, q: string) => `${from}${q}${library}${q}`);
  return withSibling(file, rewritten, "check", async (copy) => {
    try {
      const { model, files, findings } = await check(copy, { timeLimit: timeLimitSeconds, load: { typeCheck: false } }); // type-checked already, in memory
      if (findings.length > 0) {
        const count = `${findings.length} policy finding${findings.length === 1 ? "" : "s"}`;
        throw new PolicyError(`the generated app would be refused by \`skyweave synth\` (nothing was written): ${count}:\n${formatFindings(findings)}`, findings, {
          where: file,
          fix: "apply each finding's fix in your existing code (docs/policy.md lists every rule), or report a skyweave bug if it is in the generated lines.",
        });
      }
      return { app: model.app, parts: model.workloads.length + model.resources.length, files: files.size };
    } catch (error) {
      if (error instanceof PolicyError || !SkyweaveError.is(error)) throw error;
      const rename = (s: string | undefined) => s?.split(copy).join(file).split(path.relative(process.cwd(), copy)).join(file);
      throw new SkyweaveError(`the generated app does not synth (nothing was written): ${rename(error.message)}`, error.exitCode, { where: rename(error.where), fix: error.fix, cause: error });
    }
  });
}
