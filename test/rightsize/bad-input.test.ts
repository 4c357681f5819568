/**
 * `skyweave rightsize` on bad metrics, run through the CLI's `run()` as a user would meet it:
 * each case exits 1 (never 70, "a bug in skyweave") with `where: what` and a `fix:` line, and
 * `--apply` leaves app.ts as it was. Outside text (metric file and workload names) never
 * becomes code in app.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../support/cli-in-process.js";

const SKYWEAVE = fileURLToPath(new URL("../../src/index.ts", import.meta.url));
const APP = [
  `import { App, KubernetesCluster, Service } from ${JSON.stringify(SKYWEAVE)};`,
  'const app = new App("demo");',
  'new KubernetesCluster(app, "main", { region: "us-east-1", provider: "eks" });',
  'new Service(app, "web", { image: "nginx:1.27", port: 80, cpu: "250m", memory: "256Mi", cpuLimit: "4", memoryLimit: "1Gi" });',
  "export default app;",
  "",
].join("\n");

let dir: string;
let app: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "skyweave-rightsize-bad-"));
  writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
  app = path.join(dir, "app.ts");
  writeFileSync(app, APP);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `timestamp,value` rows every 5 minutes from 2024-01-01 00:00 UTC, a header first: line k + 2 holds value k. */
function csv(values: readonly (string | number)[]): string {
  const t0 = Date.UTC(2024, 0, 1);
  return `timestamp,value\n${values.map((v, i) => `${new Date(t0 + i * 300_000).toISOString().slice(0, 19).replace("T", " ")},${v}`).join("\n")}\n`;
}

/** Three days of a plausible CPU load (cores). */
const load = Array.from({ length: 3 * 288 }, (_, i) => (0.2 + 0.05 * Math.sin(i / 10)).toFixed(4));

/** A file in a fresh directory `<name>/`, and that directory. */
function metricsDir(name: string, file: string, content: string | Buffer): { dir: string; file: string } {
  const d = path.join(dir, name);
  mkdirSync(d, { recursive: true });
  writeFileSync(path.join(d, file), content);
  return { dir: d, file: path.join(d, file) };
}

/** Runs `rightsize --apply` on the app with metrics `dir` and checks it failed with exit 1, the exact message, and an untouched app. */
async function expectBadInput(metrics: string, message: string): Promise<void> {
  const r = await cli("rightsize", app, "--metrics", metrics, "--apply");
  expect(r.stderr.slice(r.stderr.indexOf("error: "))).toBe(`error: ${message}\n`);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe("");
  expect(readFileSync(app, "utf8")).toBe(APP);
}

const NEGATIVE_FIX = "CPU and memory usage cannot be below zero: fix the export (a counter reset read as a rate, or a subtraction in the query, gives negative values), or drop the row (gaps are filled).";
const NUMBER_FIX = "write the value as a plain decimal number (e.g. 0.25); drop rows without a value (gaps are filled).";
const FORMAT_FIX = "export the series with its rows: each row must be `timestamp,value`, e.g. `2014-02-14 14:27:00,51.8` (an optional header row `timestamp,value` may come first).";
const UTF8_FIX = "save the export as UTF-8 text (e.g. `iconv -f latin1 -t utf-8 in.csv > out.csv`, or `-f utf-16` for UTF-16).";
const PROMETHEUS_FIX = 'save the answer of /api/v1/query_range as is: {"status":"success","data":{"resultType":"matrix","result":[{"metric":{...},"values":[[1700000000,"0.25"],...]}]}}';
const prometheus = (values: unknown[][]) => JSON.stringify({ status: "success", data: { resultType: "matrix", result: [{ metric: { pod: "web-0" }, values }] } });
const t0 = Date.UTC(2024, 0, 1) / 1000;

