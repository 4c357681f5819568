/**
 * The Placement: where every part runs, what every node pool buys, what it costs, how far that
 * is from the best possible, and why. The contract between placing an app and emitting it;
 * written to `stacks/<app>/placement.json`.
 */
import { z } from "zod";

/** The placement version this library writes and reads. */
export const PLACEMENT_VERSION = "skyweave.dev/v1alpha2" as const;

/** A choice the solver did not make, and why not. */
export const AlternativeSchema = z.object({
  /** What the alternative is, e.g. `managed on aws (ElastiCache cache.t4g.micro)` or `cluster edge`. */
  option: z.string(),
  /** How much more per month the whole app would cost with it (USD), when it is feasible. */
  extraMonthlyUsd: z.number().optional(),
  /** The constraint it breaks, when it is infeasible. */
  breaks: z.string().optional(),
});
/** A choice the solver did not make, and why not. */
export type Alternative = z.infer<typeof AlternativeSchema>;

/** Where one part runs. */
export const PartPlacementSchema = z.object({
  /** The part's name in the model. */
  part: z.string(),
  /** Its construct path. */
  path: z.string(),
  /** The target id it runs on. */
  target: z.string(),
  /** `in-cluster`: pods on a Kubernetes cluster; `managed`: a managed service of a cloud target. */
  mode: z.enum(["in-cluster", "managed"]),
  /** The region it runs in. */
  region: z.string(),
  /** Node pools its replicas run in (in-cluster parts). */
  nodePools: z.array(z.string()),
  /** Replicas placed (in-cluster parts). */
  replicas: z.number().int().min(0),
  /** The managed service and size (managed parts), e.g. `ElastiCache cache.t4g.micro`. */
  service: z.string().optional(),
  /** Monthly cost attributed to the part (its share of node costs, or its managed price). */
  monthlyUsd: z.number(),
  /** Why it runs there: the constraint or the cost that decided it. */
  reason: z.string(),
  /** The cheapest alternatives and why they were rejected. */
  alternatives: z.array(AlternativeSchema),
});
/** Where one part runs. */
export type PartPlacement = z.infer<typeof PartPlacementSchema>;

const ResourceSumSchema = z.object({
  cpuMillicores: z.number().int().min(0),
  memoryBytes: z.number().int().min(0),
  gpus: z.number().int().min(0),
  pods: z.number().int().min(0),
});

/** One node bought, and the replicas on it. */
export const NodePlacementSchema = z.object({
  /** A stable name within the pool, e.g. `general-1`. */
  name: z.string(),
  instanceType: z.string(),
  /** Replicas on this node, by part name. */
  parts: z.record(z.string(), z.number().int().positive()),
});
/** One node bought. */
export type NodePlacement = z.infer<typeof NodePlacementSchema>;

/** What a node pool buys. */
export const PoolPlacementSchema = z.object({
  target: z.string(),
  pool: z.string(),
  region: z.string(),
  /** Nodes of each instance type (only types with at least one node). */
  nodes: z.array(z.object({ instanceType: z.string(), count: z.number().int().min(1), monthlyUsdEach: z.number() })),
  /** Every node, with the replicas on it. */
  assignment: z.array(NodePlacementSchema),
  /** Sum of the requests placed on the pool. */
  requests: ResourceSumSchema,
  /** Sum of the allocatable capacity of its nodes. */
  allocatable: ResourceSumSchema,
  /** requests / allocatable per resource, 0..1 (0 when the pool buys nothing). */
  utilisation: z.object({ cpu: z.number(), memory: z.number(), gpus: z.number(), pods: z.number() }),
  monthlyUsd: z.number(),
});
/** What a node pool buys. */
export type PoolPlacement = z.infer<typeof PoolPlacementSchema>;

/** The cost of the placement and the proof of its quality. */
export const CostSchema = z.object({
  /** Nodes plus managed services, USD per month (730 hours). */
  monthlyUsd: z.number(),
  nodesMonthlyUsd: z.number(),
  managedMonthlyUsd: z.number(),
  /** A proven lower bound on the monthly cost of any placement of this app on these targets. */
  lowerBoundUsd: z.number(),
  /** (cost − bound) / cost, 0 when proven optimal. */
  gap: z.number(),
  provenOptimal: z.boolean(),
});
/** The cost of the placement. */
export type Cost = z.infer<typeof CostSchema>;

/** The placement of a whole app. */
export const PlacementSchema = z.object({
  version: z.literal(PLACEMENT_VERSION),
  app: z.string(),
  /** How the placement was found, e.g. `heuristic + column generation (HiGHS)`. */
  method: z.string(),
  /** Where the prices come from. */
  priceSource: z.string(),
  parts: z.array(PartPlacementSchema),
  pools: z.array(PoolPlacementSchema),
  cost: CostSchema,
});
/** The placement of a whole app. */
export type Placement = z.infer<typeof PlacementSchema>;
