import { describe, expect, it } from "vitest";
import { checkStack } from "../../../../src/policy/index.js";
import { editObject, removeObjects, weaveStack } from "../../stack-fixture.js";

const NS = "manifests/main/_namespace.yaml";

describe("k8s/network-policy", () => {
  it("finds the pods no policy governs once the namespace-wide policies are gone", async () => {
    const stack = removeObjects(await weaveStack(), NS, () => true);
    const findings = checkStack(stack.model, stack.placement, stack.files);
    // What is left are the parts' own policies: web and db accept their clients (ingress),
    // web and nightly reach db (egress); mailer has none.
    expect(findings.map((f) => [f.path, f.object, f.message])).toEqual([
      ["weave/db", "manifests/main/db.yaml StatefulSet/db", "no NetworkPolicy governs the pods' egress: they can connect anywhere"],
      ["weave/mailer", "manifests/main/mailer.yaml Deployment/mailer", "no NetworkPolicy governs the pods' ingress or egress: any pod in the cluster can connect to them"],
      ["weave/nightly", "manifests/main/nightly.yaml CronJob/nightly", "no NetworkPolicy governs the pods' ingress: any pod in the cluster can connect to them"],
    ]);
    expect(findings.every((f) => f.rule === "k8s/network-policy")).toBe(true);
    expect(findings[0]!.fix).toBe(
      "skyweave writes a default-deny NetworkPolicy for ingress and egress in the namespace into the manifests of weave/db: if they were edited, run `skyweave synth` again; otherwise report this as a skyweave bug.",
    );
  });

  it("does not count a policy whose selector misses the pods, nor one for egress only as ingress", async () => {
    const stack = editObject(await weaveStack(), NS, "NetworkPolicy/default-deny", (p) => {
      p.spec.podSelector = { matchLabels: { "app.kubernetes.io/name": "web" } };
      p.spec.policyTypes = ["Egress"];
    });
    const mailer = checkStack(stack.model, stack.placement, stack.files).filter((f) => f.path === "weave/mailer");
    // allow-dns still selects every pod for egress.
    expect(mailer.map((f) => f.message)).toEqual(["no NetworkPolicy governs the pods' ingress: any pod in the cluster can connect to them"]);
  });
});
