/** Reads a `timestamp,value` CSV (CloudWatch, Prometheus and NAB exports) into raw samples. */
import { InputError } from "../errors.js";
import { clip, sampleValue } from "./sample-value.js";
import type { RawSample } from "./series.js";
import { parseTimestamp } from "./timestamps.js";

const FORMAT_FIX = "each row must be `timestamp,value`, e.g. `2014-02-14 14:27:00,51.8` (an optional header row `timestamp,value` may come first).";

/** The cells of a row, trimmed and without surrounding double quotes. */
function cellsOf(line: string): string[] {
  const comma = line.indexOf(",");
  // The common row, `2014-02-14 14:27:00,51.8`: two cells, nothing to unquote (a year of
  // 1-minute rows is half a million of them).
  if (comma >= 0 && line.indexOf(",", comma + 1) < 0 && line.indexOf('"') < 0) return [line.slice(0, comma).trim(), line.slice(comma + 1).trim()];
  return line.split(",").map((c) => c.trim().replace(/^"(.*)"$/, "$1"));
}

/**
 * Parses CSV text. The first row may be a header; blank lines are skipped. Throws an
 * `InputError` naming `file:line` for a row that is not a timestamp and a number that is
 * finite and not negative (`sampleValue`), and for a file without data rows.
 */
export function parseCsv(text: string, file: string): RawSample[] {
  const samples: RawSample[] = [];
  const lines = text.split("\n"); // a "\r" before it goes with trim()
  const first = lines.findIndex((l) => l.trim() !== "");
  let header: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    const cells = cellsOf(line);
    const where = `${file}:${i + 1}`;
    if (i === first && parseTimestamp(cells[0] ?? "") === undefined) {
      if (cells.length < 2) throw new InputError(`expected a header \`timestamp,value\`, got "${clip(line)}"`, { where, fix: FORMAT_FIX });
      header = line;
      continue;
    }
    if (cells.length !== 2) throw new InputError(`expected 2 columns (timestamp,value), got ${cells.length}: "${clip(line)}"`, { where, fix: FORMAT_FIX });
    const t = parseTimestamp(cells[0]!);
    if (t === undefined) throw new InputError(`"${clip(cells[0]!)}" is not a timestamp`, { where, fix: "use `YYYY-MM-DD HH:MM:SS` (UTC unless it ends in Z or ±HH:MM) or seconds since the epoch." });
    samples.push({ t, value: sampleValue(cells[1]!, where), line: i + 1 });
  }
  if (samples.length === 0) {
    const what = first < 0 ? "the file is empty (no data rows)" : header !== undefined ? `only a header ("${clip(header)}"), no data rows` : "no data rows";
    throw new InputError(what, { where: file, fix: `export the series with its rows: ${FORMAT_FIX}` });
  }
  return samples;
}
