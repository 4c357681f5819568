import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { InputError } from "../../../src/errors.js";
import { parseManifestFile } from "../../../src/policy/k8s/parse-manifests.js";

const STACKS = fileURLToPath(new URL("../../../stacks", import.meta.url));

/** Every manifest of every committed example stack. */
function exampleManifests(): string[] {
  return readdirSync(STACKS, { recursive: true, encoding: "utf8" })
    .filter((f) => /(^|\/)manifests\/[^/]+\/[^/]+\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(STACKS, f));
}

describe("reading emitted manifests for the policy rules", () => {
  it("reads every example stack's manifests exactly as the yaml package does", () => {
    const files = exampleManifests();
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const reference = parseAllDocuments(text).map((d) => d.toJSON() as unknown).filter((d) => d !== null && d !== undefined);
      expect(parseManifestFile(file, text), file).toEqual(reference);
    }
  });

  it("keeps YAML 1.2 core scalars: quoted strings stay strings, no timestamps", () => {
    const [doc] = parseManifestFile("x.yaml", 'a: "on"\nb: on\nc: 2024-01-01\nd: "8080"\ne: 8080\nf: null\ng: 0o17\n');
    expect(doc).toEqual({ a: "on", b: "on", c: "2024-01-01", d: "8080", e: 8080, f: null, g: 15 });
  });

  it("leaves out empty documents", () => {
    expect(parseManifestFile("x.yaml", "a: 1\n---\n\n---\nb: 2\n")).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it("names the file when it is not valid YAML", () => {
    expect(() => parseManifestFile("manifests/main/web.yaml", "a: [1, 2\n")).toThrow(InputError);
    expect(() => parseManifestFile("manifests/main/web.yaml", "a: [1, 2\n")).toThrow(/cannot parse manifests\/main\/web\.yaml/);
  });
});
