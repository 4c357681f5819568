/**
 * Renders `eks-<cluster>.ts`: the EKS cluster of a `KubernetesCluster` with `provider: "eks"`,
 * its IAM roles, a KMS key for Kubernetes Secrets, the control plane's log group, one managed
 * node group per (pool, instance type) sized as the solver chose, and a kubeconfig that
 * authenticates with `aws eks get-token` (no credential in it; kept secret in the state anyway).
 */
import { AWS_NAME_LIMITS, autoNamed } from "../aws/auto-name.js";
import { stringList, trustPolicy } from "../aws/literals.js";
import { importPath, networkImport, networkModuleFile } from "../aws/module-names.js";
import type { EksClusterSpec } from "../aws/resources.js";
import { TS_HEADER, identifier, str } from "./code.js";

/**
 * The configuration of the managed VPC CNI add-on: enforce NetworkPolicies (AWS: "Configure your
 * cluster for Kubernetes network policies"; not on by default).
 */
export const VPC_CNI_CONFIGURATION = { enableNetworkPolicy: "true" } as const;

/** The name of the EKS cluster in AWS: `<app>-<target>`. */
export function eksClusterName(app: string, target: string): string {
  return `${app}-${target}`;
}

function policyAttachments(prefix: string, role: string, arns: readonly string[]): string {
  return arns
    .map((arn) => `  new aws.iam.RolePolicyAttachment(${str(`${prefix}-${arn.split("/").pop()}`)}, { role: ${role}.name, policyArn: ${str(arn)} }, { provider }),`)
    .join("\n");
}

/** What the EKS module needs. */
export interface EksModuleInput {
  readonly app: string;
  readonly spec: EksClusterSpec;
  /** Install the EKS Pod Identity agent (workloads on the cluster have AWS roles). */
  readonly podIdentity: boolean;
}

