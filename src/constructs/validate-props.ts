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
  const lines = result.error.issues.map((issue) => describeIssue(issue, props));
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

function describeIssue(issue: z.core.$ZodIssue, props: unknown): string {
  if (issue.code === "unrecognized_keys") {
    const where = issue.path.length > 0 ? ` in ${propPath(issue.path)}` : "";
    return `unknown prop${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}${where}`;
  }
  const given = valueAt(props, issue.path);
  if (given === undefined && issue.code === "invalid_type") {
    return `${propPath(issue.path)}: is required (${issue.message})`;
  }
  return `${propPath(issue.path)}: got ${show(given)}; ${issue.message}`;
}

function fixFor(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === "unrecognized_keys") return "remove the unknown prop or check its spelling.";
  return undefined;
}
