/**
 * Writes recommendations into the user's `app.ts`: for each workload, the `cpu` and `memory`
 * props and `replicas` of its `new Service(…)` / `new Worker(…)` / `new CronJob(…)` call.
 * ts-morph finds the nodes; the edits are splices of the original text at those nodes, so
 * every other byte of the file (comments, formatting, other props) stays as it was. A prop
 * set directly is replaced in place; a missing one (e.g. coming from `...small`) is added
 * after the object's last spread, so it overrides it. What is written is only whole numbers
 * and string literals of values skyweave computed (`stringLiteral`); the workload is found by
 * the id the app itself declares, so no metric file or workload name from the metrics becomes code.
 */
import { Node, Project, SyntaxKind, type ObjectLiteralExpression } from "ts-morph";
import { InputError } from "../errors.js";
import { stringLiteral } from "../code-text.js";
import { formatBytes, formatCpu } from "../model/quantity.js";
import type { Recommendation } from "./recommend.js";

const WORKLOAD_CLASSES = new Set(["Service", "Worker", "CronJob"]);

interface Splice {
  readonly at: number;
  readonly end: number;
  readonly text: string;
  /** Order of splices at the same position. */
  readonly order: number;
}

/** The props object of `new <Workload>(scope, "<id>", { … })`, or an error saying why it cannot be edited. */
function propsObject(source: ReturnType<Project["createSourceFile"]>, id: string, where: string): ObjectLiteralExpression {
  const calls = source.getDescendantsOfKind(SyntaxKind.NewExpression).filter((call) => {
    const name = call.getExpression().getText().split(".").pop()!;
    const arg = call.getArguments()[1];
    return WORKLOAD_CLASSES.has(name) && arg !== undefined && Node.isStringLiteral(arg) && arg.getLiteralValue() === id;
  });
  if (calls.length !== 1) {
    throw new InputError(calls.length === 0 ? `no \`new Service(…, ${stringLiteral(id)}, { … })\` (or Worker, CronJob) in the file` : `${calls.length} constructs with the id ${stringLiteral(id)}`, {
      where,
      fix: "rightsize --apply edits a workload declared with its id as a string literal; edit this one by hand with the recommendation printed.",
    });
  }
  const props = calls[0]!.getArguments()[2];
  if (props === undefined || !Node.isObjectLiteralExpression(props)) {
    throw new InputError(`the props of ${stringLiteral(id)} are not an object literal`, { where, fix: "write the props inline as `{ … }`, or apply the recommendation by hand." });
  }
  return props;
}

/** A whole number as code: anything else (`NaN`, `Infinity`, `1e+21`) would be written as an identifier or in a form no one meant. */
function whole(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`internal: rightsize would write ${n} into app.ts`);
  return String(n);
}

/**
 * The text of a `replicas` value: bounds, the HPA's targets, and the schedule on its own lines.
 * Only whole numbers and string literals (`stringLiteral`: JSON.stringify plus U+2028/U+2029
 * escapes) are written; no outside text (metric file or workload names) reaches the code.
 */
export function replicasText(r: NonNullable<Recommendation["recommended"]["replicas"]>, indent: string): string {
  const targets = [`targetCpuPercent: ${whole(r.targetCpuPercent)}`, ...(r.targetMemoryPercent !== undefined ? [`targetMemoryPercent: ${whole(r.targetMemoryPercent)}`] : [])];
  if (r.schedule === undefined) return `{ min: ${whole(r.min)}, max: ${whole(r.max)}, ${targets.join(", ")} }`;
  const steps = r.schedule.map((s) => `${indent}    { cron: ${stringLiteral(s.cron)}, min: ${whole(s.min)} },`).join("\n");
  const head = [`min: ${whole(r.min)}`, `max: ${whole(r.max)}`, ...targets].map((l) => `${indent}  ${l},\n`).join("");
  return `{\n${head}${indent}  schedule: [\n${steps}\n${indent}  ],\n${indent}}`;
}

function indentOf(text: string, pos: number): string {
  const lineStart = text.lastIndexOf("\n", pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** Splices that set `name: value` in `object`. */
function setProp(text: string, object: ObjectLiteralExpression, name: string, value: (indent: string) => string, order: number): Splice {
  const props = object.getProperties();
  const own = props.find((p) => Node.isPropertyAssignment(p) && p.getName() === name);
  if (own !== undefined && Node.isPropertyAssignment(own)) {
    const init = own.getInitializerOrThrow();
    return { at: init.getStart(), end: init.getEnd(), text: value(indentOf(text, own.getStart())), order };
  }
  const spreads = props.filter((p) => Node.isSpreadAssignment(p));
  const anchor = spreads[spreads.length - 1] ?? props[props.length - 1];
  if (anchor === undefined) {
    return { at: object.getStart() + 1, end: object.getStart() + 1, text: ` ${name}: ${value("")} `, order };
  }
  const indent = indentOf(text, anchor.getStart());
  const next = props[props.indexOf(anchor) + 1];
  if (next !== undefined) return { at: next.getStart(), end: next.getStart(), text: `${name}: ${value(indent)},\n${indent}`, order };
  // The anchor is the last prop: add after it (and after its trailing comma, if any).
  let end = anchor.getEnd();
  const rest = text.slice(end);
  const comma = /^\s*,/.exec(rest);
  if (comma) end += comma[0].length;
  return { at: end, end, text: `${comma ? "" : ","}\n${indent}${name}: ${value(indent)}${comma ? "," : ""}`, order };
}

/** `text` with every recommendation written into its workload's props. */
export function applyToSource(text: string, file: string, recommendations: readonly Recommendation[]): string {
  const project = new Project({ useInMemoryFileSystem: true, skipAddingFilesFromTsConfig: true });
  const source = project.createSourceFile("app.ts", text);
  const splices: Splice[] = [];
  for (const r of recommendations) {
    const id = r.path.split("/").pop()!;
    const object = propsObject(source, id, `${file} (${r.path})`);
    if (r.recommended.cpuMillicores !== undefined) splices.push(setProp(text, object, "cpu", () => stringLiteral(formatCpu(r.recommended.cpuMillicores!)), 0));
    if (r.recommended.memoryBytes !== undefined) splices.push(setProp(text, object, "memory", () => stringLiteral(formatBytes(r.recommended.memoryBytes!)), 1));
    if (r.recommended.replicas !== undefined) splices.push(setProp(text, object, "replicas", (indent) => replicasText(r.recommended.replicas!, indent), 2));
  }
  // Apply from the end so earlier positions stay valid; same-position inserts keep their order.
  splices.sort((a, b) => b.at - a.at || b.order - a.order);
  let out = text;
  for (const s of splices) out = out.slice(0, s.at) + s.text + out.slice(s.end);
  return out;
}
