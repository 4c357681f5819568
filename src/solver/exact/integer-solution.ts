/** What the exact phase and its repair pass each other: an integer solution of the packing. */
import type { PackedBin } from "../packing/problem.js";

/** An integer solution (bins in canonical order). */
export interface IntegerSolution {
  readonly bins: readonly PackedBin[];
  readonly leftOut: readonly number[];
  readonly cost: number;
}
