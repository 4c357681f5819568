/**
 * Summarises a V8 CPU profile (`.cpuprofile`, as written by `node --cpu-prof` or the
 * inspector's `Profiler.stop`): self time by package or source file, the functions with the
 * most self time, and the inclusive time of chosen functions.
 */
import * as path from "node:path";

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

/** The parts of a `.cpuprofile` this module reads. */
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** A line of a summary: a name and milliseconds. */
export interface Entry {
  readonly name: string;
  readonly ms: number;
}

/** What `summarise()` returns. */
export interface ProfileSummary {
  /** Sampled time, ms. */
  readonly totalMs: number;
  /** Self time by package (`node_modules/<pkg>`), skyweave source file, or V8/Node bucket, descending. */
  readonly byModule: Entry[];
  /** Self time by function, descending. */
  readonly byFunction: Entry[];
  /** Inclusive time of every function (counted once per sample even when recursive), by `functionName (where)`. */
  readonly inclusive: ReadonlyMap<string, number>;
}

/** Where a frame's code lives, relative to `root`: a package name, a source file, or a V8 bucket. */
export function moduleOf(frame: CallFrame, root: string): string {
  const { url, functionName } = frame;
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node internals";
  const file = url.startsWith("file://") ? decodeURIComponent(new URL(url).pathname) : url;
  const nm = file.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const rest = file.slice(nm + "/node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const rel = path.relative(root, file);
  return rel.startsWith("..") ? file : rel;
}

/** A frame's file: relative to `root`, or from its package (`cdk8s/lib/yaml.js`). */
function fileOf(frame: CallFrame, root: string): string {
  const file = frame.url.startsWith("file://") ? decodeURIComponent(new URL(frame.url).pathname) : frame.url;
  const nm = file.lastIndexOf("/node_modules/");
  if (nm >= 0) return file.slice(nm + "/node_modules/".length);
  const rel = path.relative(root, file);
  return rel.startsWith("..") ? file : rel;
}

function functionKey(frame: CallFrame, root: string): string {
  const where = fileOf(frame, root);
  const name = frame.functionName || "(anonymous)";
  return frame.url === "" ? name : `${name} (${where}:${frame.lineNumber + 1})`;
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

function sorted(map: ReadonlyMap<string, number>): Entry[] {
  return [...map].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
}

/** Summarises `profile`; file paths are shown relative to `root`. */
export function summarise(profile: CpuProfile, root: string): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keys = new Map(profile.nodes.map((n) => [n.id, functionKey(n.callFrame, root)]));
  const selfByModule = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let totalMs = 0;
  // timeDeltas[i] is the time before sample i; the time spent in sample i is timeDeltas[i + 1].
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1]! : 0) / 1000;
    if (ms <= 0) continue;
    const id = profile.samples[i]!;
    const node = byId.get(id);
    if (!node) continue;
    totalMs += ms;
    add(selfByModule, moduleOf(node.callFrame, root), ms);
    add(selfByFunction, keys.get(id)!, ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = keys.get(at)!;
      if (seen.has(key)) continue;
      seen.add(key);
      add(inclusive, key, ms);
    }
  }
  return { totalMs, byModule: sorted(selfByModule), byFunction: sorted(selfByFunction), inclusive };
}

/** Inclusive time of the functions named `functionName` whose location contains `where`. */
export function inclusiveOf(summary: ProfileSummary, functionName: string, where: string): number {
  let ms = 0;
  for (const [key, t] of summary.inclusive) {
    if (key.startsWith(`${functionName} (`) && key.includes(where)) ms = Math.max(ms, t);
  }
  return ms;
}
