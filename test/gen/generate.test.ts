/**
 * generate(): prose → slots → rendered app.ts, type-checked and synthesised before an atomic
 * write; adding into an existing file keeps every byte of the user's code.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../src/gen/generate.js";
import { SkyweaveError } from "../../src/errors.js";

const dir = mkdtempSync(path.join(tmpdir(), "skyweave-gen-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = {}; // no keys, no config: the builtin provider
const quiet = { env: { SKYWEAVE_CONFIG: path.join(dir, "no-config.json") } };

/** The error a promise rejects with (a test fails if it resolves). */
const failure = (promise: Promise<unknown>): Promise<SkyweaveError> =>
  promise.then(
    () => { throw new Error("expected a SkyweaveError"); },
    (error: unknown) => { expect(SkyweaveError.is(error)).toBe(true); return error as SkyweaveError; },
  );

describe("generate", () => {
  it("writes a new app.ts that compiles and synths, and says what it understood first", async () => {
    const out = path.join(dir, "django.ts");
    const seen: string[] = [];
    const result = await generate("a Django app with Postgres and Redis behind nginx", { out, ...quiet, understood: (text) => seen.push(text) });
    expect(seen[0]).toContain("web    python-django (Service, port 8000)");
    expect(seen[0]).toContain("proxy → web");
    const text = readFileSync(out, "utf8");
    expect(text).toContain('import { App, KubernetesCluster, Postgres, Redis, Service } from "skyweave";');
    expect(text).toContain('const db = new Postgres(app, "db", { version: "16" });');
    expect(text).toContain("proxy.connect(web);\nweb.connect(db);\nweb.connect(cache);\n\nexport default app;\n");
    expect(text).toMatch(/\/\/ TODO: build the image of "web"/);
    expect(result.written?.synth).toMatchObject({ app: "django-app", parts: 4 });
    expect(readdirSync(dir).filter((f) => f.includes("skyweave"))).toEqual([]); // no temp or check files left behind
  });

  it("gives the same bytes for the same prose", async () => {
    const a = path.join(dir, "a.ts");
    const b = path.join(dir, "b.ts");
    await generate("a Vue front end and a Go API with MySQL", { out: a, ...quiet });
    await generate("a Vue front end and a Go API with MySQL", { out: b, ...quiet });
    expect(readFileSync(a, "utf8")).toBe(readFileSync(b, "utf8"));
  });

  it("adds to an existing app.ts without touching the user's code", async () => {
    const file = path.join(dir, "existing.ts");
    const mine = [
      "// my app, my comments",
      'import { App, KubernetesCluster, Service } from "skyweave";',
      "",
      'const app = new App("mine");',
      'new KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing" });',
      'const web = new Service(app, "web", { image: "ghcr.io/me/web:1.0.0", port: 8080,   public: true }); // odd spacing kept',
      "",
      "export default app;",
      "",
    ].join("\n");
    writeFileSync(file, mine);
    await generate("add a Redis cache and a Postgres database", { into: file, ...quiet });
    const text = readFileSync(file, "utf8");
    for (const line of mine.split("\n").slice(2)) expect(text).toContain(line);
    expect(text).toContain('import { App, KubernetesCluster, Postgres, Redis, Service } from "skyweave";');
    expect(text).toContain("web.connect(cache);\nweb.connect(db);");
    expect(text.indexOf("web.connect(db)")).toBeLessThan(text.indexOf("export default app"));
  });

  it("creates the file named by --into when it does not exist yet", async () => {
    const file = path.join(dir, "fresh-into.ts");
    await generate("a Rails app with MySQL", { into: file, ...quiet });
    expect(readFileSync(file, "utf8")).toContain('const web = new Service(app, "web"');
  });

  it("refuses an id that already exists, naming it, and writes nothing", async () => {
    const file = path.join(dir, "clash.ts");
    const mine = 'import { App, KubernetesCluster, Redis } from "skyweave";\nconst app = new App("c");\nnew KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing" });\nnew Redis(app, "cache");\nexport default app;\n';
    writeFileSync(file, mine);
    // the builtin provider avoids taken ids by itself; a model's answer is checked the same way (see check-slots)
    const ok = await generate("a Redis cache", { into: file, ...quiet });
    expect(ok.slots.components[0]!.id).toBe("redis");
    const { render } = await import("../../src/gen/render.js");
    expect(() => render({ file, text: mine }, "c", [{ id: "cache", className: "Redis", props: {}, template: "redis", category: "redis", notes: [] }], [])).toThrow(
      /a construct with id "cache" already exists/,
    );
  });

  it("writes nothing when the result does not type-check (the user's own code is broken)", async () => {
    const file = path.join(dir, "broken.ts");
    const mine = 'import { App, KubernetesCluster } from "skyweave";\nconst app = new App("b");\nnew KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing" });\nconst n: number = "not a number";\nexport default app;\n';
    writeFileSync(file, mine);
    const error = await failure(generate("a Flask API", { into: file, ...quiet }));
    expect(error.message).toMatch(/does not type-check \(nothing was written\):\n {2}- .*broken\.ts:4:7: Type 'string' is not assignable to type 'number'/);
    expect(readFileSync(file, "utf8")).toBe(mine);
  });

  it("writes nothing when the result does not synth", async () => {
    const file = path.join(dir, "nosynth.ts");
    // type-checks, but the cluster's node pool cannot hold a 64-CPU Flask replica
    const mine = 'import { App, KubernetesCluster, Service } from "skyweave";\nconst app = new App("n");\nnew KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing", nodePools: [{ name: "p", instanceTypes: ["m7i.large"], maxNodes: 1 }] });\nnew Service(app, "big", { image: "x/y:1", cpu: "64" });\nexport default app;\n';
    writeFileSync(file, mine);
    const error = await failure(generate("a Flask API", { into: file, ...quiet }));
    expect(error.message).toMatch(/does not synth \(nothing was written\)/);
    expect(error.exitCode).toBe(2);
    expect(readFileSync(file, "utf8")).toBe(mine);
  });

  it("writes nothing when the result would fail synth's policy checks, and reports each finding as synth does", async () => {
    const file = path.join(dir, "unpinned.ts");
    // type-checks and places, but the user's own service runs an untagged image (k8s/image-tag)
    const mine = 'import { App, KubernetesCluster, Service } from "skyweave";\nconst app = new App("u");\nnew KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing" });\nnew Service(app, "old", { image: "acme/old", port: 8080 });\nexport default app;\n';
    writeFileSync(file, mine);
    const error = await failure(generate("a Flask API", { into: file, ...quiet }));
    expect(error.exitCode).toBe(3);
    expect(error.message).toMatch(/would be refused by `skyweave synth` \(nothing was written\): 1 policy finding:\nu\/old:\n {2}k8s\/image-tag: .*\n {4}image "acme\/old" has no tag.*\n {4}fix: pin the image of u\/old in app\.ts/);
    expect(readFileSync(file, "utf8")).toBe(mine);
  });

  it("never overwrites a file without --into, and rejects empty or unrecognised prose", async () => {
    const file = path.join(dir, "taken.ts");
    writeFileSync(file, "// mine\n");
    expect((await failure(generate("a Flask API", { out: file, ...quiet }))).message).toMatch(/never overwrites/);
    expect((await failure(generate("   ", { out: path.join(dir, "e.ts"), ...quiet }))).message).toMatch(/description is empty/);
    expect((await failure(generate("something nice", { out: path.join(dir, "n.ts"), ...quiet }))).message).toMatch(/recognised no component/);
    expect(readFileSync(file, "utf8")).toBe("// mine\n");
  });

  it("stops before writing with dryRun", async () => {
    const out = path.join(dir, "dry.ts");
    const result = await generate("a Flask API", { out, dryRun: true, ...quiet, env });
    expect(result.written).toBeUndefined();
    expect(() => readFileSync(out)).toThrow();
  });
});
