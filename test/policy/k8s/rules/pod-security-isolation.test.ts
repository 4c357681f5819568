import { describe, expect, it } from "vitest";
import { checkStack } from "../../../../src/policy/index.js";
import { editObject, emitterFixOf, firstContainer, podSpec, weaveStack, type Obj } from "../../stack-fixture.js";

const WEB_CONTAINER = "manifests/main/web.yaml Deployment/web container web";

async function findings(edit: (deployment: Obj) => void) {
  const stack = editObject(await weaveStack(), "manifests/main/web.yaml", "Deployment/web", edit);
  return checkStack(stack.model, stack.placement, stack.files);
}

const finding = (rule: string, message: string, setting: string) => ({ rule, path: "weave/web", object: WEB_CONTAINER, message, fix: emitterFixOf("weave/web", setting) });

describe("the baseline isolation controls", () => {
  it("k8s/apparmor: an Unconfined profile, by field and by the older annotation", async () => {
    const result = await findings((d) => {
      podSpec(d).securityContext.appArmorProfile = { type: "Unconfined" };
      d.spec.template.metadata.annotations = { "container.apparmor.security.beta.kubernetes.io/web": "unconfined" };
    });
    expect(result).toEqual([
      finding("k8s/apparmor", 'appArmorProfile.type is "Unconfined": the container runs without AppArmor confinement', "no AppArmor override"),
      finding("k8s/apparmor", 'the pod annotation container.apparmor.security.beta.kubernetes.io/web is "unconfined": the container runs without AppArmor confinement', "no AppArmor override"),
    ]);
  });

  it("k8s/apparmor: RuntimeDefault and localhost profiles pass", async () => {
    const result = await findings((d) => {
      podSpec(d).securityContext.appArmorProfile = { type: "RuntimeDefault" };
      d.spec.template.metadata.annotations = { "container.apparmor.security.beta.kubernetes.io/web": "localhost/web" };
    });
    expect(result).toEqual([]);
  });

  it("k8s/selinux: a type outside the allowed ones, and a user", async () => {
    const result = await findings((d) => {
      podSpec(d).securityContext.seLinuxOptions = { type: "spc_t" };
      firstContainer(d).securityContext.seLinuxOptions = { user: "system_u", type: "container_t" };
    });
    expect(result).toEqual([
      finding("k8s/selinux", 'the pod\'s seLinuxOptions.type is "spc_t", outside the container types the standard allows', "no SELinux override"),
      finding("k8s/selinux", "the container's seLinuxOptions sets a user, which the standard forbids", "no SELinux override"),
    ]);
  });

  it("k8s/proc-mount: an unmasked /proc", async () => {
    expect(await findings((d) => (firstContainer(d).securityContext.procMount = "Unmasked"))).toEqual([
      finding("k8s/proc-mount", 'procMount is "Unmasked": /proc is not masked, exposing the node\'s kernel settings', "the default procMount"),
    ]);
  });

  it("k8s/no-host-process: a Windows HostProcess pod", async () => {
    expect(await findings((d) => (podSpec(d).securityContext.windowsOptions = { hostProcess: true }))).toEqual([
      finding("k8s/no-host-process", "windowsOptions.hostProcess is true: the container runs as a process on the Windows node", "no HostProcess containers"),
    ]);
  });
});
