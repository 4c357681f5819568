import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { errorOf } from "../support/error-of.js";
import { parseCsv, parsePrometheus, parseTimestamp, readSeries, regularize } from "../../src/metrics/index.js";

const NAB = path.resolve(__dirname, "../../../shared/corpus/nab-aws-cloudwatch");

describe("timestamps", () => {
  it("reads NAB stamps as UTC, ISO with zones, and epoch seconds or milliseconds", () => {
    expect(parseTimestamp("2014-02-14 14:27:00")).toBe(Date.UTC(2014, 1, 14, 14, 27) / 1000);
    expect(parseTimestamp("2014-02-18 16:02:00.000000")).toBe(Date.UTC(2014, 1, 18, 16, 2) / 1000);
    expect(parseTimestamp("2014-02-14T15:27:00+01:00")).toBe(Date.UTC(2014, 1, 14, 14, 27) / 1000);
    expect(parseTimestamp("1700000000")).toBe(1700000000);
    expect(parseTimestamp("1700000000000")).toBe(1700000000);
    expect(parseTimestamp("2014-13-01 00:00:00")).toBeUndefined();
    expect(parseTimestamp("yesterday")).toBeUndefined();
  });
});

describe("CSV", () => {
  it("skips the header and blank lines and keeps the line of each row", () => {
    const rows = parseCsv("timestamp,value\n2014-01-01 00:00:00,1.5\n\n2014-01-01 00:05:00,2\n", "a.csv");
    expect(rows.map((r) => [r.value, r.line])).toEqual([
      [1.5, 2],
      [2, 4],
    ]);
  });

  it("names the file, the line and the problem of a bad row", () => {
    const bad = errorOf(() => parseCsv("timestamp,value\n2014-01-01 00:00:00,1\n2014-01-01 00:05:00,abc\n", "cpu.csv"));
    expect(bad.where).toBe("cpu.csv:3");
    expect(bad.message).toContain('"abc" is not a number');
    expect(bad.fix).toBeTruthy();
    expect(errorOf(() => parseCsv("timestamp,value\nnoon,1\n", "x.csv")).where).toBe("x.csv:2");
    expect(errorOf(() => parseCsv("timestamp,value\n2014-01-01 00:00:00,1,2\n", "x.csv")).message).toContain("expected 2 columns");
    expect(errorOf(() => parseCsv("timestamp,value\n", "empty.csv")).message).toContain("no data rows");
  });
});

describe("Prometheus range-query JSON", () => {
  const answer = (result: unknown) => JSON.stringify({ status: "success", data: { resultType: "matrix", result } });

  it("sums the series per timestamp and skips NaN samples", () => {
    const text = answer([
      { metric: { pod: "a" }, values: [[100, "0.25"], [160, "0.5"], [220, "NaN"]] },
      { metric: { pod: "b" }, values: [[100, "0.75"], [160, "1"]] },
    ]);
    expect(parsePrometheus(text, "p.json").map((s) => [s.t, s.value])).toEqual([
      [100, 1],
      [160, 1.5],
    ]);
  });

  it("names the place of a bad sample", () => {
    const bad = errorOf(() => parsePrometheus(answer([{ values: [[100, "0.1"], [160, "lots"]] }]), "p.json"));
    expect(bad.where).toBe("p.json: data.result[0].values[1]");
    expect(errorOf(() => parsePrometheus('{"status":"success","data":{"resultType":"vector","result":[]}}', "v.json")).message).toContain("matrix");
    expect(errorOf(() => parsePrometheus("{\n  oops", "broken.json")).message).toContain("not valid JSON");
  });
});

describe("regularize", () => {
  const at = (minutes: number, value: number, line = minutes) => ({ t: minutes * 60, value, line });

  it("fills a gap by linear interpolation and marks it", () => {
    const s = regularize([at(0, 0), at(5, 5), at(20, 20), at(25, 25)], "g");
    expect(s.stepSeconds).toBe(300);
    expect(s.values).toEqual([0, 5, 10, 15, 20, 25]);
    expect(s.filled).toEqual([false, false, true, true, false, false]);
    expect(s.quirks.filled).toBe(2);
  });

  it("averages repeated timestamps that do not follow a gap", () => {
    const s = regularize([at(0, 1), at(5, 2, 2), at(5, 4, 3), at(10, 3)], "r");
    expect(s.values).toEqual([1, 3, 3]);
    expect(s.quirks.repeatedTimestamps).toBe(1);
  });

  it("moves a run of repeated stamps after a daylight-saving jump back into the gap, in file order", () => {
    const rows = [at(0, 0, 1), at(5, 1, 2), ...[2, 3, 4].map((v, i) => at(20, v, 3 + i)), at(25, 5, 6)];
    const s = regularize(rows, "dst");
    expect(s.values).toEqual([0, 1, 2, 3, 4, 5]);
    expect(s.quirks.respread).toBe(2);
    expect(s.quirks.filled).toBe(0);
  });

  it("copes with the NAB file that crosses the DST switch: one 5-minute grid, every row kept", () => {
    const s = readSeries(path.join(NAB, "ec2_disk_write_bytes_1ef3de.csv"));
    expect(s.stepSeconds).toBe(300);
    expect(s.quirks.repeatedTimestamps).toBe(11);
    expect(s.quirks.respread).toBe(11);
    // 4730 rows; the 12 rows stamped 03:00 fill the hour before it, so the grid is no longer than the rows plus a few filled slots.
    expect(s.values.length).toBeGreaterThanOrEqual(4730);
    expect(s.values.length).toBeLessThan(4740);
    expect(s.values.every(Number.isFinite)).toBe(true);
  });

  it("reads every NAB file onto a 5-minute grid", async () => {
    const { readdirSync } = await import("node:fs");
    for (const file of readdirSync(NAB).filter((f) => f.endsWith(".csv"))) {
      const s = readSeries(path.join(NAB, file));
      expect(s.stepSeconds, file).toBe(300);
      expect(s.values.length, file).toBeGreaterThan(1000);
    }
  });
});
