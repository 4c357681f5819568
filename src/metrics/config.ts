/**
 * Which metrics belong to which workload. Either a JSON config file:
 *
 * ```json
 * { "workloads": {
 *     "frontend": { "cpu": { "file": "frontend-cpu.csv", "unit": "percent", "of": "2" },
 *                   "memory": { "file": "frontend-mem.json", "unit": "bytes" } } } }
 * ```
 *
 * (paths relative to the config file), or a directory of `<workload>.cpu.csv|json` (cores)
 * and `<workload>.memory.csv|json` (bytes). A CPU series is the workload's total over all its
 * replicas (`measuredReplicas` of them, default the workload's current minimum); a memory
 * series is one replica's (the largest pod's).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { InputError } from "../errors.js";
import { visibleText } from "../code-text.js";
import { parseBytes, parseCpu } from "../model/quantity.js";
import { decodeUtf8 } from "./decode-text.js";

/** One series and how to turn its values into cores (CPU) or bytes (memory). */
export interface SeriesSource {
  /** Absolute path of the file. */
  readonly file: string;
  /** The path as the user wrote it, for messages, on one visible line (`visibleText`: a newline in a file name is shown as `\n`). */
  readonly shown: string;
  /** Multiply each value by this to get cores (CPU) or bytes (memory). */
  readonly scale: number;
}

/** The metrics of one workload. */
export interface WorkloadMetrics {
  readonly cpu?: SeriesSource;
  readonly memory?: SeriesSource;
  /** Replicas the CPU series was measured over. */
  readonly measuredReplicas?: number;
}

/** Workload name → its metrics, sorted by name. */
export type MetricsConfig = ReadonlyMap<string, WorkloadMetrics>;

const seriesSchema = z.strictObject({
  file: z.string().min(1),
  unit: z.enum(["cores", "millicores", "percent", "bytes"]).optional(),
  of: z.union([z.string(), z.number()]).optional(),
});
const configSchema = z.strictObject({
  workloads: z.record(z.string(), z.strictObject({ cpu: seriesSchema.optional(), memory: seriesSchema.optional(), measuredReplicas: z.number().int().min(1).optional() })),
});

const EXAMPLE = '{"workloads": {"frontend": {"cpu": {"file": "frontend-cpu.csv", "unit": "percent", "of": "2"}}}}';

/** Reads a metrics config file, or scans a directory of `<workload>.<cpu|memory>.<csv|json>` files. */
export function loadMetricsConfig(location: string): MetricsConfig {
  const info = statSafe(location);
  if (info === undefined) throw new InputError("no such metrics config or directory", { where: location, fix: `pass a JSON config such as ${EXAMPLE}, or a directory of <workload>.cpu.csv files.` });
  return info.isDirectory() ? scanDirectory(location) : readConfigFile(location);
}

/**
 * A config from command-line flags: `workload=file` pairs for CPU (in cores) and memory (in
 * bytes), merged over `base` (a config file's or directory's).
 */
