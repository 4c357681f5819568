/** Metric values and file contents are checked where they are read: the value, its file and line, and a fix. */
import { describe, expect, it } from "vitest";
import { errorOf } from "../support/error-of.js";
import { decodeUtf8, firstInvalidUtf8, parseCsv, parsePrometheus, parseTimestamp, regularize, sampleValue } from "../../src/metrics/index.js";

const rows = (values: string[]) => `timestamp,value\n${values.map((v, i) => `2024-01-01 00:${String(i).padStart(2, "0")}:00,${v}`).join("\n")}\n`;

describe("sampleValue", () => {
  it("reads plain decimals, also with an exponent, and zero", () => {
    expect(["51.8", "0", "-0", ".5", "1.", "1.5E-4", "+2"].map((t) => sampleValue(t, "f:1"))).toEqual([51.8, 0, -0, 0.5, 1, 1.5e-4, 2]);
  });

  it("refuses negative, NaN, infinite, hexadecimal and empty values, naming the value", () => {
    expect(errorOf(() => sampleValue("-0.09", "web.cpu.csv:17")).message).toBe("-0.09 is negative: a metric value must be 0 or more");
    expect(errorOf(() => sampleValue("-0.09", "web.cpu.csv:17")).where).toBe("web.cpu.csv:17");
    expect(errorOf(() => sampleValue("NaN", "f:1")).message).toBe('"NaN" is not a number');
    expect(errorOf(() => sampleValue("Infinity", "f:1")).message).toBe('"Infinity" is infinite: a metric value must be a finite number');
    expect(errorOf(() => sampleValue("-Inf", "f:1")).message).toBe('"-Inf" is infinite: a metric value must be a finite number');
    expect(errorOf(() => sampleValue("1e400", "f:1")).message).toBe('"1e400" is too large a number');
    expect(errorOf(() => sampleValue("0x10", "f:1")).message).toBe('"0x10" is not a number');
    expect(errorOf(() => sampleValue("", "f:1")).message).toBe('"" is not a number');
    for (const bad of ["-1", "NaN", "Infinity"]) expect(errorOf(() => sampleValue(bad, "f:1")).fix).toBeTruthy();
  });
});

describe("CSV values", () => {
  it("names the file and line of a negative value", () => {
    const values = Array.from({ length: 20 }, () => "0.2");
    values[15] = "-0.09";
    const e = errorOf(() => parseCsv(rows(values), "metrics/web.cpu.csv"));
    expect(`${e.where}: ${e.message}`).toBe("metrics/web.cpu.csv:17: -0.09 is negative: a metric value must be 0 or more");
    expect(e.fix).toContain("cannot be below zero");
  });

  it("says what an empty or header-only file is", () => {
    expect(errorOf(() => parseCsv("", "a.csv")).message).toBe("the file is empty (no data rows)");
    expect(errorOf(() => parseCsv("\n\n", "a.csv")).message).toBe("the file is empty (no data rows)");
    expect(errorOf(() => parseCsv("timestamp,value\r\n", "a.csv")).message).toBe('only a header ("timestamp,value"), no data rows');
  });

  it("reads CRLF files and quoted cells as before", () => {
    expect(parseCsv('timestamp,value\r\n2024-01-01 00:00:00,1\r\n"2024-01-01 00:05:00","2"\r\n', "a.csv").map((s) => [s.t, s.value, s.line])).toEqual([
      [Date.UTC(2024, 0, 1) / 1000, 1, 2],
      [Date.UTC(2024, 0, 1, 0, 5) / 1000, 2, 3],
    ]);
  });
});