describe("rightsize on bad metric values (exit 1, file:line, the value, a fix)", () => {
  it("a negative CPU value (it went through and --apply wrote cpu: \"10m\", exit 0)", async () => {
    const values = [...load];
    values[15] = "-0.09"; // line 17
    const m = metricsDir("negative", "web.cpu.csv", csv(values));
    await expectBadInput(m.dir, `${m.file}:17: -0.09 is negative: a metric value must be 0 or more\n  fix: ${NEGATIVE_FIX}`);
  });

  it("NaN and Infinity in a CSV", async () => {
    const nan = [...load];
    nan[3] = "NaN";
    const a = metricsDir("nan", "web.cpu.csv", csv(nan));
    await expectBadInput(a.dir, `${a.file}:5: "NaN" is not a number\n  fix: ${NUMBER_FIX}`);
    const inf = [...load];
    inf[4] = "Infinity";
    const b = metricsDir("inf", "web.memory.csv", csv(inf));
    await expectBadInput(b.dir, `${b.file}:6: "Infinity" is infinite: a metric value must be a finite number\n  fix: ${NUMBER_FIX}`);
  });

  it("a number that is not decimal (0x10 read as 16 before)", async () => {
    const hex = [...load];
    hex[0] = "0x10";
    const m = metricsDir("hex", "web.cpu.csv", csv(hex));
    await expectBadInput(m.dir, `${m.file}:2: "0x10" is not a number\n  fix: ${NUMBER_FIX}`);
  });

  it("a negative or infinite value in a Prometheus answer", async () => {
    const neg = metricsDir("prom-negative", "web.cpu.json", prometheus([[t0, "0.2"], [t0 + 60, "-0.09"]]));
    await expectBadInput(neg.dir, `${neg.file}: data.result[0].values[1]: -0.09 is negative: a metric value must be 0 or more\n  fix: ${NEGATIVE_FIX}`);
    const inf = metricsDir("prom-inf", "web.cpu.json", prometheus([[t0, "+Inf"]]));
    await expectBadInput(inf.dir, `${inf.file}: data.result[0].values[0]: "+Inf" is infinite: a metric value must be a finite number\n  fix: ${NUMBER_FIX}`);
  });

  it("a metrics config's percent series whose \"of\" is not a quantity", async () => {
    const m = metricsDir("of", "web-cpu.csv", csv(load));
    const config = path.join(m.dir, "metrics.json");
    writeFileSync(config, JSON.stringify({ workloads: { web: { cpu: { file: "web-cpu.csv", unit: "percent", of: "-2" } } } }));
    await expectBadInput(config, `${config}: workloads.web.cpu: "of": "-2" is not a positive CPU quantity\n  fix: write what 100 % stands for, e.g. "of": "2" (2 cores) or "of": "500m".`);
  });
});

describe("rightsize on ordinary bad files (exit 1 with where, what and fix)", () => {
  it("an empty file", async () => {
    const m = metricsDir("empty", "web.cpu.csv", "");
    await expectBadInput(m.dir, `${m.file}: the file is empty (no data rows)\n  fix: ${FORMAT_FIX}`);
    const j = metricsDir("empty-json", "web.cpu.json", "");
    await expectBadInput(j.dir, `${j.file}: the file is empty\n  fix: ${PROMETHEUS_FIX}`);
  });

  it("a header only", async () => {
    const m = metricsDir("header", "web.cpu.csv", "timestamp,value\n");
    await expectBadInput(m.dir, `${m.file}: only a header ("timestamp,value"), no data rows\n  fix: ${FORMAT_FIX}`);
  });

  it("one row (said every row had the same timestamp)", async () => {
    const m = metricsDir("one", "web.cpu.csv", csv(["0.2"]));
    await expectBadInput(m.dir, `${m.file}: only one sample: cannot tell the sampling step\n  fix: export a longer time range: rightsize needs at least an hour of samples, and a day or more for replica bounds and a schedule.`);
  });

  it("a directory where a metrics file should be", async () => {
    const d = path.join(dir, "directory");
    mkdirSync(path.join(d, "web.cpu.csv"), { recursive: true });
    writeFileSync(path.join(d, "web.cpu.csv", "frontend.csv"), csv(load));
    await expectBadInput(d, `${path.join(d, "web.cpu.csv")}: is a directory, not a metrics file\n  fix: name a .csv or .json file in it; to read a whole directory of <workload>.cpu.csv and <workload>.memory.csv files, pass it as --metrics <dir>.`);
  });

  it("a file that is not UTF-8: Latin-1 and UTF-16", async () => {
    const latin1 = Buffer.concat([Buffer.from(csv(load.slice(0, 20))), Buffer.from("2024-01-02 00:00:00,caf\xe9\n", "latin1")]);
    const a = metricsDir("latin1", "web.cpu.csv", latin1);
    await expectBadInput(a.dir, `${a.file}:22: byte 0xE9 is not UTF-8: the file is not UTF-8 text (Latin-1, or a compressed or binary file?)\n  fix: ${UTF8_FIX}`);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(load), "utf16le")]);
    const b = metricsDir("utf16", "web.cpu.csv", utf16);
    await expectBadInput(b.dir, `${b.file}: the file is UTF-16 text; metric files must be UTF-8\n  fix: ${UTF8_FIX}`);
  });

  it("a Prometheus answer with a null series (crashed with exit 70)", async () => {
    const m = metricsDir("prom-null", "web.cpu.json", JSON.stringify({ status: "success", data: { resultType: "matrix", result: [null] } }));
    await expectBadInput(m.dir, `${m.file}: data.result[0]: a series has no \`values\` array\n  fix: ${PROMETHEUS_FIX}`);
  });

  it("a memory series in bytes given as CPU in cores (printed Infinity..Infinity or 10⁹ replicas; --apply failed naming a temp file)", async () => {
    const m = metricsDir("unit", "web.cpu.csv", csv(load.map((v) => Math.round(Number(v) * 2 ** 36))));
    const r = await cli("rightsize", app, "--metrics", m.dir, "--apply");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`error: ${m.file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: the series needs \\d+ replicas of 4000m for its peak of \\d+ cores: more than Kubernetes can run \\(2147483647\\)\n  fix: check the series' unit: --cpu and <workload>.cpu.csv are in cores`));
    expect(readFileSync(app, "utf8")).toBe(APP);
  });
});

