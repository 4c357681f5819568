/**
 * Lookups the Kubernetes rules share, built once per cluster and remembered with it: the objects
 * of each kind, and which objects of a kind may select a set of pod labels. They keep the rules
 * that relate objects to each other (a PodDisruptionBudget or NetworkPolicy to the pods it
 * selects, an autoscaler to its target) linear in the size of the cluster instead of quadratic.
 */
import type { ClusterManifests, Manifest } from "./manifests.js";
import { selects, type LabelSelector } from "./selectors.js";

const memos = new WeakMap<ClusterManifests, Map<string, unknown>>();

/** `build(cluster)`, computed once per cluster and `key`. */
export function memoised<T>(cluster: ClusterManifests, key: string, build: (cluster: ClusterManifests) => T): T {
  let memo = memos.get(cluster);
  if (!memo) memos.set(cluster, (memo = new Map()));
  if (!memo.has(key)) memo.set(key, build(cluster));
  return memo.get(key) as T;
}

/** The cluster's objects of `kind`, in manifest order. */
export function objectsOfKind(cluster: ClusterManifests, kind: string): readonly Manifest[] {
  return memoised(cluster, `kind:${kind}`, (c) => c.manifests.filter((m) => m.object.kind === kind));
}

/** The namespace an object lives in: its own, or the cluster's (the app's). */
export function namespaceOf(m: Manifest, cluster: ClusterManifests): string {
  return m.object.metadata?.namespace ?? cluster.namespace;
}

interface SelectorIndex {
  /** Objects whose selector has matchLabels, by one of its `key=value` pairs (the first). */
  readonly byLabel: Map<string, Manifest[]>;
  /** Objects whose selector has no matchLabels: they must be tested against every pod. */
  readonly others: Manifest[];
  /** Manifest order, to return candidates in it. */
  readonly order: Map<Manifest, number>;
}

const labelKey = (key: string, value: string): string => `${key}\u0000${value}`;

/**
 * The objects of `kind` in `namespace` whose selector (`selectorOf`) selects `labels`, in
 * manifest order: the same answer as testing every object with `selects()`, but only objects
 * that share a matchLabels pair with the pods are tested.
 */
export function objectsSelecting(
  cluster: ClusterManifests,
  kind: string,
  selector: { readonly name: string; readonly of: (m: Manifest) => LabelSelector | undefined },
  namespace: string,
  labels: Record<string, string>,
): Manifest[] {
  const index = memoised(cluster, `selector:${kind}:${selector.name}`, (c): SelectorIndex => {
    const byLabel = new Map<string, Manifest[]>();
    const others: Manifest[] = [];
    const order = new Map<Manifest, number>();
    objectsOfKind(c, kind).forEach((m, i) => {
      order.set(m, i);
      const s = selector.of(m);
      if (s === undefined) return; // selects nothing
      const first = Object.entries(s.matchLabels ?? {})[0];
      if (first === undefined) others.push(m);
      else {
        const key = labelKey(first[0], String(first[1]));
        const list = byLabel.get(key);
        if (list) list.push(m);
        else byLabel.set(key, [m]);
      }
    });
    return { byLabel, others, order };
  });
  const candidates = new Set<Manifest>(index.others);
  for (const [key, value] of Object.entries(labels)) for (const m of index.byLabel.get(labelKey(key, value)) ?? []) candidates.add(m);
  return [...candidates]
    .filter((m) => namespaceOf(m, cluster) === namespace && selects(selector.of(m), labels))
    .sort((a, b) => index.order.get(a)! - index.order.get(b)!);
}
