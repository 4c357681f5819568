/**
 * In-cluster backends run under the restricted Pod Security Standard with a read-only root file
 * system: every path the image writes is the data volume or an emptyDir of its own.
 */
import { describe, expect, it } from "vitest";
import { App, Bucket, KubernetesCluster, MySql, Postgres, Queue, Redis, Service, checkStack, clusterObjects, emit, loadCatalog, place, toModel } from "../../../src/index.js";

async function backends(storage: boolean) {
  const app = new App("data");
  new KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing" });
  const parts = [
    new Postgres(app, "pg", storage ? { storageGiB: 5 } : {}),
    new MySql(app, "my", storage ? { storageGiB: 5 } : {}),
    new Redis(app, "cache", storage ? { storageGiB: 1 } : {}),
    new Queue(app, "jobs"),
    new Bucket(app, "files", storage ? { storageGiB: 5 } : {}),
  ];
  const client = new Service(app, "api", { image: "ghcr.io/acme/api:1.0.0", port: 8080 });
  for (const p of parts) client.connect(p, p instanceof Queue ? "send" : p instanceof Bucket ? "write" : "readwrite");
  const model = toModel(app);
  const placement = await place(model, loadCatalog(), { timeLimitSeconds: 1 });
  return { model, placement };
}

interface Container {
  volumeMounts: { name: string; mountPath: string }[];
  securityContext: { readOnlyRootFilesystem?: boolean };
  env?: { name: string; value?: string }[];
}
interface StatefulSet {
  kind: string;
  spec: { template: { spec: { containers: Container[]; volumes?: { name: string; emptyDir?: object }[] } }; volumeClaimTemplates?: { metadata: { name: string } }[] };
}

async function statefulSets(storage: boolean): Promise<Map<string, StatefulSet>> {
  const { model, placement } = await backends(storage);
  const objects = clusterObjects(model, placement, "main", model.app);
  return new Map(["pg", "my", "cache", "jobs", "files"].map((name) => [name, objects.get(name)!.find((o) => o.kind === "StatefulSet") as unknown as StatefulSet]));
}

/** The writable mount paths of a backend's container, besides its data volume. */
const scratch = (s: StatefulSet) => s.spec.template.spec.containers[0]!.volumeMounts.filter((m) => m.name !== "data").map((m) => m.mountPath);

describe("in-cluster backends", () => {
  it("mount an emptyDir on every path their image writes outside the data volume", async () => {
    const sets = await statefulSets(true);
    expect(Object.fromEntries([...sets].map(([name, s]) => [name, scratch(s)]))).toEqual({
      pg: ["/var/run/postgresql", "/tmp"],
      my: ["/var/run/mysqld", "/tmp"],
      cache: [],
      jobs: [],
      files: ["/tmp"],
    });
  });

  it.each([true, false])("run with a read-only root, and every mount has a volume (storageGiB set everywhere: %s)", async (storage) => {
    for (const [name, s] of await statefulSets(storage)) {
      const container = s.spec.template.spec.containers[0]!;
      expect(container.securityContext.readOnlyRootFilesystem, name).toBe(true);
      const emptyDirs = (s.spec.template.spec.volumes ?? []).filter((v) => v.emptyDir !== undefined).map((v) => v.name);
      const claims = (s.spec.volumeClaimTemplates ?? []).map((c) => c.metadata.name);
      expect(container.volumeMounts.map((m) => m.name).sort(), name).toEqual([...emptyDirs, ...claims].sort());
    }
  });

  it("give MinIO a HOME on its writable /tmp, for its config and the mc client's", async () => {
    const minio = (await statefulSets(true)).get("files")!.spec.template.spec.containers[0]!;
    expect(minio.env?.find((e) => e.name === "HOME")?.value).toBe("/tmp");
  });

  it.each([true, false])("break no policy rule (storageGiB set everywhere: %s)", async (storage) => {
    const { model, placement } = await backends(storage);
    expect(checkStack(model, placement, emit(model, placement))).toEqual([]);
  });
});
