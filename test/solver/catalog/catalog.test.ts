import { describe, expect, it } from "vitest";
import { ExitCode, SkyweaveError } from "../../../src/errors.js";
import { HOURS_PER_MONTH, createCatalog, editDistance, loadCatalog, monthly, nearMatches } from "../../../src/solver/catalog/catalog.js";
import type { CatalogData } from "../../../src/solver/catalog/catalog-data.js";

const MIB = 2 ** 20;

function errorOf(fn: () => unknown): SkyweaveError {
  try {
    fn();
  } catch (error) {
    if (SkyweaveError.is(error)) return error;
    throw error;
  }
  throw new Error("expected an error");
}

describe("loadCatalog", () => {
  const catalog = loadCatalog();

  it("prices a month as 730 hours", () => {
    expect(HOURS_PER_MONTH).toBe(730);
    expect(monthly(0.096)).toBe(70.08);
  });

  it("describes an instance type in a region: shape, price, allocatable", () => {
    expect(catalog.instanceType("us-east-1", "m7i.large")).toEqual({
      name: "m7i.large",
      family: "m7i",
      region: "us-east-1",
      vcpu: 2,
      memoryBytes: 8 * 1024 * MIB,
      gpus: 0,
      gpuModel: undefined,
      neuronDevices: 0,
      arch: "amd64",
      pricePerHour: 0.1008,
      pricePerMonth: 73.584,
      priceSource: "karpenter-aws-prices",
      priceSnapshot: "2026-07-20",
      allocatable: { cpuMillicores: 1930, memoryBytes: 6903 * MIB, gpus: 0, pods: 29 },
      allocatableBreakdown: expect.objectContaining({ vmOverheadMiB: 615, kubeReservedMemoryMiB: 574, evictionMemoryMiB: 100 }),
    });
  });

  it("gives the allocatable of the types the examples use", () => {
    const a = (name: string) => catalog.instanceType("us-east-1", name)!.allocatable;
    expect(a("m7i.xlarge")).toEqual({ cpuMillicores: 3920, memoryBytes: 14162 * MIB, gpus: 0, pods: 58 });
    expect(a("c7i.large")).toEqual({ cpuMillicores: 1930, memoryBytes: 3114 * MIB, gpus: 0, pods: 29 });
    expect(a("g5.xlarge")).toEqual({ cpuMillicores: 3920, memoryBytes: 14162 * MIB, gpus: 1, pods: 58 });
    expect(catalog.instanceType("us-east-1", "g5.xlarge")!.gpuModel).toBe("a10g");
  });

  it("prices the supplement's regions from their own (2022) source", () => {
    const m5 = catalog.instanceType("eu-central-1", "m5.large")!;
    expect([m5.pricePerHour, m5.pricePerMonth, m5.priceSource, m5.priceSnapshot]).toEqual([0.115, 83.95, "ec2details", "2022-11-22"]);
    expect(catalog.instanceType("eu-central-1", "m7i.large")).toBeUndefined();
    expect(catalog.priceSource).toContain("us-east-1 from https://github.com/aws/karpenter-provider-aws@1d927085");
    expect(catalog.priceSource).toContain("ap-southeast-1, eu-central-1, eu-west-1, us-west-2 from https://github.com/tedivm/ec2details@0535a3fc");
  });

  it("lists regions and the types of each, by family then size", () => {
    expect(catalog.regions()).toEqual(["ap-southeast-1", "eu-central-1", "eu-west-1", "us-east-1", "us-west-2"]);
    expect(catalog.instanceTypes("us-east-1")).toHaveLength(145);
    expect(catalog.instanceTypes("us-west-2")).toHaveLength(87);
    expect(catalog.instanceTypes("eu-central-1")).toHaveLength(79);
    expect(catalog.instanceTypes("mars-north-1")).toEqual([]);
    expect(catalog.instanceTypes("us-east-1").filter((t) => t.family === "m7i").map((t) => t.name)).toEqual([
      "m7i.large",
      "m7i.xlarge",
      "m7i.2xlarge",
      "m7i.4xlarge",
      "m7i.8xlarge",
      "m7i.12xlarge",
      "m7i.16xlarge",
      "m7i.24xlarge",
      "m7i.metal-24xl",
      "m7i.48xlarge",
      "m7i.metal-48xl",
    ]);
    expect(catalog.region("us-west-2")).toEqual({ region: "us-west-2", priceSource: "ec2details", priceSnapshot: "2022-11-22" });
  });

  it("counts inf2's Inferentia2 devices as Neuron devices, not GPUs", () => {
    const inf2 = catalog.instanceType("us-east-1", "inf2.xlarge")!;
    expect([inf2.gpus, inf2.gpuModel, inf2.neuronDevices, inf2.allocatable.gpus]).toEqual([0, undefined, 1, 0]);
  });

  it("returns undefined for a type or region it does not know", () => {
    expect(catalog.instanceType("us-east-1", "m7i.huge")).toBeUndefined();
    expect(catalog.instanceType("eu-north-1", "m7i.large")).toBeUndefined();
  });

  it("is frozen and the same object every time", () => {
    expect(loadCatalog()).toBe(catalog);
    const t = catalog.instanceType("us-east-1", "m7i.large")!;
    expect(Object.isFrozen(t)).toBe(true);
    expect(Object.isFrozen(t.allocatable)).toBe(true);
    expect(Object.isFrozen(catalog.instanceTypes("us-east-1"))).toBe(true);
  });

  it("applies node options: max pods 110 (prefix delegation)", () => {
    const dense = loadCatalog({ maxPods: 110 });
    expect(dense.instanceType("us-east-1", "m7i.large")!.allocatable).toEqual({ cpuMillicores: 1930, memoryBytes: 6903 * MIB, gpus: 0, pods: 110 });
    expect(loadCatalog().instanceType("us-east-1", "m7i.large")!.allocatable.pods).toBe(29);
  });

  it("lists ElastiCache nodes cheapest first", () => {
    const nodes = catalog.elastiCacheNodes("us-east-1", "redis");
    expect(nodes).toHaveLength(73);
    expect(nodes[0]).toEqual({ engine: "redis", region: "us-east-1", nodeType: "cache.t4g.micro", vcpu: 2, memoryBytes: 512 * MIB, pricePerHour: 0.016, pricePerMonth: 11.68 });
    expect(nodes.every((n, i) => i === 0 || nodes[i - 1]!.pricePerHour <= n.pricePerHour)).toBe(true);
    expect(catalog.elastiCacheNodes("eu-north-1", "redis")).toEqual([]);
  });
});

