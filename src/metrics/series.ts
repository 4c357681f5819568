/** Time series as skyweave reads them: raw samples from a file, and the regular series built from them. */

/** One sample as read: seconds since the epoch (naive timestamps are read as UTC), its value, and where it came from. */
export interface RawSample {
  /** Seconds since 1970-01-01T00:00:00Z. */
  readonly t: number;
  readonly value: number;
  /** 1-based line in the source file (for CSV), or the index in the JSON array plus one. */
  readonly line: number;
}

/** What `regularize()` had to repair in a series, for the report. */
export interface SeriesQuirks {
  /** Rows whose timestamp another row already had. */
  readonly repeatedTimestamps: number;
  /** Repeated rows moved back into the gap just before them (a daylight-saving jump). */
  readonly respread: number;
  /** Grid slots with no sample, filled by linear interpolation. */
  readonly filled: number;
}

/** A series on a regular grid: `values[i]` is at `start + i * stepSeconds`. */
export interface RegularSeries {
  /** Where the series came from (a path, for messages). */
  readonly source: string;
  /** Seconds since the epoch of `values[0]`. */
  readonly start: number;
  /** Seconds between samples. */
  readonly stepSeconds: number;
  readonly values: readonly number[];
  /** True where `values[i]` was interpolated rather than observed. */
  readonly filled: readonly boolean[];
  readonly quirks: SeriesQuirks;
}