export function metricsFromFlags(cpu: readonly string[], memory: readonly string[], base: MetricsConfig = new Map()): MetricsConfig {
  const out = new Map<string, WorkloadMetrics>(base);
  for (const [kind, pairs] of [["cpu", cpu], ["memory", memory]] as const) {
    for (const pair of pairs) {
      const m = /^([^=]+)=(.+)$/.exec(pair);
      if (m === null) throw new InputError(`--${kind} "${pair}" is not <workload>=<file>`, { fix: `write e.g. --${kind} frontend=frontend-${kind}.csv` });
      const [, name, file] = m;
      out.set(name!, { ...out.get(name!), [kind]: { file: path.resolve(file!), shown: visibleText(file!), scale: 1 } });
    }
  }
  if (out.size === 0) throw new InputError("no metrics given", { fix: "pass --metrics <config.json|dir>, or --cpu <workload>=<file> (cores) / --memory <workload>=<file> (bytes)." });
  return new Map([...out.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

function statSafe(p: string) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

function scanDirectory(dir: string): MetricsConfig {
  const found = new Map<string, { cpu?: SeriesSource; memory?: SeriesSource }>();
  for (const name of readdirSync(dir).sort()) {
    const m = /^(.+)\.(cpu|memory)\.(csv|json)$/.exec(name);
    if (m === null) continue;
    const entry = found.get(m[1]!) ?? {};
    if (entry[m[2] as "cpu" | "memory"] !== undefined) {
      throw new InputError(`two ${m[2]} series for ${m[1]}`, { where: path.join(dir, name), fix: "keep one of the .csv and .json files." });
    }
    entry[m[2] as "cpu" | "memory"] = { file: path.resolve(dir, name), shown: visibleText(path.join(dir, name)), scale: 1 };
    found.set(m[1]!, entry);
  }
  if (found.size === 0) throw new InputError("no metrics files in the directory", { where: dir, fix: "name them <workload>.cpu.csv (cores) and <workload>.memory.csv (bytes), or pass a JSON config." });
  return found;
}

function readConfigFile(file: string): MetricsConfig {
  let doc: unknown;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new InputError(`cannot read the metrics config (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { where: file, fix: "check the path and its permissions." });
  }
  const text = decodeUtf8(bytes, file);
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new InputError(`not a JSON metrics config: ${(error as Error).message}`, { where: file, fix: `write JSON such as ${EXAMPLE}` });
  }
  const parsed = configSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(issue.message, { where: `${file}: ${issue.path.join(".") || "(top level)"}`, fix: `follow the shape ${EXAMPLE}; units: cores, millicores, percent (with "of"), bytes.` });
  }
  if (Object.keys(parsed.data.workloads).length === 0) {
    // (Also a config whose only key is "__proto__", which JSON.parse keeps but a record drops.)
    throw new InputError("the config maps no workloads", { where: `${file}: workloads`, fix: `add a workload and its series, e.g. ${EXAMPLE}` });
  }
  const dir = path.dirname(file);
  const out = new Map<string, WorkloadMetrics>();
  for (const name of Object.keys(parsed.data.workloads).sort()) {
    const w = parsed.data.workloads[name]!;
    const where = (kind: string) => `${file}: workloads.${name}.${kind}`;
    if (w.cpu === undefined && w.memory === undefined) {
      throw new InputError(`workload ${JSON.stringify(name)} has no series`, { where: `${file}: workloads.${name}`, fix: 'give it "cpu" and/or "memory": { "file": … }, or remove it.' });
    }
    out.set(name, {
      ...(w.cpu ? { cpu: source(dir, w.cpu, "cpu", where("cpu")) } : {}),
      ...(w.memory ? { memory: source(dir, w.memory, "memory", where("memory")) } : {}),
      ...(w.measuredReplicas !== undefined ? { measuredReplicas: w.measuredReplicas } : {}),
    });
  }
  return out;
}

function source(dir: string, s: z.infer<typeof seriesSchema>, kind: "cpu" | "memory", where: string): SeriesSource {
  const unit = s.unit ?? (kind === "cpu" ? "cores" : "bytes");
  const allowed = kind === "cpu" ? ["cores", "millicores", "percent"] : ["bytes", "percent"];
  if (!allowed.includes(unit)) throw new InputError(`unit "${unit}" does not fit a ${kind} series`, { where, fix: `use one of: ${allowed.join(", ")}.` });
  let scale = unit === "millicores" ? 0.001 : 1;
  if (unit === "percent") {
    const whole = s.of === undefined ? undefined : kind === "cpu" ? parseCpu(s.of) : parseBytes(s.of);
    if (s.of !== undefined && whole === undefined) {
      throw new InputError(`"of": ${JSON.stringify(s.of)} is not a positive ${kind === "cpu" ? "CPU quantity" : "memory quantity"}`, { where, fix: kind === "cpu" ? 'write what 100 % stands for, e.g. "of": "2" (2 cores) or "of": "500m".' : 'write what 100 % stands for, e.g. "of": "4Gi".' });
    }
    if (whole === undefined) {
      throw new InputError(`a percent series needs "of": what 100 % stands for`, { where, fix: kind === "cpu" ? 'add "of": "2" (100 % = 2 cores, e.g. an instance with 2 vCPUs).' : 'add "of": "4Gi" (100 % = 4 GiB).' });
    }
    scale = kind === "cpu" ? whole / 1000 / 100 : whole / 100;
  } else if (s.of !== undefined) {
    throw new InputError(`"of" is only for percent series`, { where, fix: 'remove "of", or set "unit": "percent".' });
  }
  return { file: path.resolve(dir, s.file), shown: visibleText(path.join(dir, s.file)), scale };
}