/** The source of `eks-<cluster>.ts`. */
export function eksClusterModule({ app, spec, podIdentity }: EksModuleInput): string {
  const t = spec.target;
  const net = networkImport(spec.region);
  const name = eksClusterName(app, t);
  const groups = spec.nodeGroups.map((g) => {
    const variable = identifier(g.name);
    const code = `/** Pool ${str(g.pool)}: ${g.desiredSize} × ${g.instanceType}, as placed (placement.json); up to ${g.maxSize} with a cluster autoscaler. */
const ${variable} = new aws.eks.NodeGroup(
  ${str(`${t}-${g.name}`)},
  {
    clusterName: cluster.name,
    nodeGroupName: ${str(g.name)},
    nodeRoleArn: nodeRole.arn,
    subnetIds: ${net}.privateSubnetIds,
    instanceTypes: [${str(g.instanceType)}],
    capacityType: "ON_DEMAND",
    scalingConfig: { desiredSize: ${g.desiredSize}, minSize: ${g.minSize}, maxSize: ${g.maxSize} },
    updateConfig: { maxUnavailable: 1 },
    labels: { ${Object.entries(g.labels).map(([k, v]) => `${str(k)}: ${str(v)}`).join(", ")} },
  },
  { provider, dependsOn: [...nodePolicies, vpcCni] },
);`;
    return { variable, code };
  });
  return `${TS_HEADER}
// EKS cluster ${str(t)} (${spec.path}, ${spec.region}) for ${str(app)}: created by this stack, its node groups sized by the solver.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as ${net} from ${str(importPath(networkModuleFile(spec.region)))};

const provider = ${net}.provider;

/** The role the EKS control plane assumes. */
const clusterRole = new aws.iam.Role(
  ${str(autoNamed(`${t}-cluster`, AWS_NAME_LIMITS.iamRole))},
  { assumeRolePolicy: ${trustPolicy("eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"])} },
  { provider },
);
const clusterPolicies = [
${policyAttachments(`${t}-cluster`, "clusterRole", spec.clusterPolicies)}
];

/** Encrypts the cluster's Kubernetes Secrets (envelope encryption). */
const secretsKey = new aws.kms.Key(${str(`${t}-secrets`)}, { description: ${str(`Kubernetes Secrets of EKS cluster ${name}`)}, enableKeyRotation: true, deletionWindowInDays: 30 }, { provider });

/** The control plane's logs, created before the cluster so that they expire. */
const controlPlaneLogs = new aws.cloudwatch.LogGroup(${str(`${t}-control-plane`)}, { name: ${str(`/aws/eks/${name}/cluster`)}, retentionInDays: ${spec.logRetentionDays} }, { provider });

/** The cluster, in the private subnets; the API endpoint is reachable from outside for \`pulumi up\` and kubectl (authenticated with IAM). */
export const cluster = new aws.eks.Cluster(
  ${str(t)},
  {
    name: ${str(name)},
    version: ${str(spec.version)},
    roleArn: clusterRole.arn,
    vpcConfig: { subnetIds: ${net}.privateSubnetIds, endpointPrivateAccess: true, endpointPublicAccess: true },
    accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
    enabledClusterLogTypes: ${stringList(spec.logTypes)},
    ${spec.secretsEncryption ? "encryptionConfig: { resources: [\"secrets\"], provider: { keyArn: secretsKey.arn } }," : ""}
  },
  { provider, dependsOn: [...clusterPolicies, controlPlaneLogs] },
);

/** The security group EKS gives the control plane and the managed nodes: data services admit connections from it. */
export const clusterSecurityGroupId = cluster.vpcConfig.clusterSecurityGroupId;

/** The role every node assumes: join the cluster, run the VPC CNI, pull images from ECR. */
const nodeRole = new aws.iam.Role(
  ${str(autoNamed(`${t}-nodes`, AWS_NAME_LIMITS.iamRole))},
  { assumeRolePolicy: ${trustPolicy("ec2.amazonaws.com")} },
  { provider },
);
const nodePolicies = [
${policyAttachments(`${t}-nodes`, "nodeRole", spec.nodePolicies)}
];

/**
 * The VPC CNI as a managed add-on with its network policy agent on: EKS accepts NetworkPolicies
 * without it but does not enforce them. Created before the nodes, so no pod runs unenforced.
 */
const vpcCni = new aws.eks.Addon(
  ${str(`${t}-vpc-cni`)},
  {
    clusterName: cluster.name,
    addonName: "vpc-cni",
    configurationValues: ${str(JSON.stringify(VPC_CNI_CONFIGURATION))},
    resolveConflictsOnCreate: "OVERWRITE",
    resolveConflictsOnUpdate: "OVERWRITE",
  },
  { provider },
);

${groups.map((g) => g.code).join("\n\n")}

/** Every node group: Kubernetes objects wait for them. */
export const nodeGroups = [${groups.map((g) => g.variable).join(", ")}];
${
  podIdentity
    ? `
/** The EKS Pod Identity agent: pods get the AWS role of their ServiceAccount (iam-roles.ts). */
export const podIdentityAgent = new aws.eks.Addon(${str(`${t}-pod-identity-agent`)}, { clusterName: cluster.name, addonName: "eks-pod-identity-agent" }, { provider, dependsOn: nodeGroups });
`
    : ""
}
/** A kubeconfig for the cluster. It holds no credential (\`aws eks get-token\` signs in with the caller's AWS identity) and is a secret anyway. */
export const kubeconfig = pulumi.secret(
  pulumi.all([cluster.name, cluster.endpoint, cluster.certificateAuthority.data]).apply(([name, server, ca]) =>
    JSON.stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name, cluster: { server, "certificate-authority-data": ca } }],
      users: [{ name, user: { exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token", "--cluster-name", name, "--region", ${str(spec.region)}] } } }],
      contexts: [{ name, context: { cluster: name, user: name } }],
      "current-context": name,
    }),
  ),
);
`.replace(/\n    \n/g, "\n");
}
