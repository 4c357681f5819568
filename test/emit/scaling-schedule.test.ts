import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { App, KubernetesCluster, Service, clusterObjects, emit, loadCatalog, place, toModel, InputError, type KubeObject } from "../../src/index.js";
import { KUBECTL_IMAGE, scalerName } from "../../src/emit/k8s/scaling-schedule.js";
import { validateManifestObjects, formatFailure } from "../support/validate-manifests.js";

function scheduledApp(schedule = [{ cron: "50 8 * * *", min: 4 }, { cron: "0 18 * * *", min: 2 }]) {
  const app = new App("shop");
  new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks" });
  new Service(app, "web", { image: "web:1", port: 8080, replicas: { min: 2, max: 8, schedule } });
  new Service(app, "api", { image: "api:1", port: 9000, replicas: { min: 1, max: 3 } });
  return app;
}

async function objectsOf(app: App, part: string): Promise<KubeObject[]> {
  const model = toModel(app);
  const placement = await place(model, loadCatalog(), { timeLimitSeconds: 1 });
  return clusterObjects(model, placement, "main", model.app).get(part)!;
}

const byKind = (objects: KubeObject[], kind: string) => objects.filter((o) => o.kind === kind);

describe("scaling schedule on Kubernetes", () => {
  it("is in the model, cron normalised", () => {
    const model = toModel(scheduledApp([{ cron: " 50  8 * * * ", min: 4 }]));
    expect(model.workloads.find((w) => w.name === "web")!.replicas).toEqual({ min: 2, max: 8, schedule: [{ cron: "50 8 * * *", min: 4 }] });
    expect(model.workloads.find((w) => w.name === "api")!.replicas).toEqual({ min: 1, max: 3 });
  });

  it("rejects a schedule outside the bounds, without autoscaling, or with a bad cron", () => {
    const make = (replicas: unknown) => () => {
      const app = new App("x");
      new Service(app, "web", { image: "web:1", replicas: replicas as never });
    };
    expect(make({ min: 1, max: 3, schedule: [{ cron: "0 8 * * *", min: 5 }] })).toThrow(InputError);
    expect(make({ min: 2, max: 2, schedule: [{ cron: "0 8 * * *", min: 2 }] })).toThrow(/max > min/);
    expect(make({ min: 1, max: 3, schedule: [{ cron: "at eight", min: 2 }] })).toThrow(/cron/);
  });

  it("patches the HPA's minimum with one CronJob per step, and nothing for workloads without a schedule", async () => {
    const web = await objectsOf(scheduledApp(), "web");
    const cronJobs = byKind(web, "CronJob") as Array<KubeObject & { spec: any }>;
    expect(cronJobs.map((c) => [c.metadata.name, c.spec.schedule, c.spec.timeZone])).toEqual([
      ["web-scaler-0", "50 8 * * *", "Etc/UTC"],
      ["web-scaler-1", "0 18 * * *", "Etc/UTC"],
    ]);
    const container = cronJobs[0]!.spec.jobTemplate.spec.template.spec.containers[0];
    expect(container.args).toEqual(["patch", "horizontalpodautoscaler", "web", "--namespace", "shop", "--type=merge", "--patch", '{"spec":{"minReplicas":4}}']);
    expect(byKind(web, "HorizontalPodAutoscaler")).toHaveLength(1);
    // The CronJobs own minReplicas after their first run: Pulumi may take it back on `up`.
    expect(byKind(web, "HorizontalPodAutoscaler")[0]!.metadata.annotations).toEqual({ "pulumi.com/patchForce": "true" });
    const api = await objectsOf(scheduledApp(), "api");
    expect(byKind(api, "HorizontalPodAutoscaler").map((h) => h.metadata.annotations), "an HPA nobody else patches needs no force").toEqual([undefined]);
    expect(byKind(api, "CronJob")).toEqual([]);
    expect(byKind(api, "Role")).toEqual([]);
  });

  it("gives only the scaler an API token, allowed to get and patch that one HPA", async () => {
    const web = await objectsOf(scheduledApp(), "web");
    const accounts = byKind(web, "ServiceAccount") as Array<KubeObject & { automountServiceAccountToken: boolean }>;
    expect(accounts.map((a) => [a.metadata.name, a.automountServiceAccountToken])).toEqual([
      ["web", false],
      ["web-scaler", true],
    ]);
    const [role] = byKind(web, "Role") as Array<KubeObject & { rules: unknown }>;
    expect(role!.rules).toEqual([{ apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], resourceNames: ["web"], verbs: ["get", "patch"] }]);
    const [binding] = byKind(web, "RoleBinding") as Array<KubeObject & { subjects: unknown; roleRef: unknown }>;
    expect(binding!.subjects).toEqual([{ kind: "ServiceAccount", name: "web-scaler", namespace: "shop" }]);
    const pod = (byKind(web, "CronJob")[0] as any).spec.jobTemplate.spec.template.spec;
    expect(pod.serviceAccountName).toBe("web-scaler");
    const deployment = byKind(web, "Deployment")[0] as any;
    expect(deployment.spec.template.spec.automountServiceAccountToken).toBe(false);
  });

  it("runs a pinned kubectl under the restricted Pod Security Standard", async () => {
    const pod = ((await objectsOf(scheduledApp(), "web")).find((o) => o.kind === "CronJob") as any).spec.jobTemplate.spec.template.spec;
    const container = pod.containers[0];
    expect(container.image).toBe(KUBECTL_IMAGE);
    expect(KUBECTL_IMAGE).toMatch(/:v\d+\.\d+\.\d+$/);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } });
    expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
    expect(container.volumeMounts).toEqual([{ name: "tmp", mountPath: "/tmp" }]);
    expect(pod.volumes).toEqual([{ name: "tmp", emptyDir: {} }]);
  });

  it("lets only the scaler's pods reach the API server, not the workload's", async () => {
    const web = await objectsOf(scheduledApp(), "web");
    const policy = byKind(web, "NetworkPolicy").find((p) => p.metadata.name === "web-scaler-egress") as any;
    expect(policy.spec.podSelector.matchLabels).toEqual({ "app.kubernetes.io/name": "web-scaler", "app.kubernetes.io/part-of": "shop" });
    expect(policy.spec.egress).toEqual([{ ports: [{ protocol: "TCP", port: 443 }, { protocol: "TCP", port: 6443 }] }]);
    const deployment = byKind(web, "Deployment")[0] as any;
    expect(deployment.spec.selector.matchLabels["app.kubernetes.io/name"]).toBe("web");
  });

  it("keeps CronJob names within 52 characters for long workload names, distinct and stable", () => {
    const long = "a".repeat(50) + "-web";
    const other = "a".repeat(50) + "-api";
    expect(`${scalerName(long)}-23`.length).toBeLessThanOrEqual(52);
    expect(scalerName(long)).not.toBe(scalerName(other));
    expect(scalerName(long)).toBe(scalerName(long));
    expect(scalerName("web")).toBe("web-scaler");
  });

  it("emits manifests that validate against the Kubernetes schema", async () => {
    const app = scheduledApp();
    const model = toModel(app);
    const files = emit(model, await place(model, loadCatalog(), { timeLimitSeconds: 1 }));
    const yaml = files.get("manifests/main/web.yaml")!;
    const objects = parseAllDocuments(yaml).map((d, index) => ({ file: "web.yaml", index, object: d.toJSON() }));
    expect(objects.map((o) => (o.object as KubeObject).kind)).toContain("CronJob");
    expect(validateManifestObjects(objects).map(formatFailure)).toEqual([]);
  });
});
