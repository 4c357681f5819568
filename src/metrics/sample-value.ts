/**
 * What a metric value may be: a plain decimal number, finite and not negative. CPU cores and
 * bytes of memory are never below zero; a negative value is a broken export (a counter reset
 * read as a rate, a subtraction in the query), and passing it on would size a request from
 * it (−0.09 cores became the 10m minimum). Checked where each file is read, so the error
 * names its file and line.
 */
import { InputError } from "../errors.js";

/** A decimal number as exports write it: `51.8`, `-0.09`, `.5`, `1.5E-4`; not `0x10`, `Infinity` or `NaN`. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** How to fix a value that is not a number. */
export const NOT_A_NUMBER_FIX = "write the value as a plain decimal number (e.g. 0.25); drop rows without a value (gaps are filled).";

/** How to fix a negative value. */
export const NEGATIVE_FIX = "CPU and memory usage cannot be below zero: fix the export (a counter reset read as a rate, or a subtraction in the query, gives negative values), or drop the row (gaps are filled).";

/**
 * The value written as `text`, or an `InputError` at `where` saying what is wrong with it:
 * not a decimal number (also NaN and Infinity, which no usage can be), or negative.
 */
export function sampleValue(text: string, where: string): number {
  const decimal = DECIMAL.test(text);
  const value = decimal ? Number(text) : NaN;
  if (!Number.isFinite(value)) {
    const what = decimal ? "is too large a number" : /^[+-]?inf(inity)?$/i.test(text) ? "is infinite: a metric value must be a finite number" : "is not a number";
    throw new InputError(`"${clip(text)}" ${what}`, { where, fix: NOT_A_NUMBER_FIX });
  }
  if (value < 0) throw new InputError(`${clip(text)} is negative: a metric value must be 0 or more`, { where, fix: NEGATIVE_FIX });
  return value;
}

/** `s`, cut to 60 characters for a message. */
export function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
