/**
 * A target is somewhere parts of an app can run: a Kubernetes cluster or an AWS account
 * region with managed services. Targets are constructs, children of the `App`.
 */
import { Construct } from "constructs";

const TARGET_BRAND = Symbol.for("skyweave.target");

/** The kinds of target skyweave knows. */
export type TargetKind = "kubernetes" | "aws";

/** Base class of every target. */
export abstract class Target extends Construct {
  /** What kind of target this is. */
  abstract readonly targetKind: TargetKind;
  /** The cloud region the target lives in, e.g. `us-east-1`. */
  abstract readonly region: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    Object.defineProperty(this, TARGET_BRAND, { value: true });
  }
}

/** True for any target construct, also one made by another copy of the library. */
export function isTarget(x: unknown): x is Target {
  return typeof x === "object" && x !== null && (x as Record<symbol, unknown>)[TARGET_BRAND] === true;
}
