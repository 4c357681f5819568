/**
 * The catalog the placement solver prices nodes with: AWS instance types per region, their
 * on-demand prices, their allocatable resources, and ElastiCache node prices. Built from the
 * committed data in `aws-catalog.data.ts` (no network, no ../shared at run time).
 */
import { InputError } from "../../errors.js";
import { allocatableBreakdown, type Allocatable, type AllocatableBreakdown, type AllocatableOptions } from "./allocatable.js";
import { AWS_CATALOG_DATA } from "./aws-catalog.data.js";
import type { CatalogData, CatalogElastiCacheNodeData, CatalogInstanceTypeData, CatalogRegion, CatalogSource } from "./catalog-data.js";

/**
 * Hours in a month for monthly prices: 8,760 hours a year / 12 = 730, the month the AWS Pricing
 * Calculator (https://calculator.aws/) and AWS's pricing-page examples bill an always-on
 * resource for.
 */
export const HOURS_PER_MONTH = 730;

/** USD per month (730 h) for a price in USD per hour, rounded to a millionth of a dollar. */
export function monthly(pricePerHour: number): number {
  return roundUsd(pricePerHour * HOURS_PER_MONTH);
}

/** Rounds a USD amount to a millionth of a dollar (removes float noise, keeps sums deterministic). */
export function roundUsd(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}

/** One instance type in one region, with its price and what a node of it can run. */
export interface InstanceType {
  /** E.g. `m7i.large`. */
  readonly name: string;
  /** E.g. `m7i`. */
  readonly family: string;
  readonly region: string;
  readonly vcpu: number;
  /** Nominal memory in bytes. */
  readonly memoryBytes: number;
  /** NVIDIA GPUs. */
  readonly gpus: number;
  /** GPU model (`a10g`, `l4`, `a100`, `h100`), or undefined without GPUs. */
  readonly gpuModel: string | undefined;
  /** AWS Neuron devices (inf2), 0 elsewhere. Not GPUs: Kubernetes resource `aws.amazon.com/neuron`. */
  readonly neuronDevices: number;
  readonly arch: "amd64" | "arm64";
  /** On-demand Linux USD per hour. */
  readonly pricePerHour: number;
  /** `pricePerHour × HOURS_PER_MONTH`. */
  readonly pricePerMonth: number;
  /** Id of the catalog source of the price, and the date of its data. */
  readonly priceSource: string;
  readonly priceSnapshot: string;
  /** What the scheduler can hand out on one node of this type. */
  readonly allocatable: Allocatable;
  /** How `allocatable` was derived, for explanations. */
  readonly allocatableBreakdown: AllocatableBreakdown;
}

/** Another name for `InstanceType` (the solver's modules use it). */
export type InstanceTypeInfo = InstanceType;

/** An ElastiCache node type priced in one region for one engine. */
export interface ElastiCacheNode {
  readonly engine: "redis" | "valkey";
  readonly region: string;
  readonly nodeType: string;
  readonly vcpu: number;
  /** Node memory in bytes (ec2instances.info's GiB × 2^30, rounded down). */
  readonly memoryBytes: number;
  readonly pricePerHour: number;
  readonly pricePerMonth: number;
}

/** Where a lookup comes from, for error messages. */
export interface CatalogLookupContext {
  /** The construct path, e.g. `shop/main`. */
  readonly where?: string;
  /** The prop, e.g. `nodePools[0].instanceTypes[1]`. */
  readonly prop?: string;
}

/** The catalog API the solver uses. */
export interface Catalog {
  readonly provider: "aws";
  /** Upstream sources of the data, with commits and licenses. */
  readonly sources: readonly CatalogSource[];
  /** One line saying where the EC2 prices of each region come from and of when, for placement.json. */
  readonly priceSource: string;
  /** Regions with EC2 prices, sorted. */
  regions(): readonly string[];
  /** Where a region's EC2 prices come from, or undefined for a region the catalog does not know. */
  region(region: string): CatalogRegion | undefined;
  /** The instance type in the region, or undefined when the catalog does not price it there. */
  instanceType(region: string, name: string): InstanceType | undefined;
  /** Every instance type priced in the region (by family, then size); empty for an unknown region. */
  instanceTypes(region: string): readonly InstanceType[];
  /** Throws an `InputError` (exit 1) unless the catalog knows the region. */
  requireRegion(region: string, context?: CatalogLookupContext): void;
  /** The instance type, or an `InputError` (exit 1) naming the construct path and near matches. */
  requireInstanceType(region: string, name: string, context?: CatalogLookupContext): InstanceType;
  /** ElastiCache node types of an engine in a region, cheapest first; empty when none is priced. */
  elastiCacheNodes(region: string, engine: "redis" | "valkey"): readonly ElastiCacheNode[];
}

