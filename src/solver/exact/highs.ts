/**
 * HiGHS (the `highs` npm package, WebAssembly) for the exact engine: loading it once, never
 * crashing when it cannot be loaded, and creating models with deterministic options.
 *
 * What we found in `highs` 1.15.3 (it embeds HiGHS 1.15.1, git 04024d7), on Node 20 here:
 *
 * - Loading: `import("highs")` resolves (ESM build `build/highs.mjs`) to a default-exported
 *   async loader; it instantiates `highs.wasm` from next to the loader in ~30 ms. The shipped
 *   `types.d.ts` is a CommonJS declaration, so under NodeNext a static default import is typed
 *   as the module namespace ("not callable"); we take the function from the dynamic import.
 * - Two APIs. The one-shot `highs.solve(lpText, options)` parses CPLEX LP text, solves in a
 *   fresh native instance and returns `{ Status, ObjectiveValue, Columns, Rows }` only. For an
 *   LP it does give duals (`Rows[i].Dual` = row duals, `Columns[x].Dual` = reduced costs); for
 *   a MIP it gives the incumbent's primal values and objective but NO dual bound, gap or node
 *   count — so a MIP stopped by a limit cannot be judged from it. The persistent model API
 *   (`highs.createModel(ModelData | {format:"lp",data})`, `model.run()`, `model.info.get(…)`)
 *   does report them: `mip_dual_bound`, `mip_gap`, `mip_node_count` (a bigint),
 *   `objective_function_value`, `primal_solution_status` (2 = feasible), and
 *   `simplex_iteration_count`; `getSolution()` returns `colValue`, `rowValue`, `colDual`,
 *   `rowDual` (typed arrays). `mip_total_lp_iterations` and `run_time` are not readable.
 * - Row dual signs (minimisation): a binding `≥` row has a dual ≥ 0, a binding `≤` row ≤ 0;
 *   reduced cost = c − Aᵀ·rowDual. Both APIs agree.
 * - The persistent API can add columns to a solved LP (`addCols`, CSC) and re-solve from the
 *   previous basis: a 60-row master re-optimises in ~1 ms. It throws if the solution is read
 *   after a modification without a new `run()` ("The model has not been solved").
 * - Threads: the Wasm build is single-threaded. Every persistent model is created with
 *   `threads = 1` and `parallel = off` by the wrapper itself, and `options.set("threads" |
 *   "parallel", …)` throws `HighsUnsupportedOptionError`; the one-shot `solve()` accepts the
 *   legacy `threads` option but it changes nothing.
 * - Deterministic limits: `mip_max_nodes`, `mip_max_leaves`, `mip_max_stall_nodes`,
 *   `mip_max_improving_sols`, `simplex_iteration_limit` (LP only, not MIP sub-LPs),
 *   `random_seed` (default 0), `mip_rel_gap` (default 1e-4), `mip_abs_gap` (default 1e-6),
 *   `mip_heuristic_effort` (0.05). A node limit ends with model status 16 (`solutionLimit`),
 *   a time limit with 13, both still with the incumbent and `mip_dual_bound`. `time_limit`
 *   (seconds, default ∞) is wall clock, so we use it only as an emergency stop.
 * - MIP speed in Wasm: even a 40–60-variable knapsack takes 100–600 ms (presolve restarts,
 *   sub-MIP heuristics, strong branching), against ~1 ms for an LP re-solve. So pricing uses
 *   our own branch and bound (`knapsack.ts`), and HiGHS's MIP is kept for the master
 *   (price-and-branch) and as a fallback pricer when our search hits its work limit.
 * - Output: `output_flag: false` silences the log; the loader prints nothing unless given
 *   `print`/`printErr`. A persistent model owns Wasm memory until `dispose()`.
 */
import type { Highs, Model } from "highs";

/** The seed every HiGHS model of this engine uses. */
export const HIGHS_SEED = 20240917;

let loading: Promise<Highs | undefined> | undefined;
let failure: string | undefined;

/** Loads HiGHS once per process. Resolves to undefined (never rejects) when it cannot be loaded. */
export function loadHighs(): Promise<Highs | undefined> {
  loading ??= (async () => {
    try {
      const mod: unknown = await import("highs");
      const loader = pickLoader(mod);
      if (!loader) throw new Error("the highs module exports no loader function");
      const highs = await loader();
      if (typeof highs.createModel !== "function") throw new Error("this highs build has no persistent model API");
      return highs;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
      return undefined;
    }
  })();
  return loading;
}

/**
 * Forgets the loaded instance, so that the next `loadHighs()` instantiates a fresh one (after a
 * failure inside HiGHS, whose Wasm memory may then be in a bad state).
 */
export function resetHighs(): void {
  loading = undefined;
}

/** Why loading failed, when it did. */
export function highsLoadFailure(): string | undefined {
  return failure;
}

type Loader = () => Promise<Highs>;

function pickLoader(mod: unknown): Loader | undefined {
  let x: unknown = mod;
  for (let k = 0; k < 3 && x !== null && x !== undefined; k++) {
    if (typeof x === "function") return x as Loader;
    x = (x as { default?: unknown }).default;
  }
  return undefined;
}

/** Options every model gets: silent, seeded, with the wall-clock emergency stop (seconds). */
export function baseOptions(emergencySeconds: number): Record<string, number | boolean | string> {
  return {
    output_flag: false,
    random_seed: HIGHS_SEED,
    time_limit: Math.max(0.05, emergencySeconds),
  };
}

/** Runs `fn` on a new model and always disposes it. */
export function withNewModel<T>(highs: Highs, fn: (model: Model) => T): T {
  const model = highs.createModel();
  try {
    return fn(model);
  } finally {
    model.dispose();
  }
}

/** Reads an info value as a number (HiGHS returns int64 counters as bigint), or NaN when it is unavailable. */
export function infoNumber(model: Model, name: string): number {
  try {
    const v = model.info.get(name);
    return typeof v === "bigint" ? Number(v) : v;
  } catch {
    return Number.NaN;
  }
}
