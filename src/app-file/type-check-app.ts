/**
 * `typeCheckApp()`: type-checks a TypeScript app file, and the files of the user's it imports,
 * against skyweave's own typings, as `tsc --noEmit --strict` would. A file set that checked
 * clean is remembered by the hash of its contents (with skyweave's and TypeScript's versions),
 * so an unchanged app is not checked again: the first synth pays about two seconds, the next
 * ones nothing.
 */
import { createHash } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { Project, ts, type SourceFile } from "ts-morph";

const here = path.dirname(fileURLToPath(import.meta.url));
const packageRoot = path.resolve(here, "../..");

/** Extensions that are type-checked (JavaScript apps are run as they are). */
const TYPESCRIPT_EXTENSIONS = new Set([".ts", ".mts", ".cts"]);

/** At most this many errors are listed. */
const MAX_ERRORS = 20;

/** The typings `import … from "skyweave"` resolves to: the built declarations, else the sources. */
export function libraryTypes(): string {
  const built = path.join(packageRoot, "dist/index.d.ts");
  return existsSync(built) ? built : path.join(packageRoot, "src/index.ts");
}

/**
 * The compiler options an app is checked with. `@types/node` is used from the app's project
 * when it has it, else from skyweave's own; without either, Node's globals are unknown.
 */
export function appCompilerOptions(appFile: string): ts.CompilerOptions {
  const nodeTypes = [createRequire(path.resolve(appFile)), createRequire(import.meta.url)]
    .map((req) => {
      try {
        return path.dirname(path.dirname(req.resolve("@types/node/package.json")));
      } catch {
        return undefined;
      }
    })
    .find((dir) => dir !== undefined);
  return {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    resolveJsonModule: true,
    esModuleInterop: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2023.d.ts"],
    types: nodeTypes === undefined ? [] : ["node"],
    ...(nodeTypes === undefined ? {} : { typeRoots: [nodeTypes] }),
    paths: { skyweave: [libraryTypes()] },
  };
}

/** What a type check found. */
export interface TypeCheckResult {
  /** Each error as `file:line:column: message`; empty when the files check clean. */
  readonly errors: string[];
  /** True when some of them are syntax errors (the file does not even parse). */
  readonly syntax: boolean;
}

const CLEAN: TypeCheckResult = { errors: [], syntax: false };

/**
 * Type errors of `file` and of the user's files it imports (none for JavaScript files).
 * @example
 * const { errors } = await typeCheckApp("examples/shop/app.ts"); // []
 */
export async function typeCheckApp(file: string): Promise<TypeCheckResult> {
  const absolute = path.resolve(file);
  if (!TYPESCRIPT_EXTENSIONS.has(path.extname(absolute))) return CLEAN;
  const options = appCompilerOptions(absolute);
  const cache = cacheFile(absolute);
  if (await cachedClean(cache, options)) return CLEAN;

  const project = projectFor(options);
  const root = project.getSourceFile(absolute) ?? project.addSourceFileAtPath(absolute);
  project.resolveSourceFileDependencies();
  const program = project.getProgram().compilerObject;
  const reached = reachable(root);
  const own = program.getSourceFiles().filter((sf) => reached.has(path.resolve(sf.fileName)) && isUsersFile(sf.fileName));
  const isError = (d: ts.Diagnostic): boolean => d.category === ts.DiagnosticCategory.Error;
  const syntactic = own.flatMap((sf) => program.getSyntacticDiagnostics(sf)).filter(isError);
  const diagnostics = [...program.getOptionsDiagnostics(), ...syntactic, ...own.flatMap((sf) => program.getSemanticDiagnostics(sf))];
  const errors = diagnostics.filter(isError).map(formatDiagnostic);
  if (errors.length === 0) {
    await remember(cache, options, own.map((sf) => path.resolve(sf.fileName)));
    return CLEAN;
  }
  return { errors: errors.length > MAX_ERRORS ? [...errors.slice(0, MAX_ERRORS), `… and ${errors.length - MAX_ERRORS} more`] : errors, syntax: syntactic.length > 0 };
}

/**
 * One ts-morph Project per set of options, kept for the process: TypeScript's lib files and
 * skyweave's typings are parsed once, and each check rebuilds the program from the files that
 * changed (the user's files are re-read from disk every time). ts-morph supplies the lib files
 * from its own copy of the compiler.
 */
const projects = new Map<string, Project>();

