/**
 * The pipeline as a library (DESIGN.md's contract): `synth(file, { out, timeLimit })` returns
 * `{ model, placement, files, findings }` and writes the stack only when asked and clean;
 * `check()` is the same without the write.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check, synth } from "../../src/index.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));
let out: string;

beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), "skyweave-pipeline-"));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe("synth() from the library", () => {
  it("returns the model, placement, files and findings of an example, and writes exactly the committed stack", async () => {
    const result = await synth(path.join(repo, "examples/hello/app.ts"), { out, timeLimit: 10 });
    expect(result.model.app).toBe("hello");
    expect(result.findings).toEqual([]);
    expect(result.placement.parts.map((p) => p.path)).toEqual(["hello/web"]);
    expect(result.written?.dir).toBe(path.join(out, "hello"));
    for (const [file, text] of result.files) {
      expect(readFileSync(path.join(out, "hello", file), "utf8"), file).toBe(text);
      expect(readFileSync(path.join(repo, "stacks/hello", file), "utf8"), `stacks/hello/${file}`).toBe(text);
    }
  });

  it("writes nothing without out, and check() gives the same files and findings", async () => {
    const file = path.join(repo, "examples/shop/app.ts");
    const inMemory = await synth(file, { load: { typeCheck: false } });
    const checked = await check(file, { load: { typeCheck: false } });
    expect(inMemory.written).toBeUndefined();
    expect(existsSync(path.join(out, "shop"))).toBe(false);
    expect([...checked.files]).toEqual([...inMemory.files]);
    expect(checked.findings).toEqual([]);
    expect(checked.placement.cost).toEqual(inMemory.placement.cost);
  });

  it("returns a stack's findings instead of writing it", async () => {
    const result = await synth(path.join(repo, "test/e2e/fixtures/check-latest.ts"), { out, load: { typeCheck: false } });
    expect(result.findings.map((f) => f.rule)).toContain("k8s/image-tag");
    expect(result.written).toBeUndefined();
    expect(existsSync(path.join(out, result.model.app))).toBe(false);
  });
});
