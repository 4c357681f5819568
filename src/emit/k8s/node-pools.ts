/**
 * Pins pods to the node pools the solver placed them in. Node groups skyweave creates (EKS)
 * carry the label `skyweave.dev/pool`; clusters that already exist keep their own labels, so
 * their pods are not pinned.
 */
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import type { KubeObject } from "./kube-object.js";

/** The node label that names a skyweave node pool. */
export const POOL_LABEL = "skyweave.dev/pool";

/** The pod spec inside a Deployment, StatefulSet or CronJob, if the object has one. */
function podSpecOf(object: KubeObject): IPodSpec | undefined {
  const spec = object.spec as { template?: { spec?: IPodSpec }; jobTemplate?: { spec?: { template?: { spec?: IPodSpec } } } } | undefined;
  if (object.kind === "Deployment" || object.kind === "StatefulSet") return spec?.template?.spec;
  if (object.kind === "CronJob") return spec?.jobTemplate?.spec?.template?.spec;
  return undefined;
}

/** The scheduling fields that keep pods on `pools`: a nodeSelector for one pool, node affinity for several. */
export function poolScheduling(pools: readonly string[]): Pick<IPodSpec, "nodeSelector" | "affinity"> {
  if (pools.length === 0) return {};
  if (pools.length === 1) return { nodeSelector: { [POOL_LABEL]: pools[0]! } };
  return {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: POOL_LABEL, operator: "In", values: [...pools].sort() }] }] },
      },
    },
  };
}

/** The objects with every pod template pinned to `pools` (new objects; the input is not changed). */
export function pinToPools(objects: readonly KubeObject[], pools: readonly string[]): KubeObject[] {
  const scheduling = poolScheduling(pools);
  if (Object.keys(scheduling).length === 0) return [...objects];
  return objects.map((object) => {
    const podSpec = podSpecOf(object);
    if (podSpec === undefined) return object;
    const pinned = { ...podSpec, ...scheduling };
    const spec = object.spec as Record<string, unknown>;
    if (object.kind === "CronJob") {
      const job = spec.jobTemplate as { spec: { template: Record<string, unknown> } };
      return { ...object, spec: { ...spec, jobTemplate: { ...job, spec: { ...job.spec, template: { ...job.spec.template, spec: pinned } } } } };
    }
    return { ...object, spec: { ...spec, template: { ...(spec.template as Record<string, unknown>), spec: pinned } } };
  });
}
