/**
 * loadModel(): every command's first stage. It type-checks app.ts (remembering clean checks),
 * runs it on a thread of its own within a time limit, and returns its AppModel; whatever the
 * app does wrong is an InputError with where and how to fix it, never a hang or a crash.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caught } from "../support/caught.js";
import { cli } from "../support/cli-in-process.js";
import { loadModel } from "../../src/app-file/index.js";
import { typeCheckApp } from "../../src/app-file/type-check-app.js";

/** The built library, as an installed skyweave is imported (npm test builds it first). */
const SKYWEAVE = fileURLToPath(new URL("../../dist/index.js", import.meta.url));
const header = `import { App, KubernetesCluster, Service } from ${JSON.stringify(SKYWEAVE)};`;
const cluster = 'new KubernetesCluster(app, "main", { region: "us-east-1", provider: "existing" });';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "skyweave-load-model-")); // outside the working directory: messages name files by absolute path
  await writeFile(path.join(dir, "package.json"), '{ "type": "module" }\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fixture(name: string, lines: string[]): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, `${lines.join("\n")}\n`);
  return file;
}

describe("loadModel", () => {
  it("returns the AppModel of the app, built on its own thread", async () => {
    const file = await fixture("good.ts", [header, 'const app = new App("good");', cluster, 'new Service(app, "web", { image: "nginx:1.27.0", port: 8080 });', "export default app;"]);
    const model = await loadModel(file);
    expect(model.app).toBe("good");
    expect(model.workloads.map((w) => w.name)).toEqual(["web"]);
  });

  it("refuses an app with a type error, naming the file, line and column, and runs it with typeCheck: false", async () => {
    const file = await fixture("typed.ts", [header, 'const app = new App("typed");', cluster, 'const n: number = "x";', "export default app;"]);
    const error = await caught(loadModel(file));
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe(`the app does not type-check:\n  - ${file}:4:7: Type 'string' is not assignable to type 'number'.`);
    expect(error.fix).toContain("--no-type-check");
    expect((await loadModel(file, { typeCheck: false })).app).toBe("typed");
  });

  it("type-checks the user's files that app.ts imports, and checks again when one of them changes", async () => {
    const part = path.join(dir, "part.ts");
    await writeFile(part, "export const size: number = 2;\n");
    const file = await fixture("imports.ts", [header, 'import { size } from "./part.js";', 'const app = new App("imports");', cluster, 'new Service(app, "web", { image: "nginx:1.27.0", port: 8080, replicas: size });', "export default app;"]);
    expect((await typeCheckApp(file)).errors).toEqual([]);
    const started = Date.now();
    expect((await typeCheckApp(file)).errors).toEqual([]);
    expect(Date.now() - started, "an unchanged app is not checked again").toBeLessThan(500);
    await writeFile(part, 'export const size: number = "two";\n');
    expect(await typeCheckApp(file)).toEqual({ errors: [`${part}:1:14: Type 'string' is not assignable to type 'number'.`], syntax: false });
  });

  it("stops an app that never finishes loading, with the limit and what to look for", async () => {
    const file = await fixture("loop.ts", [header, 'const app = new App("loop");', "for (;;) {}", "export default app;"]);
    const started = Date.now();
    const error = await caught(loadModel(file, { timeLimitSeconds: 1, typeCheck: false }));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe("the app did not finish loading within 1 s (stopped)");
    expect(error.fix).toContain("a loop that never ends");
  });

  it("says so when the app ends the process instead of returning its App", async () => {
    const file = await fixture("exits.ts", [header, 'const app = new App("exits");', "process.exit(0);", "export default app;"]);
    const error = await caught(loadModel(file, { typeCheck: false }));
    expect(error.message).toBe("the app ended the process while loading (exit code 0)");
  });

  it("reports the line of an error thrown by an app in a CommonJS package, and runs it afresh each time", async () => {
    await mkdir(path.join(dir, "cjs"), { recursive: true });
    await writeFile(path.join(dir, "cjs/package.json"), '{ "name": "user-app", "version": "1.0.0" }\n');
    const file = await fixture("cjs/app.ts", [header, 'const app = new App("legacy");', "", 'throw new Error("boom");', "export default app;"]);
    const error = await caught(loadModel(file, { typeCheck: false }));
    expect(error.format()).toBe(`${file}:4:7: boom\n  fix: fix the error at that line in your app.`);
    await fixture("cjs/app.ts", [header, 'export default new App("second");']);
    expect((await loadModel(file, { typeCheck: false })).app).toBe("second");
  });

  it("carries the app's own error across the thread with its line and fix", async () => {
    const file = await fixture("throws.ts", [header, 'const app = new App("throws");', 'throw new Error("no region configured");', "export default app;"]);
    const error = await caught(loadModel(file, { typeCheck: false }));
    expect(error.exitCode).toBe(1);
    expect(error.where).toBe(`${file}:3:7`);
    expect(error.message).toBe("no region configured");
  });
});

describe("the CLI on apps that misbehave", () => {
  it("exits 1 on a type error in app.ts, and --no-type-check synthesises it anyway", async () => {
    const file = await fixture("cli-typed.ts", [header, 'const app = new App("cli-typed");', cluster, 'new Service(app, "web", { image: "nginx:1.27.0", port: 8080 });', 'const n: number = "x";', "export default app;"]);
    const typed = await cli("model", file);
    expect(typed.code).toBe(1);
    expect(typed.stderr).toContain("Type 'string' is not assignable to type 'number'.");
    expect((await cli("model", file, "--no-type-check")).code).toBe(0);
  });

  it("stops an app that loops forever in rightsize too, within --load-time-limit", async () => {
    const file = await fixture("rightsize-loop.ts", [header, 'const app = new App("rightsize-loop");', "while (true) {}", "export default app;"]);
    const metrics = path.join(dir, "web.cpu.csv");
    await writeFile(metrics, "timestamp,value\n2024-01-01 00:00:00,0.1\n2024-01-01 00:05:00,0.2\n");
    const result = await cli("rightsize", file, "--cpu", `web=${metrics}`, "--load-time-limit", "1", "--no-type-check");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the app did not finish loading within 1 s (stopped)");
  });

  it("exits 1 within the --load-time-limit on an app that loops forever", async () => {
    const file = await fixture("cli-loop.ts", [header, 'const app = new App("cli-loop");', "while (true) {}", "export default app;"]);
    const result = await cli("synth", file, "--out", path.join(dir, "out"), "--load-time-limit", "1");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the app did not finish loading within 1 s (stopped)");
  });
});
