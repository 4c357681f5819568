/**
 * The CLI exits 1 (bad input) for each kind of prop that used to be accepted and broke at
 * deploy: a cron schedule, an image reference, a reserved app name, a size that overflowed the
 * model (which exited 70 with raw zod output).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/program.js";

const SKYWEAVE = fileURLToPath(new URL("../../src/index.ts", import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "skyweave-issue12-"));
  await writeFile(path.join(dir, "package.json"), '{ "type": "module" }\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes an app.ts whose App is `appName` and whose body is `body`, runs `skyweave model` on it. */
async function model(file: string, body: string, appName = "demo"): Promise<{ code: number; stderr: string }> {
  const app = path.join(dir, file);
  await writeFile(
    app,
    [
      `import { App, CronJob, KubernetesCluster, Service } from ${JSON.stringify(SKYWEAVE)};`,
      `const app = new App(${JSON.stringify(appName)});`,
      'new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks" });',
      body,
      "export default app;",
    ].join("\n"),
  );
  let stderr = "";
  const code = await run(["node", "skyweave", "model", app], { stdout: () => undefined, stderr: (t) => void (stderr += t) });
  return { code, stderr };
}

/** Loading an app.ts type-checks it first, which takes seconds on a loaded machine. */
const LOAD_TIMEOUT = 120_000;

describe("skyweave model exits 1 for props that broke at deploy", { timeout: LOAD_TIMEOUT }, () => {
  it("a cron schedule that never fires", async () => {
    const { code, stderr } = await model("cron.ts", 'new CronJob(app, "job", { image: "nginx:1.27", schedule: "0 0 30 2 *" });');
    expect(code).toBe(1);
    expect(stderr).toContain('  - schedule: got "0 0 30 2 *"; it never fires: February has no day 30');
  });

  it("an image that is no reference", async () => {
    const { code, stderr } = await model("image.ts", 'new Service(app, "web", { image: "NGINX:@@@!!" });');
    expect(code).toBe(1);
    expect(stderr).toContain('  - image: got "NGINX:@@@!!"; expected a container image such as "ghcr.io/acme/web:1.4.2"');
  });

  it("an app named after a system namespace", async () => {
    const { code, stderr } = await model("reserved.ts", 'new Service(app, "web", { image: "nginx:1.27" });', "kube-system");
    expect(code).toBe(1);
    expect(stderr).toContain('app name "kube-system" is reserved');
  });

  it("a volume too large for the model (exit 70 before)", async () => {
    const { code, stderr } = await model("size.ts", 'new Service(app, "web", { image: "nginx:1.27", volume: { path: "/data", sizeGiB: 1e12 } });');
    expect(code).toBe(1);
    expect(stderr).toContain("  - volume.sizeGiB: got 1000000000000; expected at most 65536 GiB (64 TiB)");
    expect(stderr).not.toContain('"code"');
  });
});
