/**
 * `emit(model, placement)`: the files of the Pulumi project that deploys the app, as a map of
 * relative path → contents. Pure and deterministic: the same input gives the same bytes.
 * Writing them is `writeStack()`'s job.
 */
import { InputError } from "../errors.js";
import type { AppModel, KubernetesTargetModel } from "../model/app-model.js";
import type { Placement } from "../solver/placement.js";
import { clusterCredentials } from "./k8s/credentials.js";
import { renderClusterManifests } from "./k8s/render-manifests.js";
import { indexModule, targetModuleFile } from "./pulumi/index-module.js";
import { k8sModule } from "./pulumi/k8s-module.js";
import { packageJson, pulumiYaml, tsconfigJson } from "./pulumi/project-files.js";

/** A generated project: relative POSIX path → file contents, sorted by path. */
export type StackFiles = ReadonlyMap<string, string>;

/** Emits the Pulumi project of an app placed by `place()`. */
export function emit(model: AppModel, placement: Placement): StackFiles {
  const managed = placement.parts.find((p) => p.mode === "managed");
  if (managed) {
    throw new InputError(`the placement runs ${managed.path} as ${managed.service} on ${managed.target}, and this version cannot emit managed services yet`, {
      where: managed.path,
      fix: `keep it in-cluster for now with placement: { on: [<your KubernetesCluster>] }, or remove the AwsTarget; emitting AWS services comes with the AWS target.`,
    });
  }
  const files = new Map<string, string>();
  const namespace = model.app;
  const usedTargets = new Set(placement.parts.map((p) => p.target));
  const clusters = model.targets.filter((t): t is KubernetesTargetModel => t.kind === "kubernetes" && usedTargets.has(t.id));

  for (const cluster of clusters) {
    const manifests = renderClusterManifests(model, placement, cluster.id, namespace);
    for (const [file, contents] of manifests) files.set(file, contents);
    files.set(
      targetModuleFile(cluster),
      k8sModule({ app: model.app, target: cluster, namespace, secrets: clusterCredentials(model, placement, cluster.id), partCount: manifests.size }),
    );
  }
  const modules = clusters.map(targetModuleFile);
  files.set("index.ts", indexModule(model.app, clusters));
  files.set("Pulumi.yaml", pulumiYaml(model.app));
  files.set("package.json", packageJson(model.app));
  files.set("tsconfig.json", tsconfigJson(["index.ts", ...modules]));
  files.set("placement.json", `${JSON.stringify(placement, null, 2)}\n`);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
