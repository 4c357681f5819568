/**
 * The Placement: where every part runs and why. The contract between placing an app and
 * emitting it; written to `stacks/<app>/placement.json`.
 */
import { z } from "zod";

/** The placement version this library writes and reads. */
export const PLACEMENT_VERSION = "skyweave.dev/v1alpha1" as const;

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
  /** The node pool of the cluster, for in-cluster parts. */
  nodePool: z.string().optional(),
  /** Why it runs there: the constraint or cost that decided it. */
  reason: z.string(),
});
/** Where one part runs. */
export type PartPlacement = z.infer<typeof PartPlacementSchema>;

/** What a node pool buys. */
export const PoolPlacementSchema = z.object({
  target: z.string(),
  pool: z.string(),
  /** Nodes of each instance type. Empty when no solver has sized the pool yet. */
  nodes: z.array(z.object({ instanceType: z.string(), count: z.number().int().min(0) })),
  /** Sum of the requests placed on the pool. */
  requests: z.object({ cpuMillicores: z.number().int().min(0), memoryBytes: z.number().int().min(0), gpus: z.number().int().min(0) }),
});
/** What a node pool buys. */
export type PoolPlacement = z.infer<typeof PoolPlacementSchema>;

/** The placement of a whole app. */
export const PlacementSchema = z.object({
  version: z.literal(PLACEMENT_VERSION),
  app: z.string(),
  /** How the placement was found. */
  method: z.string(),
  parts: z.array(PartPlacementSchema),
  pools: z.array(PoolPlacementSchema),
  /** Monthly cost in USD; absent when the method prices nothing. */
  monthlyCostUsd: z.number().optional(),
});
/** The placement of a whole app. */
export type Placement = z.infer<typeof PlacementSchema>;
