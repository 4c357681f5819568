/**
 * The committed catalog data is exactly what the build script makes from the corpus
 * (../shared/corpus/instance-catalog, read at test time) and the vendored eni-max-pods excerpt,
 * so no price or spec is edited by hand.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AWS_CATALOG_DATA } from "../../../src/solver/catalog/aws-catalog.data.js";
import {
  DATA_FILE,
  DEFAULT_CORPUS_DIR,
  ENI_MAX_PODS_FILE,
  buildCatalogData,
  buildCatalogModule,
  parseDeriveSources,
  parseEniMaxPods,
  type CatalogInputs,
} from "../../../src/solver/catalog/build-catalog.js";

const corpus = (name: string): string => readFileSync(path.join(DEFAULT_CORPUS_DIR, name), "utf8");

function inputs(): CatalogInputs {
  return {
    instancesCsv: corpus("instances.csv"),
    supplementCsv: corpus("instances-aws-regions-2022-11.csv"),
    managedCsv: corpus("managed-services.csv"),
    deriveMjs: corpus("derive.mjs"),
    eniMaxPods: readFileSync(ENI_MAX_PODS_FILE, "utf8"),
  };
}

describe("the committed catalog data", () => {
  it("is byte for byte what build-catalog.ts makes from ../shared/corpus/instance-catalog", () => {
    const rebuilt = buildCatalogModule(DEFAULT_CORPUS_DIR);
    const committed = readFileSync(DATA_FILE, "utf8");
    // On a mismatch, run: npx tsx src/solver/catalog/build-catalog.ts (and never edit the data file by hand).
    expect(rebuilt === committed).toBe(true);
  });

  it("builds the same bytes twice", () => {
    expect(buildCatalogModule(DEFAULT_CORPUS_DIR)).toBe(buildCatalogModule(DEFAULT_CORPUS_DIR));
  });

  it("holds every AWS row of the corpus: 145 types in us-east-1, 324 supplement prices, 702 ElastiCache Redis OSS / Valkey prices", () => {
    const awsRows = corpus("instances.csv").split("\n").filter((l) => l.startsWith("aws,"));
    expect(AWS_CATALOG_DATA.instanceTypes).toHaveLength(145);
    expect(AWS_CATALOG_DATA.instanceTypes).toHaveLength(awsRows.length);
    const prices = AWS_CATALOG_DATA.instanceTypes.reduce((n, t) => n + Object.keys(t.pricePerHour).length, 0);
    expect(prices).toBe(145 + 324);
    expect(AWS_CATALOG_DATA.instanceTypes.every((t) => t.pricePerHour["us-east-1"] !== undefined)).toBe(true);
    const counts: Record<string, number> = {};
    for (const n of AWS_CATALOG_DATA.elastiCache) counts[`${n.engine} ${n.region}`] = (counts[`${n.engine} ${n.region}`] ?? 0) + 1;
    expect(counts).toEqual({
      "redis ap-southeast-1": 66,
      "redis eu-central-1": 66,
      "redis eu-west-1": 73,
      "redis us-east-1": 73,
      "redis us-west-2": 73,
      "valkey ap-southeast-1": 66,
      "valkey eu-central-1": 66,
      "valkey eu-west-1": 73,
      "valkey us-east-1": 73,
      "valkey us-west-2": 73,
    });
    expect(AWS_CATALOG_DATA.regions.map((r) => `${r.region} ${r.priceSource} ${r.priceSnapshot}`)).toEqual([
      "ap-southeast-1 ec2details 2022-11-22",
      "eu-central-1 ec2details 2022-11-22",
      "eu-west-1 ec2details 2022-11-22",
      "us-east-1 karpenter-aws-prices 2026-07-20",
      "us-west-2 ec2details 2022-11-22",
    ]);
  });

  it("copies rows unchanged (spot checks against SOURCE.md's table)", () => {
    const m5 = AWS_CATALOG_DATA.instanceTypes.find((t) => t.name === "m5.large")!;
    expect(m5).toEqual({
      name: "m5.large",
      family: "m5",
      vcpu: 2,
      memoryMiB: 8192,
      gpus: 0,
      arch: "amd64",
      eniMaxPods: 29,
      pricePerHour: { "ap-southeast-1": 0.12, "eu-central-1": 0.115, "eu-west-1": 0.107, "us-east-1": 0.096, "us-west-2": 0.096 },
    });
    const p5 = AWS_CATALOG_DATA.instanceTypes.find((t) => t.name === "p5.48xlarge")!;
    expect([p5.vcpu, p5.memoryMiB, p5.gpus, p5.gpuModel, p5.pricePerHour]).toEqual([192, 2048 * 1024, 8, "h100", { "us-east-1": 55.04 }]);
  });

  it("keeps inf2's Inferentia2 accelerators out of the GPU count", () => {
    const inf2 = AWS_CATALOG_DATA.instanceTypes.filter((t) => t.family === "inf2");
    expect(inf2.map((t) => [t.name, t.gpus, t.neuronDevices, t.neuronModel])).toEqual([
      ["inf2.xlarge", 0, 1, "inferentia2"],
      ["inf2.8xlarge", 0, 1, "inferentia2"],
      ["inf2.24xlarge", 0, 6, "inferentia2"],
      ["inf2.48xlarge", 0, 12, "inferentia2"],
    ]);
    expect(AWS_CATALOG_DATA.instanceTypes.filter((t) => t.gpus > 0).every((t) => t.gpuModel && ["a10g", "l4", "a100", "h100"].includes(t.gpuModel))).toBe(true);
  });

  it("records the upstream commits the corpus pins, each one named in the corpus's SOURCE.md, with licenses", () => {
    const sourceMd = corpus("SOURCE.md");
    const fromCorpus = AWS_CATALOG_DATA.sources.filter((s) => s.id !== "amazon-eks-ami-eni-max-pods");
    expect(fromCorpus.map((s) => [s.id, s.license])).toEqual([
      ["karpenter-aws-specs", "Apache-2.0"],
      ["karpenter-aws-prices", "Apache-2.0"],
      ["ec2details", "MIT"],
      ["ec2instances-info-elasticache", "MIT"],
    ]);
    for (const s of fromCorpus) {
      expect(sourceMd).toContain(s.commit);
      expect(sourceMd).toContain(s.path);
      expect(sourceMd).toContain(s.snapshot);
    }
    const eni = AWS_CATALOG_DATA.sources.find((s) => s.id === "amazon-eks-ami-eni-max-pods")!;
    expect(readFileSync(ENI_MAX_PODS_FILE, "utf8")).toContain(eni.commit);
  });

  it("carries the MIT notices and the Apache-2.0 attribution in the data file's header", () => {
    const header = readFileSync(DATA_FILE, "utf8").split("*/")[0]!;
    expect(header).toContain("Copyright (c) 2018 Robert Hafner");
    expect(header).toContain("Copyright (c) 2013 Garret Heaton (powdahound.com)");
    expect(header).toContain("Apache License, Version 2.0");
    expect(header).toContain("GENERATED FILE: do not edit");
  });

  it("is frozen", () => {
    expect(Object.isFrozen(AWS_CATALOG_DATA)).toBe(true);
    expect(Object.isFrozen(AWS_CATALOG_DATA.instanceTypes[0]!.pricePerHour)).toBe(true);
  });
});

