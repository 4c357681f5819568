import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../support/cli-in-process.js";
import { z } from "zod";
import { describeError } from "../../src/cli/program.js";
import { InputError } from "../../src/errors.js";
import { systemErrorToInput } from "../../src/cli/system-error.js";

/** The built library, as an installed skyweave is imported (npm test builds it first; synth type-checks the app against its typings). */
const SKYWEAVE = fileURLToPath(new URL("../../dist/index.js", import.meta.url));
let dir: string;
let app: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "skyweave-program-"));
  await writeFile(path.join(dir, "package.json"), '{ "type": "module" }\n');
  app = path.join(dir, "app.ts");
  await writeFile(
    app,
    [
      `import { App, KubernetesCluster, Service } from ${JSON.stringify(SKYWEAVE)};`,
      'const app = new App("demo");',
      'new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks" });',
      'new Service(app, "web", { image: "nginx:1.27", port: 80 });',
      "export default app;",
    ].join("\n"),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the skyweave CLI", () => {
  it("exits 1 with commander's message on a usage error", async () => {
    const missing = await cli("synth");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("error: missing required argument 'app.ts'\n(add --help for usage)\n");

    const unknown = await cli("model", app, "--bogus");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("error: unknown option '--bogus'");

    const badLimit = await cli("synth", app, "--time-limit", "soon");
    expect(badLimit.code).toBe(1);
    expect(badLimit.stderr).toContain('expected a number of seconds greater than 0, got "soon"');
  });

  it("prints help with an example for every command and exits 0", async () => {
    for (const command of ["synth", "model", "explain"]) {
      const help = await cli(command, "--help");
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Example:\n  $ skyweave ${command} examples/shop/app.ts`);
    }
  });

  it("model prints the AppModel as JSON on stdout and nothing else", async () => {
    const result = await cli("model", app);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toMatchObject({ app: "demo", workloads: [{ name: "web", path: "demo/web" }] });
  });

  it("explain says where each part runs and why", async () => {
    const result = await cli("explain", app, "demo/web");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^demo\/web: main \(in-cluster, node pool general\), \$\d+\.\d\d\/month\n  why: demo\/main is the only target that can run it; runs on general-1 \(m7i\.large\)\n$/);
  });

  it("explain with an unknown construct path exits 1 and lists the valid ones", async () => {
    const result = await cli("explain", app, "demo/nope");
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: ${app}: no part at construct path "demo/nope"; the app's parts are:\n  - demo/web\n  fix: pass one of the construct paths above, or omit it to explain every part.\n`,
    );
  });

  it("prints a skyweave error without a stack trace, and with one under --verbose", () => {
    const error = new InputError("bad thing", { where: "demo/web", fix: "do the other thing." });
    expect(describeError(error, false)).toBe("error: demo/web: bad thing\n  fix: do the other thing.");
    expect(describeError(error, true)).toMatch(/^error: demo\/web: bad thing\n {2}fix: do the other thing\.\nInputError: bad thing\n {4}at /);
  });

  it("exits 1 before any work when synth's --out is a file or runs through one", async () => {
    const file = path.join(dir, "not-a-dir");
    await writeFile(file, "mine\n");
    const onFile = await cli("synth", app, "--out", file);
    expect(onFile.code).toBe(1);
    expect(onFile.stderr).toBe(`error: ${file}: the output directory is a file\n  fix: pass a directory to --out (synth writes <out>/<app>/ inside it), or move the file away.\n`);
    const through = await cli("synth", app, "--out", path.join(file, "stacks"));
    expect(through.code).toBe(1);
    expect(through.stderr).toContain(`error: ${path.join(file, "stacks")}: the output directory runs through ${file}, which is a file\n`);
    expect(await readFile(file, "utf8")).toBe("mine\n");
  });

  it("exits 1 when gen's --out names a directory, or a file in a directory that does not exist", async () => {
    const missing = await cli("gen", "a flask app with redis", "--out", path.join(dir, "nodir", "app.ts"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`error: ${path.join(dir, "nodir", "app.ts")}: the directory ${path.join(dir, "nodir")} does not exist\n  fix: create it first (mkdir -p ${path.join(dir, "nodir")}), or choose another path.\n`);
    const onDir = await cli("gen", "a flask app with redis", "--out", dir);
    expect(onDir.code).toBe(1);
    expect(onDir.stderr).toContain(`error: ${dir}: is a directory, not a file\n  fix: pass the path of the file to write, e.g. ${path.join(dir, "app.ts")}.\n`);
  });

  it("maps a failure of the operating system to exit 1 with what it means and how to fix it", () => {
    const full = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", syscall: "write", path: "stacks/shop/index.ts" });
    const known = systemErrorToInput(full);
    expect(known?.exitCode).toBe(1);
    expect(describeError(known, false)).toBe("error: stacks/shop/index.ts: no space left on the device (write)\n  fix: free some space, or choose a path on another device.");
    expect(systemErrorToInput(new TypeError("x is undefined"))).toBeUndefined();
  });

  it("prints a bug that is a failed schema check as paths and messages, not raw JSON", () => {
    const failed = z.object({ sizeBytes: z.number().int() }).safeParse({ sizeBytes: 1.5 });
    expect(describeError(failed.error, false)).toBe(
      "error: a value failed skyweave's own checks:\n✖ Invalid input: expected int, received number\n  → at sizeBytes\n  this is a bug in skyweave; rerun with --verbose and report it",
    );
  });

  it("calls any other error a bug in skyweave", () => {
    expect(describeError(new TypeError("x is undefined"), false)).toBe("error: x is undefined\n  this is a bug in skyweave; rerun with --verbose and report it");
  });
});
