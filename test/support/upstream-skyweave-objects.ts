/**
 * The skyweave side of an upstream comparison: an example app rendered through the real
 * pipeline (toModel → place → clusterObjects) on its one Kubernetes cluster, with each part's
 * workload object and the Services in front of it.
 */
import { clusterObjects, place, toModel, type App, type AppModel, type KubeObject } from "skyweave";
import type { WorkloadSide } from "./upstream-comparison.js";

/** An example as skyweave emits it. */
export interface EmittedApp {
  readonly model: AppModel;
  /** Every object of each part, by part name. */
  readonly parts: Map<string, KubeObject[]>;
  /** The part's Deployment or StatefulSet and its Services (`<name>`, `<name>-public`), if it has a workload object. */
  workload(name: string): WorkloadSide | undefined;
}

/** Renders the app; placement gets one second, as in synth's tests. */
export async function emitForComparison(app: App): Promise<EmittedApp> {
  const model = toModel(app);
  const placement = await place(model, undefined, { timeLimitSeconds: 1 });
  const cluster = model.targets.find((t) => t.kind === "kubernetes");
  if (!cluster) throw new Error(`${model.app}: no Kubernetes cluster to compare on`);
  const parts = clusterObjects(model, placement, cluster.id, model.app);
  const workload = (name: string): WorkloadSide | undefined => {
    const objects = parts.get(name) ?? [];
    const w = objects.find((o) => (o.kind === "Deployment" || o.kind === "StatefulSet") && o.metadata.name === name);
    if (!w) return undefined;
    const services = objects.filter((o) => o.kind === "Service" && (o.metadata.name === name || o.metadata.name === `${name}-public`));
    return { workload: w, services };
  };
  return { model, parts, workload };
}
