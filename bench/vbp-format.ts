/**
 * The VPSolver `.vbp` format (see ../shared/benchmarks/binpacking/README.md) as a packing
 * problem: one bin type of cost 1, and item lines aggregated into item types (identical sizes
 * become one type with a count), so the solver sees what `place()` would: identical replicas
 * grouped. `assignmentOf` maps a solution back to a bin index per item in file order.
 *
 * Negative sizes. The packing core takes non-negative sizes (problem.ts), but 14 of the Caprara
 * triplet files carry a few negative ones (an artefact of their generator, which sets the third
 * item of a triplet to C − w1 − w2). The problem given to the solver raises them to 0: a packing
 * that fits with the raised sizes fits with the file's sizes (a smaller size never overfills a
 * bin), so its assignment is valid for the file. Its bound, though, is a bound for the raised
 * sizes, which may exceed the file's optimum; `fileLowerBound` gives one valid for the file.
 */
import { packingLowerBound, type PackingProblem, type PackingSolution } from "../src/solver/packing/index.js";

export interface VbpInstance {
  readonly dims: number;
  readonly capacity: number[];
  /** One size vector per item in file order (a line with multiplicity q gives q items). */
  readonly items: number[][];
}

/** Parses a `.vbp` file's text. Throws on malformed input. */
export function parseVbp(text: string): VbpInstance {
  const tokens = text.split(/\s+/).filter((t) => t.length > 0);
  let at = 0;
  const next = (what: string, signed = false): number => {
    const t = tokens[at++];
    const v = t === undefined ? NaN : Number(t);
    if (!Number.isInteger(v) || (v < 0 && !signed)) throw new Error(`.vbp: expected ${signed ? "an" : "a non-negative"} integer (${what}) at token ${at}, got ${t ?? "end of file"}`);
    return v;
  };
  const dims = next("d");
  const capacity = Array.from({ length: dims }, (_, k) => next(`capacity ${k + 1}`));
  const m = next("m");
  const items: number[][] = [];
  for (let j = 0; j < m; j++) {
    const size = Array.from({ length: dims }, (_, k) => next(`item ${j + 1} size ${k + 1}`, true));
    const q = next(`item ${j + 1} multiplicity`);
    for (let r = 0; r < q; r++) items.push(size);
  }
  if (at !== tokens.length) throw new Error(`.vbp: ${tokens.length - at} unexpected tokens after the last item`);
  return { dims, capacity, items };
}

/** The packing problem of an instance, and for each item type the file-order items it stands for. */
export function vbpProblem(inst: VbpInstance): { problem: PackingProblem; itemsOfType: number[][] } {
  const byKey = new Map<string, number>();
  const itemsOfType: number[][] = [];
  inst.items.forEach((size, j) => {
    const key = size.join(",");
    let t = byKey.get(key);
    if (t === undefined) {
      t = itemsOfType.length;
      byKey.set(key, t);
      itemsOfType.push([]);
    }
    itemsOfType[t]!.push(j);
  });
  const problem: PackingProblem = {
    dims: inst.dims,
    binTypes: [{ id: "bin", capacity: inst.capacity, cost: 1 }],
    items: itemsOfType.map((js, t) => ({ id: `t${t}`, size: inst.items[js[0]!]!.map((w) => Math.max(0, w)), count: js.length })),
  };
  return { problem, itemsOfType };
}

/** True when some item has a negative size (then the solver's bound is not one for the file: see above). */
export function hasNegativeSizes(inst: VbpInstance): boolean {
  return inst.items.some((size) => size.some((w) => w < 0));
}

/**
 * A lower bound on the number of bins valid for the file's sizes, negative ones included: the
 * larger of (a) L1 on the file's sizes, max_k ceil(Σ_i w_ik / C_k) (every bin has load ≤ C_k in
 * dimension k, whatever the signs, so the bins hold at most bins·C_k), and (b) the packing core's
 * bound on the problem restricted to the dimensions without negative sizes (dropping dimensions
 * only relaxes the problem).
 */
export function fileLowerBound(inst: VbpInstance): number {
  let l1 = inst.items.length > 0 ? 1 : 0;
  for (let k = 0; k < inst.dims; k++) {
    const sum = inst.items.reduce((s, size) => s + size[k]!, 0);
    if (inst.capacity[k]! > 0) l1 = Math.max(l1, Math.ceil(sum / inst.capacity[k]!));
  }
  const keep = Array.from({ length: inst.dims }, (_, k) => k).filter((k) => inst.items.every((size) => size[k]! >= 0));
  const relaxed: VbpInstance = { dims: keep.length, capacity: keep.map((k) => inst.capacity[k]!), items: inst.items.map((size) => keep.map((k) => size[k]!)) };
  return Math.max(l1, packingLowerBound(vbpProblem(relaxed).problem));
}

/** `assignment[j]` = index of the bin (in the solution's order) holding item j in file order. */
export function assignmentOf(solution: PackingSolution, itemsOfType: readonly (readonly number[])[]): number[] {
  const next = itemsOfType.map(() => 0);
  const n = itemsOfType.reduce((s, js) => s + js.length, 0);
  const assignment = new Array<number>(n).fill(-1);
  solution.bins.forEach((bin, b) => {
    for (const t of bin.items) assignment[itemsOfType[t]![next[t]!++]!] = b;
  });
  if (assignment.some((b) => b < 0)) throw new Error("internal error: the solution leaves an item unpacked");
  return assignment;
}

/** Independent check of an assignment against the instance: the number of bins used, or the violations. */
export function checkAssignment(inst: VbpInstance, assignment: readonly number[]): { bins: number; violations: string[] } {
  const violations: string[] = [];
  if (assignment.length !== inst.items.length) violations.push(`assignment has ${assignment.length} entries, expected ${inst.items.length}`);
  const loads = new Map<number, number[]>();
  assignment.forEach((b, j) => {
    if (!Number.isInteger(b) || b < 0) {
      violations.push(`item ${j}: bin ${b} is not a bin index`);
      return;
    }
    const load = loads.get(b) ?? new Array<number>(inst.dims).fill(0);
    inst.items[j]?.forEach((w, k) => (load[k]! += w));
    loads.set(b, load);
  });
  for (const [b, load] of loads) load.forEach((l, k) => l > inst.capacity[k]! && violations.push(`bin ${b}: load ${l} > capacity ${inst.capacity[k]} in dimension ${k}`));
  return { bins: loads.size, violations };
}
