import { describe, expect, it } from "vitest";
import { App, Bucket, MySql, Postgres, Queue, Redis } from "../../../src/constructs/index.js";
import { toModel } from "../../../src/model/index.js";
import { AwsTarget } from "../../../src/targets/index.js";
import { loadCatalog } from "../../../src/solver/catalog/catalog.js";
import { managedOffer, managedQuote, managedRequestOf } from "../../../src/solver/catalog/managed.js";
import { HAND_ENTERED_AS_OF, RDS_ON_DEMAND_SINGLE_AZ } from "../../../src/solver/catalog/managed-prices.js";

const MIB = 2 ** 20;
const GIB = 2 ** 30;

describe("managedOffer: Redis on ElastiCache", () => {
  it("buys the cheapest node whose usable memory (75 %) holds the request", () => {
    const offer = managedOffer("redis", "us-east-1", { cpuMillicores: 100, memoryBytes: 128 * MIB })!;
    expect(offer).toMatchObject({ kind: "redis", service: "elasticache", region: "us-east-1", instanceType: "cache.t4g.micro", engine: "redis", monthlyUsd: 11.68 });
    expect(offer.source).toBe("ec2instances.info ElastiCache data (https://github.com/LeanerCloud/ec2-instances-info@32acf84f, MIT), data of 2025-04-24");
    expect(offer.assumptions.join(" ")).toContain("25 % of node memory reserved");
  });

  it("moves up when the 384 MiB a 0.5 GiB node leaves is not enough", () => {
    expect(managedOffer("redis", "us-east-1", { memoryBytes: 384 * MIB })!.instanceType).toBe("cache.t4g.micro");
    // cache.t2.micro (0.555 GiB, $0.017/h) leaves 426 MiB; above that, cache.t4g.small (1.37 GiB).
    const bigger = managedOffer("redis", "us-east-1", { memoryBytes: 385 * MIB })!;
    expect([bigger.instanceType, bigger.monthlyUsd]).toEqual(["cache.t2.micro", 12.41]);
    const small = managedOffer("redis", "us-east-1", { memoryBytes: 500 * MIB })!;
    expect([small.instanceType, small.monthlyUsd]).toEqual(["cache.t4g.small", 23.36]);
  });

  it("prices Valkey when asked", () => {
    const offer = managedOffer("redis", "us-east-1", { memoryBytes: 128 * MIB }, { redisEngine: "valkey" })!;
    expect([offer.instanceType, offer.engine, offer.monthlyUsd]).toEqual(["cache.t4g.micro", "valkey", 9.344]);
  });

  it("prices the other corpus regions", () => {
    expect(managedOffer("redis", "eu-central-1", { memoryBytes: 128 * MIB })!.instanceType).toMatch(/^cache\./);
  });

  it("has no offer outside the catalog's regions, and says why", () => {
    expect(managedOffer("redis", "eu-north-1", { memoryBytes: 128 * MIB })).toBeUndefined();
    expect(managedQuote("redis", "eu-north-1", {})).toEqual({
      ok: false,
      reason: "skyweave's catalog has no ElastiCache (redis) prices for eu-north-1 (it has them for ap-southeast-1, eu-central-1, eu-west-1, us-east-1, us-west-2)",
    });
  });
});

