import { describe, expect, it } from "vitest";
import { clusterManifests, K8S_RULES, type ClusterManifests } from "../../../../src/policy/index.js";
import { weaveStack } from "../../stack-fixture.js";

const rule = K8S_RULES.find((r) => r.id === "k8s/namespace-pod-security")!;

function clusterWithNamespaceLabels(labels: Record<string, string>): ClusterManifests {
  const object = { apiVersion: "v1", kind: "Namespace", metadata: { name: "weave", labels } };
  return { target: "main", namespace: "weave", manifests: [{ file: "k8s-main.ts", object, ref: "Namespace/weave", part: undefined, path: "weave" }] };
}

describe("k8s/namespace-pod-security", () => {
  it("finds a namespace without the enforce label", () => {
    expect(rule.find(clusterWithNamespaceLabels({ "app.kubernetes.io/part-of": "weave" })).map(({ manifest, ...v }) => ({ path: manifest.path, ...v }))).toEqual([
      {
        path: "weave",
        object: "k8s-main.ts Namespace/weave",
        message: "the namespace has no pod-security.kubernetes.io/enforce label, so the API server admits pods that break the restricted standard",
        fix: "skyweave writes pod-security.kubernetes.io/enforce: restricted into k8s-main.ts for the app's namespace: if they were edited, run `skyweave synth` again; otherwise report this as a skyweave bug.",
      },
    ]);
  });

  it("finds a namespace that enforces a weaker level", () => {
    expect(rule.find(clusterWithNamespaceLabels({ "pod-security.kubernetes.io/enforce": "baseline" }))[0]!.message).toBe(
      'the namespace enforces "baseline", so the API server admits pods that break the restricted standard',
    );
  });

  it("reads the labels the Pulumi module gives the namespace it creates", async () => {
    const [cluster] = clusterManifests(await weaveStack());
    const namespace = cluster!.manifests.find((m) => m.object.kind === "Namespace")!;
    expect(namespace.file).toBe("k8s-main.ts");
    expect(namespace.object.metadata?.labels?.["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    expect(rule.find(cluster!)).toEqual([]);
  });
});
