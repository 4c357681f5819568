/**
 * Where each part could run, before any cost is considered: the clusters and managed services
 * its constraints allow, and for every target they rule out, the constraint that does.
 */
import type { AppModel, KubernetesTargetModel, PartModel, TargetModel, WorkloadModel } from "../model/app-model.js";
import { isWorkloadModel } from "../model/app-model.js";
import type { Catalog } from "./catalog/catalog.js";
import { fargateQuote } from "./catalog/fargate.js";
import { managedQuote, type ManagedOffer, type ManagedQuote } from "./catalog/managed.js";

/** A place a part may run. */
export type PartOption =
  | { readonly kind: "cluster"; readonly target: KubernetesTargetModel }
  | { readonly kind: "managed"; readonly target: TargetModel; readonly offer: ManagedOffer };

/** A target a part may not use, and the constraint that rules it out (construct path and prop). */
export interface Exclusion {
  readonly target: string;
  readonly constraint: Constraint;
}

/**
 * A named constraint, as the user wrote it: the construct path and prop, and what it says.
 * The infeasibility diagnosis reports a minimal set of these.
 */
export interface Constraint {
  /** Stable key, e.g. `web:placement.on`. */
  readonly key: string;
  /** Construct path and prop, e.g. `shop/web placement.on`. */
  readonly where: string;
  /** What it says, e.g. `runs only on shop/edge`. */
  readonly says: string;
}

/** The options of every part, in model order, plus what excluded the rest. */
export interface PartOptions {
  readonly part: PartModel;
  readonly options: readonly PartOption[];
  readonly exclusions: readonly Exclusion[];
}

/** A constraint a part's placement props impose, if the user set it. */
export function partConstraint(part: PartModel, prop: "on" | "regions" | "gpu"): Constraint {
  const c = part.constraints;
  const says =
    prop === "on"
      ? `runs only on ${c.on.join(", ")}`
      : prop === "regions"
        ? `runs only in ${c.regions.join(", ")}`
        : `needs ${part.resources.requests.gpus} GPU(s)${c.gpuModel ? ` of model ${c.gpuModel}` : ""}`;
  return { key: `${part.name}:placement.${prop}`, where: `${part.path} placement.${prop}`, says };
}

/** The constraints a caller may switch off (the diagnosis deletes them one at a time). */
export interface Relaxation {
  /** Constraint keys treated as absent. */
  readonly ignored: ReadonlySet<string>;
}

const NO_RELAXATION: Relaxation = { ignored: new Set() };

/**
 * The Fargate offer of a workload, unless it connects to or from another workload: skyweave
 * emits service-to-service traffic only inside a cluster.
 */
function fargateQuoteInApp(model: AppModel, workload: WorkloadModel, region: string): ManagedQuote {
  const workloads = new Set(model.workloads.map((w) => w.name));
  const peer = model.connections.find((c) => (c.from === workload.name && workloads.has(c.to)) || (c.to === workload.name && workloads.has(c.from)));
  if (peer) return { ok: false, reason: `it connects ${peer.from === workload.name ? `to ${peer.to}` : `from ${peer.from}`}, and skyweave emits workload-to-workload connections only inside a cluster` };
  return fargateQuote(workload, region);
}

/** The options of one part under the app's targets and the part's own constraints. */
export function optionsOf(model: AppModel, part: PartModel, catalog: Catalog, relax: Relaxation = NO_RELAXATION): PartOptions {
  const options: PartOption[] = [];
  const exclusions: Exclusion[] = [];
  const on = partConstraint(part, "on");
  const regions = partConstraint(part, "regions");
  for (const target of model.targets) {
    if (part.constraints.on.length > 0 && !part.constraints.on.includes(target.id) && !relax.ignored.has(on.key)) {
      exclusions.push({ target: target.id, constraint: on });
      continue;
    }
    if (part.constraints.regions.length > 0 && !part.constraints.regions.includes(target.region) && !relax.ignored.has(regions.key)) {
      exclusions.push({ target: target.id, constraint: regions });
      continue;
    }
    if (target.kind === "kubernetes") {
      options.push({ kind: "cluster", target });
      continue;
    }
    const quote = isWorkloadModel(part) ? fargateQuoteInApp(model, part, target.region) : managedQuote(catalog, part.kind, target.region, part);
    if (quote.ok) options.push({ kind: "managed", target, offer: quote.offer });
    else
      exclusions.push({
        target: target.id,
        constraint: {
          key: `${target.id}:offers`,
          where: `${target.path}`,
          says: isWorkloadModel(part) ? `cannot run it on Fargate: ${quote.reason}` : `has no priced managed ${part.kind} in ${target.region}`,
        },
      });
  }
  return { part, options, exclusions };
}
