/** The parts of an app: workloads (services, workers, cron jobs) and backing resources. */
import { Construct } from "constructs";
import type { Target } from "../targets/target.js";

const PART_BRAND = Symbol.for("skyweave.part");

/** The kinds of part skyweave knows. */
export type PartKind = "service" | "worker" | "cronjob" | "postgres" | "mysql" | "redis" | "queue" | "bucket";

/** Where a part may run. Without it the solver chooses among all targets of the app. */
export interface PlacementProps {
  /** Targets the part may run on. Default: any target of the app. */
  readonly on?: Target[];
  /** Regions the part may run in, e.g. `["us-east-1"]`. Default: any. */
  readonly regions?: string[];
  /** Keep replicas apart: on different nodes, or spread over zones. */
  readonly spread?: "node" | "zone";
  /** GPUs each replica needs. */
  readonly gpu?: { readonly count: number; readonly model?: string };
}

/** Base class of every workload and backing resource. */
export abstract class Part extends Construct {
  /** What kind of part this is. */
  abstract readonly partKind: PartKind;
  /** The part's placement constraints (empty when the solver may choose freely). */
  readonly placement: PlacementProps;

  protected constructor(scope: Construct, id: string, placement: PlacementProps | undefined) {
    super(scope, id);
    this.placement = placement ?? {};
    Object.defineProperty(this, PART_BRAND, { value: true });
  }
}

/** True for any part, also one made by another copy of the library. */
export function isPart(x: unknown): x is Part {
  return typeof x === "object" && x !== null && (x as Record<symbol, unknown>)[PART_BRAND] === true;
}
