/**
 * One writer per stack, and nothing lost when a writer is killed: writeStack() takes
 * `<out>/.skyweave-lock-<app>` (taking over one whose process is gone), and the next write puts
 * right whatever a killed one left in `.skyweave-tmp-<app>-*`.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lockPath } from "../../src/emit/stack-lock.js";
import { writeStack } from "../../src/emit/write-stack.js";
import { SkyweaveError } from "../../src/errors.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));
let out: string;
let stack: string;

beforeEach(async () => {
  out = await mkdtemp(path.join(tmpdir(), "skyweave-stack-lock-"));
  stack = path.join(out, "shop");
});

afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

/** A stack of `count` files whose contents depend on `version`. */
function stackFiles(count: number, version: string): Map<string, string> {
  const files = new Map<string, string>([["index.ts", `// ${version}\n`]]);
  for (let i = 0; i < count; i++) files.set(`manifests/main/object-${String(i).padStart(4, "0")}.yaml`, `kind: ConfigMap\nversion: ${version}\nindex: ${i}\n${"x".repeat(200)}\n`);
  return files;
}

/** A pid that belonged to a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout as unknown as number;
}

async function leftovers(): Promise<string[]> {
  return (await readdir(out)).filter((n) => n.startsWith(".skyweave-"));
}

describe("the stack lock", () => {
  it("lets one of two simultaneous writes of the same stack through and refuses the other by name", async () => {
    const results = await Promise.allSettled([writeStack(out, "shop", stackFiles(200, "a")), writeStack(out, "shop", stackFiles(200, "b"))]);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const error = refused[0]!.reason as SkyweaveError;
    expect(SkyweaveError.is(error) && error.exitCode).toBe(1);
    expect(error.message).toMatch(new RegExp(`^another skyweave is writing ${stack.replace(/[/.]/g, "\\$&")} \\(process ${process.pid} on `));
    expect(error.fix).toBe(`wait for it to finish and run again; if no skyweave is running, delete ${lockPath(out, "shop")}.`);
    expect(await leftovers(), "the lock is released").toEqual([]);
  });

  it("takes over a lock whose process is gone", async () => {
    await writeFile(lockPath(out, "shop"), JSON.stringify({ pid: Number(deadPid()), host: hostname(), since: "2026-01-01T00:00:00.000Z" }));
    const result = await writeStack(out, "shop", stackFiles(3, "a"));
    expect(result.written).toContain("index.ts");
    expect(await leftovers()).toEqual([]);
  });
});

describe("what a killed write left behind", () => {
  const manifest = (names: string[]) => JSON.stringify({ generator: "skyweave", version: 1, files: names.map((p) => ({ path: p, sha256: "0" })) });

  it("removes a half-built stack that holds nothing of the user's", async () => {
    await writeStack(out, "shop", stackFiles(3, "a"));
    await mkdir(path.join(out, ".skyweave-tmp-shop-0123456789ab/manifests"), { recursive: true });
    await writeFile(path.join(out, ".skyweave-tmp-shop-0123456789ab/index.ts"), "// half\n");
    await writeStack(out, "shop", stackFiles(3, "b"));
    expect(await leftovers()).toEqual([]);
    expect(await readFile(path.join(stack, "index.ts"), "utf8")).toBe("// b\n");
  });

  it("moves the user's files that a half-built stack holds back into the stack", async () => {
    await writeStack(out, "shop", stackFiles(3, "a"));
    const temp = path.join(out, ".skyweave-tmp-shop-0123456789ab");
    await mkdir(path.join(temp, ".skyweave"), { recursive: true });
    await writeFile(path.join(temp, ".skyweave/generated.json"), manifest(["index.ts"]));
    await writeFile(path.join(temp, "index.ts"), "// new\n");
    await writeFile(path.join(temp, "Pulumi.dev.yaml"), "config: mine\n"); // carried in from the stack before the kill
    await writeStack(out, "shop", stackFiles(3, "b"));
    expect(await leftovers()).toEqual([]);
    expect(await readFile(path.join(stack, "Pulumi.dev.yaml"), "utf8")).toBe("config: mine\n");
  });

  it("finishes a swap cut between its two renames, keeping the user's files", async () => {
    await writeStack(out, "shop", stackFiles(3, "a"));
    await writeFile(path.join(stack, "Pulumi.dev.yaml"), "config: mine\n");
    // The state between `rename(stack, backup)` and `rename(temp, stack)`: build it with a real write, then undo the last rename.
    const temp = path.join(out, ".skyweave-tmp-shop-0123456789ab");
    const { rename } = await import("node:fs/promises");
    await writeStack(out, "shop", stackFiles(3, "b"));
    await rename(stack, temp);
    await mkdir(`${temp}-old`);
    await writeFile(path.join(`${temp}-old`, "index.ts"), "// a\n");
    await writeStack(out, "shop", stackFiles(3, "b"));
    expect(await leftovers()).toEqual([]);
    expect(await readFile(path.join(stack, "index.ts"), "utf8")).toBe("// b\n");
    expect(await readFile(path.join(stack, "Pulumi.dev.yaml"), "utf8")).toBe("config: mine\n");
  });

  it("leaves a complete stack, the user's files and no temp dir or lock, however late a real write is killed", async () => {
    await writeStack(out, "shop", stackFiles(1500, "a"));
    await writeFile(path.join(stack, "Pulumi.dev.yaml"), "config: mine\n");
    const script = path.join(out, "write.mts");
    await writeFile(
      script,
      [
        `import { writeStack } from ${JSON.stringify(path.join(repo, "src/emit/write-stack.ts"))};`,
        "const [out, version] = process.argv.slice(2);",
        "const files = new Map([['index.ts', `// ${version}\\n`]]);",
        'for (let i = 0; i < 1500; i++) files.set(`manifests/main/object-${String(i).padStart(4, "0")}.yaml`, `kind: ConfigMap\\nversion: ${version}\\nindex: ${i}\\n${"x".repeat(200)}\\n`);',
        'process.stdout.write("ready\\n");',
        "await writeStack(out!, 'shop', files);",
      ].join("\n"),
    );
    const interrupted: string[] = [];
    for (const [i, delay] of [0, 100, 300, 500, 800, 1200].entries()) {
      const child = spawn(process.execPath, ["--import", "tsx", script, out, `k${i}`], { cwd: repo, stdio: ["ignore", "pipe", "inherit"] });
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
        child.on("exit", (code) => reject(new Error(`the writer exited (${code}) before it was ready`)));
      });
      await new Promise((resolve) => setTimeout(resolve, delay));
      const exited = new Promise((resolve) => child.on("exit", resolve));
      child.kill("SIGKILL");
      await exited;
      interrupted.push(...(await leftovers()).map((n) => `${delay} ms: ${n.replace(/[0-9a-f]{12}/, "<id>")}`));
      await writeStack(out, "shop", stackFiles(1500, `after${i}`));
      expect(await leftovers(), `after a kill at ${delay} ms`).toEqual([]);
      expect(await readFile(path.join(stack, "Pulumi.dev.yaml"), "utf8")).toBe("config: mine\n");
      expect(await readFile(path.join(stack, "index.ts"), "utf8")).toBe(`// after${i}\n`);
      expect((await readdir(path.join(stack, "manifests/main"))).length).toBe(1500);
    }
    expect(interrupted.length, "some kill must land mid-write, or this test proves nothing").toBeGreaterThan(0);
    console.log(`killed mid-write: ${interrupted.join(", ")}`);
  }, 120_000);
});
