/**
 * Reads a Compose file with the `yaml` package: the parsed data, plus a way to say where a key
 * is (`compose.yaml:12 services.db.ports[0]`) for warnings and errors. `${VAR}` and
 * `${VAR:-default}` are interpolated from the `.env` file beside it (never from the process
 * environment, so the result does not depend on who runs it).
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { InputError } from "../../errors.js";
import { jsonPath } from "../check-slots.js";

/** A parsed Compose file. */
export interface ComposeFile {
  readonly file: string;
  readonly dir: string;
  readonly data: Record<string, unknown>;
  /** Variables from `.env` beside the file. */
  readonly dotenv: ReadonlyMap<string, string>;
  /** `file:line path` for a path into the document. */
  where(path: readonly (string | number)[]): string;
}

/** Parses `KEY=VALUE` lines (comments, blank lines and `export ` prefixes allowed). */
export function parseEnvFile(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^export\s+/, "");
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const value = line.slice(eq + 1).trim().replace(/^(["'])(.*)\1$/, "$2");
    vars.set(line.slice(0, eq).trim(), value);
  }
  return vars;
}

/** Reads and parses `file`; a missing file or broken YAML is an InputError with file:line. */
export function readCompose(file: string): ComposeFile {
  if (!existsSync(file)) throw new InputError("no such file", { where: file, fix: "pass the path of your compose.yaml." });
  const text = readFileSync(file, "utf8");
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, uniqueKeys: false });
  const error = doc.errors[0];
  if (error !== undefined) {
    const pos = lineCounter.linePos(error.pos[0]);
    throw new InputError(`invalid YAML: ${error.message.split("\n")[0]}`, { where: `${file}:${pos.line}:${pos.col}`, fix: "fix the YAML syntax at that line." });
  }
  const data = doc.toJS() as unknown;
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new InputError("not a Compose file: the top level is not a mapping", { where: file, fix: "a Compose file starts with `services:`." });
  }
  const services = (data as Record<string, unknown>).services;
  if (services === null || typeof services !== "object" || Array.isArray(services) || Object.keys(services).length === 0) {
    throw new InputError("no services", { where: `${file} services`, fix: "list at least one service under `services:`." });
  }
  const dir = path.dirname(path.resolve(file));
  const dotenvFile = path.join(dir, ".env");
  const dotenv = existsSync(dotenvFile) ? parseEnvFile(readFileSync(dotenvFile, "utf8")) : new Map<string, string>();
  const where = (p: readonly (string | number)[]): string => {
    let node: unknown = doc.contents;
    let found: unknown = undefined;
    for (const key of p) {
      if (isMap(node)) node = node.get(key, true);
      else if (isSeq(node) && typeof key === "number") node = node.get(key, true);
      else break;
      if (node !== undefined) found = node;
    }
    const range = (found as { range?: [number, number, number] } | undefined)?.range ?? (isScalar(found) ? found.range : undefined);
    const line = range ? `:${lineCounter.linePos(range[0]).line}` : "";
    return `${file}${line} ${jsonPath(p)}`;
  };
  return { file, dir, data: data as Record<string, unknown>, dotenv, where };
}

/**
 * Interpolates `${VAR}`, `${VAR:-default}`, `${VAR-default}` and `$VAR` from `vars`, and `$$`
 * to `$`. Returns undefined when a variable has no value.
 */
export function interpolate(value: string, vars: ReadonlyMap<string, string>): string | undefined {
  let missing = false;
  const out = value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, braced?: string, op?: string, fallback?: string, bare?: string) => {
    if (m === "$$") return "$";
    const name = braced ?? bare!;
    const v = vars.get(name);
    if (v !== undefined && !(op === ":-" && v === "")) return v;
    if (op !== undefined) return fallback ?? "";
    missing = true;
    return m;
  });
  return missing ? undefined : out;
}
