/** An object store bucket: S3 when managed, an S3-compatible store (MinIO) in a cluster. */
import type { Construct } from "constructs";
import { z } from "zod";
import { BackingResource, backingResourceFields, type BackingResourceProps } from "./backing-resource.js";
import { storageGiBSchema } from "./schemas.js";

/** Props of a `Bucket`. */
export interface BucketProps extends BackingResourceProps {
  /** Disk size of the in-cluster store in GiB. Default 20. */
  readonly storageGiB?: number;
}

const bucketSchema = z.strictObject({
  ...backingResourceFields,
  storageGiB: storageGiBSchema.optional(),
});

/**
 * A bucket of objects. Connect with `"read"`, `"write"` or `"readwrite"`; connected
 * workloads get `<ID>_ENDPOINT`, `<ID>_BUCKET` and credentials.
 */
export class Bucket extends BackingResource<BucketProps> {
  constructor(scope: Construct, id: string, props?: BucketProps) {
    super(scope, id, props, { kind: "bucket", className: "Bucket", schema: bucketSchema, supportedAccess: ["read", "write", "readwrite"], defaultAccess: "readwrite" });
  }
}