describe("catalog errors", () => {
  const catalog = loadCatalog();

  it("exit 1 for an unknown instance type, naming the construct path and prop and suggesting near matches", () => {
    const error = errorOf(() => catalog.requireInstanceType("us-east-1", "m7i.largee", { where: "shop/main", prop: "nodePools[0].instanceTypes[0]" }));
    expect(error.exitCode).toBe(ExitCode.badInput);
    expect(error.where).toBe("shop/main");
    expect(error.message).toBe('nodePools[0].instanceTypes[0]: instance type "m7i.largee" is not in skyweave\'s AWS catalog; did you mean m7i.large, c7i.large or m6i.large?');
    expect(error.format()).toContain("fix: use an instance type the catalog prices in us-east-1 (families: c5, c6i, c7g, c7i, g5, g6, inf2, m5, m6i, m7g, m7i, p4d, p5, r5, r6i, r7i, t3, t4g).");
  });

  it("says where a type is priced when the region lacks it", () => {
    const error = errorOf(() => catalog.requireInstanceType("eu-west-1", "m7i.large", { where: "shop/main" }));
    expect(error.format()).toBe(
      "shop/main: instance type \"m7i.large\" has no price in eu-west-1 in skyweave's AWS catalog (it is priced in us-east-1); did you mean m6i.large, c6i.large or c7g.large?\n" +
        "  fix: use an instance type priced in eu-west-1 such as m6i.large, c6i.large or c7g.large, or put the cluster in us-east-1.",
    );
  });

  it("suggests a region for a misspelt one, and lists the regions it has", () => {
    const error = errorOf(() => catalog.requireRegion("us-east1", { where: "shop/aws", prop: "region" }));
    expect(error.exitCode).toBe(ExitCode.badInput);
    expect(error.format()).toBe(
      'shop/aws: region: region "us-east1" is not in skyweave\'s AWS catalog; did you mean us-east-1?\n  fix: use a region the catalog prices: ap-southeast-1, eu-central-1, eu-west-1, us-east-1, us-west-2.',
    );
    expect(errorOf(() => catalog.requireInstanceType("eu-north-1", "m7i.large")).message).toBe('region "eu-north-1" is not in skyweave\'s AWS catalog');
  });

  it("returns the type when it is there", () => {
    expect(catalog.requireInstanceType("us-east-1", "m7i.large")).toBe(catalog.instanceType("us-east-1", "m7i.large"));
  });

  it("finds near matches by edit distance", () => {
    expect(editDistance("m7i.large", "m7i.large")).toBe(0);
    expect(editDistance("m7i.lrage", "m7i.large")).toBe(1);
    expect(nearMatches("M7I.XLARGE", ["m7i.xlarge", "m7i.2xlarge", "r7i.xlarge", "t3.nano"])).toEqual(["m7i.xlarge", "m7i.2xlarge", "r7i.xlarge"]);
    expect(nearMatches("zzz", ["m7i.large"])).toEqual([]);
  });
});

describe("createCatalog", () => {
  it("works over hand-made data (one type, one region)", () => {
    const data: CatalogData = {
      format: 1,
      provider: "aws",
      sources: [],
      regions: [{ region: "us-east-1", priceSource: "test", priceSnapshot: "2026-01-01" }],
      instanceTypes: [{ name: "x1.large", family: "x1", vcpu: 2, memoryMiB: 4096, gpus: 0, arch: "amd64", eniMaxPods: 29, pricePerHour: { "us-east-1": 0.1 } }],
      elastiCacheSource: "test",
      elastiCache: [],
    };
    const c = createCatalog(data);
    expect(c.instanceTypes("us-east-1").map((t) => [t.name, t.pricePerMonth, t.allocatable.memoryBytes / MIB])).toEqual([["x1.large", 73, 3114]]);
    expect(c.priceSource).toBe("AWS on-demand Linux list prices, USD, 730 h/month: us-east-1 from test");
  });
});
