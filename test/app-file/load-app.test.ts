import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caught } from "../support/caught.js";
import { loadApp } from "../../src/app-file/load-app.js";
import { App } from "../../src/constructs/app.js";
import { InputError } from "../../src/errors.js";
import { toModel } from "../../src/model/index.js";

/** The library as a fixture app imports it (absolute, so fixtures work from a temp dir). */
const SKYWEAVE = fileURLToPath(new URL("../../src/index.ts", import.meta.url));

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "skyweave-load-app-"));
  await writeFile(path.join(dir, "package.json"), '{ "type": "module" }\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes a fixture and returns its path relative to cwd, as a user would type it. */
async function fixture(name: string, lines: string[]): Promise<string> {
  const file = path.join(dir, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${lines.join("\n")}\n`);
  return path.relative(process.cwd(), file);
}

const header = `import { App, Service } from ${JSON.stringify(SKYWEAVE)};`;

describe("loadApp", () => {
  it("returns the App that app.ts default-exports, made by the copy of skyweave the app imports", async () => {
    const file = await fixture("good.ts", [header, 'const app = new App("demo");', 'new Service(app, "web", { image: "nginx:1.27", port: 80 });', "export default app;"]);

    const app = await loadApp(file);

    expect(App.isApp(app)).toBe(true);
    expect(app.name).toBe("demo");
    expect(toModel(app).workloads.map((w) => w.path)).toEqual(["demo/web"]);
  });

  it("loads an app.ts that lives in a CommonJS package (no \"type\": \"module\")", async () => {
    await fixture("cjs/package.json", ['{ "name": "user-app", "version": "1.0.0" }']);
    const file = await fixture("cjs/app.ts", [header, 'const app = new App("legacy");', "export default app;"]);

    expect((await loadApp(file)).name).toBe("legacy");
  });

  it("names a module that cannot be found without the loader's require stack, and says how to fix it", async () => {
    const relative = await fixture("imports-missing.ts", [header, 'import { parts } from "./parts.js";', 'const app = new App("m" + parts);', "export default app;"]);
    const local = await caught(loadApp(relative));
    expect(local.format()).toBe(`${relative}: cannot find module "./parts.js"\n  fix: check the import path (relative imports resolve from ${path.dirname(relative)}/ and name the file's extension, e.g. "./parts.js").`);
    const pkg = await fixture("imports-package.ts", [header, 'import { parts } from "@acme/not-installed/parts";', 'const app = new App("m" + parts);', "export default app;"]);
    const missing = await caught(loadApp(pkg));
    expect(missing.format()).toBe(`${pkg}: cannot find module "@acme/not-installed"\n  fix: install it where your app is (\`npm install @acme/not-installed\`), or check the spelling of the import.`);
    expect(`${local.message}${missing.message}`).not.toMatch(/namespace=|Require stack/);
  });

  it("runs the file afresh on every call", async () => {
    const file = await fixture("fresh.ts", [header, 'export default new App("first");']);
    expect((await loadApp(file)).name).toBe("first");
    await fixture("fresh.ts", [header, 'export default new App("second");']);
    expect((await loadApp(file)).name).toBe("second");
  });

  it("says so when the file does not exist", async () => {
    const file = path.relative(process.cwd(), path.join(dir, "missing.ts"));
    const error = await caught(loadApp(file));
    expect(error).toBeInstanceOf(InputError);
    expect(error.exitCode).toBe(1);
    expect(error.format()).toBe(`${file}: no such file\n  fix: check the path to your app.ts (it is relative to the current directory).`);
  });

  it("says so when the file is not TypeScript or JavaScript", async () => {
    const file = await fixture("app.yaml", ["name: demo"]);
    const error = await caught(loadApp(file));
    expect(error.format()).toBe(
      `${file}: not a TypeScript or JavaScript file (expected .ts, .mts, .js, .mjs)\n  fix: pass the app.ts that declares your app and default-exports it.`,
    );
  });

  it("says so when the path is a directory", async () => {
    const error = await caught(loadApp(path.relative(process.cwd(), dir)));
    expect(error.message).toBe("not a file (it is a directory or a device)");
  });

  it("reports a syntax error at file:line:column with esbuild's text", async () => {
    const file = await fixture("syntax.ts", [header, 'const app = new App("demo");', "const broken = ;", "export default app;"]);

    const error = await caught(loadApp(file));

    expect(error).toBeInstanceOf(InputError);
    expect(error.exitCode).toBe(1);
    expect(error.where).toBe(`${file}:3:16`);
    expect(error.format()).toBe(`${file}:3:16: syntax error: Unexpected ";"\n  fix: fix the syntax at that line of your app.`);
  });

  it("reports a syntax error in a file the app imports at that file's line", async () => {
    await fixture("lib/broken.ts", ["export const x = {", "  a: 1", "  b: 2,", "};"]);
    const file = await fixture("imports-broken.ts", [header, 'import { x } from "./lib/broken.ts";', 'export default new App("demo");', "void x;"]);

    const error = await caught(loadApp(file));

    expect(error.where).toBe(`${path.join(dir, "lib/broken.ts")}:3:3`);
    expect(error.message).toBe('syntax error: Expected "}" but found "b"');
  });

  it("reports a construct's validation error at its construct path and the line of app.ts that made it", async () => {
    const file = await fixture("invalid.ts", [header, 'const app = new App("demo");', 'new Service(app, "web", { image: "x:1", cpu: "abc" });', "export default app;"]);

    const error = await caught(loadApp(file));

    expect(error.exitCode).toBe(1);
    expect(error.where).toBe(`demo/web (${file}:3:1)`);
    expect(error.format()).toBe(
      [
        `demo/web (${file}:3:1): invalid Service props`,
        '  - cpu: got "abc"; expected a CPU quantity in whole millicores, such as "250m", "0.5" or "2"',
        "  fix: see the Service props in the README (or hover the class in your editor).",
      ].join("\n"),
    );
  });

  it("reports any other error thrown by the app at the line in the app that threw it", async () => {
    const file = await fixture("throws.ts", [
      header,
      'const app = new App("demo");',
      "const region = process.env.SKYWEAVE_TEST_UNSET_REGION;",
      'if (!region) throw new Error("SKYWEAVE_TEST_UNSET_REGION is not set");',
      "export default app;",
    ]);

    const error = await caught(loadApp(file));

    expect(error).toBeInstanceOf(InputError);
    expect(error.exitCode).toBe(1);
    expect(error.format()).toBe(`${file}:4:20: SKYWEAVE_TEST_UNSET_REGION is not set\n  fix: fix the error at that line in your app.`);
    expect((error.cause as Error).message).toBe("SKYWEAVE_TEST_UNSET_REGION is not set");
  });

  it("reports the first line in the app on the way to an error thrown in a helper", async () => {
    await fixture("lib/config.ts", ["export function need(name: string): string {", "  throw new Error(`${name} is required`);", "}"]);
    const file = await fixture("helper.ts", [header, 'import { need } from "./lib/config.ts";', "", 'const app = new App(need("APP_NAME"));', "export default app;"]);

    const error = await caught(loadApp(file));

    expect(error.where).toBe(`${file}:4:21`);
    expect(error.message).toBe("APP_NAME is required");
  });

  it("reports a thrown non-Error value at the file", async () => {
    const file = await fixture("throws-string.ts", [header, 'throw "oops";']);
    const error = await caught(loadApp(file));
    expect(error.format()).toBe(`${file}: a non-Error value was thrown: the string "oops"\n  fix: fix the error in your app.`);
  });

  it("says so when app.ts has no default export, and how to add it", async () => {
    const file = await fixture("no-default.ts", [header, 'export const app = new App("demo");']);
    const error = await caught(loadApp(file));
    expect(error.format()).toBe(`${file}: the app file has no default export\n  fix: end app.ts with \`export default app;\``);
  });

  it("says what the default export is when it is not an App", async () => {
    const file = await fixture("not-app.ts", ['export default { name: "demo" };']);
    const error = await caught(loadApp(file));
    expect(error.where).toBe(file);
    expect(error.message).toBe("the default export is a plain object, not an App");

    const date = await fixture("date.ts", ["export default new Date(0);"]);
    expect((await caught(loadApp(date))).message).toBe("the default export is an instance of Date, not an App");
  });
});
