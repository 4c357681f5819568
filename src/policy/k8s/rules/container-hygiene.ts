/**
 * kube-score-style hygiene of each container: requests and a memory limit, readiness and
 * liveness probes on long-running containers that serve a port, a pinned image, and a
 * read-only root file system.
 */
import { isWorkloadModel } from "../../../model/app-model.js";
import { containerRule, emitterFix, type K8sRule, type Problem } from "../rule.js";
import type { ContainerSubject } from "../pods.js";

/** The app.ts name of the part a container belongs to, for fixes. */
const partOf = (c: ContainerSubject) => c.pod.manifest.part;

const resources = containerRule("k8s/resources", "every container must request CPU and memory and limit memory", (c) => {
  const { requests = {}, limits = {} } = c.container.resources ?? {};
  const missing = [requests["cpu"] === undefined && "CPU request", requests["memory"] === undefined && "memory request", limits["memory"] === undefined && "memory limit"].filter(
    (x): x is string => x !== false,
  );
  if (missing.length === 0) return undefined;
  const part = partOf(c);
  return {
    message: `the container has no ${missing.join(", no ")}: the scheduler cannot place it by size, and it may take a node's memory`,
    fix: part ? `set cpu and memory on ${part.path} in app.ts (e.g. cpu: "250m", memory: "256Mi"; memoryLimit defaults to memory).` : emitterFix(c.pod.manifest, "requests and limits"),
  };
});

const probes = containerRule("k8s/probes", "every long-running container that serves a port must have a readiness and a liveness probe", (c) => {
  if (!c.pod.longRunning || c.list !== "containers" || (c.container.ports ?? []).length === 0) return undefined;
  const missing = [c.container.readinessProbe === undefined && "readiness", c.container.livenessProbe === undefined && "liveness"].filter((x): x is string => x !== false);
  if (missing.length === 0) return undefined;
  const part = partOf(c);
  return {
    message: `the container serves port ${c.container.ports!.map((p) => p.containerPort).join(", ")} without a ${missing.join(" or ")} probe: traffic reaches it before it is ready, and a hung process is never restarted`,
    fix:
      part && isWorkloadModel(part)
        ? `give ${part.path} a healthCheck in app.ts: { protocol: "http", path: "/healthz" }, { protocol: "grpc" } or { protocol: "tcp" } (not "none").`
        : emitterFix(c.pod.manifest, "readiness and liveness probes"),
  };
});

/** Why an image reference is not pinned, or undefined when it has a version tag or a digest. */
export function unpinnedImage(image: string): string | undefined {
  if (image.includes("@sha256:")) return undefined;
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const colon = lastSegment.lastIndexOf(":");
  if (colon < 0) return "has no tag, so it means :latest";
  if (lastSegment.slice(colon + 1) === "latest") return "is tagged :latest";
  return undefined;
}

const imageTag = containerRule("k8s/image-tag", "every image must be pinned to a version tag or digest, not :latest or untagged", (c) => {
  const image = c.container.image ?? "";
  const why = image === "" ? "is not set" : unpinnedImage(image);
  if (why === undefined) return undefined;
  const part = partOf(c);
  return {
    message: `image "${image}" ${why}: every node may run a different version, and a rollback cannot go back`,
    fix:
      part && isWorkloadModel(part)
        ? `pin the image of ${part.path} in app.ts to a version, e.g. image: "${image.replace(/:latest$/, "") || "registry/name"}:1.2.3" (or a @sha256: digest).`
        : emitterFix(c.pod.manifest, "a pinned image"),
  };
});

const readOnlyRoot = containerRule(
  "k8s/read-only-root-filesystem",
  "every container must have a read-only root file system (a workload that sets readOnlyRootFilesystem: false in app.ts has opted out)",
  (c) => {
    if (c.container.securityContext?.readOnlyRootFilesystem === true) return undefined;
    const part = partOf(c);
    // The one rule app.ts may opt out of: some images (Elasticsearch) write under their own directory.
    if (part && isWorkloadModel(part) && !part.readOnlyRootFilesystem) return undefined;
    const problem: Problem = {
      message: "the root file system is writable: a compromised process can change the image's binaries and configuration",
      fix:
        part && isWorkloadModel(part)
          ? `${part.path} asks for a read-only root in app.ts, but the manifest does not have it: run \`skyweave synth\` again, or report a skyweave bug.`
          : emitterFix(c.pod.manifest, "readOnlyRootFilesystem: true with emptyDir mounts for the paths the image writes"),
    };
    return problem;
  },
);

/** Requests and limits, probes, pinned images, read-only root file systems. */
export const CONTAINER_HYGIENE_RULES: readonly K8sRule[] = [resources, probes, imageTag, readOnlyRoot];
