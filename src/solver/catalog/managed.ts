/**
 * Managed-service offers for an `AwsTarget`: what a backing resource would cost a month as
 * ElastiCache (Redis), RDS (Postgres, MySQL), SQS (Queue) or S3 (Bucket), or why there is no
 * price. The solver compares the offer with the cost of running the part in-cluster.
 *
 * Prices: ElastiCache from the committed catalog (corpus, ec2instances.info data);
 * RDS, SQS and S3 from the hand-entered us-east-1 list prices in `managed-prices.ts`.
 */
import type { ResourceModel } from "../../model/app-model.js";
import { HOURS_PER_MONTH, loadCatalog, monthly, roundUsd, type Catalog } from "./catalog.js";
import {
  DEFAULT_SQS_REQUESTS_PER_MONTH,
  ELASTICACHE_RESERVED_MEMORY_PERCENT,
  HAND_ENTERED_AS_OF,
  RDS_GP3_USD_PER_GB_MONTH,
  RDS_MIN_STORAGE_GIB,
  RDS_ON_DEMAND_SINGLE_AZ,
  S3_STANDARD_USD_PER_GB_MONTH,
  SQS_STANDARD,
} from "./managed-prices.js";

const GIB = 2 ** 30;

/** A kind of backing resource. */
export type ManagedKind = ResourceModel["kind"];

/** What the resource needs. Absent fields count as zero (or the documented default). */
export interface ManagedRequest {
  /** CPU the in-cluster server requests; an instance-based offer needs at least this many vCPUs × 1000. */
  readonly cpuMillicores?: number;
  /** Memory the in-cluster server requests; ElastiCache's usable memory and RDS's memory must cover it. */
  readonly memoryBytes?: number;
  /** Data stored: RDS volume size (at least 20 GiB), S3 bytes stored. */
  readonly storageBytes?: number;
  /** SQS requests a month. Default `DEFAULT_SQS_REQUESTS_PER_MONTH` (one idle long-polling consumer). */
  readonly requestsPerMonth?: number;
}

/** One line of an offer's monthly cost. */
export interface ManagedCostItem {
  readonly item: string;
  readonly monthlyUsd: number;
}

/** The cheapest adequate managed offer for a resource. */
export interface ManagedOffer {
  /** The backing resource's kind, or the workload's kind for a Fargate offer. */
  readonly kind: ManagedKind | "service" | "worker" | "cronjob";
  readonly service: "elasticache" | "rds" | "sqs" | "s3" | "fargate";
  readonly region: string;
  /** The node type or DB instance class, for instance-priced services; `<cpu units>/<memory MiB>` for Fargate. */
  readonly instanceType?: string;
  /** `redis`, `valkey`, `postgres`, `mysql`, when the service has engines. */
  readonly engine?: string;
  /** USD per month (730 h), all items summed. */
  readonly monthlyUsd: number;
  readonly items: readonly ManagedCostItem[];
  /** Where the prices come from. */
  readonly source: string;
  /** What the price assumes, in words, for explanations. */
  readonly assumptions: readonly string[];
}

/** An offer, or the reason there is none. */
export type ManagedQuote = { readonly ok: true; readonly offer: ManagedOffer } | { readonly ok: false; readonly reason: string };

/** Options of `managedOffer()`. */
export interface ManagedOfferOptions {
  /** The catalog for ElastiCache prices. Default `loadCatalog()`. */
  readonly catalog?: Catalog;
  /**
   * ElastiCache engine for `Redis`. Default `"redis"` (Redis OSS). `"valkey"` is about 20 %
   * cheaper and protocol-compatible with Redis OSS 7.2; choose it only where the app allows.
   */
  readonly redisEngine?: "redis" | "valkey";
}

/**
 * The cheapest adequate managed offer, or undefined when skyweave has no price for it (see
 * `managedQuote` for why). Also callable as `managedOffer(catalog, kind, region, resource)`
 * with a backing resource of the model (its requests and storage are the request).
 */
export function managedOffer(kind: ManagedKind, region: string, request?: ManagedRequest, options?: ManagedOfferOptions): ManagedOffer | undefined;
export function managedOffer(catalog: Catalog, kind: ManagedKind, region: string, resource: ResourceModel | ManagedRequest): ManagedOffer | undefined;
export function managedOffer(...args: ManagedArgs): ManagedOffer | undefined {
  const quote = (managedQuote as (...a: ManagedArgs) => ManagedQuote)(...args);
  return quote.ok ? quote.offer : undefined;
}

/** The cheapest adequate managed offer, or the reason there is none (for the solver's explanation). */
export function managedQuote(kind: ManagedKind, region: string, request?: ManagedRequest, options?: ManagedOfferOptions): ManagedQuote;
export function managedQuote(catalog: Catalog, kind: ManagedKind, region: string, resource: ResourceModel | ManagedRequest): ManagedQuote;
export function managedQuote(...args: ManagedArgs): ManagedQuote {
  if (typeof args[0] === "string") {
    const [kind, region, request, options] = args as [ManagedKind, string, ManagedRequest?, ManagedOfferOptions?];
    return managedQuoteOf(kind, region, request ?? {}, options ?? {});
  }
  const [catalog, kind, region, resource] = args as [Catalog, ManagedKind, string, ResourceModel | ManagedRequest];
  const request = "resources" in resource ? managedRequestOf(resource) : resource;
  return managedQuoteOf(kind, region, request, { catalog });
}

