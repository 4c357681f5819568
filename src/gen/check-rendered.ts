/**
 * Defence in depth for the renderer: the rendered text is parsed back with TypeScript and must be
 * exactly what the renderer meant to write — no syntax errors, the user's statements unchanged
 * and in order, one new statement per construct and connection at the insertion point, each of
 * the expected form (`new <Class>(<app>, "<id>", { …literals… })`, `<a>.connect(<b>, "<mode>")`)
 * with literal values equal to the specs, and the comment lines meant, each a single `//` line.
 * Anything else means outside text escaped a literal or comment: that is a bug, and it throws
 * before anything is type-checked, run or written.
 */
import { ts } from "ts-morph";
import { commentLine } from "../code-text.js";
import type { ConstructSpec } from "./construct-specs.js";

/** What the renderer meant to write. */
export interface RenderIntent {
  readonly file: string;
  /** The text the statements were added to (the user's file, or the skeleton). */
  readonly original: string;
  readonly rendered: string;
  /** How many of the original's top-level statements come before the new ones. */
  readonly insertedAt: number;
  /** True when an `import … from "skyweave"` was added at the top. */
  readonly importAdded: boolean;
  readonly appVariable: string;
  /** Each construct, with the variable it is assigned to (when connections use it). */
  readonly constructs: readonly { readonly spec: ConstructSpec; readonly variable: string | undefined }[];
  /** Each connection, by variable names. */
  readonly connections: readonly { readonly from: string; readonly to: string; readonly access?: string }[];
  /** Set when `original` is the skeleton of a new file. */
  readonly skeleton?: { readonly app: string; readonly header: readonly string[]; readonly clusterId: string };
}

/** Throws an internal error when `intent.rendered` is not exactly what `intent` describes. */
export function assertRenderedAsMeant(intent: RenderIntent): void {
  const problem = renderProblem(intent);
  if (problem !== undefined) {
    throw new Error(`internal: the app rendered for ${intent.file} is not what the renderer meant to write (${problem}); nothing was written. This is a bug in skyweave: please report it with the input that caused it.`);
  }
}

/** The first way `intent.rendered` differs from what was meant, or undefined when it is as meant. */
export function renderProblem(intent: RenderIntent): string | undefined {
  const jsFile = intent.file.endsWith(".js") || intent.file.endsWith(".mjs");
  const original = parseText(intent.original, jsFile);
  const rendered = parseText(intent.rendered, jsFile);
  const errorsBefore = syntaxErrors(intent.original, jsFile);
  const errorsAfter = syntaxErrors(intent.rendered, jsFile);
  if (errorsAfter.length > errorsBefore.length) return `syntax error: ${errorsAfter[errorsBefore.length]}`;
  if (intent.skeleton !== undefined) {
    const problem = skeletonProblem(original, intent.skeleton) ?? headerProblem(rendered, intent.skeleton.header);
    if (problem !== undefined) return problem;
  }

  const before = original.statements;
  const after = rendered.statements;
  const added = intent.constructs.length + intent.connections.length;
  const offset = intent.importAdded ? 1 : 0;
  if (after.length !== before.length + added + offset) return `expected ${before.length + added + offset} top-level statements, found ${after.length}`;
  if (intent.importAdded && !isSkyweaveImport(after[0]!)) return "the first statement is not the added skyweave import";
  for (let j = 0; j < before.length; j++) {
    const was = before[j]!;
    const now = after[j < intent.insertedAt ? j + offset : j + offset + added]!;
    if (isSkyweaveImport(was) ? !isSkyweaveImport(now) : now.kind !== was.kind || now.getText(rendered) !== was.getText(original)) {
      return `statement ${j + 1} of the file changed`;
    }
  }
  const first = intent.insertedAt + offset;
  for (const [i, { spec, variable }] of intent.constructs.entries()) {
    const statement = after[first + i]!;
    const problem = constructProblem(statement, spec, variable, intent.appVariable) ?? commentProblem(rendered, statement, spec.notes, i === 0);
    if (problem !== undefined) return `construct "${spec.id}": ${problem}`;
  }
  for (const [i, k] of intent.connections.entries()) {
    const statement = after[first + intent.constructs.length + i]!;
    const problem = connectionProblem(statement, k) ?? commentProblem(rendered, statement, [], i === 0 && intent.constructs.length === 0);
    if (problem !== undefined) return `connection ${k.from} → ${k.to}: ${problem}`;
  }
  return undefined;
}

