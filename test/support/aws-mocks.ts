/**
 * What AWS would return for the resources and data sources an emitted program uses, for
 * Pulumi's mocks (mocks-entry.ts): ARNs that name the resource (so IAM policy documents can be
 * checked against them), endpoints, and the availability zones of a region.
 */

/** The account id of every mocked ARN. */
export const MOCK_ACCOUNT = "123456789012";

/** Mock ARN of a resource: `arn:aws:<service>:<region>:<account>:<type>/<name>`. */
export function mockArn(type: string, name: string, region = "us-east-1"): string {
  const [, service = "aws", kind = "resource"] = /^aws:([a-z0-9]+)\/([A-Za-z0-9]+):/.exec(type) ?? [];
  if (type === "aws:sqs/queue:Queue") return `arn:aws:sqs:${region}:${MOCK_ACCOUNT}:${name}`;
  if (type === "aws:s3/bucket:Bucket") return `arn:aws:s3:::${name}`;
  if (service === "iam") return `arn:aws:iam::${MOCK_ACCOUNT}:${kind}/${name}`;
  return `arn:aws:${service}:${region}:${MOCK_ACCOUNT}:${kind}/${name}`;
}

/** Outputs AWS computes for a resource, added to its inputs in the mocked state. */
export function awsMockOutputs(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  if (!type.startsWith("aws:")) return {};
  const out: Record<string, unknown> = { arn: mockArn(type, name), ...(inputs["name"] === undefined ? { name } : {}) };
  switch (type) {
    case "aws:eks/cluster:Cluster":
      out["endpoint"] = `https://${name}.mock.eks.amazonaws.com`;
      out["certificateAuthority"] = { data: "TW9ja0NlcnRpZmljYXRlQXV0aG9yaXR5" };
      out["vpcConfig"] = { ...(inputs["vpcConfig"] as object), clusterSecurityGroupId: `sg-${name}-cluster` };
      break;
    case "aws:rds/instance:Instance":
      out["address"] = `${name}.mock.us-east-1.rds.amazonaws.com`;
      break;
    case "aws:elasticache/replicationGroup:ReplicationGroup":
      out["primaryEndpointAddress"] = `master.${name}.mock.cache.amazonaws.com`;
      break;
    case "aws:sqs/queue:Queue":
      out["url"] = `https://sqs.us-east-1.amazonaws.com/${MOCK_ACCOUNT}/${name}`;
      break;
    case "aws:cloudwatch/logGroup:LogGroup":
      out["arn"] = `arn:aws:logs:us-east-1:${MOCK_ACCOUNT}:log-group:${String(inputs["name"] ?? name)}`;
      break;
    case "aws:ecs/taskDefinition:TaskDefinition":
      out["arnWithoutRevision"] = out["arn"];
      out["arn"] = `${String(out["arn"])}:1`;
      break;
    case "aws:s3/bucket:Bucket":
      out["bucket"] = `${String(inputs["bucketPrefix"] ?? "")}mock`;
      out["arn"] = mockArn(type, out["bucket"] as string);
      break;
  }
  return out;
}

/** Results of the AWS data sources emitted programs call. */
export function awsMockCall(token: string, inputs: Record<string, unknown>): Record<string, unknown> | undefined {
  if (token === "aws:index/getAvailabilityZones:getAvailabilityZones") {
    return { ...inputs, names: ["us-east-1a", "us-east-1b", "us-east-1c"], zoneIds: ["use1-az1", "use1-az2", "use1-az4"], id: "us-east-1" };
  }
  return undefined;
}