type ManagedArgs =
  | [kind: ManagedKind, region: string, request?: ManagedRequest, options?: ManagedOfferOptions]
  | [catalog: Catalog, kind: ManagedKind, region: string, resource: ResourceModel | ManagedRequest];

/** The request of a backing resource of the model: its in-cluster requests and its storage. */
export function managedRequestOf(resource: ResourceModel, usage: { readonly requestsPerMonth?: number } = {}): ManagedRequest {
  return {
    cpuMillicores: resource.resources.requests.cpuMillicores,
    memoryBytes: resource.resources.requests.memoryBytes,
    ...(resource.storageBytes !== undefined ? { storageBytes: resource.storageBytes } : {}),
    ...(usage.requestsPerMonth !== undefined ? { requestsPerMonth: usage.requestsPerMonth } : {}),
  };
}

function managedQuoteOf(kind: ManagedKind, region: string, request: ManagedRequest, options: ManagedOfferOptions): ManagedQuote {
  checkRequest(request);
  switch (kind) {
    case "redis":
      return elastiCacheQuote(region, request, options);
    case "postgres":
    case "mysql":
      return rdsQuote(kind, region, request);
    case "queue":
      return sqsQuote(region, request);
    case "bucket":
      return s3Quote(region, request);
  }
}

function elastiCacheQuote(region: string, request: ManagedRequest, options: ManagedOfferOptions): ManagedQuote {
  const catalog = options.catalog ?? loadCatalog();
  const engine = options.redisEngine ?? "redis";
  const nodes = catalog.elastiCacheNodes(region, engine);
  if (nodes.length === 0) return { ok: false, reason: `skyweave's catalog has no ElastiCache (${engine}) prices for ${region} (it has them for ${elastiCacheRegions(catalog, engine)})` };
  const memory = request.memoryBytes ?? 0;
  const cpu = request.cpuMillicores ?? 0;
  const usable = (bytes: number): number => Math.floor((bytes * (100 - ELASTICACHE_RESERVED_MEMORY_PERCENT)) / 100);
  const node = nodes.find((n) => usable(n.memoryBytes) >= memory && n.vcpu * 1000 >= cpu); // cheapest first
  if (!node) return { ok: false, reason: `no ElastiCache node type in ${region} has ${describeBytes(memory)} of usable memory (${100 - ELASTICACHE_RESERVED_MEMORY_PERCENT} % of the node) and ${cpu}m CPU` };
  const src = catalog.sources.find((s) => s.id === "ec2instances-info-elasticache");
  return {
    ok: true,
    offer: {
      kind: "redis",
      service: "elasticache",
      region,
      instanceType: node.nodeType,
      engine,
      monthlyUsd: node.pricePerMonth,
      items: [{ item: `1 × ${node.nodeType} (${engine}) at $${node.pricePerHour}/h × ${HOURS_PER_MONTH} h`, monthlyUsd: node.pricePerMonth }],
      source: src ? `ec2instances.info ElastiCache data (${src.repository}@${src.commit.slice(0, 8)}, ${src.license}), data of ${src.snapshot}` : "skyweave catalog (ElastiCache)",
      assumptions: [
        "one on-demand node, no replica, no Multi-AZ",
        `${ELASTICACHE_RESERVED_MEMORY_PERCENT} % of node memory reserved (reserved-memory-percent default); the rest must hold the requested ${describeBytes(memory)}`,
        "data transfer and backup storage not included",
      ],
    },
  };
}

