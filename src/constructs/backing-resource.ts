/** What Postgres, MySql, Redis, Queue and Bucket share: connectable, placed managed or in-cluster. */
import type { Construct } from "constructs";
import { z } from "zod";
import type { AccessMode, Connectable } from "./connection.js";
import { Part, type PartKind, type PlacementProps } from "./part.js";
import { cpuSchema, memorySchema, placementSchema } from "./schemas.js";
import { requireAppScope } from "./scope.js";
import { validateProps } from "./validate-props.js";

/** Props every backing resource accepts. */
export interface BackingResourceProps {
  /** CPU the in-cluster server requests, and a sizing hint for a managed one. */
  readonly cpu?: string | number;
  /** Memory the in-cluster server requests, and a sizing hint for a managed one. */
  readonly memory?: string | number;
  /** CPU limit of the in-cluster server. Default: twice `cpu`. */
  readonly cpuLimit?: string | number;
  /** Memory limit of the in-cluster server. Default: equal to `memory`. */
  readonly memoryLimit?: string | number;
  /** Where the resource may run: pin it to a cluster (in-cluster) or an AWS target (managed). */
  readonly placement?: PlacementProps;
}

/** zod fields every backing resource validates. */
export const backingResourceFields = {
  cpu: cpuSchema.optional(),
  memory: memorySchema.optional(),
  cpuLimit: cpuSchema.optional(),
  memoryLimit: memorySchema.optional(),
  placement: placementSchema.optional(),
};

/** The kinds of backing resource. */
export type BackingResourceKind = Extract<PartKind, "postgres" | "mysql" | "redis" | "queue" | "bucket">;

/** How a kind of backing resource is described to the base class. */
export interface BackingResourceSpec<P extends BackingResourceProps> {
  readonly kind: BackingResourceKind;
  readonly className: string;
  readonly schema: z.ZodType<P>;
  readonly supportedAccess: readonly AccessMode[];
  readonly defaultAccess: AccessMode;
}

/** Base class of the backing resources. */
export abstract class BackingResource<P extends BackingResourceProps = BackingResourceProps> extends Part implements Connectable {
  /** @inheritdoc */
  readonly partKind: BackingResourceKind;
  /** The validated props, defaults not yet applied. */
  readonly props: P;
  /** @inheritdoc */
  readonly supportedAccess: readonly AccessMode[];
  /** @inheritdoc */
  readonly defaultAccess: AccessMode;

  protected constructor(scope: Construct, id: string, props: P | undefined, spec: BackingResourceSpec<P>) {
    requireAppScope(scope, id, spec.className);
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    const valid = validateProps(path, spec.className, spec.schema, props ?? {});
    super(scope, id, valid.placement);
    this.partKind = spec.kind;
    this.props = valid;
    this.supportedAccess = spec.supportedAccess;
    this.defaultAccess = spec.defaultAccess;
  }
}