function projectFor(options: ts.CompilerOptions): Project {
  const key = JSON.stringify(options);
  let project = projects.get(key);
  if (project === undefined) {
    project = new Project({ compilerOptions: options, skipAddingFilesFromTsConfig: true });
    projects.set(key, project);
  }
  for (const sf of project.getSourceFiles()) if (isUsersFile(sf.getFilePath())) sf.refreshFromFileSystemSync();
  return project;
}

/** The files `root` imports, directly or through others (the project holds other apps' files too). */
function reachable(root: SourceFile): Set<string> {
  const seen = new Set<string>([path.resolve(root.getFilePath())]);
  const queue = [root];
  for (let sf = queue.pop(); sf !== undefined; sf = queue.pop()) {
    for (const next of sf.getReferencedSourceFiles()) {
      const file = path.resolve(next.getFilePath());
      if (seen.has(file) || !isUsersFile(file)) continue;
      seen.add(file);
      queue.push(next);
    }
  }
  return seen;
}

/** A file the user wrote: not a declaration file, not in node_modules, not skyweave's own source. */
function isUsersFile(fileName: string): boolean {
  const absolute = path.resolve(fileName);
  if (fileName.endsWith(".d.ts") || absolute.split(path.sep).includes("node_modules")) return false;
  const rel = path.relative(packageRoot, absolute);
  const inLibrary = !rel.startsWith("..") && !path.isAbsolute(rel) && (rel.startsWith(`src${path.sep}`) || rel.startsWith(`dist${path.sep}`));
  return !inLibrary;
}

function formatDiagnostic(d: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n  ");
  if (d.file === undefined || d.start === undefined) return message;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${shown(d.file.fileName)}:${line + 1}:${character + 1}: ${message}`;
}

/** A path for messages: relative to the working directory when inside it. */
function shown(file: string): string {
  const rel = path.relative(process.cwd(), path.resolve(file));
  return rel.startsWith("..") || path.isAbsolute(rel) ? path.resolve(file) : rel;
}

/** The record of the last clean check of one app: `node_modules/.cache/skyweave/` near it, else the temp dir. */
function cacheFile(absolute: string): string {
  let dir = path.dirname(absolute);
  for (;;) {
    if (existsSync(path.join(dir, "node_modules"))) break;
    const up = path.dirname(dir);
    if (up === dir) {
      dir = "";
      break;
    }
    dir = up;
  }
  const root = dir === "" ? path.join(os.tmpdir(), `skyweave-cache-${os.userInfo().uid}`) : path.join(dir, "node_modules", ".cache", "skyweave");
  return path.join(root, "type-check", `${sha256(absolute).slice(0, 32)}.json`);
}

interface CleanRecord {
  readonly key: string;
  readonly files: string[];
}

/** What a check depends on besides the files: TypeScript, skyweave's typings, the options. */
function environmentKey(options: ts.CompilerOptions): string {
  const typings = libraryTypes();
  const stat = statSync(typings, { throwIfNoEntry: false });
  return JSON.stringify([ts.version, typings, stat?.size, stat?.mtimeMs, options]);
}

async function digest(options: ts.CompilerOptions, files: readonly string[]): Promise<string | undefined> {
  const hash = createHash("sha256").update(environmentKey(options));
  for (const file of [...files].sort()) {
    const text = await readFile(file).catch(() => undefined);
    if (text === undefined) return undefined;
    hash.update(`\0${file}\0`).update(sha256(text));
  }
  return hash.digest("hex");
}

async function cachedClean(cache: string, options: ts.CompilerOptions): Promise<boolean> {
  const text = await readFile(cache, "utf8").catch(() => undefined);
  if (text === undefined) return false;
  try {
    const record = JSON.parse(text) as CleanRecord;
    return Array.isArray(record.files) && typeof record.key === "string" && (await digest(options, record.files)) === record.key;
  } catch {
    return false;
  }
}

/** Remembers a clean check; a cache that cannot be written only costs the next check. */
async function remember(cache: string, options: ts.CompilerOptions, files: string[]): Promise<void> {
  const key = await digest(options, files);
  if (key === undefined) return;
  const temp = `${cache}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(cache), { recursive: true });
    await writeFile(temp, JSON.stringify({ key, files } satisfies CleanRecord));
    await rename(temp, cache);
  } catch {
    // read-only or full: checking again next time is the only cost
  }
}

function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
