import { describe, expect, it } from "vitest";
import { formatBytes, formatCpu, parseBytes, parseCpu } from "../../src/model/quantity.js";

describe("CPU quantities", () => {
  it.each([
    ["250m", 250],
    ["1", 1000],
    ["0.5", 500],
    ["1.25", 1250],
    [2, 2000],
    [0.1, 100],
    [" 100m ", 100],
  ] as const)("parses %j as %d millicores", (given, millicores) => {
    expect(parseCpu(given)).toBe(millicores);
  });

  it.each(["abc", "", "0", "0m", "0.0001", "1.5m", "-1", "1e3", "1 m", "250M"])("rejects %j", (given) => {
    expect(parseCpu(given)).toBeUndefined();
  });

  it("rejects negative and non-finite numbers", () => {
    expect(parseCpu(-1)).toBeUndefined();
    expect(parseCpu(Number.NaN)).toBeUndefined();
    expect(parseCpu(Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  it("formats whole cores without a suffix and the rest in millicores", () => {
    expect(formatCpu(2000)).toBe("2");
    expect(formatCpu(250)).toBe("250m");
    expect(formatCpu(1500)).toBe("1500m");
  });
});

describe("memory quantities", () => {
  it.each([
    ["128Mi", 128 * 2 ** 20],
    ["1.5Gi", 1.5 * 2 ** 30],
    ["1G", 1e9],
    ["512M", 512e6],
    ["64Ki", 65536],
    ["1000", 1000],
    [4096, 4096],
    ["2Ti", 2 * 2 ** 40],
  ] as const)("parses %j as %d bytes", (given, bytes) => {
    expect(parseBytes(given)).toBe(bytes);
  });

  it.each(["abc", "0", "1.5", "0.1Ki", "1mi", "1GB", "-1Gi", "1 Gi", "1.0000000001Gi"])("rejects %j", (given) => {
    expect(parseBytes(given)).toBeUndefined();
  });

  it("formats with the largest binary suffix that divides exactly", () => {
    expect(formatBytes(2 ** 31)).toBe("2Gi");
    expect(formatBytes(1536 * 2 ** 20)).toBe("1536Mi");
    expect(formatBytes(1e9)).toBe("1000000000");
    expect(formatBytes(300 * 2 ** 20)).toBe("300Mi");
  });

  it("round-trips through format and parse", () => {
    for (const bytes of [1, 1024, 3 * 2 ** 20, 5 * 2 ** 30 + 1]) expect(parseBytes(formatBytes(bytes))).toBe(bytes);
    for (const millicores of [1, 250, 1000, 1500, 64000]) expect(parseCpu(formatCpu(millicores))).toBe(millicores);
  });
});