function parseText(text: string, jsFile: boolean): ts.SourceFile {
  return ts.createSourceFile(jsFile ? "app.js" : "app.ts", text, ts.ScriptTarget.Latest, true, jsFile ? ts.ScriptKind.JS : ts.ScriptKind.TS);
}

/** TypeScript's syntax diagnostics of `text`, as messages. */
function syntaxErrors(text: string, jsFile: boolean): string[] {
  const out = ts.transpileModule(text, { fileName: jsFile ? "app.js" : "app.ts", reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, allowJs: true } });
  return (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error).map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "));
}

function isSkyweaveImport(node: ts.Statement): boolean {
  return ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text === "skyweave";
}

/** The skeleton is exactly: import, `const app = new App("<app>")`, the cluster, the default export. */
function skeletonProblem(source: ts.SourceFile, skeleton: NonNullable<RenderIntent["skeleton"]>): string | undefined {
  const [imp, app, cluster, exp, ...rest] = source.statements;
  if (imp === undefined || !isSkyweaveImport(imp) || rest.length > 0 || exp === undefined || !ts.isExportAssignment(exp)) return "the skeleton has an unexpected shape";
  const appNew = app !== undefined && ts.isVariableStatement(app) ? app.declarationList.declarations[0]?.initializer : undefined;
  if (appNew === undefined || !isNewOf(appNew, "App") || appNew.arguments?.length !== 1 || stringValue(appNew.arguments[0]!) !== skeleton.app) return "the skeleton's App is not the app meant";
  const clusterNew = cluster !== undefined && ts.isExpressionStatement(cluster) ? cluster.expression : undefined;
  if (clusterNew === undefined || !isNewOf(clusterNew, "KubernetesCluster") || stringValue(clusterNew.arguments?.[1]) !== skeleton.clusterId) return "the skeleton's cluster is not the one meant";
  return headerProblem(source, skeleton.header);
}

/** The file starts with exactly the header's comment lines. */
function headerProblem(source: ts.SourceFile, header: readonly string[]): string | undefined {
  const text = source.getFullText();
  const comments = ts.getLeadingCommentRanges(text, 0) ?? [];
  if (comments.length !== header.length) return `expected ${header.length} header comment lines, found ${comments.length}`;
  for (const [i, c] of comments.entries()) {
    if (c.kind !== ts.SyntaxKind.SingleLineCommentTrivia || text.slice(c.pos, c.end) !== commentLine(header[i]!)) return `header line ${i + 1} is not the comment meant`;
  }
  return undefined;
}

function isNewOf(node: ts.Node, className: string): node is ts.NewExpression {
  return ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === className;
}

function stringValue(node: ts.Node | undefined): string | undefined {
  return node !== undefined && ts.isStringLiteral(node) ? node.text : undefined;
}

function constructProblem(statement: ts.Statement, spec: ConstructSpec, variable: string | undefined, appVariable: string): string | undefined {
  let expression: ts.Expression | undefined;
  if (variable !== undefined) {
    if (!ts.isVariableStatement(statement) || (statement.declarationList.flags & ts.NodeFlags.Const) === 0 || statement.declarationList.declarations.length !== 1) return "expected a const declaration";
    const declaration = statement.declarationList.declarations[0]!;
    if (!ts.isIdentifier(declaration.name) || declaration.name.text !== variable || declaration.type !== undefined) return `expected const ${variable}`;
    expression = declaration.initializer;
  } else {
    if (!ts.isExpressionStatement(statement)) return "expected an expression statement";
    expression = statement.expression;
  }
  if (expression === undefined || !isNewOf(expression, spec.className) || expression.typeArguments !== undefined) return `expected new ${spec.className}(…)`;
  const args = expression.arguments ?? ts.factory.createNodeArray();
  const props = defined(spec.props) as Record<string, unknown>;
  const withProps = Object.keys(props).length > 0;
  if (args.length !== (withProps ? 3 : 2)) return `expected ${withProps ? 3 : 2} arguments, found ${args.length}`;
  if (!ts.isIdentifier(args[0]!) || args[0].text !== appVariable) return `the scope is not ${appVariable}`;
  if (stringValue(args[1]) !== spec.id) return "the id is not the string meant";
  if (withProps) {
    const value = literalValue(args[2]!);
    if (!value.ok) return `the props are not a plain literal (${value.why})`;
    if (!sameValue(value.value, props)) return "the props are not the values meant";
  }
  return undefined;
}

