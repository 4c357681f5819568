/** The instance and managed-service catalog the placement solver prices with. */
export {
  HOURS_PER_MONTH,
  createCatalog,
  loadCatalog,
  monthly,
  roundUsd,
  type Catalog,
  type CatalogLookupContext,
  type CatalogOptions,
  type ElastiCacheNode,
  type InstanceType,
  type InstanceTypeInfo,
} from "./catalog.js";
export {
  allocatable,
  allocatableBreakdown,
  kubeReservedCpuMillicores,
  kubeReservedMemoryMiB,
  type Allocatable,
  type AllocatableBreakdown,
  type AllocatableOptions,
  type NodeShape,
} from "./allocatable.js";
export { managedOffer, managedQuote, managedRequestOf, type ManagedCostItem, type ManagedKind, type ManagedOffer, type ManagedOfferOptions, type ManagedQuote, type ManagedRequest } from "./managed.js";
export type { CatalogData, CatalogRegion, CatalogSource } from "./catalog-data.js";
export { fargateQuote, fargateTaskSize, fargateTasks, type FargateTaskSize } from "./fargate.js";
