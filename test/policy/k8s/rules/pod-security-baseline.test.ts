import { describe, expect, it } from "vitest";
import { checkStack } from "../../../../src/policy/index.js";
import { editObject, emitterFixOf, firstContainer, podSpec, weaveStack, type Obj } from "../../stack-fixture.js";

const WEB_POD = "manifests/main/web.yaml Deployment/web";
const WEB_CONTAINER = `${WEB_POD} container web`;

async function findings(edit: (deployment: Obj) => void) {
  const stack = editObject(await weaveStack(), "manifests/main/web.yaml", "Deployment/web", edit);
  return checkStack(stack.model, stack.placement, stack.files);
}

const emitterFix = (setting: string) => emitterFixOf("weave/web", setting);

describe("the baseline controls the restricted standard includes", () => {
  it("k8s/no-privileged: a privileged container", async () => {
    expect(await findings((d) => (firstContainer(d).securityContext.privileged = true))).toEqual([
      { rule: "k8s/no-privileged", path: "weave/web", object: WEB_CONTAINER, message: "privileged is true: the container has every capability of the node", fix: emitterFix("privileged: false") },
    ]);
  });

  it("k8s/no-host-namespaces: hostNetwork, hostPID and hostIPC, one finding each", async () => {
    const result = await findings((d) => Object.assign(podSpec(d), { hostNetwork: true, hostPID: true, hostIPC: true }));
    expect(result).toEqual(
      ["Network", "PID", "IPC"].map((ns) => ({
        rule: "k8s/no-host-namespaces",
        path: "weave/web",
        object: WEB_POD,
        message: `host${ns} is true: the pod shares the node's ${ns} namespace`,
        fix: emitterFix(`no host${ns}`),
      })),
    );
  });

  it("k8s/no-host-path: a hostPath volume", async () => {
    expect(await findings((d) => podSpec(d).volumes.push({ name: "docker", hostPath: { path: "/var/run/docker.sock" } }))).toEqual([
      {
        rule: "k8s/no-host-path",
        path: "weave/web",
        object: WEB_POD,
        message: 'volume "docker" is a hostPath (/var/run/docker.sock): the pod reads and writes the node\'s file system',
        fix: "use a volume (volume: { path, sizeGiB } on a Service) or the writable /tmp of weave/web instead of a host path.",
      },
    ]);
  });

  it("k8s/volume-types: a volume type outside the restricted list; allowed types pass", async () => {
    const result = await findings((d) =>
      podSpec(d).volumes.push({ name: "config", configMap: { name: "web" } }, { name: "share", nfs: { server: "nfs.local", path: "/share" } }),
    );
    expect(result).toEqual([
      {
        rule: "k8s/volume-types",
        path: "weave/web",
        object: WEB_POD,
        message: 'volume "share" is of type nfs, which the restricted standard does not allow',
        fix: emitterFix("only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret volumes"),
      },
    ]);
  });

  it("k8s/no-host-port: a container port bound on the node", async () => {
    expect(await findings((d) => (firstContainer(d).ports[0].hostPort = 80))).toEqual([
      {
        rule: "k8s/no-host-port",
        path: "weave/web",
        object: WEB_CONTAINER,
        message: "port 8080 has hostPort 80: it binds the node's port",
        fix: "reach weave/web through its Service (public: true for a LoadBalancer), not a host port.",
      },
    ]);
  });

  it("k8s/safe-sysctls: an unsafe sysctl; a safe one passes", async () => {
    const result = await findings((d) =>
      (podSpec(d).securityContext.sysctls = [
        { name: "net.ipv4.tcp_syncookies", value: "1" },
        { name: "kernel.msgmax", value: "65536" },
      ]),
    );
    expect(result).toEqual([
      { rule: "k8s/safe-sysctls", path: "weave/web", object: WEB_POD, message: "sysctl kernel.msgmax is not in the safe set; it can affect the node or other pods", fix: emitterFix("no unsafe sysctls") },
    ]);
  });
});
