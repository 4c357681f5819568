/**
 * `place(model)`, first version: every part runs on the app's one Kubernetes cluster, in
 * its first node pool, with backing resources in-cluster. The solver issue replaces the
 * body of this function; its signature and the `Placement` it returns stay.
 */
import { InfeasibleError, InputError } from "../errors.js";
import type { AppModel, KubernetesTargetModel, PartModel } from "../model/app-model.js";
import { PLACEMENT_VERSION, PlacementSchema, type Placement } from "./placement.js";

/** Options of `place()`. */
export interface PlaceOptions {
  /** Seconds the solver may spend (unused by the first version). */
  readonly timeLimitSeconds?: number;
}

/** Decides where every part of the app runs. Pure: same model, same placement. */
export function place(model: AppModel, _options: PlaceOptions = {}): Placement {
  const cluster = onlyCluster(model);
  const parts: PartModel[] = [...model.workloads, ...model.resources];
  for (const part of parts) checkAllowed(part, cluster);
  const pool = cluster.nodePools[0]!;
  const sum = (pick: (p: PartModel) => number): number =>
    parts.reduce((total, p) => total + pick(p) * (("replicas" in p ? p.replicas.min : 1) || 0), 0);
  return PlacementSchema.parse({
    version: PLACEMENT_VERSION,
    app: model.app,
    method: "single-cluster (first version: every part on the app's one Kubernetes cluster)",
    parts: parts.map((p) => ({
      part: p.name,
      path: p.path,
      target: cluster.id,
      mode: "in-cluster",
      nodePool: pool.name,
      reason: `${cluster.path} is the app's only target; node pool "${pool.name}" is its first pool`,
    })),
    pools: cluster.nodePools.map((p, i) => ({
      target: cluster.id,
      pool: p.name,
      nodes: [],
      requests:
        i === 0
          ? { cpuMillicores: sum((x) => x.resources.requests.cpuMillicores), memoryBytes: sum((x) => x.resources.requests.memoryBytes), gpus: sum((x) => x.resources.requests.gpus) }
          : { cpuMillicores: 0, memoryBytes: 0, gpus: 0 },
    })),
  });
}

function onlyCluster(model: AppModel): KubernetesTargetModel {
  const where = model.app;
  if (model.targets.length === 0) {
    throw new InputError("the app declares no target to run on", {
      where,
      fix: 'add a cluster: new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks" }).',
    });
  }
  if (model.targets.length > 1) {
    throw new InputError(
      `the app declares ${model.targets.length} targets (${model.targets.map((t) => `${t.path} (${t.kind})`).join(", ")}); this version places apps on exactly one Kubernetes cluster`,
      { where, fix: "keep one KubernetesCluster and remove the other targets until the placement solver (which chooses among targets) lands." },
    );
  }
  const target = model.targets[0]!;
  if (target.kind !== "kubernetes") {
    throw new InputError(`the app's only target ${target.path} is an AwsTarget; this version places apps on a Kubernetes cluster`, {
      where,
      fix: 'declare a KubernetesCluster instead: new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks" }).',
    });
  }
  return target;
}

function checkAllowed(part: PartModel, cluster: KubernetesTargetModel): void {
  const { on, regions } = part.constraints;
  if (on.length > 0 && !on.includes(cluster.id)) {
    throw new InfeasibleError(`placement.on excludes ${cluster.path}, the app's only target`, { where: part.path, fix: `allow ${cluster.path} in placement.on, or remove placement.on.` });
  }
  if (regions.length > 0 && !regions.includes(cluster.region)) {
    throw new InfeasibleError(`placement.regions (${regions.join(", ")}) excludes ${cluster.region}, the region of ${cluster.path}`, {
      where: part.path,
      fix: `add "${cluster.region}" to placement.regions, or move the cluster.`,
    });
  }
}
