/** The program's entry point (`index.ts`): imports every module and exports what a user looks up after `pulumi up`. */
import type { KubernetesTargetModel, TargetModel } from "../../model/app-model.js";
import { eksImport, importPath } from "../aws/module-names.js";
import type { AwsResources } from "../aws/resources.js";
import { dataVariables } from "../aws/render-data.js";
import { TS_HEADER, identifier, str } from "./code.js";

/** The module file of a target: `k8s-<id>.ts` for clusters, `aws-<id>.ts` for AWS targets. */
export function targetModuleFile(target: TargetModel): string {
  return target.kind === "kubernetes" ? `k8s-${target.id}.ts` : `aws-${target.id}.ts`;
}

function moduleIdentifier(file: string): string {
  return identifier(file.replace(/\.ts$/, ""), "module");
}

/** The source of `index.ts` for the given modules (in dependency order). */
export function indexModule(app: string, modules: readonly string[], clusters: readonly KubernetesTargetModel[], aws?: AwsResources): string {
  const ident = new Map(modules.map((m) => [m, moduleIdentifier(m)]));
  const exports = clusters.map(
    (t) => `/** The namespace of ${str(app)} on cluster ${str(t.id)}. */\nexport const ${identifier(t.id, "namespace")} = ${ident.get(`k8s-${t.id}.ts`)!}.namespace.metadata.name;`,
  );
  for (const c of aws?.clusters ?? []) {
    exports.push(`/** The name of EKS cluster ${str(c.target)} (\`aws eks update-kubeconfig --name <it>\`). */\nexport const ${eksImport(c.target)}ClusterName = ${ident.get(`eks-${c.target}.ts`)!}.cluster.name;`);
  }
  const endpoint = (target: string, part: string, field: string, what: string) => {
    exports.push(`/** ${what}. */\nexport const ${identifier(part, field === "url" ? "queue-url" : field)} = ${ident.get(`aws-${target}.ts`)!}.${dataVariables(part).resource}.${field};`);
  };
  for (const d of aws?.databases ?? []) endpoint(d.target, d.part, "address", `The host of ${d.path} (RDS)`);
  for (const c of aws?.caches ?? []) endpoint(c.target, c.part, "primaryEndpointAddress", `The host of ${c.path} (ElastiCache, TLS)`);
  for (const q of aws?.queues ?? []) endpoint(q.target, q.part, "url", `The URL of ${q.path} (SQS)`);
  for (const b of aws?.buckets ?? []) endpoint(b.target, b.part, "bucket", `The name of ${b.path} (S3)`);
  // A module no export reads is imported for its side effects: a named import would be elided.
  const body = exports.join("\n\n");
  const imports = modules.map((m) => (body.includes(`${ident.get(m)!}.`) ? `import * as ${ident.get(m)!} from ${str(importPath(m))};` : `import ${str(importPath(m))};`));
  return `${TS_HEADER}
// The Pulumi program of the ${str(app)} app: \`pulumi up\` deploys it. placement.json says where each part runs and why.
${imports.join("\n")}

${body}
`;
}

