import { createHash } from "node:crypto";
import * as fs from "node:fs/promises";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { caught } from "../support/caught.js";
import { writeStack } from "../../src/emit/write-stack.js";
import { InputError } from "../../src/errors.js";

// Pass-through mocks, so a test can make one rename or write fail and check the rollback.
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  return { ...actual, rename: vi.fn(actual.rename), writeFile: vi.fn(actual.writeFile) };
});
const actualFs = await vi.importActual<typeof import("node:fs/promises")>("node:fs/promises");

let work: string;
let out: string;
let stack: string;

beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), "skyweave-write-stack-"));
  out = path.join(work, "stacks");
  stack = path.join(out, "shop");
  vi.spyOn(process, "cwd").mockReturnValue(work); // messages name paths relative to cwd
});

afterEach(async () => {
  vi.restoreAllMocks();
  vi.mocked(fs.rename).mockImplementation(actualFs.rename);
  vi.mocked(fs.writeFile).mockImplementation(actualFs.writeFile);
  await rm(work, { recursive: true, force: true });
});

const files = (entries: Record<string, string>): ReadonlyMap<string, string> => new Map(Object.entries(entries));
const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/** Every file and directory under `dir`: path → contents (files) or "<dir>". */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    result[path.relative(dir, full).split(path.sep).join("/")] = entry.isDirectory() ? "<dir>" : await readFile(full, "utf8");
  }
  return result;
}

async function put(rel: string, text: string): Promise<void> {
  const full = path.join(stack, ...rel.split("/"));
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, text);
}

const v1 = files({ "Pulumi.yaml": "name: shop\n", "index.ts": "export {};\n", "manifests/main/web.yaml": "kind: Deployment\n" });