describe("Prometheus values", () => {
  const answer = (result: unknown) => JSON.stringify({ status: "success", data: { resultType: "matrix", result } });

  it("refuses a negative or infinite sample, naming its place, and still skips NaN (a gap)", () => {
    expect(errorOf(() => parsePrometheus(answer([{ values: [[100, "0.1"], [160, "-0.09"]] }]), "p.json")).where).toBe("p.json: data.result[0].values[1]");
    expect(errorOf(() => parsePrometheus(answer([{ values: [[100, "0.1"], [160, "-0.09"]] }]), "p.json")).message).toBe("-0.09 is negative: a metric value must be 0 or more");
    expect(errorOf(() => parsePrometheus(answer([{ values: [[100, "+Inf"]] }]), "p.json")).message).toBe('"+Inf" is infinite: a metric value must be a finite number');
    expect(errorOf(() => parsePrometheus(answer([{ values: [[100, null]] }]), "p.json")).message).toBe('"null" is not a number');
    expect(parsePrometheus(answer([{ values: [[100, "0.5"], [160, "NaN"], [220, "1"]] }]), "p.json").map((s) => s.value)).toEqual([0.5, 1]);
  });

  it("refuses a series or a timestamp of the wrong type instead of crashing or reading it as 0", () => {
    expect(errorOf(() => parsePrometheus(answer([null]), "p.json")).where).toBe("p.json: data.result[0]");
    expect(errorOf(() => parsePrometheus(answer([{ values: [[null, "1"]] }]), "p.json")).message).toBe("null is not a unix timestamp");
    expect(errorOf(() => parsePrometheus(answer([{ values: [["", "1"]] }]), "p.json")).message).toBe('"" is not a unix timestamp');
    expect(errorOf(() => parsePrometheus("  \n", "p.json")).message).toBe("the file is empty");
  });
});

describe("one sample", () => {
  it("is reported as one sample, not as rows sharing a timestamp", () => {
    expect(errorOf(() => regularize([{ t: 0, value: 1, line: 2 }], "one.csv")).message).toBe("only one sample: cannot tell the sampling step");
    expect(errorOf(() => regularize([], "none.csv")).message).toBe("no samples: cannot tell the sampling step");
  });
});

describe("text encoding", () => {
  it("decodes UTF-8 and drops a byte order mark", () => {
    expect(decodeUtf8(Buffer.from("\ufefftimestamp,value\n"), "a.csv")).toBe("timestamp,value\n");
    expect(decodeUtf8(Buffer.from("caf\u00e9 \u{1f600}"), "a.csv")).toBe("caf\u00e9 \u{1f600}");
  });

  it("names the line of the first byte that is not UTF-8, and UTF-16 files", () => {
    const latin1 = errorOf(() => decodeUtf8(Buffer.from("timestamp,value\n2024-01-01 00:00:00,caf\xe9\n", "latin1"), "a.csv"));
    expect(`${latin1.where}: ${latin1.message}`).toBe("a.csv:2: byte 0xE9 is not UTF-8: the file is not UTF-8 text (Latin-1, or a compressed or binary file?)");
    expect(errorOf(() => decodeUtf8(Buffer.from([0xff, 0xfe, 0x74, 0x00]), "u.csv")).message).toBe("the file is UTF-16 text; metric files must be UTF-8");
    expect(errorOf(() => decodeUtf8(Buffer.from([0x31, 0x0a, 0x00, 0x31]), "n.csv")).where).toBe("n.csv:2");
  });

  it("finds invalid UTF-8 exactly: overlongs, surrogates, truncated sequences, above U+10FFFF", () => {
    expect(firstInvalidUtf8(Buffer.from("ok \u00e9\u20ac\u{10ffff}"))).toBe(-1);
    for (const bad of [[0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80], [0xf8]]) {
      expect(firstInvalidUtf8(Uint8Array.from([0x41, ...bad])), JSON.stringify(bad)).toBe(1);
    }
  });
});

describe("timestamps", () => {
  it("reads the common YYYY-MM-DD HH:MM:SS form as the general reader does, across dates and edges", () => {
    for (let i = 0; i < 2000; i++) {
      const t = Date.UTC(2020, 0, 1) / 1000 + i * 7919 * 60;
      expect(parseTimestamp(new Date(t * 1000).toISOString().slice(0, 19).replace("T", " "))).toBe(t);
    }
    expect(parseTimestamp("2024-02-30 00:00:00")).toBe(Date.UTC(2024, 1, 30) / 1000); // rolls over, as Date.UTC does
    for (const bad of ["2024-13-01 00:00:00", "2024-00-10 00:00:00", "2024-01-01 24:00:00", "2024-01-01 00:60:00", "2024-01-01 00:00:61", "2024-01-01 0a:00:00"]) {
      expect(parseTimestamp(bad), bad).toBeUndefined();
    }
  });
});