function connectionProblem(statement: ts.Statement, k: RenderIntent["connections"][number]): string | undefined {
  if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) return "expected a call statement";
  const call = statement.expression;
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || callee.expression.text !== k.from || callee.name.text !== "connect") return `expected ${k.from}.connect(…)`;
  if (call.arguments.length !== (k.access === undefined ? 1 : 2)) return "wrong number of arguments";
  if (!ts.isIdentifier(call.arguments[0]!) || call.arguments[0].text !== k.to) return `expected ${k.to} as the target`;
  if (k.access !== undefined && stringValue(call.arguments[1]) !== k.access) return "the access mode is not the string meant";
  return undefined;
}

/** The new statement's comments are exactly `notes`, each one `//` line (the first statement may follow the user's own comments). */
function commentProblem(source: ts.SourceFile, statement: ts.Statement, notes: readonly string[], first: boolean): string | undefined {
  const text = source.getFullText();
  const comments = ts.getLeadingCommentRanges(text, statement.pos) ?? [];
  if (first ? comments.length < notes.length : comments.length !== notes.length) return `expected ${notes.length} comment lines, found ${comments.length}`;
  const ours = comments.slice(comments.length - notes.length);
  for (const [i, c] of ours.entries()) {
    if (c.kind !== ts.SyntaxKind.SingleLineCommentTrivia || text.slice(c.pos, c.end) !== commentLine(notes[i]!)) return `comment ${i + 1} is not the note meant`;
  }
  // Nothing may hide inside the statement either: no comments between its tokens.
  const inner = text.slice(statement.getStart(source), statement.end);
  if (/\/[/*]/.test(stripStrings(inner))) return "a comment inside the statement";
  return undefined;
}

/** `text` with the contents of its double-quoted string literals blanked out. */
function stripStrings(text: string): string {
  return text.replace(/"(?:\\.|[^"\\\n])*"/g, '""');
}

/** `value` with undefined object entries left out, as the renderer writes it. */
function defined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(defined);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) Object.defineProperty(out, k, { value: defined(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

type Evaluated = { ok: true; value: unknown } | { ok: false; why: string };

/** The value a literal expression denotes: strings, numbers, booleans, arrays and object literals only. */
function literalValue(node: ts.Expression): Evaluated {
  if (ts.isStringLiteral(node)) return { ok: true, value: node.text };
  if (ts.isNumericLiteral(node)) return { ok: true, value: Number(node.text) };
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) return { ok: true, value: -Number(node.operand.text) };
  if (node.kind === ts.SyntaxKind.TrueKeyword) return { ok: true, value: true };
  if (node.kind === ts.SyntaxKind.FalseKeyword) return { ok: true, value: false };
  if (ts.isArrayLiteralExpression(node)) {
    const items: unknown[] = [];
    for (const element of node.elements) {
      const v = literalValue(element);
      if (!v.ok) return v;
      items.push(v.value);
    }
    return { ok: true, value: items };
  }
  if (ts.isObjectLiteralExpression(node)) {
    const out: Record<string, unknown> = {};
    for (const p of node.properties) {
      if (!ts.isPropertyAssignment(p)) return { ok: false, why: `a ${ts.SyntaxKind[p.kind]}` };
      const key = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : ts.isComputedPropertyName(p.name) && ts.isStringLiteral(p.name.expression) ? p.name.expression.text : undefined;
      if (key === undefined) return { ok: false, why: "a property name that is not a plain name or string" };
      if (key === "__proto__" && !ts.isComputedPropertyName(p.name)) return { ok: false, why: "a __proto__ property" };
      if (Object.prototype.hasOwnProperty.call(out, key)) return { ok: false, why: `a repeated key ${JSON.stringify(key)}` };
      const v = literalValue(p.initializer);
      if (!v.ok) return v;
      Object.defineProperty(out, key, { value: v.value, enumerable: true, writable: true, configurable: true });
    }
    return { ok: true, value: out };
  }
  return { ok: false, why: `a ${ts.SyntaxKind[node.kind]}` };
}

/** Deep equality of plain values (own enumerable keys, in any order). */
function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return Object.is(a, b);
}
