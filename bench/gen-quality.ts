/**
 * Quality of `skyweave gen` with the builtin provider, on prose nobody here wrote:
 *
 * - the 26 docker/awesome-compose samples: gen on each `description.md`, scored against the
 *   sample's `compose.yaml` (mapped by `skyweave import`'s own classifier) as ground truth;
 * - the 17 pulumi/examples programs: gen on each `description.md`, scored against the
 *   architecture of its `index.ts.txt` (annotated in `gen-quality-truth.ts`).
 *
 * Scores: recall and precision of component kinds (template categories; `app` counts as
 * `web`) and of connections (`fromKind->toKind`), as multisets, micro-averaged; and the share
 * of generated apps that type-check and synth (policy checks included). Descriptions are scored
 * as they are.
 *
 *   npx tsx bench/gen-quality.ts [--out bench/results-gen.md]
 *
 * A benchmark, not a test: it reports, and exits 0 even when a target is missed.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { builtinSlots } from "../src/gen/builtin/builtin-provider.js";
import { composeToSlots } from "../src/gen/compose/compose-to-slots.js";
import type { AppSlots } from "../src/gen/slots.js";
import { loadTemplates } from "../src/gen/templates.js";
import { synthCheck, typeCheck } from "../src/gen/verify.js";
import { renderText } from "../src/gen/write-rendered-app.js";
import { PULUMI_TRUTH } from "./gen-quality-truth.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CORPUS = path.resolve(ROOT, "../shared/corpus");
const TARGET_RECALL = 0.8;
const TARGET_PRECISION = 0.9;

/** What one sample scored. */
interface Row {
  readonly sample: string;
  readonly truthKinds: string[];
  readonly genKinds: string[];
  readonly truthEdges: string[];
  readonly genEdges: string[];
  synth: "ok" | "no app" | string;
}

/** The kind a template category counts as. */
function kindOf(template: string): string {
  const category = loadTemplates().get(template)!.category;
  return category === "app" ? "web" : category;
}

function kinds(slots: AppSlots): string[] {
  return slots.components.map((c) => kindOf(c.template));
}

function edges(slots: AppSlots): string[] {
  const kind = new Map(slots.components.map((c) => [c.id, kindOf(c.template)]));
  return slots.connections.map((c) => `${kind.get(c.from)}->${kind.get(c.to)}`);
}

/** Multiset overlap. */
function matched(a: readonly string[], b: readonly string[]): number {
  const left = new Map<string, number>();
  for (const x of a) left.set(x, (left.get(x) ?? 0) + 1);
  let n = 0;
  for (const x of b) {
    const k = left.get(x) ?? 0;
    if (k > 0) {
      n++;
      left.set(x, k - 1);
    }
  }
  return n;
}

function ratio(n: number, d: number): string {
  return d === 0 ? "–" : (n / d).toFixed(2);
}

/** Generates from every description and checks that each app compiles (one program) and synths. */
async function scoreSynth(rows: Row[], answers: Map<string, AppSlots>, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const files = [...answers].map(([sample, slots]) => ({ sample, file: path.join(dir, `${sample}.ts`), text: renderText({ file: `${sample}.ts`, current: undefined, slots, header: [] }) }));
  const errors = typeCheck(files);
  for (const f of files) {
    const row = rows.find((r) => r.sample === f.sample)!;
    const typeErrors = errors.get(f.file) ?? [];
    if (typeErrors.length > 0) {
      row.synth = `type error: ${typeErrors[0]}`;
      continue;
    }
    try {
      await synthCheck(f.file, f.text, 2);
      row.synth = "ok";
    } catch (error) {
      row.synth = `fails: ${(error as Error).message.split("\n")[0]}`;
    }
  }
}

async function suite(name: string, samples: { sample: string; prose: string; truthKinds: string[]; truthEdges: string[] }[], dir: string): Promise<Row[]> {
  const rows: Row[] = [];
  const answers = new Map<string, AppSlots>();
  for (const s of samples) {
    const slots = builtinSlots(s.prose);
    rows.push({ sample: s.sample, truthKinds: s.truthKinds, truthEdges: s.truthEdges, genKinds: kinds(slots), genEdges: edges(slots), synth: "no app" });
    if (slots.components.length > 0) answers.set(s.sample, slots);
  }
  await scoreSynth(rows, answers, path.join(dir, name));
  return rows;
}

function totals(rows: readonly Row[]) {
  const sum = (f: (r: Row) => number) => rows.reduce((n, r) => n + f(r), 0);
  const kindHits = sum((r) => matched(r.truthKinds, r.genKinds));
  const edgeHits = sum((r) => matched(r.truthEdges, r.genEdges));
  const apps = rows.filter((r) => r.synth !== "no app");
  return {
    kindRecall: kindHits / sum((r) => r.truthKinds.length),
    kindPrecision: kindHits / sum((r) => r.genKinds.length),
    edgeRecall: edgeHits / Math.max(1, sum((r) => r.truthEdges.length)),
    edgePrecision: edgeHits / Math.max(1, sum((r) => r.genEdges.length)),
    synthOk: apps.filter((r) => r.synth === "ok").length,
    apps: apps.length,
    samples: rows.length,
  };
}