/** Options of `loadCatalog()`: how nodes are configured, which changes allocatable. */
export type CatalogOptions = AllocatableOptions;

let defaultCatalog: Catalog | undefined;

/** skyweave's AWS catalog from the committed data. Same options, same (cached) catalog. */
export function loadCatalog(options: CatalogOptions = {}): Catalog {
  if (options.maxPods === undefined && options.vmMemoryOverheadPercent === undefined) {
    defaultCatalog ??= createCatalog(AWS_CATALOG_DATA);
    return defaultCatalog;
  }
  return createCatalog(AWS_CATALOG_DATA, options);
}

/** A catalog over the given data (tests use small hand-made data). */
export function createCatalog(data: CatalogData, options: CatalogOptions = {}): Catalog {
  const GIB = 2 ** 30;
  const regionInfo = new Map(data.regions.map((r) => [r.region, r]));
  const regionNames = Object.freeze([...regionInfo.keys()].sort());
  const typesByName = new Map(data.instanceTypes.map((t) => [t.name, t]));
  const byRegion = new Map<string, Map<string, InstanceType>>();
  for (const region of regionNames) {
    const info = regionInfo.get(region)!;
    const types = new Map<string, InstanceType>();
    for (const t of data.instanceTypes) {
      const price = t.pricePerHour[region];
      if (price !== undefined) types.set(t.name, instanceTypeOf(t, info, price, options));
    }
    byRegion.set(region, types);
  }
  const listByRegion = new Map([...byRegion].map(([region, types]) => [region, Object.freeze([...types.values()])]));
  const cache = new Map<string, ElastiCacheNode[]>();
  for (const n of data.elastiCache) {
    const key = `${n.region} ${n.engine}`;
    const list = cache.get(key) ?? [];
    list.push(elastiCacheNodeOf(n, GIB));
    cache.set(key, list);
  }
  for (const list of cache.values()) {
    list.sort((a, b) => a.pricePerHour - b.pricePerHour || a.memoryBytes - b.memoryBytes || (a.nodeType < b.nodeType ? -1 : a.nodeType > b.nodeType ? 1 : 0));
    Object.freeze(list);
  }

  const requireRegion = (region: string, context: CatalogLookupContext = {}): void => {
    if (regionInfo.has(region)) return;
    const near = nearMatches(region, regionNames);
    throw new InputError(`${prefix(context)}region "${region}" is not in skyweave's AWS catalog${near.length > 0 ? `; did you mean ${orList(near)}?` : ""}`, {
      ...(context.where !== undefined ? { where: context.where } : {}),
      fix: `use a region the catalog prices: ${regionNames.join(", ")}.`,
    });
  };

  const catalog: Catalog = {
    provider: "aws",
    sources: data.sources,
    priceSource: describePriceSources(data),
    regions: () => regionNames,
    region: (region) => regionInfo.get(region),
    instanceType: (region, name) => byRegion.get(region)?.get(name),
    instanceTypes: (region) => listByRegion.get(region) ?? Object.freeze([]),
    requireRegion,
    requireInstanceType(region, name, context = {}) {
      requireRegion(region, context);
      const found = byRegion.get(region)!.get(name);
      if (found) return found;
      const inRegion = [...byRegion.get(region)!.keys()];
      const elsewhere = typesByName.has(name) ? Object.keys(typesByName.get(name)!.pricePerHour) : [];
      const near = suggestTypes(name, inRegion);
      const head =
        elsewhere.length > 0
          ? `instance type "${name}" has no price in ${region} in skyweave's AWS catalog (it is priced in ${elsewhere.join(", ")})`
          : `instance type "${name}" is not in skyweave's AWS catalog`;
      const fix =
        elsewhere.length > 0
          ? `use an instance type priced in ${region}${near.length > 0 ? ` such as ${orList(near)}` : ""}, or put the cluster in ${orList(elsewhere)}.`
          : `use an instance type the catalog prices in ${region} (families: ${[...new Set(inRegion.map((n) => n.split(".")[0]!))].join(", ")}).`;
      throw new InputError(`${prefix(context)}${head}${near.length > 0 ? `; did you mean ${orList(near)}?` : ""}`, {
        ...(context.where !== undefined ? { where: context.where } : {}),
        fix,
      });
    },
    elastiCacheNodes: (region, engine) => cache.get(`${region} ${engine}`) ?? Object.freeze([]),
  };
  return Object.freeze(catalog);
}

