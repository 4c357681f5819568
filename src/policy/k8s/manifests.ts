/**
 * The Kubernetes objects of an emitted stack, as the policy rules see them: every YAML document
 * under `manifests/<cluster>/`, plus each cluster's namespace (created by the Pulumi module with
 * `namespaceLabels`), each tied to the construct path of the part it belongs to.
 */
import { parseManifestFile } from "./parse-manifests.js";
import { namespaceLabels } from "../../emit/k8s/namespace-labels.js";
import type { PartModel } from "../../model/app-model.js";
import type { StackUnderCheck } from "../rule-set.js";

/** A Kubernetes object as parsed from YAML. */
export interface KubeDoc {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  readonly [field: string]: unknown;
}

/** One object of a cluster, and where it came from. */
export interface Manifest {
  /** The stack file it is in, e.g. `manifests/main/web.yaml` (`k8s-main.ts` for the namespace). */
  readonly file: string;
  readonly object: KubeDoc;
  /** `Kind/name`, e.g. `Deployment/web`. */
  readonly ref: string;
  /** The part it belongs to, if any (namespace-wide objects belong to the app). */
  readonly part: PartModel | undefined;
  /** Construct path of the part, or the app's name. */
  readonly path: string;
}

/** Every object skyweave would create on one cluster. */
export interface ClusterManifests {
  /** The cluster target's id. */
  readonly target: string;
  /** The namespace the app's objects live in. */
  readonly namespace: string;
  readonly manifests: readonly Manifest[];
}

/** The label every skyweave object carries with its part's name. */
export const PART_NAME_LABEL = "app.kubernetes.io/name";

const MANIFEST_FILE = /^manifests\/([^/]+)\/([^/]+)\.ya?ml$/;
const K8S_MODULE = /^k8s-([^/]+)\.ts$/;

/** Splits a stack's files into its clusters' objects, in file order. */
export function clusterManifests(stack: StackUnderCheck): ClusterManifests[] {
  const { model, files } = stack;
  const parts = new Map<string, PartModel>([...model.workloads, ...model.resources].map((p) => [p.name, p]));
  const clusters = new Map<string, Manifest[]>();
  const add = (target: string, m: Manifest): void => {
    const list = clusters.get(target);
    if (list) list.push(m);
    else clusters.set(target, [m]);
  };
  const locate = (file: string, object: KubeDoc, fileStem: string | undefined): Manifest => {
    const part = parts.get(object.metadata?.labels?.[PART_NAME_LABEL] ?? "") ?? (fileStem === undefined ? undefined : parts.get(fileStem));
    return { file, object, ref: `${object.kind ?? "?"}/${object.metadata?.name ?? "?"}`, part, path: part?.path ?? model.app };
  };
  for (const [file, contents] of files) {
    const module = K8S_MODULE.exec(file);
    if (module) {
      const namespace: KubeDoc = { apiVersion: "v1", kind: "Namespace", metadata: { name: model.app, labels: namespaceLabels(model.app) } };
      add(module[1]!, locate(file, namespace, undefined));
      continue;
    }
    const match = MANIFEST_FILE.exec(file);
    if (!match) continue;
    for (const object of parseManifestFile(file, contents) as (KubeDoc | null)[]) {
      if (object !== null && typeof object === "object") add(match[1]!, locate(file, object, match[2]));
    }
  }
  return [...clusters].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([target, manifests]) => ({ target, namespace: model.app, manifests }));
}
