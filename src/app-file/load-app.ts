/**
 * `loadApp()`: runs the user's `app.ts` with tsx and returns the `App` it default-exports.
 * Every failure becomes an `InputError` that says where (`file:line:column`, or the construct
 * path for a construct's validation error), what went wrong, and how to fix it.
 */
import { readFile, stat } from "node:fs/promises";
import { createRequire, findSourceMap, type SourceMapping } from "node:module";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { require as tsxRequire } from "tsx/cjs/api";
import { tsImport } from "tsx/esm/api";
import { App } from "../constructs/app.js";
import { InputError, SkyweaveError } from "../errors.js";

/** File extensions `loadApp()` accepts. */
export const APP_EXTENSIONS = [".ts", ".mts", ".js", ".mjs"] as const;

/** Options of `loadApp()`. */
export interface LoadAppOptions {
  /**
   * Import through TypeScript hooks registered for the whole thread (tsx's `register()`, as the
   * loader thread of `loadModel()` does),
   * sharing the modules the thread already has (skyweave itself), instead of evaluating the
   * app and everything it imports in a namespace of its own. For a thread that loads one app:
   * it is about 40 times faster, and the thread being new is what makes the run fresh.
   * @default false
   */
  readonly shared?: boolean;
}

/**
 * Imports `file` (TypeScript or JavaScript, ESM or CommonJS) and returns its default export,
 * which must be an `App`. Each call evaluates the file afresh, unless `shared` says the thread
 * is new.
 */
export async function loadApp(file: string, options: LoadAppOptions = {}): Promise<App> {
  const absolute = path.resolve(file);
  const shown = displayPath(file);
  const info = await stat(absolute).catch(() => undefined);
  if (info === undefined) {
    throw new InputError("no such file", { where: shown, fix: "check the path to your app.ts (it is relative to the current directory)." });
  }
  if (!info.isFile()) {
    throw new InputError("not a file (it is a directory or a device)", { where: shown, fix: "pass the path of your app.ts, not of its directory." });
  }
  if (!(APP_EXTENSIONS as readonly string[]).includes(path.extname(absolute))) {
    throw new InputError(`not a TypeScript or JavaScript file (expected ${APP_EXTENSIONS.join(", ")})`, {
      where: shown,
      fix: "pass the app.ts that declares your app and default-exports it.",
    });
  }

  let exports: Record<string, unknown>;
  try {
    // A CommonJS app runs through tsx's require hook, whose source maps keep the app's own
    // line numbers in stack traces; loaded from ESM it would run from a data: URL without them.
    const commonJs = await isCommonJs(absolute);
    if (options.shared === true) {
      exports = commonJs ? { default: createRequire(absolute)(absolute) as unknown } : ((await import(pathToFileURL(absolute).href)) as Record<string, unknown>);
    } else {
      exports = commonJs
        ? { default: tsxRequire(absolute, import.meta.url) as unknown }
        : ((await tsImport(pathToFileURL(absolute).href, import.meta.url)) as Record<string, unknown>);
    }
  } catch (error) {
    throw toInputError(error, absolute, shown);
  }

  // An app.ts outside an ES-module package runs as CommonJS: its default export arrives
  // wrapped in the module's exports object, which esbuild marks `__esModule`.
  const cjs = exports.default as Record<string, unknown> | undefined;
  const app = cjs !== null && typeof cjs === "object" && cjs.__esModule === true ? cjs.default : exports.default;
  if (app === undefined) {
    throw new InputError("the app file has no default export", { where: shown, fix: "end app.ts with `export default app;`" });
  }
  if (!App.isApp(app)) {
    throw new InputError(`the default export is ${describe(app)}, not an App`, {
      where: shown,
      fix: 'default-export the App: `const app = new App("my-app"); ... export default app;`',
    });
  }
  return app;
}

