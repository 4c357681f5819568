import { describe, expect, it } from "vitest";
import { App, KubernetesCluster, Service, checkStack, emit, loadCatalog, place, toModel } from "../../../../src/index.js";
import { addObject, editObject, firstContainer, weaveStack } from "../../stack-fixture.js";

const WEB_CONTAINER = "manifests/main/web.yaml Deployment/web container web";

describe("k8s/no-secret-objects", () => {
  it("finds a Secret with data in a manifest", async () => {
    const stack = addObject(await weaveStack(), "manifests/main/db.yaml", {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "db-credentials", namespace: "weave", labels: { "app.kubernetes.io/name": "db" } },
      stringData: { password: "hunter2hunter2" },
    });
    expect(checkStack(stack.model, stack.placement, stack.files)).toEqual([
      {
        rule: "k8s/no-secret-objects",
        path: "weave/db",
        object: "manifests/main/db.yaml Secret/db-credentials",
        message: "the Secret carries password in plain text in the manifest (base64 is not encryption): anyone who reads the repository reads them",
        fix: "skyweave writes credentials only through Secrets the Pulumi program creates from random passwords (none in manifests) into the manifests of weave/db: if they were edited, run `skyweave synth` again; otherwise report this as a skyweave bug.",
      },
    ]);
  });
});

describe("k8s/no-plaintext-secret-env", () => {
  it("finds a password the user put in env in app.ts, and names the fix there", async () => {
    const app = new App("leaky");
    new KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing" });
    new Service(app, "api", { image: "ghcr.io/acme/api:1.0.0", port: 8080, env: { API_TOKEN: "s3cr3t-t0ken", LOG_LEVEL: "debug" } });
    const model = toModel(app);
    const placement = await place(model, loadCatalog(), { timeLimitSeconds: 1 });
    expect(checkStack(model, placement, emit(model, placement))).toEqual([
      {
        rule: "k8s/no-plaintext-secret-env",
        path: "leaky/api",
        object: "manifests/main/api.yaml Deployment/api container api",
        message: "env API_TOKEN has a literal value: a secret written in plain text",
        fix: "remove API_TOKEN from the env of leaky/api in app.ts: env values are written in plain text. Keep the secret in a Kubernetes Secret and read it with valueFrom.secretKeyRef (connections do this for the credentials of resources).",
      },
    ]);
  });

  it("finds a password replaced by a literal, a URL with a literal password and a literal after --requirepass", async () => {
    const stack = editObject(await weaveStack(), "manifests/main/web.yaml", "Deployment/web", (d) => {
      const c = firstContainer(d);
      c.env = c.env.map((e: { name: string }) =>
        e.name === "DB_PASSWORD" ? { name: e.name, value: "hunter2" } : e.name === "DB_URL" ? { name: e.name, value: "postgres://app:hunter2@db:5432/app" } : e,
      );
      c.args = ["--requirepass", "hunter2"];
    });
    expect(checkStack(stack.model, stack.placement, stack.files).map((f) => [f.rule, f.object, f.message])).toEqual([
      ["k8s/no-plaintext-secret-env", WEB_CONTAINER, "env DB_PASSWORD has a literal value: a secret written in plain text"],
      ["k8s/no-plaintext-secret-env", WEB_CONTAINER, "env DB_URL is a URL with a literal password: a secret written in plain text"],
      ["k8s/no-plaintext-secret-env", WEB_CONTAINER, "argument --requirepass is followed by a literal value: a secret written in plain text"],
    ]);
  });

  it("accepts values from a Secret and $(VAR) references to them", async () => {
    const stack = await weaveStack();
    const web = stack.files.get("manifests/main/web.yaml")!;
    expect(web).toContain("secretKeyRef");
    expect(web).toContain("$(DB_PASSWORD)@db");
    expect(checkStack(stack.model, stack.placement, stack.files)).toEqual([]);
  });
});
