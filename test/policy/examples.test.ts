/** Every example checks clean: what synth emits for it breaks no policy rule. */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { check } from "../../src/cli/commands/check.js";

const examples = readdirSync(new URL("../../examples", import.meta.url), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe("the examples", () => {
  it("exist", () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples)("examples/%s/app.ts has no policy findings", async (name) => {
    const { findings } = await check(`examples/${name}/app.ts`, { timeLimitSeconds: 5 });
    expect(findings).toEqual([]);
  });
});
