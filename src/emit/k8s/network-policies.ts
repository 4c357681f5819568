/**
 * NetworkPolicies from connections: the namespace denies all ingress and egress by default,
 * allows DNS, and then exactly what the connections need — A may reach B on B's port, and B
 * accepts A on it. Public services accept their port from the ingress controller's namespace.
 */
import { isWorkloadModel, type AppModel, type ConnectionModel, type KubernetesTargetModel, type PartModel } from "../../model/app-model.js";
import type { Placement } from "../../solver/placement.js";
import { BACKENDS } from "./backends.js";
import { selectorLabels } from "./labels.js";
import type { KubeObject } from "./workload-objects.js";

/** The port a part's pods listen on, if any. */
function podPort(part: PartModel): number | undefined {
  return isWorkloadModel(part) ? part.port : BACKENDS[part.kind].port;
}

const policy = (namespace: string, name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "NetworkPolicy",
  metadata: { name, namespace, labels: { "app.kubernetes.io/managed-by": "skyweave" } },
  spec,
});

/** Policies for the whole namespace: deny everything, then allow DNS to the cluster's resolver. */
export function namespacePolicies(namespace: string): KubeObject[] {
  return [
    policy(namespace, "default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
    policy(namespace, "allow-dns", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
          ports: [
            { protocol: "UDP", port: 53 },
            { protocol: "TCP", port: 53 },
          ],
        },
      ],
    }),
  ];
}

/** The app's parts by name and its connections by each end, in model order: built once per model. */
interface ConnectionIndex {
  readonly byName: ReadonlyMap<string, PartModel>;
  readonly from: ReadonlyMap<string, readonly ConnectionModel[]>;
  readonly to: ReadonlyMap<string, readonly ConnectionModel[]>;
}

const connectionIndexes = new WeakMap<AppModel, ConnectionIndex>();
const inClusterParts = new WeakMap<Placement, Map<string, ReadonlySet<string>>>();

function connectionIndex(model: AppModel): ConnectionIndex {
  let index = connectionIndexes.get(model);
  if (!index) {
    const group = (end: "from" | "to") => {
      const map = new Map<string, ConnectionModel[]>();
      for (const c of model.connections) map.set(c[end], [...(map.get(c[end]) ?? []), c]);
      return map;
    };
    index = { byName: new Map([...model.workloads, ...model.resources].map((p) => [p.name, p])), from: group("from"), to: group("to") };
    connectionIndexes.set(model, index);
  }
  return index;
}

/** The parts placed in-cluster on `targetId`, once per placement and target. */
function inCluster(placement: Placement, targetId: string): ReadonlySet<string> {
  let byTarget = inClusterParts.get(placement);
  if (!byTarget) inClusterParts.set(placement, (byTarget = new Map()));
  let here = byTarget.get(targetId);
  if (!here) byTarget.set(targetId, (here = new Set(placement.parts.filter((p) => p.target === targetId && p.mode === "in-cluster").map((p) => p.part))));
  return here;
}

/**
 * The policies of one part placed in-cluster: egress to what it connects to, ingress from what
 * connects to it (and from the ingress controller when it is public). Connections to parts that
 * are not in this cluster are left to the targets that run them.
 */
export function partPolicies(model: AppModel, placement: Placement, targetId: string, namespace: string, part: PartModel): KubeObject[] {
  const here = inCluster(placement, targetId);
  const { byName, from, to } = connectionIndex(model);
  const peer = (name: string) => ({ podSelector: { matchLabels: selectorLabels(model.app, byName.get(name)!) } });
  const objects: KubeObject[] = [];
  const outbound = (from.get(part.name) ?? []).filter((c) => here.has(c.to) && podPort(byName.get(c.to)!) !== undefined);
  if (outbound.length > 0) {
    objects.push(
      policy(namespace, `${part.name}-egress`, {
        podSelector: { matchLabels: selectorLabels(model.app, part) },
        policyTypes: ["Egress"],
        egress: outbound.map((c) => ({ to: [peer(c.to)], ports: [{ protocol: "TCP", port: podPort(byName.get(c.to)!)! }] })),
      }),
    );
  }
  const port = podPort(part);
  const inbound = (to.get(part.name) ?? []).filter((c) => here.has(c.from));
  const isPublic = isWorkloadModel(part) && part.public;
  const controllerNamespace = model.targets.find((t): t is KubernetesTargetModel => t.kind === "kubernetes" && t.id === targetId)?.ingress.controllerNamespace;
  if (port !== undefined && (inbound.length > 0 || isPublic)) {
    objects.push(
      policy(namespace, `${part.name}-ingress`, {
        podSelector: { matchLabels: selectorLabels(model.app, part) },
        policyTypes: ["Ingress"],
        ingress: [
          ...(inbound.length > 0 ? [{ from: inbound.map((c) => peer(c.from)), ports: [{ protocol: "TCP", port }] }] : []),
          ...(isPublic ? [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": controllerNamespace } } }], ports: [{ protocol: "TCP", port }] }] : []),
        ],
      }),
    );
  }
  return objects;
}
