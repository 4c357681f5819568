/**
 * Reads the JSON answer of a Prometheus range query (`/api/v1/query_range`): a matrix of
 * series, each `values: [[<unix seconds>, "<value>"], ...]`. Several series (one per pod,
 * say) are summed per timestamp: the workload's total.
 */
import { InputError } from "../errors.js";
import { clip, sampleValue } from "./sample-value.js";
import type { RawSample } from "./series.js";

const FIX = 'save the answer of /api/v1/query_range as is: {"status":"success","data":{"resultType":"matrix","result":[{"metric":{...},"values":[[1700000000,"0.25"],...]}]}}';

/** Parses Prometheus range-query JSON text into samples (summed over series). */
export function parsePrometheus(text: string, file: string): RawSample[] {
  if (text.trim() === "") throw new InputError("the file is empty", { where: file, fix: FIX });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec(String((error as Error).message));
    const line = at ? text.slice(0, Number(at[1])).split("\n").length : undefined;
    throw new InputError(`not valid JSON: ${(error as Error).message}`, { where: line ? `${file}:${line}` : file, fix: FIX });
  }
  const data = (doc as { status?: unknown; data?: { resultType?: unknown; result?: unknown } } | null) ?? {};
  if (data.status !== undefined && data.status !== "success") throw new InputError(`the query failed (status "${String(data.status)}")`, { where: file, fix: "rerun the query and save a successful answer." });
  if (data.data?.resultType !== "matrix" || !Array.isArray(data.data.result)) {
    throw new InputError("expected a range-query answer (data.resultType \"matrix\")", { where: `${file}: data.resultType`, fix: FIX });
  }
  const sums = new Map<number, number>();
  data.data.result.forEach((series: unknown, s: number) => {
    const values = typeof series === "object" && series !== null ? (series as { values?: unknown }).values : undefined;
    if (!Array.isArray(values)) throw new InputError("a series has no `values` array", { where: `${file}: data.result[${s}]`, fix: FIX });
    values.forEach((pair: unknown, i: number) => {
      const where = `${file}: data.result[${s}].values[${i}]`;
      if (!Array.isArray(pair) || pair.length !== 2) throw new InputError("expected [<unix seconds>, \"<value>\"]", { where, fix: FIX });
      const t = typeof pair[0] === "number" ? pair[0] : typeof pair[0] === "string" && /^\d+(\.\d+)?$/.test(pair[0]) ? Number(pair[0]) : NaN;
      if (!Number.isFinite(t)) throw new InputError(`${clip(JSON.stringify(pair[0]) ?? String(pair[0]))} is not a unix timestamp`, { where, fix: FIX });
      // Prometheus writes "NaN" for undefined rates (e.g. right after a restart): a gap, not
      // a value. "+Inf", "-Inf" and negative values are errors (`sampleValue`).
      if (pair[1] === "NaN") return;
      const text = typeof pair[1] === "string" ? pair[1] : typeof pair[1] === "number" ? String(pair[1]) : (JSON.stringify(pair[1]) ?? String(pair[1]));
      const v = sampleValue(text, where);
      sums.set(t, (sums.get(t) ?? 0) + v);
    });
  });
  if (sums.size === 0) throw new InputError("the answer holds no samples", { where: file, fix: "widen the query's time range or check its selector." });
  return [...sums.entries()].sort((a, b) => a[0] - b[0]).map(([t, value], i) => ({ t, value, line: i + 1 }));
}
