/**
 * The shape of skyweave's committed catalog data (`aws-catalog.data.ts`), which
 * `build-catalog.ts` generates from `../shared/corpus/instance-catalog`. Plain data: the
 * solver reads it through `loadCatalog()` (catalog.ts), never directly.
 */

/** Version of the data layout; bump when a field changes meaning. */
export const CATALOG_DATA_FORMAT = 1 as const;

/** Where a set of numbers came from. */
export interface CatalogSource {
  /** Short id that other records refer to, e.g. `karpenter-aws-prices`. */
  readonly id: string;
  /** What skyweave takes from it. */
  readonly usedFor: string;
  /** `https://github.com/<owner>/<repo>`. */
  readonly repository: string;
  /** Path of the file in the repository. */
  readonly path: string;
  /** The commit the file was read at (40 hex digits). */
  readonly commit: string;
  /** Date of the data: the generated-at stamp or the commit that last changed the file (ISO date), when known. */
  readonly snapshot: string;
  /** SPDX license id of the upstream file. */
  readonly license: string;
  /** How the value reached skyweave (the corpus CSV that carries it, or the vendored file). */
  readonly via: string;
}

/** Where the on-demand prices of one region come from. */
export interface CatalogRegion {
  readonly region: string;
  /** Id of a `CatalogSource`. */
  readonly priceSource: string;
  /** Date of that source's prices (ISO date). */
  readonly priceSnapshot: string;
}

/** One EC2 instance type: its nominal shape (the same in every region) and its prices. */
export interface CatalogInstanceTypeData {
  /** E.g. `m7i.large`. */
  readonly name: string;
  /** E.g. `m7i`. */
  readonly family: string;
  /** Default vCPUs (DescribeInstanceTypes `VCpuInfo.DefaultVCpus`). */
  readonly vcpu: number;
  /** Nominal memory in MiB (DescribeInstanceTypes `MemoryInfo.SizeInMiB`). */
  readonly memoryMiB: number;
  /** NVIDIA GPUs (Kubernetes resource `nvidia.com/gpu`). */
  readonly gpus: number;
  /** GPU model as Karpenter labels it (`a10g`, `l4`, `a100`, `h100`), present when `gpus > 0`. */
  readonly gpuModel?: string;
  /** AWS Neuron devices (Kubernetes resource `aws.amazon.com/neuron`, Inferentia2), present on inf2 only. */
  readonly neuronDevices?: number;
  /** Neuron device model (`inferentia2`). */
  readonly neuronModel?: string;
  readonly arch: "amd64" | "arm64";
  /** Max pods with the VPC CNI's default (secondary IP) mode: ENIs × (IPv4 per ENI − 1) + 2. */
  readonly eniMaxPods: number;
  /** On-demand Linux USD per hour, by region (sorted by region). A region absent here does not offer the type in the catalog. */
  readonly pricePerHour: Readonly<Record<string, number>>;
}

/** One ElastiCache node type's on-demand price in one region for one engine. */
export interface CatalogElastiCacheNodeData {
  readonly engine: "redis" | "valkey";
  readonly region: string;
  /** E.g. `cache.t4g.micro`. */
  readonly nodeType: string;
  readonly vcpu: number;
  /** Node memory in GiB as ec2instances.info lists it (e.g. 0.5, 1.37, 6.38). */
  readonly memoryGiB: number;
  /** USD per node-hour. */
  readonly pricePerHour: number;
}

/** The whole committed catalog. */
export interface CatalogData {
  readonly format: typeof CATALOG_DATA_FORMAT;
  readonly provider: "aws";
  readonly sources: readonly CatalogSource[];
  readonly regions: readonly CatalogRegion[];
  readonly instanceTypes: readonly CatalogInstanceTypeData[];
  /** Id of the `CatalogSource` of `elastiCache`. */
  readonly elastiCacheSource: string;
  readonly elastiCache: readonly CatalogElastiCacheNodeData[];
}

/** Freezes a plain JSON-like value and everything in it; returns it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}
