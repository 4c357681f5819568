/**
 * Reads a Compose file with the `yaml` package: the parsed data, plus a way to say where a key
 * is (`compose.yaml:12 services.db.ports[0]`) for warnings and errors. `${VAR}` and
 * `${VAR:-default}` are interpolated from the `.env` file beside it (never from the process
 * environment, so the result does not depend on who runs it). Merge keys (`<<: *defaults`) merge;
 * an alias bomb is refused (`MAX_ALIAS_COUNT`, `MAX_EXPANDED_VALUES`).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
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
  if (!statSync(file).isFile()) throw new InputError("not a file (it is a directory or a device)", { where: file, fix: "pass the path of your compose.yaml, not of its directory." });
  const text = readFileSync(file, "utf8");
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, uniqueKeys: false, merge: true });
  const error = doc.errors[0];
  if (error !== undefined) {
    const pos = lineCounter.linePos(error.pos[0]);
    throw new InputError(`invalid YAML: ${error.message.split("\n")[0]}`, { where: `${file}:${pos.line}:${pos.col}`, fix: "fix the YAML syntax at that line." });
  }
  const data = toData(doc, file, text.length);
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
 * How many times the aliases of one anchor may be expanded, weighted by the aliases inside it
 * (the `yaml` package's own measure: an anchor's use count × the largest expansion count within
 * it). 1000 services that each merge `<<: *defaults` count 1000; an alias bomb ("billion laughs":
 * anchors that each alias the previous one ten times) multiplies by ten per level and passes
 * 10 000 at its fifth level, long before it costs anything.
 */
export const MAX_ALIAS_COUNT = 10_000;

/**
 * Values the document may expand to (every scalar, sequence and mapping, counted once per place it
 * appears after aliases are resolved) beyond one per character of its text: a plain file can never
 * exceed this, and a wide bomb (a big anchor aliased thousands of times) does.
 */
export const MAX_EXPANDED_VALUES = 1_000_000;

/** The document as plain data, refusing alias bombs with an InputError that says what to do. */
function toData(doc: Document, file: string, textLength: number): unknown {
  const bomb = (what: string): InputError => new InputError(`${what}, which looks like an alias bomb ("billion laughs"); the file is refused`, {
    where: file,
    fix: "alias each anchor directly where it is used (e.g. `<<: *defaults` in every service) rather than through anchors that alias other anchors many times over; a Compose file with thousands of services still fits.",
  });
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError && /excessive alias count/i.test(error.message)) throw bomb(`the aliases (\`*name\`) in this YAML expand its anchors (\`&name\`) more than ${MAX_ALIAS_COUNT.toLocaleString("en-US")} times`);
    if (error instanceof ReferenceError) throw new InputError(`invalid YAML: ${error.message}`, { where: file, fix: "define every anchor (`&name`) before the aliases (`*name`) that use it." });
    throw error;
  }
  const limit = MAX_EXPANDED_VALUES + textLength;
  if (expandedSize(data, limit) > limit) throw bomb(`through its aliases (\`*name\`) this YAML expands to more than ${limit.toLocaleString("en-US")} values`);
  return data;
}

/**
 * The number of values `data` has when every shared (aliased) object is counted once per place
 * it appears, computed once per object; stops counting past `limit`.
 */
function expandedSize(data: unknown, limit: number): number {
  const sizes = new Map<object, number>();
  const size = (value: unknown, depth: number): number => {
    if (value === null || typeof value !== "object") return 1;
    const known = sizes.get(value);
    if (known !== undefined) return known;
    if (depth > 1000) return limit + 1; // only a cycle (a self-referencing alias) nests this deep
    sizes.set(value, limit + 1); // a cycle back to this object counts as too big
    let total = 1;
    const children = value instanceof Map ? [...value.keys(), ...value.values()] : value instanceof Set ? [...value] : Object.values(value);
    for (const child of children) {
      total += size(child, depth + 1);
      if (total > limit) break;
    }
    sizes.set(value, Math.min(total, limit + 1));
    return sizes.get(value)!;
  };
  return size(data, 0);
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
