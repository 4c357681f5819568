/** The plain-data shape of a Kubernetes object, as the emitters build it and cdk8s renders it. */

/** A Kubernetes object as plain data: what cdk8s renders. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  readonly [field: string]: unknown;
}