describe("outside text and app.ts", () => {
  const hostile = 'we"b\n*/ `${process.exit(3)}` \u2028\'x';

  it("a hostile workload name in a metrics config is named, escaped on one line, and app.ts is not touched", async () => {
    const m = metricsDir("hostile-workload", "web.csv", csv(load));
    const config = path.join(m.dir, "metrics.json");
    writeFileSync(config, JSON.stringify({ workloads: { [hostile]: { cpu: { file: "web.csv" } } } }));
    await expectBadInput(config, `${config}: the metrics name a workload "we\\"b\\n*/ \`\${process.exit(3)}\` \\u2028'x" that the app does not have\n  fix: use one of: web.`);
  });

  it("a hostile metric file name never reaches app.ts: --apply writes only skyweave's own numbers and literals", async () => {
    // A path, since a file name cannot hold "/": the directory `we"b\n*` holds the file.
    const name = `${hostile}.csv`;
    const d = path.join(dir, "hostile-file");
    mkdirSync(path.dirname(path.join(d, name)), { recursive: true });
    const m = { dir: d, file: path.join(d, name) };
    writeFileSync(m.file, csv(load));
    const config = path.join(m.dir, "metrics.json");
    writeFileSync(config, JSON.stringify({ workloads: { web: { cpu: { file: name } } } }));
    const copy = path.join(dir, "hostile-app.ts");
    writeFileSync(copy, APP);
    const r = await cli("rightsize", copy, "--metrics", config, "--apply", "--json");
    expect(r.stderr).not.toContain("error");
    expect(r.code).toBe(0);
    const after = readFileSync(copy, "utf8");
    expect(after).not.toContain("process.exit");
    expect(after).not.toContain("*/");
    expect(after).not.toContain("\u2028");
    expect(after).toMatch(/new Service\(app, "web", \{ image: "nginx:1\.27", port: 80, cpu: "\d+m", memory: "256Mi", cpuLimit: "4", memoryLimit: "1Gi",\nreplicas: \{ min: \d+, max: \d+, targetCpuPercent: 80 \} \}\);/);
    // A bad value in that file is reported with the name on one visible line.
    const values = [...load];
    values[0] = "-1";
    writeFileSync(m.file, csv(values));
    const bad = await cli("rightsize", copy, "--metrics", config);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`error: ${m.dir}/we"b\\n*/ \`\${process.exit(3)}\` \\u2028'x.csv:2: -1 is negative: a metric value must be 0 or more\n  fix: `);
  });
});

describe("rightsize on metrics configs that map nothing (exit 0 with no output before)", () => {
  it("no workloads, or a workload without a series", async () => {
    const d = path.join(dir, "configs");
    mkdirSync(d, { recursive: true });
    const none = path.join(d, "none.json");
    writeFileSync(none, '{ "workloads": {} }');
    await expectBadInput(none, `${none}: workloads: the config maps no workloads\n  fix: add a workload and its series, e.g. {"workloads": {"frontend": {"cpu": {"file": "frontend-cpu.csv", "unit": "percent", "of": "2"}}}}`);
    const proto = path.join(d, "proto.json");
    writeFileSync(proto, '{ "workloads": { "__proto__": { "cpu": { "file": "web.csv" } } } }');
    await expectBadInput(proto, `${proto}: workloads: the config maps no workloads\n  fix: add a workload and its series, e.g. {"workloads": {"frontend": {"cpu": {"file": "frontend-cpu.csv", "unit": "percent", "of": "2"}}}}`);
    const empty = path.join(d, "empty-workload.json");
    writeFileSync(empty, '{ "workloads": { "web": {} } }');
    await expectBadInput(empty, `${empty}: workloads.web: workload "web" has no series\n  fix: give it "cpu" and/or "memory": { "file": … }, or remove it.`);
  });
});
