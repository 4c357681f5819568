/**
 * NetworkPolicies from connections: the namespace denies all ingress and egress by default,
 * allows DNS, and then exactly what the connections need — A may reach B on B's port, and B
 * accepts A on it. Public services accept their port from the ingress controller's namespace.
 */
import { isWorkloadModel, type AppModel, type KubernetesTargetModel, type PartModel } from "../../model/app-model.js";
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

/**
 * The policies of one part placed in-cluster: egress to what it connects to, ingress from what
 * connects to it (and from the ingress controller when it is public). Connections to parts that
 * are not in this cluster are left to the targets that run them.
 */
export function partPolicies(model: AppModel, placement: Placement, targetId: string, namespace: string, part: PartModel): KubeObject[] {
  const here = new Set(placement.parts.filter((p) => p.target === targetId && p.mode === "in-cluster").map((p) => p.part));
  const byName = new Map([...model.workloads, ...model.resources].map((p) => [p.name, p]));
  const peer = (name: string) => ({ podSelector: { matchLabels: selectorLabels(model.app, byName.get(name)!) } });
  const objects: KubeObject[] = [];
  const outbound = model.connections.filter((c) => c.from === part.name && here.has(c.to) && podPort(byName.get(c.to)!) !== undefined);
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
  const inbound = model.connections.filter((c) => c.to === part.name && here.has(c.from));
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
