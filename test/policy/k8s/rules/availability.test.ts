import { describe, expect, it } from "vitest";
import { checkStack } from "../../../../src/policy/index.js";
import { addObject, editObject, removeObjects, weaveStack } from "../../stack-fixture.js";

const WEB = "manifests/main/web.yaml";

describe("k8s/pod-disruption-budget", () => {
  it("finds an autoscaled workload (HPA max 4) without a PodDisruptionBudget", async () => {
    const stack = removeObjects(await weaveStack(), WEB, (o) => o.kind === "PodDisruptionBudget");
    expect(checkStack(stack.model, stack.placement, stack.files)).toEqual([
      {
        rule: "k8s/pod-disruption-budget",
        path: "weave/web",
        object: "manifests/main/web.yaml Deployment/web",
        message: "the workload may run 4 replicas, and no PodDisruptionBudget selects its pods: a node drain may take them all down at once",
        fix: "skyweave writes a PodDisruptionBudget (maxUnavailable: 1) for workloads with replicas.max ≥ 2 into the manifests of weave/web: if they were edited, run `skyweave synth` again; otherwise report this as a skyweave bug.",
      },
    ]);
  });

  it("finds a budget whose selector does not select the pods", async () => {
    const stack = editObject(await weaveStack(), WEB, "PodDisruptionBudget/web", (pdb) => (pdb.spec.selector = { matchLabels: { "app.kubernetes.io/name": "other" } }));
    expect(checkStack(stack.model, stack.placement, stack.files).map((f) => f.rule)).toEqual(["k8s/pod-disruption-budget"]);
  });

  it("counts spec.replicas of a workload without an autoscaler", async () => {
    const stack = editObject(await weaveStack(), "manifests/main/mailer.yaml", "Deployment/mailer", (d) => (d.spec.replicas = 3));
    expect(checkStack(stack.model, stack.placement, stack.files).map((f) => [f.rule, f.message])).toEqual([
      ["k8s/pod-disruption-budget", "the workload may run 3 replicas, and no PodDisruptionBudget selects its pods: a node drain may take them all down at once"],
    ]);
    const withBudget = addObject(stack, "manifests/main/mailer.yaml", {
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: "mailer", namespace: "weave" },
      spec: { maxUnavailable: 1, selector: { matchExpressions: [{ key: "app.kubernetes.io/name", operator: "In", values: ["mailer"] }] } },
    });
    expect(checkStack(withBudget.model, withBudget.placement, withBudget.files)).toEqual([]);
  });
});
