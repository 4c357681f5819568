/**
 * The renderer: adds constructs and connections to a new or existing `app.ts` with ts-morph.
 * It only inserts (named imports, one statement per construct and connection, before the
 * default export); it never removes or rewrites the user's code. An id that already exists in
 * the file is an InputError that names it. Outside text reaches the file only through
 * `code-text.ts` (string literals, comment lines, property names), and the result is parsed back
 * and checked to be exactly the statements meant (`check-rendered.ts`) before it is returned.
 */
import { Node, Project, SyntaxKind, ts, type SourceFile } from "ts-morph";
import { InputError } from "../errors.js";
import type { ExistingPart } from "./check-slots.js";
import { assertRenderedAsMeant } from "./check-rendered.js";
import { commentLine, identifier, propertyName, stringLiteral } from "../code-text.js";
import type { ConnectionSpec, ConstructSpec } from "./construct-specs.js";

/** What to render into. */
export interface RenderTarget {
  /** The file's path, for messages. */
  readonly file: string;
  /** The file's current text, or undefined for a new file. */
  readonly text?: string;
}

/** What the renderer produced. */
export interface Rendered {
  readonly text: string;
}

/** A fresh app.ts: the header comment lines, the import, the App, one cluster and the default export. */
export function skeleton(app: string, header: readonly string[], clusterId = "main"): string {
  return [
    ...header.map(commentLine),
    'import { App, KubernetesCluster } from "skyweave";',
    "",
    `const app = new App(${stringLiteral(app)});`,
    `new KubernetesCluster(app, ${stringLiteral(clusterId)}, { region: "us-east-1", provider: "existing" });`,
    "",
    "export default app;",
    "",
  ].join("\n");
}

/** Parses `text` once, for reading what it already declares. */
function parse(file: string, text: string): SourceFile {
  return new Project({ useInMemoryFileSystem: true }).createSourceFile(file.endsWith(".js") || file.endsWith(".mjs") ? "app.js" : "app.ts", text);
}

/** Constructs an existing file declares as `new X(scope, "id", …)`, with their variables. */
export function existingParts(file: string, text: string): ExistingPart[] {
  const parts: ExistingPart[] = [];
  for (const expr of parse(file, text).getDescendantsOfKind(SyntaxKind.NewExpression)) {
    const id = expr.getArguments()[1];
    if (id === undefined || !Node.isStringLiteral(id)) continue;
    const parent = expr.getParent();
    const variable = Node.isVariableDeclaration(parent) ? parent.getName() : undefined;
    parts.push({ id: id.getLiteralValue(), className: expr.getExpression().getText(), ...(variable ? { variable } : {}) });
  }
  return parts;
}

/**
 * Adds `constructs` and `connections` to `target` and returns the new text. The file must
 * declare `const <name> = new App(…)` and may default-export it; new statements go before the
 * default export (or at the end).
 */
export function render(target: RenderTarget, appName: string, constructs: readonly ConstructSpec[], connections: readonly ConnectionSpec[], header: readonly string[] = []): Rendered {
  const clusterId = ["main", "cluster", "k8s"].find((c) => !constructs.some((s) => s.id === c));
  const text = target.text ?? skeleton(appName, header, clusterId);
  const source = parse(target.file, text);
  const appVariable = findAppVariable(source, target.file);
  const existing = existingParts(target.file, text);
  for (const spec of constructs) {
    if (existing.some((p) => p.id === spec.id)) {
      throw new InputError(`a construct with id "${spec.id}" already exists`, { where: target.file, fix: `choose another id for the new ${spec.className}, or rename the existing one.` });
    }
  }
  const taken = new Set<string>([...source.getVariableDeclarations().map((v) => v.getName()), ...importedNames(source), appVariable]);
  const variables = new Map<string, string>(existing.filter((p) => p.variable !== undefined).map((p) => [p.id, p.variable!]));
  for (const spec of constructs) variables.set(spec.id, freshName(camel(spec.id), taken));

  const statements: string[] = [];
  constructs.forEach((spec, i) => {
    const used = connections.some((k) => k.from === spec.id || k.to === spec.id);
    const call = `new ${identifier(spec.className)}(${identifier(appVariable)}, ${stringLiteral(spec.id)}${propsText(spec.props)})`;
    const notes = spec.notes.map((n) => `${commentLine(n)}\n`).join("");
    statements.push(`${i === 0 ? "\n" : ""}${notes}${used ? `const ${identifier(variables.get(spec.id)!)} = ${call};` : `${call};`}`);
  });
  connections.forEach((k, i) => {
    const from = variables.get(k.from);
    const to = variables.get(k.to);
    if (from === undefined || to === undefined) {
      const missing = from === undefined ? k.from : k.to;
      throw new InputError(`cannot connect ${k.from} to ${k.to}: "${missing}" is not a construct assigned to a variable`, { where: target.file, fix: `assign "${missing}" to a const, then run again.` });
    }
    statements.push(`${i === 0 ? "\n" : ""}${identifier(from)}.connect(${identifier(to)}${k.access ? `, ${stringLiteral(k.access)}` : ""});`);
  });

  // Splice text rather than let ts-morph re-attach comments: every byte of the user's code stays.
  const exportNode = source.getStatements().find((st) => Node.isExportAssignment(st));
  let at = text.length;
  if (exportNode !== undefined) {
    // After the previous statement's line, including a comment that trails it (which may span lines).
    const trailing = ts.getTrailingCommentRanges(text, exportNode.getFullStart()) ?? [];
    const lineEnd = text.indexOf("\n", trailing.at(-1)?.end ?? exportNode.getFullStart());
    at = lineEnd === -1 || lineEnd >= exportNode.getStart() ? exportNode.getStart(true) : lineEnd + 1;
  }
  const block = statements.join("\n").replace(/^\n/, "");
  const before = text.slice(0, at);
  const spliced = exportNode === undefined
    ? `${before}${before.endsWith("\n") || before === "" ? "" : "\n"}\n${block}\n`
    : `${before}${before.endsWith("\n\n") || at === 0 ? "" : "\n"}${block}\n\n${text.slice(at).replace(/^\n+/, "")}`;
  const result = parse(target.file, spliced);
  const importsBefore = result.getImportDeclarations().length;
  addImports(result, [...new Set(constructs.map((c) => c.className))]);
  const rendered = result.getFullText();
  assertRenderedAsMeant({
    file: target.file,
    original: text,
    rendered,
    insertedAt: source.getStatements().filter((st) => st.getStart() < at).length,
    importAdded: result.getImportDeclarations().length > importsBefore,
    appVariable,
    constructs: constructs.map((spec) => ({ spec, variable: connections.some((k) => k.from === spec.id || k.to === spec.id) ? variables.get(spec.id)! : undefined })),
    connections: connections.map((k) => ({ from: variables.get(k.from)!, to: variables.get(k.to)!, ...(k.access ? { access: k.access } : {}) })),
    ...(target.text === undefined ? { skeleton: { app: appName, header, clusterId: clusterId ?? "main" } } : {}),
  });
  return { text: rendered };
}

