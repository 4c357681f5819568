/**
 * Timestamps in metric exports: `YYYY-MM-DD HH:MM[:SS[.ffffff]]` (CloudWatch/NAB; no zone means
 * UTC), ISO 8601 with `T` and a zone, or a number of seconds (or milliseconds) since the epoch.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Seconds since the epoch of `text`, or undefined when it is not a timestamp skyweave reads. */
export function parseTimestamp(text: string): number | undefined {
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
