/**
 * Logical names of resources whose AWS name Pulumi derives from them: Pulumi appends `-` and
 * 7 random characters and refuses a name that would then exceed the AWS limit (pulumi-aws
 * autonaming: 32 for load balancers and target groups, 40 for ElastiCache replication groups,
 * 64 for IAM roles). A name that fits is kept as it is, so existing stacks keep their
 * resources; a longer one keeps its first characters and a hash of the whole.
 */
import { createHash } from "node:crypto";

/** The longest AWS names of the resources the stacks let Pulumi name. */
export const AWS_NAME_LIMITS = { loadBalancer: 32, targetGroup: 32, replicationGroup: 40, iamRole: 64 } as const;

/** What Pulumi appends to a logical name: `-` and 7 random characters. */
const AUTONAME_SUFFIX = 8;

/** `name`, or a shortened, still unique form of it, so that Pulumi's autoname stays within `limit` characters. */
export function autoNamed(name: string, limit: number): string {
  const room = limit - AUTONAME_SUFFIX;
  if (name.length <= room) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 6);
  return `${name.slice(0, room - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}