describe("managedOffer: Postgres and MySQL on RDS (hand-entered us-east-1 prices)", () => {
  it("buys the cheapest priced class that holds the request, plus gp3 storage of at least 20 GiB", () => {
    const offer = managedOffer("postgres", "us-east-1", { cpuMillicores: 250, memoryBytes: 512 * MIB, storageBytes: 20 * GIB })!;
    expect(offer).toMatchObject({ kind: "postgres", service: "rds", instanceType: "db.t4g.micro", engine: "postgres", monthlyUsd: 13.98 });
    expect(offer.items).toEqual([
      { item: "1 × db.t4g.micro Single-AZ at $0.016/h × 730 h", monthlyUsd: 11.68 },
      { item: "20 GiB gp3 at $0.115/GB-month", monthlyUsd: 2.3 },
    ]);
    expect(offer.source).toBe(`AWS list prices from https://aws.amazon.com/rds/postgresql/pricing/ as of ${HAND_ENTERED_AS_OF}, entered by hand, not machine-verified (src/solver/catalog/managed-prices.ts)`);
    expect(managedOffer("postgres", "us-east-1", { storageBytes: 1 })!.items[1]!.item).toBe("20 GiB gp3 at $0.115/GB-month");
  });

  it("sizes by memory: 3 GiB → db.t4g.medium, 8 GiB → db.t4g.large (cheaper than db.m7g.large)", () => {
    const medium = managedOffer("postgres", "us-east-1", { memoryBytes: 3 * GIB, storageBytes: 50 * GIB })!;
    expect([medium.instanceType, medium.monthlyUsd]).toEqual(["db.t4g.medium", 47.45 + 5.75]);
    expect(managedOffer("postgres", "us-east-1", { memoryBytes: 8 * GIB })!.instanceType).toBe("db.t4g.large");
  });

  it("has no offer beyond the largest class priced, or outside us-east-1, and says why", () => {
    expect(managedQuote("postgres", "us-east-1", { memoryBytes: 9 * GIB })).toEqual({
      ok: false,
      reason: "no RDS for PostgreSQL instance class skyweave prices in us-east-1 has 9 GiB and 0m CPU (the largest priced is db.t4g.large, 2 vCPU, 8 GiB)",
    });
    expect(managedOffer("postgres", "us-east-1", { cpuMillicores: 3000 })).toBeUndefined();
    expect(managedQuote("mysql", "eu-west-1", {})).toEqual({
      ok: false,
      reason: "skyweave has no RDS for MySQL price for eu-west-1 (RDS prices are entered by hand for us-east-1 only; the corpus has none)",
    });
  });

  it("prices MySQL from its own page", () => {
    const offer = managedOffer("mysql", "us-east-1", { memoryBytes: 512 * MIB, storageBytes: 20 * GIB })!;
    expect([offer.instanceType, offer.monthlyUsd]).toEqual(["db.t4g.micro", 13.98]);
    expect(offer.source).toContain("https://aws.amazon.com/rds/mysql/pricing/");
  });

  it("keeps every hand-entered RDS price in us-east-1, with its page and why it is believed", () => {
    expect(RDS_ON_DEMAND_SINGLE_AZ.map((p) => `${p.engine} ${p.instanceClass} ${p.pricePerHour}`)).toEqual([
      "postgres db.t4g.micro 0.016",
      "postgres db.t4g.small 0.032",
      "postgres db.t4g.medium 0.065",
      "postgres db.t4g.large 0.129",
      "postgres db.m7g.large 0.168",
      "mysql db.t4g.micro 0.016",
      "mysql db.t4g.small 0.032",
      "mysql db.t4g.medium 0.065",
    ]);
    expect(RDS_ON_DEMAND_SINGLE_AZ.every((p) => p.region === "us-east-1" && p.url.startsWith("https://aws.amazon.com/rds/") && p.confidence.length > 0)).toBe(true);
  });
});

describe("managedOffer: Queue on SQS, Bucket on S3 (usage-priced, hand-entered us-east-1 prices)", () => {
  it("prices an idle queue (one long-polling consumer, 131,400 requests) inside the free million", () => {
    const offer = managedOffer("queue", "us-east-1")!;
    expect(offer).toMatchObject({ kind: "queue", service: "sqs", monthlyUsd: 0 });
    expect(offer.instanceType).toBeUndefined();
    expect(offer.assumptions[0]).toBe("131,400 requests a month: one consumer long-polling an empty queue (20 s waits); traffic adds to it");
  });

  it("charges $0.40 per million requests beyond the first million", () => {
    expect(managedOffer("queue", "us-east-1", { requestsPerMonth: 5_000_000 })!.monthlyUsd).toBe(1.6);
  });

  it("charges $0.023 per GB-month of S3 Standard for the bucket's storage", () => {
    expect(managedOffer("bucket", "us-east-1", { storageBytes: 100 * GIB })!.monthlyUsd).toBe(2.3);
    expect(managedOffer("bucket", "us-east-1", {})!.monthlyUsd).toBe(0);
  });

  it("has no SQS or S3 price outside us-east-1", () => {
    expect(managedQuote("queue", "us-west-2", {})).toEqual({ ok: false, reason: "skyweave has no SQS price for us-west-2 (SQS prices are entered by hand for us-east-1 only)" });
    expect(managedOffer("bucket", "eu-central-1", { storageBytes: GIB })).toBeUndefined();
  });

  it("rejects a negative request", () => {
    expect(() => managedOffer("bucket", "us-east-1", { storageBytes: -1 })).toThrow(/storageBytes must be a non-negative number/);
  });
});

describe("managedOffer for a backing resource of the model", () => {
  it("takes the resource's requests and storage (model defaults), from either call form", () => {
    const app = new App("shop");
    new AwsTarget(app, "aws", { region: "us-east-1" });
    new Postgres(app, "db");
    new MySql(app, "legacy", { memory: "3Gi" });
    new Redis(app, "cache");
    new Queue(app, "jobs");
    new Bucket(app, "uploads");
    const model = toModel(app);
    const catalog = loadCatalog();
    const offers = model.resources.map((r) => {
      const o = managedOffer(catalog, r.kind, "us-east-1", r)!;
      expect(managedOffer(r.kind, "us-east-1", managedRequestOf(r))).toEqual(o);
      return [r.name, o.service, o.instanceType, o.monthlyUsd];
    });
    expect(offers).toEqual([
      ["db", "rds", "db.t4g.micro", 13.98], // 250m / 512Mi, 20 GiB
      ["legacy", "rds", "db.t4g.medium", 47.45 + 2.3], // 3 GiB, 20 GiB
      ["cache", "elasticache", "cache.t4g.micro", 11.68], // 128Mi
      ["jobs", "sqs", undefined, 0],
      ["uploads", "s3", undefined, 0.46], // 20 GiB
    ]);
  });
});