/** E.g. "AWS on-demand Linux list prices: us-east-1 from https://github.com/aws/karpenter-provider-aws@1d927085 (2026-07-20); …". */
function describePriceSources(data: CatalogData): string {
  const bySource = new Map<string, string[]>();
  for (const r of data.regions) bySource.set(r.priceSource, [...(bySource.get(r.priceSource) ?? []), r.region]);
  const parts = [...bySource].map(([id, regions]) => {
    const s = data.sources.find((x) => x.id === id);
    const from = s ? `${s.repository}@${s.commit.slice(0, 8)} (${s.license}, data of ${s.snapshot})` : id;
    return `${regions.join(", ")} from ${from}`;
  });
  return `AWS on-demand Linux list prices, USD, ${HOURS_PER_MONTH} h/month: ${parts.join("; ")}`;
}

function instanceTypeOf(t: CatalogInstanceTypeData, region: CatalogRegion, pricePerHour: number, options: CatalogOptions): InstanceType {
  const breakdown = allocatableBreakdown(t, options);
  return Object.freeze({
    name: t.name,
    family: t.family,
    region: region.region,
    vcpu: t.vcpu,
    memoryBytes: t.memoryMiB * 1024 * 1024,
    gpus: t.gpus,
    gpuModel: t.gpuModel,
    neuronDevices: t.neuronDevices ?? 0,
    arch: t.arch,
    pricePerHour,
    pricePerMonth: monthly(pricePerHour),
    priceSource: region.priceSource,
    priceSnapshot: region.priceSnapshot,
    allocatable: Object.freeze({ ...breakdown.allocatable }),
    allocatableBreakdown: Object.freeze({ ...breakdown, allocatable: Object.freeze({ ...breakdown.allocatable }) }),
  });
}

function elastiCacheNodeOf(n: CatalogElastiCacheNodeData, gib: number): ElastiCacheNode {
  return Object.freeze({
    engine: n.engine,
    region: n.region,
    nodeType: n.nodeType,
    vcpu: n.vcpu,
    memoryBytes: Math.floor(n.memoryGiB * gib),
    pricePerHour: n.pricePerHour,
    pricePerMonth: monthly(n.pricePerHour),
  });
}

function prefix(context: CatalogLookupContext): string {
  return context.prop !== undefined ? `${context.prop}: ` : "";
}

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

/** Up to three candidates within edit distance 2 of `name`, closest first. */
export function nearMatches(name: string, candidates: readonly string[], max = 3): string[] {
  const wanted = name.toLowerCase();
  return candidates
    .map((c) => ({ c, d: editDistance(wanted, c) }))
    .filter(({ d }) => d <= 2)
    .sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : a.c > b.c ? 1 : 0))
    .slice(0, max)
    .map(({ c }) => c);
}

/** Near matches by spelling; failing that, the same size in other families, then the family's other sizes. */
function suggestTypes(name: string, inRegion: readonly string[]): string[] {
  const near = nearMatches(name, inRegion);
  if (near.length > 0) return near;
  const [family, size] = name.toLowerCase().split(".");
  const sameSize = inRegion.filter((n) => n.split(".")[1] === size).slice(0, 3);
  if (sameSize.length > 0) return sameSize;
  return inRegion.filter((n) => n.split(".")[0] === family).slice(0, 3);
}

/** Levenshtein distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}