function findAppVariable(source: SourceFile, file: string): string {
  for (const expr of source.getDescendantsOfKind(SyntaxKind.NewExpression)) {
    if (expr.getExpression().getText() !== "App") continue;
    const parent = expr.getParent();
    if (Node.isVariableDeclaration(parent)) return parent.getName();
  }
  throw new InputError("no `const app = new App(...)` found", { where: file, fix: 'declare the app as `const app = new App("name");` so new constructs can be added to it.' });
}

function importedNames(source: SourceFile): string[] {
  return source.getImportDeclarations().flatMap((d) => [...d.getNamedImports().map((n) => n.getAliasNode()?.getText() ?? n.getName()), ...(d.getDefaultImport() ? [d.getDefaultImport()!.getText()] : [])]);
}

function addImports(source: SourceFile, classes: readonly string[]): void {
  const decl = source.getImportDeclarations().find((d) => d.getModuleSpecifierValue() === "skyweave");
  const have = new Set(decl?.getNamedImports().map((n) => n.getName()) ?? []);
  const missing = classes.filter((c) => !have.has(c)).sort();
  if (missing.length === 0) return;
  if (decl === undefined) {
    source.insertImportDeclaration(0, { moduleSpecifier: "skyweave", namedImports: missing });
    return;
  }
  // Keep the list sorted when it was sorted, else append: the user's order is theirs.
  const names = decl.getNamedImports().map((n) => n.getName());
  const sorted = names.every((n, i) => i === 0 || names[i - 1]! <= n);
  for (const name of missing) {
    const index = sorted ? decl.getNamedImports().findIndex((n) => n.getName() > name) : -1;
    if (index === -1) decl.addNamedImport(name);
    else decl.insertNamedImport(index, name);
  }
}

/** `redis-cache` → `redisCache`; a leading digit or reserved word is avoided by `freshName`. */
function camel(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Names a new variable avoids: keywords, and globals or the app's own name it would shadow. */
const RESERVED = new Set(["app", "eval", "arguments", "undefined", "NaN", "Infinity", "globalThis", "process", "require", "module", "exports", "new", "default", "class", "function", "delete", "import", "export", "const", "let", "var", "return", "switch", "case", "this", "void", "with", "yield", "in", "do", "if", "for", "while", "try", "catch", "finally", "throw", "typeof", "instanceof", "enum", "super", "null", "true", "false", "package", "interface", "public", "private", "protected", "static", "await"]);

function freshName(raw: string, taken: Set<string>): string {
  // Ids are DNS labels, so this only matters for a caller that passes something else.
  const base = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(raw) ? raw : `part${raw.replace(/[^A-Za-z0-9_$]/g, "_")}`;
  let name = RESERVED.has(base) ? `${base}Part` : base;
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
  taken.add(name);
  return name;
}

/** `, { image: "…", port: 8000 }`, or nothing when every prop is undefined. */
function propsText(props: Record<string, unknown>): string {
  const text = literal(props);
  return text === "{}" ? "" : `, ${text}`;
}

/**
 * A value as a TypeScript literal: strings through `stringLiteral`, keys through `propertyName`,
 * finite numbers, booleans, arrays and plain objects. Anything else is a bug and throws.
 */
function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (typeof value === "string") return stringLiteral(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`internal: cannot write the number ${value} as a literal`);
    return String(value);
  }
  if (typeof value === "boolean") return String(value);
  if (value !== null && typeof value === "object" && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    const parts = entries.map(([k, v]) => `${propertyName(k)}: ${literal(v)}`);
    const oneLine = `{ ${parts.join(", ")} }`;
    return oneLine.length <= 100 ? oneLine : `{\n${parts.map((p) => `  ${p.replace(/\n/g, "\n  ")},`).join("\n")}\n}`;
  }
  throw new Error(`internal: cannot write a ${value === null ? "null" : typeof value} as a literal`);
}
