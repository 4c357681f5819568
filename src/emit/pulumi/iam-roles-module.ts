/**
 * Renders `iam-roles.ts`: one IAM role per workload that reaches SQS or S3, with exactly the
 * actions of its connections' access modes on exactly those ARNs, assumed through EKS Pod
 * Identity by the workload's ServiceAccount.
 */
import { AWS_NAME_LIMITS, autoNamed } from "../aws/auto-name.js";
import { dataVariables } from "../aws/render-data.js";
import { awsImport, awsModuleFile, eksImport, eksModuleFile, existingClusterConfigKeys, importPath, networkImport, networkModuleFile } from "../aws/module-names.js";
import type { ArnRef, AwsResources, RolePrincipal, WorkloadRoleSpec } from "../aws/resources.js";
import { TS_HEADER, identifier, str } from "./code.js";
import { stringList, trustPolicy } from "../aws/literals.js";

/** What the module needs besides the resources: which clusters the stack creates. */
export interface RolesModuleInput {
  readonly resources: AwsResources;
  /** Clusters with `provider: "eks"` (the others are existing EKS clusters named in config). */
  readonly createdClusters: ReadonlySet<string>;
}

function arn(ref: ArnRef, targetOf: ReadonlyMap<string, string>): string {
  if (ref.literal !== undefined) return str(ref.literal);
  const v = `${awsImport(targetOf.get(ref.part)!)}.${dataVariables(ref.part).resource}.arn`;
  return ref.objects ? `pulumi.interpolate\`\${${v}}/*\`` : v;
}

function roleBlock(role: WorkloadRoleSpec, input: RolesModuleInput, targetOf: ReadonlyMap<string, string>): string {
  const v = identifier(role.workload, "role");
  const net = networkImport(role.region);
  const p = role.principal;
  const statements = role.statements
    .map(
      (s) => `        { Sid: ${str(s.sid)}, Effect: "Allow", Action: ${stringList(s.actions)}, Resource: [${s.resources.map((r) => arn(r, targetOf)).join(", ")}] },`,
    )
    .join("\n");
  return `/** ${role.path}: what its connections allow, nothing more. */
export const ${v} = new aws.iam.Role(
  ${str(autoNamed(role.workload, AWS_NAME_LIMITS.iamRole))},
  { assumeRolePolicy: ${p.kind === "ecs-task" ? trustPolicy("ecs-tasks.amazonaws.com") : trustPolicy("pods.eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"])} },
  { provider: ${net}.provider },
);
new aws.iam.RolePolicy(
  ${str(role.workload)},
  {
    role: ${v}.id,
    policy: pulumi.jsonStringify({
      Version: "2012-10-17",
      Statement: [
${statements}
      ],
    }),
  },
  { provider: ${net}.provider },
);
${p.kind === "pod-identity" ? podIdentity(role.workload, v, net, p, input.createdClusters.has(p.cluster)) : ""}`;
}

function podIdentity(workload: string, role: string, net: string, p: Extract<RolePrincipal, { kind: "pod-identity" }>, created: boolean): string {
  const clusterName = created ? `${eksImport(p.cluster)}.cluster.name` : `config.require(${str(existingClusterConfigKeys(p.cluster).name)})`;
  return `/** Pods of ServiceAccount ${str(`${p.namespace}/${p.serviceAccount}`)} on cluster ${str(p.cluster)} get the role. */
new aws.eks.PodIdentityAssociation(
  ${str(`${p.cluster}-${workload}`)},
  { clusterName: ${clusterName}, namespace: ${str(p.namespace)}, serviceAccount: ${str(p.serviceAccount)}, roleArn: ${role}.arn },
  { provider: ${net}.provider${created ? `, dependsOn: [${eksImport(p.cluster)}.podIdentityAgent]` : ""} },
);
`;
}

/** The source of `iam-roles.ts`. */
export function rolesModule(input: RolesModuleInput): string {
  const { resources } = input;
  const targetOf = new Map([...resources.queues, ...resources.buckets].map((x) => [x.part, x.target]));
  const targets = [...new Set(resources.roles.flatMap((r) => r.statements.flatMap((s) => s.resources.filter((x) => x.literal === undefined).map((x) => targetOf.get(x.part)!))))].sort();
  const regions = [...new Set(resources.roles.map((r) => r.region))].sort();
  const onClusters = resources.roles.flatMap((r) => (r.principal.kind === "pod-identity" ? [r.principal.cluster] : []));
  const clusters = [...new Set(onClusters)].filter((c) => input.createdClusters.has(c)).sort();
  const needsConfig = onClusters.some((c) => !input.createdClusters.has(c));
  return `${TS_HEADER}
// IAM roles of ${str(resources.app)}'s workloads, from their connections' access modes (least privilege).
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
${regions.map((r) => `import * as ${networkImport(r)} from ${str(importPath(networkModuleFile(r)))};\n`).join("")}${targets
    .map((t) => `import * as ${awsImport(t)} from ${str(importPath(awsModuleFile(t)))};\n`)
    .join("")}${clusters.map((c) => `import * as ${eksImport(c)} from ${str(importPath(eksModuleFile(c)))};\n`).join("")}${needsConfig ? "\nconst config = new pulumi.Config();\n" : ""}
${resources.roles.map((r) => roleBlock(r, input, targetOf)).join("\n")}`;
}
