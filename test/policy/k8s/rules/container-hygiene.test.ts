import { describe, expect, it } from "vitest";
import { checkStack } from "../../../../src/policy/index.js";
import { unpinnedImage } from "../../../../src/policy/k8s/rules/container-hygiene.js";
import { editObject, firstContainer, weaveStack, type Obj } from "../../stack-fixture.js";

async function findings(file: string, ref: string, edit: (o: Obj) => void) {
  const stack = editObject(await weaveStack(), file, ref, edit);
  return checkStack(stack.model, stack.placement, stack.files);
}
const web = (edit: (o: Obj) => void) => findings("manifests/main/web.yaml", "Deployment/web", edit);
const WEB_CONTAINER = "manifests/main/web.yaml Deployment/web container web";

describe("k8s/resources", () => {
  it("finds a container without a CPU request and memory limit", async () => {
    expect(
      await web((d) => {
        delete firstContainer(d).resources.requests.cpu;
        delete firstContainer(d).resources.limits.memory;
      }),
    ).toEqual([
      {
        rule: "k8s/resources",
        path: "weave/web",
        object: WEB_CONTAINER,
        message: "the container has no CPU request, no memory limit: the scheduler cannot place it by size, and it may take a node's memory",
        fix: 'set cpu and memory on weave/web in app.ts (e.g. cpu: "250m", memory: "256Mi"; memoryLimit defaults to memory).',
      },
    ]);
  });
});

describe("k8s/probes", () => {
  it("finds a long-running container that serves a port without probes", async () => {
    expect(
      await web((d) => {
        delete firstContainer(d).readinessProbe;
        delete firstContainer(d).livenessProbe;
      }),
    ).toEqual([
      {
        rule: "k8s/probes",
        path: "weave/web",
        object: WEB_CONTAINER,
        message: "the container serves port 8080 without a readiness or liveness probe: traffic reaches it before it is ready, and a hung process is never restarted",
        fix: 'give weave/web a healthCheck in app.ts: { protocol: "http", path: "/healthz" }, { protocol: "grpc" } or { protocol: "tcp" } (not "none").',
      },
    ]);
  });

  it("leaves cron jobs alone, which run to completion", async () => {
    expect(await findings("manifests/main/nightly.yaml", "CronJob/nightly", (c) => (firstContainer(c).ports = [{ containerPort: 9090 }]))).toEqual([]);
  });
});

describe("k8s/image-tag", () => {
  it("finds an image tagged :latest", async () => {
    expect(await web((d) => (firstContainer(d).image = "ghcr.io/acme/web:latest"))).toEqual([
      {
        rule: "k8s/image-tag",
        path: "weave/web",
        object: WEB_CONTAINER,
        message: 'image "ghcr.io/acme/web:latest" is tagged :latest: every node may run a different version, and a rollback cannot go back',
        fix: 'pin the image of weave/web in app.ts to a version, e.g. image: "ghcr.io/acme/web:1.2.3" (or a @sha256: digest).',
      },
    ]);
  });

  it.each([
    ["nginx", "has no tag, so it means :latest"],
    ["registry.local:5000/team/web", "has no tag, so it means :latest"],
    ["nginx:latest", "is tagged :latest"],
    ["registry.local:5000/team/web:1.2", undefined],
    ["nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", undefined],
  ])("%s %s", (image, why) => {
    expect(unpinnedImage(image)).toBe(why);
  });
});

describe("k8s/read-only-root-filesystem", () => {
  it("finds a backend container with a writable root file system", async () => {
    expect(await findings("manifests/main/db.yaml", "StatefulSet/db", (s) => delete firstContainer(s).securityContext.readOnlyRootFilesystem)).toEqual([
      {
        rule: "k8s/read-only-root-filesystem",
        path: "weave/db",
        object: "manifests/main/db.yaml StatefulSet/db container db",
        message: "the root file system is writable: a compromised process can change the image's binaries and configuration",
        fix: "skyweave writes readOnlyRootFilesystem: true with emptyDir mounts for the paths the image writes into the manifests of weave/db: if they were edited, run `skyweave synth` again; otherwise report this as a skyweave bug.",
      },
    ]);
  });

  it("finds a workload whose manifest lost the read-only root app.ts asks for", async () => {
    const [finding] = await web((d) => (firstContainer(d).securityContext.readOnlyRootFilesystem = false));
    expect(finding).toMatchObject({ rule: "k8s/read-only-root-filesystem", path: "weave/web", object: WEB_CONTAINER });
    expect(finding!.fix).toBe("weave/web asks for a read-only root in app.ts, but the manifest does not have it: run `skyweave synth` again, or report a skyweave bug.");
  });

  it("accepts a workload that opts out with readOnlyRootFilesystem: false in app.ts", async () => {
    const stack = await weaveStack();
    const model = { ...stack.model, workloads: stack.model.workloads.map((w) => (w.name === "web" ? { ...w, readOnlyRootFilesystem: false } : w)) };
    const edited = editObject({ ...stack, model }, "manifests/main/web.yaml", "Deployment/web", (d) => delete firstContainer(d).securityContext.readOnlyRootFilesystem);
    expect(checkStack(edited.model, edited.placement, edited.files)).toEqual([]);
  });
});
