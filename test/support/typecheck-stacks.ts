/**
 * Type-checks emitted Pulumi programs against the real `@pulumi/*` typings with `tsc --noEmit`,
 * many stacks in one compiler run (a run takes seconds; do it once per test run).
 *
 * The stacks' own compiler options are used (from their tsconfig.json); stacks whose options
 * differ are checked in one run per distinct set of options. The generated tsconfig lives in a
 * temporary directory inside the repository, so `@types/node` and `@pulumi/*` resolve from the
 * repository's node_modules, and is deleted afterwards.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/** One compiler diagnostic. */
export interface TypeDiagnostic {
  /** Absolute path of the file, or undefined for a global diagnostic (options, missing types). */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** `TS2322` etc. */
  readonly code: string;
  readonly category: "error" | "warning" | "message";
  /** The message, with continuation lines. */
  readonly message: string;
}

/** The result of `typecheckStacks()`. */
export interface TypecheckResult {
  /** Every diagnostic, in the compiler's order. */
  readonly diagnostics: TypeDiagnostic[];
  /** Diagnostics per stack directory (every given directory has an entry; global ones go to every stack of the run). */
  readonly byStack: ReadonlyMap<string, TypeDiagnostic[]>;
  /** The source files that were checked. */
  readonly files: string[];
  /** Number of tsc runs (one per distinct set of compiler options). */
  readonly runs: number;
  /** Wall-clock milliseconds of all runs. */
  readonly ms: number;
  /** The compiler's raw output, for a failure message. */
  readonly output: string;
}

/** Options of `typecheckStacks()`. */
export interface TypecheckOptions {
  /** Where the temporary tsconfig directory goes. Default: `<repo>/test`. Must be inside the repository. */
  readonly tmpParent?: string;
  /** Kill tsc and fail after this many milliseconds. Default 120 000. */
  readonly timeoutMs?: number;
}

/** The repository root (where node_modules is). */
export const REPO_ROOT = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));

/**
 * The program's source files of a stack: the `files` of its tsconfig.json, plus `index.ts`
 * and every `k8s-*.ts` / `aws-*.ts` module next to it (so a module the tsconfig forgot is
 * still checked).
 */
export function stackSourceFiles(stackDir: string): string[] {
  const dir = path.resolve(stackDir);
  const listed = readStackTsconfig(dir).files ?? [];
  const modules = readdirSync(dir).filter((f) => f === "index.ts" || /^(k8s|aws)-.+\.ts$/.test(f));
  return [...new Set([...listed, ...modules].map((f) => path.resolve(dir, f)))].sort();
}

interface StackTsconfig {
  compilerOptions?: Record<string, unknown>;
  files?: string[];
}

function readStackTsconfig(dir: string): StackTsconfig {
  const file = path.join(dir, "tsconfig.json");
  if (!existsSync(file)) throw new Error(`${file} does not exist: not an emitted stack`);
  return JSON.parse(readFileSync(file, "utf8")) as StackTsconfig;
}

/** The stack's compiler options, without the ones that only matter for emitting. */
function checkOptions(dir: string): Record<string, unknown> {
  const { outDir: _outDir, rootDir: _rootDir, sourceMap: _sourceMap, declaration: _declaration, ...options } = readStackTsconfig(dir).compilerOptions ?? {};
  return options;
}

// `path(line,col): error TS1234: message` (with --pretty false), or `error TS1234: message`.
const LOCATED = /^(.+)\((\d+),(\d+)\): (error|warning|message) (TS\d+): (.*)$/;
const GLOBAL = /^(error|warning|message) (TS\d+): (.*)$/;

