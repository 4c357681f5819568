/**
 * ElastiCache engines: a Redis version ElastiCache runs as Redis OSS stays Redis OSS; the Redis
 * releases after ElastiCache's last Redis OSS (7.1) become the Valkey that has their commands;
 * anything else is an input error at synth, not a failed CreateReplicationGroup at deploy.
 */
import { describe, expect, it } from "vitest";
import { cacheEngine } from "../../../src/emit/aws/cache-engine.js";
import { InputError } from "../../../src/index.js";

describe("cacheEngine", () => {
  it.each([
    ["7.1", { engine: "redis", engineVersion: "7.1" }],
    ["7.0.15", { engine: "redis", engineVersion: "7.0" }],
    ["7", { engine: "redis", engineVersion: "7.0" }],
    ["6.2", { engine: "redis", engineVersion: "6.2" }],
    ["5.0", { engine: "redis", engineVersion: "5.0.6" }],
    ["7.2", { engine: "valkey", engineVersion: "7.2" }],
    ["7.4", { engine: "valkey", engineVersion: "9.0" }],
    ["7.4.2", { engine: "valkey", engineVersion: "9.0" }],
  ])("Redis %s runs as %o", (version, expected) => {
    expect(cacheEngine(version, "app/cache")).toEqual(expected);
  });

  it.each(["8.0", "6.1", "latest"])("rejects Redis %s, which ElastiCache does not run", (version) => {
    expect(() => cacheEngine(version, "app/cache")).toThrow(InputError);
  });
});
