import { describe, expect, it } from "vitest";
import { objectsOfKind, objectsSelecting } from "../../../src/policy/k8s/cluster-index.js";
import type { ClusterManifests, KubeDoc, Manifest } from "../../../src/policy/k8s/manifests.js";
import { selects, type LabelSelector } from "../../../src/policy/k8s/selectors.js";

const manifest = (object: KubeDoc): Manifest => ({ file: "manifests/main/x.yaml", object, ref: `${object.kind}/${object.metadata?.name}`, part: undefined, path: "app" });
const pdb = (name: string, selector: LabelSelector | undefined, namespace?: string): Manifest =>
  manifest({ kind: "PodDisruptionBudget", metadata: { name, ...(namespace ? { namespace } : {}) }, spec: selector === undefined ? {} : { selector } });

const SELECTOR = { name: "spec.selector", of: (m: Manifest) => (m.object["spec"] as { selector?: LabelSelector }).selector };

const cluster: ClusterManifests = {
  target: "main",
  namespace: "app",
  manifests: [
    pdb("web", { matchLabels: { app: "web" } }),
    manifest({ kind: "Deployment", metadata: { name: "web" } }),
    pdb("tier", { matchLabels: { tier: "front", app: "web" } }),
    pdb("everything", {}),
    pdb("none", undefined),
    pdb("expr", { matchExpressions: [{ key: "app", operator: "In", values: ["web", "api"] }] }),
    pdb("not-web", { matchExpressions: [{ key: "app", operator: "NotIn", values: ["web"] }] }),
    pdb("elsewhere", { matchLabels: { app: "web" } }, "other"),
    pdb("api", { matchLabels: { app: "api" } }),
  ],
};

describe("the cluster index the Kubernetes rules share", () => {
  it("lists the objects of a kind in manifest order", () => {
    expect(objectsOfKind(cluster, "Deployment").map((m) => m.ref)).toEqual(["Deployment/web"]);
    expect(objectsOfKind(cluster, "PodDisruptionBudget")).toHaveLength(8);
  });

  it("finds exactly the objects in the namespace whose selector selects the labels, as testing each one would", () => {
    const cases: Record<string, string>[] = [{ app: "web" }, { app: "web", tier: "front" }, { app: "api" }, { tier: "front" }, {}];
    for (const labels of cases) {
      const expected = cluster.manifests.filter((m) => m.object.kind === "PodDisruptionBudget" && (m.object.metadata?.namespace ?? "app") === "app" && selects(SELECTOR.of(m), labels));
      expect(objectsSelecting(cluster, "PodDisruptionBudget", SELECTOR, "app", labels)).toEqual(expected);
    }
  });

  it("answers for web pods: their own, the tier's, the empty selector's and the expression's, not the missing selector's", () => {
    const found = objectsSelecting(cluster, "PodDisruptionBudget", SELECTOR, "app", { app: "web", tier: "front" });
    expect(found.map((m) => m.object.metadata?.name)).toEqual(["web", "tier", "everything", "expr"]);
  });

  it("looks in the namespace asked for", () => {
    expect(objectsSelecting(cluster, "PodDisruptionBudget", SELECTOR, "other", { app: "web" }).map((m) => m.object.metadata?.name)).toEqual(["elsewhere"]);
  });
});
