/**
 * The two baselines the `.vbp` suite runs next to the solver, on the file's items as given:
 *
 * - plain FFD: items sorted by the sum of their capacity-normalised sizes, largest first (ties:
 *   file order), each into the first open bin where it fits, a new bin when none fits — the
 *   "plain FFD" of ../shared/benchmarks/binpacking/README.md;
 * - kube-scheduler: items in file order (pods in arrival order), each onto the feasible open bin
 *   (node) that the default scheduler's NodeResourcesFit "LeastAllocated" strategy scores
 *   highest — the mean over resources of the share left free after placing the pod, all
 *   resources weighted equally (ties: the oldest node; kube breaks ties at random) — and a new
 *   node when none fits, as the cluster autoscaler would add.
 *
 * Each returns `assignment[i]` = bin of item i.
 */
import type { VbpInstance } from "./vbp-format.js";

export function firstFitDecreasing(inst: VbpInstance): number[] {
  const { dims, capacity, items } = inst;
  const key = items.map((size) => size.reduce((s, w, k) => s + w / capacity[k]!, 0));
  const order = items.map((_, i) => i).sort((a, b) => key[b]! - key[a]! || a - b);
  const loads: number[][] = [];
  const assignment = new Array<number>(items.length).fill(-1);
  for (const i of order) {
    const size = items[i]!;
    let bin = loads.findIndex((load) => load.every((l, k) => l + size[k]! <= capacity[k]!));
    if (bin < 0) {
      bin = loads.length;
      loads.push(new Array<number>(dims).fill(0));
    }
    loads[bin]!.forEach((_, k) => (loads[bin]![k]! += size[k]!));
    assignment[i] = bin;
  }
  return assignment;
}

export function kubeSchedulerLeastAllocated(inst: VbpInstance): number[] {
  const { dims, capacity, items } = inst;
  const loads: number[][] = [];
  return items.map((size) => {
    let bin = -1;
    let bestScore = -Infinity;
    loads.forEach((load, b) => {
      if (!load.every((l, k) => l + size[k]! <= capacity[k]!)) return;
      let score = 0;
      for (let k = 0; k < dims; k++) score += capacity[k]! > 0 ? (capacity[k]! - load[k]! - size[k]!) / capacity[k]! : 0;
      score /= Math.max(1, dims);
      if (score > bestScore) {
        bestScore = score;
        bin = b;
      }
    });
    if (bin < 0) {
      bin = loads.length;
      loads.push(new Array<number>(dims).fill(0));
    }
    for (let k = 0; k < dims; k++) loads[bin]![k]! += size[k]!;
    return bin;
  });
}
