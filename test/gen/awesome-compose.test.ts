/**
 * All 26 samples of docker/awesome-compose (read from ../shared/corpus at run time) import,
 * type-check (one TypeScript program for all of them) and synth through the real pipeline,
 * policy checks included, as `skyweave synth` runs them. Every service key that does not carry
 * over has a warning naming it, and every image without a version has a warning saying what
 * became of it.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { composeToSlots, type ComposeImport } from "../../src/gen/compose/compose-to-slots.js";
import { synthCheck, typeCheck } from "../../src/gen/verify.js";
import { renderText } from "../../src/gen/write-rendered-app.js";
import { unpinnedImage } from "../../src/policy/k8s/rules/container-hygiene.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const corpus = path.resolve(repoRoot, "../shared/corpus/awesome-compose");
const samples = readdirSync(corpus, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

/** Service keys whose whole meaning lands in the slots (the rest must be warned about). */
const CARRIED = new Set(["image", "ports", "expose", "environment", "env_file", "depends_on", "volumes", "healthcheck", "deploy", "command", "entrypoint"]);

describe("skyweave import on the 26 awesome-compose samples", () => {
  const imported = new Map<string, ComposeImport>(samples.map((s) => [s, composeToSlots(path.join(corpus, s, "compose.yaml"))]));
  // Rendered as if written next to the repo's own files, so relative paths resolve like a user's would.
  const files = samples.map((s) => {
    const r = imported.get(s)!;
    return { sample: s, file: path.join(repoRoot, "test/e2e/fixtures", `.import-${s}.ts`), text: renderText({ file: `${s}.ts`, current: undefined, slots: r.slots, header: [], notes: r.notes }) };
  });

  it("finds all 26 samples", () => {
    expect(samples).toHaveLength(26);
  });

  it("every sample's app.ts type-checks (one program for all)", () => {
    const errors = typeCheck(files);
    const failing = [...errors].filter(([, e]) => e.length > 0);
    expect(failing).toEqual([]);
  });

  it("every sample's app.ts synths: load → toModel → place → emit → the policy checks, with no finding", async () => {
    const failures: string[] = [];
    for (const f of files) {
      try {
        const result = await synthCheck(f.file, f.text, 2);
        const services = Object.keys(parse(readFileSync(path.join(corpus, f.sample, "compose.yaml"), "utf8")).services);
        if (result.parts !== services.length) failures.push(`${f.sample}: ${result.parts} parts for ${services.length} services`);
      } catch (error) {
        failures.push(`${f.sample}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("pins or replaces every image with no version, naming the service and line, and writes no unpinned image", () => {
    const silent: string[] = [];
    let unpinned = 0;
    for (const s of samples) {
      const compose = parse(readFileSync(path.join(corpus, s, "compose.yaml"), "utf8")) as { services: Record<string, Record<string, unknown>> };
      const { warnings, slots, ids } = imported.get(s)!;
      for (const [name, svc] of Object.entries(compose.services)) {
        const image = svc?.image;
        const component = slots.components.find((c) => c.id === ids.get(name))!;
        if (typeof image !== "string" || unpinnedImage(image) === undefined || component.image === undefined) continue;
        unpinned++;
        const said = warnings.some((w) => /^.*compose\.yaml:\d+ /.test(w.where) && w.where.endsWith(` services.${name}.image`) && w.message.startsWith(`image \`${image}\``));
        if (!said) silent.push(`${s}: services.${name}.image`);
      }
      for (const c of slots.components) if (c.image !== undefined && unpinnedImage(c.image) !== undefined) silent.push(`${s}: ${c.id} keeps ${c.image}`);
    }
    expect(unpinned).toBeGreaterThan(0); // the corpus has untagged images; this spec must see them
    expect(silent).toEqual([]);
  });

  it("warns about every service key that does not carry over, by name", () => {
    const silent: string[] = [];
    for (const s of samples) {
      const compose = parse(readFileSync(path.join(corpus, s, "compose.yaml"), "utf8")) as { services: Record<string, Record<string, unknown>> };
      const warned = imported.get(s)!.warnings.map((w) => w.where.split(" ").pop()!);
      for (const [name, svc] of Object.entries(compose.services)) {
        for (const key of Object.keys(svc ?? {})) {
          if (CARRIED.has(key)) continue;
          const prefix = `services.${name}.${key}`;
          if (!warned.some((w) => w === prefix || w.startsWith(`${prefix}.`) || w.startsWith(`${prefix}[`))) silent.push(`${s}: ${prefix}`);
        }
      }
    }
    expect(silent).toEqual([]);
  });

  it("copies no secret-looking value into any app.ts", () => {
    const leaks = files.filter((f) => /PASSWORD|SECRET|whalehello|nextcloud"/.test(f.text)).map((f) => f.sample);
    expect(leaks).toEqual([]);
  });
});