describe("buildCatalogData", () => {
  it("refuses a memory that is not a whole number of MiB", () => {
    const i = inputs();
    expect(() => buildCatalogData({ ...i, instancesCsv: i.instancesCsv.replace("aws,us-east-1,m5.large,2,8,", "aws,us-east-1,m5.large,2,7.99999,") })).toThrow(
      /m5\.large: memory_gib 7\.99999 is not a whole number of MiB/,
    );
  });

  it("refuses a supplement row whose specs differ from us-east-1's", () => {
    const i = inputs();
    expect(() => buildCatalogData({ ...i, supplementCsv: i.supplementCsv.replace("aws,us-west-2,m5.large,2,8,", "aws,us-west-2,m5.large,4,8,") })).toThrow(/instances-aws-regions-2022-11\.csv: m5\.large in us-west-2 has specs/);
  });

  it("refuses an instance type without a max-pods line, and a max-pods line without a type", () => {
    const i = inputs();
    expect(() => buildCatalogData({ ...i, eniMaxPods: i.eniMaxPods.replace("m7i.large 29\n", "") })).toThrow(/m7i\.large has no line in eni-max-pods\.txt/);
    expect(() => buildCatalogData({ ...i, eniMaxPods: `${i.eniMaxPods}x9.large 29\n` })).toThrow(/lists x9\.large, which the corpus does not have/);
  });

  it("refuses a changed header", () => {
    const i = inputs();
    expect(() => buildCatalogData({ ...i, instancesCsv: i.instancesCsv.replace("price_hour_usd", "price") })).toThrow(/instances\.csv: expected header/);
  });

  it("reads the pins of derive.mjs and the lines of eni-max-pods.txt", () => {
    expect(parseDeriveSources(corpus("derive.mjs")).awsPrices).toEqual({
      repo: "aws/karpenter-provider-aws",
      commit: "1d927085dd81a9df9301e613f371dac5b4d16bfe",
      path: "pkg/providers/pricing/zz_generated.pricing_aws.go",
    });
    expect(parseEniMaxPods("# comment\nm7i.large 29\n\ng5.48xlarge 345\n")).toEqual(
      new Map([
        ["m7i.large", 29],
        ["g5.48xlarge", 345],
      ]),
    );
    expect(() => parseEniMaxPods("m7i.large twenty-nine\n")).toThrow(/eni-max-pods\.txt:1/);
  });
});
