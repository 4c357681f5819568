import { describe, expect, it } from "vitest";
import { checkStack } from "../../../../src/policy/index.js";
import { editObject, podSpec, weaveStack } from "../../stack-fixture.js";

const fix =
  "skyweave writes a ServiceAccount per part and automountServiceAccountToken: false into the manifests of weave/mailer: if they were edited, run `skyweave synth` again; otherwise report this as a skyweave bug.";

describe("k8s/service-account-token", () => {
  it("finds a pod that mounts its ServiceAccount's token", async () => {
    const stack = editObject(await weaveStack(), "manifests/main/mailer.yaml", "Deployment/mailer", (d) => (podSpec(d).automountServiceAccountToken = true));
    expect(checkStack(stack.model, stack.placement, stack.files)).toEqual([
      {
        rule: "k8s/service-account-token",
        path: "weave/mailer",
        object: "manifests/main/mailer.yaml Deployment/mailer",
        message: 'the pods mount an API token of ServiceAccount "mailer" (automountServiceAccountToken: true); nothing in them calls the Kubernetes API',
        fix,
      },
    ]);
  });

  it("accepts a pod that leaves it to a ServiceAccount without a token, and finds one whose ServiceAccount mounts it", async () => {
    let stack = editObject(await weaveStack(), "manifests/main/mailer.yaml", "Deployment/mailer", (d) => delete podSpec(d).automountServiceAccountToken);
    expect(checkStack(stack.model, stack.placement, stack.files)).toEqual([]);
    stack = editObject(stack, "manifests/main/mailer.yaml", "ServiceAccount/mailer", (sa) => delete sa.automountServiceAccountToken);
    expect(checkStack(stack.model, stack.placement, stack.files).map((f) => [f.rule, f.message])).toEqual([
      ["k8s/service-account-token", 'the pods mount an API token of ServiceAccount "mailer"; nothing in them calls the Kubernetes API'],
    ]);
  });
});
