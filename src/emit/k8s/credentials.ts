/**
 * The credentials Secrets a cluster needs. Their values are never rendered into YAML: the
 * Pulumi program creates them from `@pulumi/random` passwords, which Pulumi keeps encrypted
 * in its state.
 */
import type { AppModel, ResourceModel } from "../../model/app-model.js";
import type { Placement } from "../../solver/placement.js";
import { BACKENDS, type SecretKeySpec } from "./backends.js";
import { credentialsSecretName } from "./labels.js";

/** One Secret the program creates. */
export interface CredentialsSecret {
  /** The backing resource whose credentials these are. */
  readonly resource: ResourceModel;
  /** The Secret's name in the namespace. */
  readonly secretName: string;
  /** Its keys: random passwords or fixed values. */
  readonly keys: readonly SecretKeySpec[];
}

/** The credentials Secrets of the resources placed in-cluster on `targetId`, in model order. */
export function clusterCredentials(model: AppModel, placement: Placement, targetId: string): CredentialsSecret[] {
  const inCluster = new Set(placement.parts.filter((p) => p.target === targetId && p.mode === "in-cluster").map((p) => p.part));
  return model.resources
    .filter((r) => r.auth && inCluster.has(r.name))
    .map((r) => ({ resource: r, secretName: credentialsSecretName(r.name), keys: BACKENDS[r.kind].secretKeys }));
}