function rdsQuote(engine: "postgres" | "mysql", region: string, request: ManagedRequest): ManagedQuote {
  const classes = RDS_ON_DEMAND_SINGLE_AZ.filter((p) => p.engine === engine && p.region === region);
  const storagePrice = RDS_GP3_USD_PER_GB_MONTH[region];
  const name = engine === "postgres" ? "RDS for PostgreSQL" : "RDS for MySQL";
  if (classes.length === 0 || storagePrice === undefined) {
    return { ok: false, reason: `skyweave has no ${name} price for ${region} (RDS prices are entered by hand for us-east-1 only; the corpus has none)` };
  }
  const memory = request.memoryBytes ?? 0;
  const cpu = request.cpuMillicores ?? 0;
  const fits = classes
    .filter((p) => p.memoryGiB * GIB >= memory && p.vcpu * 1000 >= cpu)
    .sort((a, b) => a.pricePerHour - b.pricePerHour || a.memoryGiB - b.memoryGiB || (a.instanceClass < b.instanceClass ? -1 : 1));
  const best = fits[0];
  if (!best) {
    const largest = [...classes].sort((a, b) => b.memoryGiB - a.memoryGiB)[0]!;
    return { ok: false, reason: `no ${name} instance class skyweave prices in ${region} has ${describeBytes(memory)} and ${cpu}m CPU (the largest priced is ${largest.instanceClass}, ${largest.vcpu} vCPU, ${largest.memoryGiB} GiB)` };
  }
  const storageGiB = Math.max(RDS_MIN_STORAGE_GIB, Math.ceil((request.storageBytes ?? 0) / GIB));
  const instanceUsd = monthly(best.pricePerHour);
  const storageUsd = roundUsd(storageGiB * storagePrice);
  return {
    ok: true,
    offer: {
      kind: engine,
      service: "rds",
      region,
      instanceType: best.instanceClass,
      engine,
      monthlyUsd: roundUsd(instanceUsd + storageUsd),
      items: [
        { item: `1 × ${best.instanceClass} Single-AZ at $${best.pricePerHour}/h × ${HOURS_PER_MONTH} h`, monthlyUsd: instanceUsd },
        { item: `${storageGiB} GiB gp3 at $${storagePrice}/GB-month`, monthlyUsd: storageUsd },
      ],
      source: `AWS list prices from ${best.url} as of ${HAND_ENTERED_AS_OF}, entered by hand, not machine-verified (src/solver/catalog/managed-prices.ts)`,
      assumptions: [
        "on-demand, Single-AZ, no read replica",
        `storage is gp3, at least ${RDS_MIN_STORAGE_GIB} GiB`,
        "backup storage up to the database size is free; I/O beyond gp3's baseline, extra backups and data transfer not included",
        "burstable (t4g) classes bill CPU credits beyond their baseline; not included",
      ],
    },
  };
}

function sqsQuote(region: string, request: ManagedRequest): ManagedQuote {
  const price = SQS_STANDARD[region];
  if (!price) return { ok: false, reason: `skyweave has no SQS price for ${region} (SQS prices are entered by hand for us-east-1 only)` };
  const requests = request.requestsPerMonth ?? DEFAULT_SQS_REQUESTS_PER_MONTH;
  const billed = Math.max(0, requests - price.freeRequestsPerMonth);
  const usd = roundUsd((billed / 1_000_000) * price.usdPerMillionRequests);
  return {
    ok: true,
    offer: {
      kind: "queue",
      service: "sqs",
      region,
      monthlyUsd: usd,
      items: [{ item: `${requests.toLocaleString("en-US")} requests, first ${price.freeRequestsPerMonth.toLocaleString("en-US")} free, then $${price.usdPerMillionRequests}/million`, monthlyUsd: usd }],
      source: `AWS list price from https://aws.amazon.com/sqs/pricing/ as of ${HAND_ENTERED_AS_OF}, entered by hand, not machine-verified (src/solver/catalog/managed-prices.ts)`,
      assumptions: [
        request.requestsPerMonth === undefined
          ? `${DEFAULT_SQS_REQUESTS_PER_MONTH.toLocaleString("en-US")} requests a month: one consumer long-polling an empty queue (20 s waits); traffic adds to it`
          : `${requests.toLocaleString("en-US")} requests a month, as given`,
        "standard queue; the free tier (1 million requests a month) is per account and is counted for this queue alone",
        "each 64 KB of a message is one request; data transfer not included",
      ],
    },
  };
}

function s3Quote(region: string, request: ManagedRequest): ManagedQuote {
  const price = S3_STANDARD_USD_PER_GB_MONTH[region];
  if (price === undefined) return { ok: false, reason: `skyweave has no S3 price for ${region} (S3 prices are entered by hand for us-east-1 only)` };
  const gib = (request.storageBytes ?? 0) / GIB;
  const usd = roundUsd(gib * price);
  return {
    ok: true,
    offer: {
      kind: "bucket",
      service: "s3",
      region,
      monthlyUsd: usd,
      items: [{ item: `${roundUsd(gib)} GB S3 Standard at $${price}/GB-month`, monthlyUsd: usd }],
      source: `AWS list price from https://aws.amazon.com/s3/pricing/ as of ${HAND_ENTERED_AS_OF}, entered by hand, not machine-verified (src/solver/catalog/managed-prices.ts)`,
      assumptions: [
        `the bucket holds ${describeBytes(request.storageBytes ?? 0)} (the resource's storage size) in S3 Standard, first-50-TB tier`,
        "requests (PUT, GET, LIST) and data transfer not included",
      ],
    },
  };
}

function elastiCacheRegions(catalog: Catalog, engine: "redis" | "valkey"): string {
  const regions = catalog.regions().filter((r) => catalog.elastiCacheNodes(r, engine).length > 0);
  return regions.length > 0 ? regions.join(", ") : "no region";
}

function checkRequest(request: ManagedRequest): void {
  for (const key of ["cpuMillicores", "memoryBytes", "storageBytes", "requestsPerMonth"] as const) {
    const v = request[key];
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) throw new RangeError(`${key} must be a non-negative number, got ${v}`);
  }
}

function describeBytes(bytes: number): string {
  if (bytes >= GIB) return `${roundUsd(bytes / GIB)} GiB`;
  return `${roundUsd(bytes / 2 ** 20)} MiB`;
}