describe("writeStack", () => {
  it("writes the files to <outDir>/<app>/ with a record of what it generated", async () => {
    const result = await writeStack(out, "shop", v1);

    expect(result).toEqual({
      dir: stack,
      written: [".skyweave/generated.json", "Pulumi.yaml", "index.ts", "manifests/main/web.yaml"],
      unchanged: [],
      removed: [],
    });
    expect(await readFile(path.join(stack, "manifests/main/web.yaml"), "utf8")).toBe("kind: Deployment\n");
    expect(await readFile(path.join(stack, ".skyweave/generated.json"), "utf8")).toBe(
      `${JSON.stringify(
        {
          generator: "skyweave",
          version: 1,
          files: [
            { path: "Pulumi.yaml", sha256: sha256("name: shop\n") },
            { path: "index.ts", sha256: sha256("export {};\n") },
            { path: "manifests/main/web.yaml", sha256: sha256("kind: Deployment\n") },
          ],
        },
        null,
        2,
      )}\n`,
    );
    expect(await readdir(out)).toEqual(["shop"]); // no temp dir left behind
  });

  it("reports dir as outDir joined with the app name, relative when outDir is", async () => {
    vi.mocked(process.cwd).mockRestore();
    const relativeOut = path.relative(process.cwd(), out);

    const result = await writeStack(relativeOut, "shop", v1);

    expect(result.dir).toBe(path.join(relativeOut, "shop"));
    expect(await readFile(path.join(stack, "index.ts"), "utf8")).toBe("export {};\n");
  });

  it("reports everything unchanged and changes no byte when given the same files twice", async () => {
    await writeStack(out, "shop", v1);
    const before = await snapshot(stack);

    const result = await writeStack(out, "shop", v1);

    expect(result.written).toEqual([]);
    expect(result.unchanged).toEqual([".skyweave/generated.json", "Pulumi.yaml", "index.ts", "manifests/main/web.yaml"]);
    expect(result.removed).toEqual([]);
    expect(await snapshot(stack)).toEqual(before);
    expect(await readdir(out)).toEqual(["shop"]);
  });

  it("rewrites changed files, adds new ones and removes the ones it no longer generates", async () => {
    await writeStack(out, "shop", v1);

    const result = await writeStack(out, "shop", files({ "Pulumi.yaml": "name: shop\n", "index.ts": "export const x = 1;\n", "manifests/main/db.yaml": "kind: StatefulSet\n" }));

    expect(result.written).toEqual([".skyweave/generated.json", "index.ts", "manifests/main/db.yaml"]);
    expect(result.unchanged).toEqual(["Pulumi.yaml"]);
    expect(result.removed).toEqual(["manifests/main/web.yaml"]);
    expect(await snapshot(stack)).toMatchObject({ "index.ts": "export const x = 1;\n", "manifests/main/db.yaml": "kind: StatefulSet\n" });
    expect(Object.keys(await snapshot(stack))).not.toContain("manifests/main/web.yaml");
  });

  it("refuses to overwrite a file it did not generate, and names it", async () => {
    await put("index.ts", "// my own program\n");
    await put("README.md", "notes\n");
    const before = await snapshot(stack);

    const error = await caught(writeStack(out, "shop", v1));

    expect(error).toBeInstanceOf(InputError);
    expect(error.exitCode).toBe(1);
    expect(error.format()).toBe(
      [
        "stacks/shop: refusing to overwrite a file not generated by skyweave (or edited since):",
        "  - stacks/shop/index.ts (not generated by skyweave)",
        "  fix: files in stacks/shop are regenerated on every synth: move your change into app.ts, or delete or rename the file, then run synth again.",
      ].join("\n"),
    );
    expect(await snapshot(stack)).toEqual(before);
    expect(await readdir(out)).toEqual(["shop"]);
  });

  it("refuses to overwrite generated files the user edited, naming every one, and changes nothing", async () => {
    await writeStack(out, "shop", v1);
    await put("index.ts", "export {};\n// tweak\n");
    await put("manifests/main/web.yaml", "kind: Deployment\nreplicas: 3\n");
    const before = await snapshot(stack);

    const error = await caught(writeStack(out, "shop", files({ ...Object.fromEntries(v1), "index.ts": "export const y = 2;\n" })));

    expect(error.message).toBe(
      [
        "refusing to overwrite 2 files not generated by skyweave (or edited since):",
        "  - stacks/shop/index.ts (edited since skyweave generated it)",
        "  - stacks/shop/manifests/main/web.yaml (edited since skyweave generated it)",
      ].join("\n"),
    );
    expect(error.fix).toBe("files in stacks/shop are regenerated on every synth: move your change into app.ts, or delete or rename the files, then run synth again.");
    expect(await snapshot(stack)).toEqual(before);
  });

  it("refuses to put a file where the user has a directory", async () => {
    await put("index.ts/keep.txt", "mine\n");
    const error = await caught(writeStack(out, "shop", v1));
    expect(error.message).toContain("  - stacks/shop/index.ts (a directory where skyweave writes a file)");
  });

  it("refuses when a file of the user's is in the way of a directory it needs", async () => {
    await put("manifests", "mine\n");
    await put(".skyweave", "mine too\n");
    const error = await caught(writeStack(out, "shop", v1));
    expect(error.message).toBe(
      [
        "refusing to overwrite 2 files not generated by skyweave (or edited since):",
        "  - stacks/shop/.skyweave (not generated by skyweave)",
        "  - stacks/shop/manifests (not generated by skyweave)",
      ].join("\n"),
    );
  });

  it("accepts an existing file that already holds exactly the bytes it would write", async () => {
    await put("Pulumi.yaml", "name: shop\n");
    const result = await writeStack(out, "shop", v1);
    expect(result.unchanged).toEqual(["Pulumi.yaml"]);
  });

  it("moves the user's own files (stack config, node_modules, .pulumi) into the new directory unchanged", async () => {
    await writeStack(out, "shop", v1);
    await put("Pulumi.dev.yaml", "config:\n  aws:region: us-east-1\n");
    await put("node_modules/@pulumi/pulumi/index.js", "module.exports = {};\n");
    await put(".pulumi/state.json", "{}\n");
    await put("manifests/main/extra.yaml", "kind: ConfigMap\n");
    await put(".skyweave/notes.txt", "mine\n");
    const inode = (await stat(path.join(stack, "node_modules/@pulumi/pulumi/index.js"))).ino;

    const result = await writeStack(out, "shop", files({ ...Object.fromEntries(v1), "index.ts": "export const z = 3;\n" }));

    expect(result.written).toEqual([".skyweave/generated.json", "index.ts"]);
    expect(await snapshot(stack)).toMatchObject({
      "Pulumi.dev.yaml": "config:\n  aws:region: us-east-1\n",
      "node_modules/@pulumi/pulumi/index.js": "module.exports = {};\n",
      ".pulumi/state.json": "{}\n",
      "manifests/main/extra.yaml": "kind: ConfigMap\n",
      ".skyweave/notes.txt": "mine\n",
      "index.ts": "export const z = 3;\n",
    });
    expect((await stat(path.join(stack, "node_modules/@pulumi/pulumi/index.js"))).ino).toBe(inode); // moved, not copied
    expect(await readdir(out)).toEqual(["shop"]);
  });

  it("keeps a file it no longer generates when the user edited it", async () => {
    await writeStack(out, "shop", v1);
    await put("manifests/main/web.yaml", "kind: Deployment\n# mine now\n");

    const result = await writeStack(out, "shop", files({ "Pulumi.yaml": "name: shop\n", "index.ts": "export {};\n" }));

    expect(result.removed).toEqual([]);
    expect(await readFile(path.join(stack, "manifests/main/web.yaml"), "utf8")).toBe("kind: Deployment\n# mine now\n");
  });

  it("leaves the previous directory exactly as it was when the swap fails, and removes the temp dir", async () => {
    await writeStack(out, "shop", v1);
    await put("Pulumi.dev.yaml", "config: {}\n");
    await put("node_modules/x/index.js", "1\n");
    const before = await snapshot(stack);
    vi.mocked(fs.rename).mockImplementation(async (from, to) => {
      const fromTemp = String(from).includes(".skyweave-tmp-") && !String(from).endsWith("-old");
      if (String(to) === stack && fromTemp) throw Object.assign(new Error("EIO: i/o error, rename"), { code: "EIO" });
      return actualFs.rename(from, to);
    });

    const error = await caught(writeStack(out, "shop", files({ ...Object.fromEntries(v1), "index.ts": "export const w = 4;\n" })));

    expect(error.format()).toBe(
      "stacks/shop: could not write stacks/shop: EIO: i/o error, rename\n  fix: nothing was changed; check that stacks is writable and has free space, then run synth again.",
    );
    expect(await snapshot(stack)).toEqual(before);
    expect(await readdir(out)).toEqual(["shop"]);
  });

  it("when it cannot even put things back, says where the user's files are and deletes nothing", async () => {
    await writeStack(out, "shop", v1);
    await put("Pulumi.dev.yaml", "config: {}\n");
    vi.mocked(fs.rename).mockImplementation(async (from, to) => {
      if (String(to) === stack) throw Object.assign(new Error("EIO: i/o error, rename"), { code: "EIO" });
      return actualFs.rename(from, to);
    });

    const error = await caught(writeStack(out, "shop", files({ ...Object.fromEntries(v1), "index.ts": "export const w = 4;\n" })));

    const [temp, old] = (await readdir(out)).sort();
    expect(error.fix).toBe(
      `the previous stacks/shop could not be put back: it is at stacks/${old}, and the files of yours that were moved out of it are in stacks/${temp}: Pulumi.dev.yaml. Rename it back (and move those files into it) by hand.`,
    );
    expect(await readFile(path.join(out, temp!, "Pulumi.dev.yaml"), "utf8")).toBe("config: {}\n");
    expect(await readFile(path.join(out, old!, "index.ts"), "utf8")).toBe("export {};\n");
  });

  it("leaves the previous directory as it was when writing a new file fails midway", async () => {
    await writeStack(out, "shop", v1);
    await put("Pulumi.dev.yaml", "config: {}\n");
    const before = await snapshot(stack);
    vi.mocked(fs.writeFile).mockImplementation(async (file, data, options) => {
      if (String(file).endsWith("index.ts")) throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
      return actualFs.writeFile(file, data, options);
    });

    const error = await caught(writeStack(out, "shop", files({ ...Object.fromEntries(v1), "index.ts": "export const w = 4;\n" })));

    expect(error.message).toBe("could not write stacks/shop: ENOSPC: no space left on device");
    expect(await snapshot(stack)).toEqual(before);
    expect(await readdir(out)).toEqual(["shop"]);
  });

  it("rejects absolute paths, '..' segments and paths inside .skyweave/", async () => {
    for (const bad of ["/etc/passwd", "../escape.ts", "manifests/../../x", "a//b", "./a"]) {
      const error = await caught(writeStack(out, "shop", files({ [bad]: "x" })));
      expect(error.message).toBe(`emitted file ${JSON.stringify(bad)} is not a relative path inside the stack directory`);
    }
    const reserved = await caught(writeStack(out, "shop", files({ ".skyweave/generated.json": "{}" })));
    expect(reserved.message).toBe('emitted file ".skyweave/generated.json" is inside .skyweave/, which skyweave reserves for its own records');
    await expect(readdir(out)).rejects.toThrow(/ENOENT/); // nothing was created
  });

  it("says so when the record of generated files is corrupt", async () => {
    await writeStack(out, "shop", v1);
    await put(".skyweave/generated.json", "{ not json");
    const error = await caught(writeStack(out, "shop", v1));
    expect(error.where).toBe("stacks/shop/.skyweave/generated.json");
    expect(error.message).toMatch(/^the record of generated files is not valid JSON: /);
  });

  it("refuses when <outDir>/<app> is a file", async () => {
    await mkdir(out, { recursive: true });
    await writeFile(stack, "oops");
    const error = await caught(writeStack(out, "shop", v1));
    expect(error.message).toBe("stacks/shop exists and is not a directory");
  });
});
