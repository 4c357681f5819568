/**
 * Validates construct props with zod and turns every issue into one error that names the
 * construct path, the prop, what was given and what is allowed.
 */
import { z } from "zod";
import { InputError } from "../errors.js";

/** Validates `props` against `schema`; throws an `InputError` that names `constructPath`. */
export function validateProps<S extends z.ZodType>(constructPath: string, kind: string, schema: S, props: unknown): z.output<S> {
  const result = schema.safeParse(props);
  if (result.success) return result.data;
  const known = knownKeys(schema);
  const lines = result.error.issues.map((issue) => describeIssue(issue, props, known));
  const fixes = [...new Set(result.error.issues.map(fixFor).filter((f): f is string => f !== undefined))];
  throw new InputError(`invalid ${kind} props\n${lines.map((l) => `  - ${l}`).join("\n")}`, {
    where: constructPath,
    fix: fixes.length > 0 ? fixes.join(" ") : `see the ${kind} props in the README (or hover the class in your editor).`,
  });
}

function propPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("") || "(props)";
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** A short, readable rendering of a given value for an error message. */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return "a function";
  if (typeof value === "object" && value !== null && "node" in value) {
    const node = (value as { node?: { path?: string } }).node;
    if (node?.path !== undefined) return `construct ${node.path}`;
  }
  try {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return String(value);
  }
}

function knownKeys(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** The known key closest to `key` by edit distance, when it is close enough to be a typo. */
export function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.max(1, Math.floor(key.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function describeIssue(issue: z.core.$ZodIssue, props: unknown, known: readonly string[]): string {
  if (issue.code === "unrecognized_keys") {
    const where = issue.path.length > 0 ? ` in ${propPath(issue.path)}` : "";
    const keys = issue.keys.map((k) => {
      const guess = issue.path.length === 0 ? closest(k, known) : undefined;
      return guess ? `"${k}" (did you mean "${guess}"?)` : `"${k}"`;
    });
    return `unknown prop${keys.length > 1 ? "s" : ""} ${keys.join(", ")}${where}`;
  }
  const given = valueAt(props, issue.path);
  if (given === undefined && issue.code === "invalid_type") {
    return `${propPath(issue.path)}: is required (${issue.message})`;
  }
  return `${propPath(issue.path)}: got ${show(given)}; ${issue.message}`;
}

/** The fix an issue carries: a schema gives one as `params.fix` (e.g. `ctx.addIssue({ ..., params: { fix } })`). */
function fixFor(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === "unrecognized_keys") return "remove the unknown prop or check its spelling.";
  if (issue.code === "invalid_union") {
    const fixes = issue.errors.flat().map(fixFor).filter((f): f is string => f !== undefined);
    return fixes[0];
  }
  const fix = (issue as { params?: { fix?: unknown } }).params?.fix;
  return typeof fix === "string" ? fix : undefined;
}
