import { describe, expect, it } from "vitest";
import { checkStack } from "../../../../src/policy/index.js";
import { addObject, editObject, podSpec, weaveStack } from "../../stack-fixture.js";

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
        message: 'the pods mount an API token of ServiceAccount "mailer" (automountServiceAccountToken: true), and no RoleBinding grants it API access, so nothing in them calls the Kubernetes API',
        fix,
      },
    ]);
  });

  it("accepts a pod that leaves it to a ServiceAccount without a token, and finds one whose ServiceAccount mounts it", async () => {
    let stack = editObject(await weaveStack(), "manifests/main/mailer.yaml", "Deployment/mailer", (d) => delete podSpec(d).automountServiceAccountToken);
    expect(checkStack(stack.model, stack.placement, stack.files)).toEqual([]);
    stack = editObject(stack, "manifests/main/mailer.yaml", "ServiceAccount/mailer", (sa) => delete sa.automountServiceAccountToken);
    expect(checkStack(stack.model, stack.placement, stack.files).map((f) => [f.rule, f.message])).toEqual([
      ["k8s/service-account-token", 'the pods mount an API token of ServiceAccount "mailer", and no RoleBinding grants it API access, so nothing in them calls the Kubernetes API'],
    ]);
  });

  it("accepts a token for a ServiceAccount that a RoleBinding grants API access, and only for that one", async () => {
    let stack = editObject(await weaveStack(), "manifests/main/mailer.yaml", "Deployment/mailer", (d) => (podSpec(d).automountServiceAccountToken = true));
    const binding = (subject: string) => ({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "mailer-api", namespace: "weave", labels: { "app.kubernetes.io/name": "mailer" } },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "mailer-api" },
      subjects: [{ kind: "ServiceAccount", name: subject, namespace: "weave" }],
    });
    const bound = addObject(stack, "manifests/main/mailer.yaml", binding("mailer"));
    expect(checkStack(bound.model, bound.placement, bound.files)).toEqual([]);
    stack = addObject(stack, "manifests/main/mailer.yaml", binding("someone-else"));
    expect(checkStack(stack.model, stack.placement, stack.files).map((f) => f.rule)).toEqual(["k8s/service-account-token"]);
  });
});
