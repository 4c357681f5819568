/**
 * `emit(model, placement)`: the files of the Pulumi project that deploys the app, as a map of
 * relative path → contents. Pure and deterministic: the same input gives the same bytes.
 * Writing them is `writeStack()`'s job.
 */
import type { AppModel, KubernetesTargetModel } from "../model/app-model.js";
import type { Placement } from "../solver/placement.js";
import { awsResources } from "./aws/build-resources.js";
import { ROLES_MODULE_FILE, awsModuleFile, eksModuleFile, fargateModuleFile, networkModuleFile } from "./aws/module-names.js";
import { renderNetworkModule } from "./aws/render-network.js";
import { clusterCredentials } from "./k8s/credentials.js";
import { renderClusterManifests } from "./k8s/render-manifests.js";
import { awsModule } from "./pulumi/aws-module.js";
import { clusterBridges } from "./pulumi/cluster-bridges.js";
import { eksClusterModule } from "./pulumi/eks-cluster.js";
import { fargateModule } from "./pulumi/fargate-module.js";
import { rolesModule } from "./pulumi/iam-roles-module.js";
import { indexModule } from "./pulumi/index-module.js";
import { k8sModule } from "./pulumi/k8s-module.js";
import { packageJson, pulumiYaml, tsconfigJson } from "./pulumi/project-files.js";

/** A generated project: relative POSIX path → file contents, sorted by path. */
export type StackFiles = ReadonlyMap<string, string>;

/** Emits the Pulumi project of an app placed by `place()`. */
export function emit(model: AppModel, placement: Placement): StackFiles {
  const files = new Map<string, string>();
  const namespace = model.app;
  const usedTargets = new Set(placement.parts.map((p) => p.target));
  const clusters = model.targets.filter((t): t is KubernetesTargetModel => t.kind === "kubernetes" && usedTargets.has(t.id));
  const awsTargets = model.targets.filter((t) => t.kind === "aws" && usedTargets.has(t.id));
  const aws = awsResources(model, placement);

  // Modules in dependency order: networks, EKS clusters, AWS targets, roles, Fargate workloads, Kubernetes clusters.
  const modules: string[] = [];
  const add = (file: string, contents: string): void => {
    files.set(file, contents);
    modules.push(file);
  };
  for (const network of aws.networks) add(networkModuleFile(network.region), renderNetworkModule(model.app, network));
  for (const spec of aws.clusters) {
    add(eksModuleFile(spec.target), eksClusterModule({ app: model.app, spec, podIdentity: aws.roles.some((r) => r.principal.kind === "pod-identity" && r.principal.cluster === spec.target) }));
  }
  for (const target of awsTargets) add(awsModuleFile(target.id), awsModule({ resources: aws, target }));
  if (aws.roles.length > 0) add(ROLES_MODULE_FILE, rolesModule({ resources: aws, createdClusters: new Set(aws.clusters.map((c) => c.target)) }));
  for (const target of awsTargets) {
    if (aws.fargate.some((f) => f.target === target.id)) add(fargateModuleFile(target.id), fargateModule({ resources: aws, target }));
  }
  for (const cluster of clusters) {
    const manifests = renderClusterManifests(model, placement, cluster.id, namespace);
    for (const [file, contents] of manifests) files.set(file, contents);
    add(
      `k8s-${cluster.id}.ts`,
      k8sModule({
        app: model.app,
        target: cluster,
        namespace,
        secrets: clusterCredentials(model, placement, cluster.id),
        partCount: manifests.size,
        bridges: clusterBridges(model.app, cluster.region, aws.bridges.filter((b) => b.cluster === cluster.id)),
      }),
    );
  }
  files.set("index.ts", indexModule(model.app, modules, clusters, aws));
  files.set("Pulumi.yaml", pulumiYaml(model.app));
  files.set("package.json", packageJson(model.app));
  files.set("tsconfig.json", tsconfigJson(["index.ts", ...modules]));
  files.set("placement.json", `${JSON.stringify(placement, null, 2)}\n`);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
