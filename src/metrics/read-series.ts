/** Reads one metrics file (CSV or Prometheus JSON) from disk into a regular series. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { InputError } from "../errors.js";
import { decodeUtf8 } from "./decode-text.js";
import { parseCsv } from "./parse-csv.js";
import { parsePrometheus } from "./parse-prometheus.js";
import { regularize } from "./regularize.js";
import type { RawSample, RegularSeries } from "./series.js";

/** File extensions `readSeries()` reads. */
export const SERIES_EXTENSIONS = [".csv", ".json"] as const;

/** The raw samples of a `.csv` or Prometheus `.json` file, named in errors as `shown`. */
export function readSamples(file: string, shown = file): RawSample[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EISDIR") {
      throw new InputError("is a directory, not a metrics file", {
        where: shown,
        fix: "name a .csv or .json file in it; to read a whole directory of <workload>.cpu.csv and <workload>.memory.csv files, pass it as --metrics <dir>.",
      });
    }
    throw new InputError(code === "ENOENT" ? "no such metrics file" : `cannot read the metrics file (${code ?? String(error)})`, {
      where: shown,
      fix: "check the path (paths in a metrics config are relative to the config file).",
    });
  }
  const text = decodeUtf8(bytes, shown);
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv") return parseCsv(text, shown);
  if (ext === ".json") return parsePrometheus(text, shown);
  throw new InputError(`not a metrics file (expected ${SERIES_EXTENSIONS.join(" or ")})`, { where: shown, fix: "export a `timestamp,value` CSV or a Prometheus range-query JSON." });
}

/** Reads and regularizes one metrics file. */
export function readSeries(file: string, shown = file): RegularSeries {
  return regularize(readSamples(file, shown), shown);
}
