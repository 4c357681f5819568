/** File and variable names of the AWS-side modules of a stack, shared by every renderer. */
import { identifier } from "../pulumi/code.js";

/** `network-<region>.ts`: the region's AWS provider and VPC. */
export function networkModuleFile(region: string): string {
  return `network-${region}.ts`;
}

/** `eks-<cluster>.ts`: an EKS cluster the stack creates. */
export function eksModuleFile(cluster: string): string {
  return `eks-${cluster}.ts`;
}

/** `aws-<target>.ts`: the managed services of an AwsTarget. */
export function awsModuleFile(target: string): string {
  return `aws-${target}.ts`;
}

/** `fargate-<target>.ts`: the ECS Fargate workloads of an AwsTarget. */
export function fargateModuleFile(target: string): string {
  return `fargate-${target}.ts`;
}

/** `iam-roles.ts`: one IAM role per workload that reaches AWS APIs. */
export const ROLES_MODULE_FILE = "iam-roles.ts";

/** The import path of a module file (`./network-us-east-1`). */
export function importPath(file: string): string {
  return `./${file.replace(/\.ts$/, "")}`;
}

/** The namespace identifier a module is imported as. */
export function networkImport(region: string): string {
  return identifier(region, "network");
}

/** The namespace identifier an EKS module is imported as. */
export function eksImport(cluster: string): string {
  return identifier(cluster, "eks");
}

/** The namespace identifier an AWS target module is imported as. */
export function awsImport(target: string): string {
  return identifier(target, "aws");
}

/** The Pulumi config keys of an existing VPC (a region whose cluster is `existing`). */
export function networkConfigKeys(region: string): { vpcId: string; cidr: string; privateSubnetIds: string } {
  return { vpcId: `vpc-id-${region}`, cidr: `vpc-cidr-${region}`, privateSubnetIds: `private-subnet-ids-${region}` };
}

/** The Pulumi config keys of an existing cluster that AWS services must know: its name (Pod Identity) and its nodes' security group. */
export function existingClusterConfigKeys(cluster: string): { name: string; securityGroupId: string } {
  return { name: `eks-cluster-name-${cluster}`, securityGroupId: `node-security-group-${cluster}` };
}
