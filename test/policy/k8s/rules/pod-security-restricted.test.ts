import { describe, expect, it } from "vitest";
import { checkStack } from "../../../../src/policy/index.js";
import { editObject, emitterFixOf, firstContainer, podSpec, weaveStack, type Obj } from "../../stack-fixture.js";

const WEB = "manifests/main/web.yaml";
const WEB_CONTAINER = "manifests/main/web.yaml Deployment/web container web";

async function findings(edit: (deployment: Obj) => void) {
  const stack = editObject(await weaveStack(), WEB, "Deployment/web", edit);
  return checkStack(stack.model, stack.placement, stack.files);
}

const emitterFix = (setting: string) => emitterFixOf("weave/web", setting);

describe("the restricted Pod Security Standard's own controls", () => {
  it("k8s/run-as-non-root: a pod without runAsNonRoot", async () => {
    expect(await findings((d) => delete podSpec(d).securityContext.runAsNonRoot)).toEqual([
      {
        rule: "k8s/run-as-non-root",
        path: "weave/web",
        object: WEB_CONTAINER,
        message: "runAsNonRoot is not set (in the container's and the pod's securityContext); the restricted standard requires true",
        fix: emitterFix("securityContext.runAsNonRoot: true"),
      },
    ]);
  });

  it("k8s/run-as-non-root: a container that overrides the pod with runAsNonRoot false, or runs as user 0", async () => {
    const result = await findings((d) => {
      firstContainer(d).securityContext.runAsNonRoot = false;
      firstContainer(d).securityContext.runAsUser = 0;
    });
    expect(result.map((f) => [f.rule, f.object, f.message])).toEqual([
      ["k8s/run-as-non-root", WEB_CONTAINER, "runAsNonRoot is false (in the container's and the pod's securityContext); the restricted standard requires true"],
      ["k8s/run-as-non-root", WEB_CONTAINER, "runAsUser is 0 (root); the restricted standard forbids it"],
    ]);
    expect(result[1]!.fix).toBe("give weave/web a non-root runAsUser in app.ts (the image's own user, e.g. runAsUser: 1000).");
  });

  it("k8s/run-as-non-root: a backend that runs as root is skyweave's to fix, not the app's", async () => {
    const stack = editObject(await weaveStack(), "manifests/main/db.yaml", "StatefulSet/db", (s) => (podSpec(s).securityContext.runAsUser = 0));
    expect(checkStack(stack.model, stack.placement, stack.files)).toEqual([
      {
        rule: "k8s/run-as-non-root",
        path: "weave/db",
        object: "manifests/main/db.yaml StatefulSet/db container db",
        message: "runAsUser is 0 (root); the restricted standard forbids it",
        fix: emitterFixOf("weave/db", "a non-root runAsUser"),
      },
    ]);
  });

  it("k8s/seccomp-profile: Unconfined on the container overrides RuntimeDefault on the pod", async () => {
    expect(await findings((d) => (firstContainer(d).securityContext.seccompProfile = { type: "Unconfined" }))).toEqual([
      {
        rule: "k8s/seccomp-profile",
        path: "weave/web",
        object: WEB_CONTAINER,
        message: 'seccompProfile.type is "Unconfined"; the restricted standard requires RuntimeDefault or Localhost',
        fix: emitterFix('securityContext.seccompProfile: { type: "RuntimeDefault" }'),
      },
    ]);
  });

  it("k8s/seccomp-profile: a Localhost profile passes", async () => {
    expect(await findings((d) => (podSpec(d).securityContext.seccompProfile = { type: "Localhost", localhostProfile: "profiles/web.json" }))).toEqual([]);
  });

  it("k8s/no-privilege-escalation: allowPrivilegeEscalation not set defaults to true", async () => {
    expect(await findings((d) => delete firstContainer(d).securityContext.allowPrivilegeEscalation)).toEqual([
      {
        rule: "k8s/no-privilege-escalation",
        path: "weave/web",
        object: WEB_CONTAINER,
        message: "allowPrivilegeEscalation is not set (it defaults to true); the restricted standard requires false",
        fix: emitterFix("allowPrivilegeEscalation: false"),
      },
    ]);
  });

  it("k8s/capabilities: drop without ALL, and an added capability other than NET_BIND_SERVICE", async () => {
    expect(await findings((d) => (firstContainer(d).securityContext.capabilities = { drop: ["NET_RAW"], add: ["NET_BIND_SERVICE", "SYS_ADMIN"] }))).toEqual([
      {
        rule: "k8s/capabilities",
        path: "weave/web",
        object: WEB_CONTAINER,
        message: "capabilities.drop is [NET_RAW]; the restricted standard requires it to include ALL",
        fix: emitterFix('capabilities: { drop: ["ALL"] }'),
      },
      {
        rule: "k8s/capabilities",
        path: "weave/web",
        object: WEB_CONTAINER,
        message: "capabilities.add has SYS_ADMIN; the restricted standard allows adding only NET_BIND_SERVICE",
        fix: emitterFix("no added capabilities"),
      },
    ]);
  });

  it("checks init containers too", async () => {
    const result = await findings((d) => (podSpec(d).initContainers = [{ ...firstContainer(d), name: "migrate", securityContext: { ...firstContainer(d).securityContext, allowPrivilegeEscalation: true } }]));
    expect(result.map((f) => [f.rule, f.object])).toEqual([["k8s/no-privilege-escalation", "manifests/main/web.yaml Deployment/web init container migrate"]]);
  });
});
