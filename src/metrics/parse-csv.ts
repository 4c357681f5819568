/** Reads a `timestamp,value` CSV (CloudWatch, Prometheus and NAB exports) into raw samples. */
import { InputError } from "../errors.js";
import type { RawSample } from "./series.js";
import { parseTimestamp } from "./timestamps.js";

const FORMAT_FIX = "each row must be `timestamp,value`, e.g. `2014-02-14 14:27:00,51.8` (an optional header row `timestamp,value` may come first).";

/**
 * Parses CSV text. The first row may be a header; blank lines are skipped. Throws an
 * `InputError` naming `file:line` for a row that is not a timestamp and a finite number.
 */
export function parseCsv(text: string, file: string): RawSample[] {
  const samples: RawSample[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    const cells = line.split(",").map((c) => c.trim().replace(/^"(.*)"$/, "$1"));
    const where = `${file}:${i + 1}`;
    if (samples.length === 0 && i === firstNonBlank(lines) && parseTimestamp(cells[0] ?? "") === undefined) {
      if (cells.length < 2) throw new InputError(`expected a header \`timestamp,value\`, got "${clip(line)}"`, { where, fix: FORMAT_FIX });
      continue; // header row
    }
    if (cells.length !== 2) throw new InputError(`expected 2 columns (timestamp,value), got ${cells.length}: "${clip(line)}"`, { where, fix: FORMAT_FIX });
    const t = parseTimestamp(cells[0]!);
    if (t === undefined) throw new InputError(`"${clip(cells[0]!)}" is not a timestamp`, { where, fix: "use `YYYY-MM-DD HH:MM:SS` (UTC unless it ends in Z or ±HH:MM) or seconds since the epoch." });
    const value = cells[1] === "" ? NaN : Number(cells[1]);
    if (!Number.isFinite(value)) throw new InputError(`"${clip(cells[1]!)}" is not a number`, { where, fix: "write the value as a plain decimal number; drop rows without a value (gaps are filled)." });
    samples.push({ t, value, line: i + 1 });
  }
  if (samples.length === 0) throw new InputError("no data rows", { where: file, fix: FORMAT_FIX });
  return samples;
}

function firstNonBlank(lines: readonly string[]): number {
  return lines.findIndex((l) => l.trim() !== "");
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
