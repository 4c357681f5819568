/**
 * IAM least privilege from connections: the exact actions each access mode grants on a queue
 * or a bucket, and on which ARN. Nothing else is ever granted; no `*` action, no `*` resource.
 */
import type { ConnectionModel, ResourceModel } from "../../model/app-model.js";
import type { StatementSpec } from "./resources.js";

const SEND = ["sqs:SendMessage"];
const CONSUME = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"];

/** A statement id from a part name and a verb: `JobsSend`. */
function sid(part: string, verb: string): string {
  const words = `${part}-${verb}`.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
}

/**
 * The statements a connection to a queue or bucket needs, or none for other kinds (databases
 * and caches are reached over the network with a password, not IAM).
 */
export function connectionStatements(connection: ConnectionModel, resource: ResourceModel): StatementSpec[] {
  const part = resource.name;
  const { access } = connection;
  if (resource.kind === "queue") {
    const actions = access === "send" ? SEND : access === "consume" ? CONSUME : [...SEND, ...CONSUME];
    return [{ sid: sid(part, access), actions, resources: [{ part }] }];
  }
  if (resource.kind === "bucket") {
    const reads = access === "read" || access === "readwrite";
    const writes = access === "write" || access === "readwrite";
    const objectActions = [...(reads ? ["s3:GetObject"] : []), ...(writes ? ["s3:PutObject"] : [])];
    return [
      { sid: sid(part, `${access}-objects`), actions: objectActions, resources: [{ part, objects: true }] },
      ...(reads ? [{ sid: sid(part, "list"), actions: ["s3:ListBucket"], resources: [{ part }] }] : []),
    ];
  }
  return [];
}