/** Parses `tsc --pretty false` output into diagnostics. */
export function parseTscOutput(output: string, cwd: string): TypeDiagnostic[] {
  const diagnostics: { -readonly [K in keyof TypeDiagnostic]: TypeDiagnostic[K] }[] = [];
  for (const line of output.split(/\r?\n/)) {
    const located = LOCATED.exec(line);
    const global = located ? null : GLOBAL.exec(line);
    if (located) {
      diagnostics.push({
        file: path.resolve(cwd, located[1]!),
        line: Number(located[2]),
        column: Number(located[3]),
        category: located[4] as TypeDiagnostic["category"],
        code: located[5]!,
        message: located[6]!,
      });
    } else if (global) {
      diagnostics.push({ category: global[1] as TypeDiagnostic["category"], code: global[2]!, message: global[3]! });
    } else if (line.trim() !== "" && diagnostics.length > 0) {
      diagnostics[diagnostics.length - 1]!.message += `\n${line}`;
    }
  }
  return diagnostics;
}

/** One diagnostic as a line, the way tsc prints it. */
export function formatDiagnostic(d: TypeDiagnostic): string {
  const where = d.file === undefined ? "" : `${path.relative(REPO_ROOT, d.file)}(${d.line},${d.column}): `;
  return `${where}${d.category} ${d.code}: ${d.message}`;
}

/** Type-checks the given stack directories with as few `tsc --noEmit` runs as their options allow (usually one). */
export async function typecheckStacks(stackDirs: readonly string[], options: TypecheckOptions = {}): Promise<TypecheckResult> {
  const dirs = [...new Set(stackDirs.map((d) => path.resolve(d)))];
  const groups = new Map<string, string[]>();
  for (const dir of dirs) {
    const key = JSON.stringify(checkOptions(dir), Object.keys(checkOptions(dir)).sort());
    groups.set(key, [...(groups.get(key) ?? []), dir]);
  }
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const tmp = mkdtempSync(path.join(options.tmpParent ?? path.join(REPO_ROOT, "test"), ".tmp-tsc-"));
  const started = performance.now();
  const diagnostics: TypeDiagnostic[] = [];
  const byStack = new Map<string, TypeDiagnostic[]>(dirs.map((d) => [d, []]));
  const files: string[] = [];
  let output = "";
  try {
    let run = 0;
    for (const groupDirs of groups.values()) {
      const groupFiles = groupDirs.flatMap(stackSourceFiles);
      files.push(...groupFiles);
      const tsconfig = path.join(tmp, `tsconfig.${run++}.json`);
      writeFileSync(tsconfig, `${JSON.stringify({ compilerOptions: { ...checkOptions(groupDirs[0]!), noEmit: true }, files: groupFiles }, null, 2)}\n`);
      const { code, text } = await runTsc(tsc, ["--noEmit", "--pretty", "false", "-p", tsconfig], tmp, options.timeoutMs ?? 120_000);
      output += text;
      const found = parseTscOutput(text, tmp);
      // A failed run must never read as a clean one.
      if (code !== 0 && found.length === 0) found.push({ category: "error", code: "TSC", message: `tsc exited with ${code}: ${text.trim()}` });
      diagnostics.push(...found);
      for (const d of found) {
        const owners = d.file === undefined ? groupDirs : groupDirs.filter((dir) => d.file!.startsWith(dir + path.sep));
        // A diagnostic in a dependency (node_modules) belongs to every stack of the run.
        for (const owner of owners.length > 0 ? owners : groupDirs) byStack.get(owner)!.push(d);
      }
    }
    return { diagnostics, byStack, files, runs: groups.size, ms: Math.round(performance.now() - started), output };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function runTsc(tsc: string, args: string[], cwd: string, timeoutMs: number): Promise<{ code: number | null; text: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`typecheckStacks: tsc did not finish within ${timeoutMs / 1000} s (killed). Output so far:\n${text}`));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      // tsc exits 1 or 2 when it found errors; anything else without diagnostics is a crash.
      if (code !== 0 && code !== 1 && code !== 2) reject(new Error(`typecheckStacks: tsc exited with ${code}:\n${text}`));
      else resolve({ code, text });
    });
  });
}
