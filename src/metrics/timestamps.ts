/**
 * Timestamps in metric exports: `YYYY-MM-DD HH:MM[:SS[.ffffff]]` (CloudWatch/NAB; no zone means
 * UTC), ISO 8601 with `T` and a zone, or a number of seconds (or milliseconds) since the epoch.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** The value of the two ASCII digits at `i` and `i + 1` of `s`, or -1. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** The last date `naive()` read and its midnight, since consecutive rows nearly always share their date. */
let lastDate = "";
let lastMidnight = 0;

/**
 * The common form, `YYYY-MM-DD HH:MM:SS` without a zone (every NAB and CloudWatch row), read
 * without the regular expression: a year of 1-minute rows is half a million timestamps.
 * Undefined for any other text (the general reader then decides), including out-of-range fields.
 */
function naive(s: string): number | undefined {
  if (s.length !== 19 || (s.charCodeAt(10) !== 32 && s.charCodeAt(10) !== 84) || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const date = s.slice(0, 10);
  if (date !== lastDate) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (m === null) return undefined;
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
    lastDate = date;
    lastMidnight = Date.UTC(Number(m[1]), month - 1, day) / 1000;
  }
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return undefined;
  return lastMidnight + hour * 3600 + minute * 60 + second;
}

/** Seconds since the epoch of `text`, or undefined when it is not a timestamp skyweave reads. */
export function parseTimestamp(text: string): number | undefined {
  const fast = naive(text);
  if (fast !== undefined) return fast;
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) {
    const n = Number(s);
    // Ten-digit epochs are seconds (until 2286); thirteen-digit ones are milliseconds.
    return n > 1e11 ? n / 1000 : n;
  }
  const m = ISO.exec(s);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(sec ?? "0");
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  let t = Date.UTC(Number(y), month - 1, day, hour, minute, second) / 1000 + (frac ? Number(frac) : 0);
  if (zone !== undefined && zone !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    t -= sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2)) * 60);
  }
  return t;
}

/** `YYYY-MM-DD HH:MM:SS` in UTC: the format of NAB and CloudWatch exports. */
export function formatTimestamp(t: number): string {
  return new Date(Math.round(t) * 1000).toISOString().slice(0, 19).replace("T", " ");
}
