/** A message queue: SQS when managed, NATS JetStream in a cluster. */
import type { Construct } from "constructs";
import { z } from "zod";
import { BackingResource, backingResourceFields, type BackingResourceProps } from "./backing-resource.js";

/** Props of a `Queue`. */
export interface QueueProps extends BackingResourceProps {
  /** How long an unconsumed message is kept, in seconds. Default 4 days (345600). */
  readonly retentionSeconds?: number;
}

const queueSchema = z.strictObject({
  ...backingResourceFields,
  retentionSeconds: z.number().int().min(60).max(1_209_600, { message: "expected at most 14 days (1209600 s)" }).optional(),
});

/**
 * A queue. Connect producers with `"send"`, consumers with `"consume"` (or `"readwrite"` for
 * both); connected workloads get `<ID>_URL` and `<ID>_NAME`.
 */
export class Queue extends BackingResource<QueueProps> {
  constructor(scope: Construct, id: string, props?: QueueProps) {
    super(scope, id, props, { kind: "queue", className: "Queue", schema: queueSchema, supportedAccess: ["send", "consume", "readwrite"], defaultAccess: "readwrite" });
  }
}