function table(title: string, truthName: string, rows: readonly Row[]): string[] {
  const t = totals(rows);
  const mark = (v: number, target: number) => `${v.toFixed(2)}${v >= target ? "" : " (below target)"}`;
  const lines = [
    `## ${title}`,
    "",
    "| measure | value | target |",
    "|---|---|---|",
    `| component kinds: recall | ${mark(t.kindRecall, TARGET_RECALL)} | ≥ ${TARGET_RECALL} |`,
    `| component kinds: precision | ${mark(t.kindPrecision, TARGET_PRECISION)} | ≥ ${TARGET_PRECISION} |`,
    `| connections: recall | ${mark(t.edgeRecall, TARGET_RECALL)} | ≥ ${TARGET_RECALL} |`,
    `| connections: precision | ${mark(t.edgePrecision, TARGET_PRECISION)} | ≥ ${TARGET_PRECISION} |`,
    `| generated apps that type-check and synth (policy checks included) | ${t.synthOk} / ${t.apps} | all |`,
    `| descriptions that yield no app | ${t.samples - t.apps} / ${t.samples} | — |`,
    "",
    `| sample | ${truthName} kinds | generated kinds | kinds R / P | connections R / P | synth |`,
    "|---|---|---|---|---|---|",
  ];
  for (const r of rows) {
    const k = matched(r.truthKinds, r.genKinds);
    const e = matched(r.truthEdges, r.genEdges);
    const list = (xs: readonly string[]) => (xs.length === 0 ? "—" : [...xs].sort().join(", "));
    lines.push(`| ${r.sample} | ${list(r.truthKinds)} | ${list(r.genKinds)} | ${ratio(k, r.truthKinds.length)} / ${ratio(k, r.genKinds.length)} | ${ratio(e, r.truthEdges.length)} / ${ratio(e, r.genEdges.length)} | ${r.synth.replace(/\|/g, "\\|")} |`);
  }
  return [...lines, ""];
}

async function main(): Promise<void> {
  const outIndex = process.argv.indexOf("--out");
  const out = outIndex === -1 ? path.join(ROOT, "bench/results-gen.md") : path.resolve(process.argv[outIndex + 1]!);
  const dir = mkdtempSync(path.join(os.tmpdir(), "skyweave-gen-bench-"));
  try {
    const compose = path.join(CORPUS, "awesome-compose");
    const composeSamples = readdirSync(compose, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort().map((sample) => {
      const truth = composeToSlots(path.join(compose, sample, "compose.yaml")).slots;
      return { sample, prose: readFileSync(path.join(compose, sample, "description.md"), "utf8"), truthKinds: kinds(truth), truthEdges: edges(truth) };
    });
    const pulumi = path.join(CORPUS, "pulumi-examples");
    const pulumiSamples = readdirSync(pulumi, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort().map((sample) => {
      const truth = PULUMI_TRUTH[sample];
      if (truth === undefined) throw new Error(`no ground truth for pulumi example ${sample}; add it to bench/gen-quality-truth.ts`);
      return { sample, prose: readFileSync(path.join(pulumi, sample, "description.md"), "utf8"), truthKinds: [...truth.kinds], truthEdges: [...truth.connections] };
    });
    const composeRows = await suite("compose", composeSamples, dir);
    const pulumiRows = await suite("pulumi", pulumiSamples, dir);
    const text = [
      "# gen quality: the builtin provider on prose nobody here wrote",
      "",
      "Written by `npx tsx bench/gen-quality.ts` (part of `npm run bench`). Each description is fed,",
      "as it is, to `skyweave gen --provider builtin` (rule-based, offline); what it generates is",
      "compared with the ground truth. Kinds are template categories (`app`, a packaged product such",
      "as Nextcloud, counts as `web`); connections are `fromKind->toKind`; both are scored as",
      "multisets and micro-averaged over the samples. Every generated app is type-checked (one",
      "program for all) and synthesised in-process (toModel → place → emit, then the policy checks",
      "`skyweave synth` runs: a finding fails it).",
      "",
      ...table("awesome-compose: description.md vs compose.yaml (26 samples)", "compose.yaml", composeRows),
      ...table("pulumi-examples: description.md vs the program's architecture (17 examples)", "program", pulumiRows),
      "Ground truth for the pulumi examples is annotated from each program in `bench/gen-quality-truth.ts`,",
      "with the resources it is read from. Kinds skyweave has no construct for (`nosql` for DynamoDB,",
      "`analytics` for Athena) stay in the truth, so missing them counts against recall.",
      "",
    ].join("\n");
    writeFileSync(out, text);
    const c = totals(composeRows);
    const p = totals(pulumiRows);
    process.stdout.write(`${JSON.stringify({ compose: c, pulumi: p })}\nwrote ${path.relative(process.cwd(), out)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