/** Turns anything thrown while compiling or running the app into an `InputError`. */
function toInputError(error: unknown, absolute: string, shown: string): SkyweaveError {
  if (SkyweaveError.is(error)) {
    // A construct's own error names its construct path; add the line of app.ts that made it.
    const frame = frameIn(error.stack, absolute);
    if (frame === undefined) return error;
    const at = `${shown}:${frame.line}:${frame.column}`;
    return new SkyweaveError(error.message, error.exitCode, { where: error.where ? `${error.where} (${at})` : at, fix: error.fix, cause: error });
  }
  const syntax = syntaxError(error);
  if (syntax !== undefined) {
    const at = path.resolve(syntax.file) === absolute ? shown : displayPath(syntax.file);
    const where = `${at}:${syntax.line}:${syntax.column}`;
    return new InputError(`syntax error: ${syntax.text}`, { where, fix: "fix the syntax at that line of your app.", cause: error });
  }
  const specifier = missingModule(error);
  if (specifier !== undefined) {
    // ESM reports a relative import resolved to an absolute path: show it as the app wrote it.
    const local = path.isAbsolute(specifier) ? path.relative(path.dirname(absolute), specifier) : undefined;
    const missing = local === undefined ? specifier : local.startsWith("..") ? specifier : `./${local.split(path.sep).join("/")}`;
    return new InputError(`cannot find module ${JSON.stringify(missing)}`, {
      where: shown,
      fix: missing.startsWith(".") || path.isAbsolute(missing)
        ? `check the import path (relative imports resolve from ${path.dirname(shown)}/ and name the file's extension, e.g. "./parts.js").`
        : `install it where your app is (\`npm install ${packageName(missing)}\`), or check the spelling of the import.`,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : `a non-Error value was thrown: ${describe(error)}`;
  const frame = error instanceof Error ? frameIn(error.stack, absolute) : undefined;
  const where = frame === undefined ? shown : `${shown}:${frame.line}:${frame.column}`;
  const fix = frame === undefined ? "fix the error in your app." : "fix the error at that line in your app.";
  return new InputError(message, { where, fix, cause: error });
}

/**
 * True when Node runs `file` as CommonJS: `.cts`/`.cjs`, or `.ts`/`.js` in a package whose
 * nearest package.json does not say `"type": "module"` (Node's own rule).
 */
async function isCommonJs(file: string): Promise<boolean> {
  const ext = path.extname(file);
  if (ext === ".cts" || ext === ".cjs") return true;
  if (ext === ".mts" || ext === ".mjs") return false;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const text = await readFile(path.join(dir, "package.json"), "utf8").catch(() => undefined);
    if (text !== undefined) {
      try {
        return (JSON.parse(text) as { type?: unknown }).type !== "module";
      } catch {
        return true; // Node itself fails on such a package.json; CommonJS is its default
      }
    }
    if (path.dirname(dir) === dir) return true;
  }
}

/**
 * The specifier of a module that could not be found, from Node's `MODULE_NOT_FOUND` (require:
 * "Cannot find module './x'\nRequire stack: …", whose stack names tsx's loader URL) or
 * `ERR_MODULE_NOT_FOUND` (import: "Cannot find module '/abs/x' imported from …").
 */
function missingModule(error: unknown): string | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if ((code !== "MODULE_NOT_FOUND" && code !== "ERR_MODULE_NOT_FOUND") || typeof message !== "string") return undefined;
  const match = /^Cannot find (?:module|package) '([^']+)'/.exec(message);
  return match?.[1];
}

/** `@scope/pkg/sub` → `@scope/pkg`; `pkg/sub` → `pkg`. */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly text: string;
}

/**
 * The location of an esbuild syntax error. esbuild's `TransformError` carries
 * `errors[0].location`; when it crossed tsx's loader thread only the message survives
 * (`Transform failed with 1 error:\n<file>:<line>:<column>: ERROR: <text>`), so parse that.
 */
function syntaxError(error: unknown): Location | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { errors, message } = error as { errors?: unknown; message?: unknown };
  if (Array.isArray(errors) && errors.length > 0) {
    const first = errors[0] as { text?: string; location?: { file?: string; line?: number; column?: number } | null };
    const loc = first.location;
    if (loc?.file !== undefined && loc.line !== undefined && loc.column !== undefined && first.text !== undefined) {
      // esbuild columns are 0-based; editors and Node's stack traces count from 1.
      return { file: loc.file, line: loc.line, column: loc.column + 1, text: first.text };
    }
  }
  if (typeof message !== "string" || !message.startsWith("Transform failed")) return undefined;
  const match = /^(.+):(\d+):(\d+): ERROR: (.*)$/m.exec(message);
  if (match === null) return undefined;
  return { file: match[1]!, line: Number(match[2]), column: Number(match[3]) + 1, text: match[4]! };
}

/**
 * The first stack frame inside `absolute`, as 1-based line and column in the source the user
 * wrote. Node maps frames through tsx's source maps itself unless something (a test runner,
 * `source-map-support`) replaced `Error.prepareStackTrace`; an unmapped frame still names the
 * module's URL with tsx's `?tsx-namespace=` query, so map those here.
 */
function frameIn(stack: string | undefined, absolute: string): { line: number; column: number } | undefined {
  for (const raw of (stack ?? "").split("\n")) {
    const text = raw.trim();
    if (!text.startsWith("at ")) continue;
    const open = text.lastIndexOf("(");
    const location = open >= 0 && text.endsWith(")") ? text.slice(open + 1, -1) : text.replace(/^at (async )?/, "");
    const match = /^(.*):(\d+):(\d+)$/.exec(location);
    if (match === null) continue;
    const url = match[1]!;
    const bare = url.split("?")[0]!;
    const file = bare.startsWith("file://") ? fileURLToPath(bare) : bare;
    if (!path.isAbsolute(file) || path.resolve(file) !== absolute) continue;
    const line = Number(match[2]);
    const column = Number(match[3]);
    const entry = url.includes("?") ? (findSourceMap(url)?.findEntry(line - 1, column - 1) as Partial<SourceMapping> | undefined) : undefined;
    if (entry?.originalLine !== undefined && entry.originalColumn !== undefined) return { line: entry.originalLine + 1, column: entry.originalColumn + 1 };
    return { line, column };
  }
  return undefined;
}

/** A short description of a value for messages: its type and, for objects, its class. */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "function") return `a function${value.name ? ` (${value.name})` : ""}`;
  if (typeof value === "object") {
    const name = (value as object).constructor?.name;
    return name && name !== "Object" ? `an instance of ${name}` : "a plain object";
  }
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** A path for messages: as typed when relative, else relative to cwd when inside it, else absolute. */
function displayPath(file: string): string {
  if (!path.isAbsolute(file)) return path.normalize(file);
  const rel = path.relative(process.cwd(), file);
  return rel === "" || rel.startsWith("..") || path.isAbsolute(rel) ? file : rel;
}
