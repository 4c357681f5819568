/** The program's entry point (`index.ts`): imports every target module and exports its outputs. */
import type { TargetModel } from "../../model/app-model.js";
import { TS_HEADER, identifier, str } from "./code.js";

/** The module file of a target: `k8s-<id>.ts` for clusters. */
export function targetModuleFile(target: TargetModel): string {
  return target.kind === "kubernetes" ? `k8s-${target.id}.ts` : `aws-${target.id}.ts`;
}

/** The source of `index.ts` for the targets that have a module. */
export function indexModule(app: string, targets: readonly TargetModel[]): string {
  const imports = targets.map((t) => `import * as ${identifier(t.id, "target")} from ${str(`./${targetModuleFile(t).replace(/\.ts$/, "")}`)};`);
  const exports = targets
    .filter((t) => t.kind === "kubernetes")
    .map((t) => `/** The namespace of ${str(app)} on cluster ${str(t.id)}. */\nexport const ${identifier(t.id, "namespace")} = ${identifier(t.id, "target")}.namespace.metadata.name;`);
  return `${TS_HEADER}
// The Pulumi program of the ${str(app)} app: \`pulumi up\` deploys it. placement.json says where each part runs and why.
${imports.join("\n")}

${exports.join("\n\n")}
`;
}
