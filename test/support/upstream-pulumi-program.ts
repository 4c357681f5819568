/**
 * Reads the Kubernetes objects a Pulumi TypeScript program declares, without running it: every
 * `new k8s.<group>.<version>.<Kind>("name", { ... })` becomes `{ kind, name, args }`, with its
 * argument object literal turned into plain data. What a literal cannot say (a reference such
 * as `sockShopNs.metadata.name`, a conditional on config) becomes `{ $expr: "<source text>" }`,
 * so a comparison shows it instead of guessing its value.
 */
import { readFileSync } from "node:fs";
import ts from "typescript";

/** An expression the reader does not evaluate, kept as its source text. */
export interface UnevaluatedExpression {
  readonly $expr: string;
}

/** One Kubernetes object declared by the program. */
export interface PulumiKubernetesResource {
  /** The object's kind, e.g. `Deployment` (from `k8s.apps.v1.Deployment`). */
  readonly kind: string;
  /** The resource's logical name, the constructor's first argument. */
  readonly name: string;
  /** The constructor's second argument as plain data. */
  readonly args: Record<string, unknown>;
}

function evaluate(node: ts.Expression, source: ts.SourceFile): unknown {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return evaluate(node.expression, source);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isArrayLiteralExpression(node)) return node.elements.map((e) => evaluate(e, source));
  if (ts.isObjectLiteralExpression(node)) {
    const out: Record<string, unknown> = {};
    for (const p of node.properties) {
      if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) out[p.name.text] = evaluate(p.initializer, source);
      else throw new Error(`unsupported property at ${position(p, source)}: ${p.getText(source)}`);
    }
    return out;
  }
  return { $expr: node.getText(source) } satisfies UnevaluatedExpression;
}

function position(node: ts.Node, source: ts.SourceFile): string {
  const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
  return `${source.fileName}:${line + 1}:${character + 1}`;
}

/** Every `new k8s.<group>.<version>.<Kind>(name, args)` in the program file, in source order. */
export function readPulumiKubernetesResources(file: string): PulumiKubernetesResource[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const out: PulumiKubernetesResource[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node)) {
      const callee = node.expression.getText(source);
      const match = /^k8s\.[a-z]+\.v[0-9a-z]+\.([A-Za-z]+)$/.exec(callee);
      const [nameArg, argsArg] = node.arguments ?? [];
      if (match && nameArg && argsArg) {
        const name = evaluate(nameArg, source);
        const args = evaluate(argsArg, source);
        if (typeof name !== "string" || typeof args !== "object" || args === null || "$expr" in args) {
          throw new Error(`${position(node, source)}: expected new ${callee}("name", { ... })`);
        }
        out.push({ kind: match[1]!, name, args: args as Record<string, unknown> });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** The object's Kubernetes name: `metadata.name`, or Pulumi's logical name when it auto-names. */
export function kubernetesName(resource: PulumiKubernetesResource): string {
  const metadata = resource.args.metadata as Record<string, unknown> | undefined;
  return typeof metadata?.name === "string" ? metadata.name : resource.name;
}

/**
 * The program's Deployments by Kubernetes name, each as a workload object (with `kind` set)
 * and the Services of the same name in front of it.
 */
export function pulumiWorkloads(file: string): Map<string, { workload: Record<string, unknown>; services: Record<string, unknown>[] }> {
  const resources = readPulumiKubernetesResources(file);
  const out = new Map<string, { workload: Record<string, unknown>; services: Record<string, unknown>[] }>();
  for (const r of resources.filter((x) => x.kind === "Deployment")) {
    const name = kubernetesName(r);
    const services = resources.filter((s) => s.kind === "Service" && kubernetesName(s) === name).map((s) => ({ kind: "Service", ...s.args }));
    out.set(name, { workload: { kind: "Deployment", ...r.args }, services });
  }
  return out;
}
