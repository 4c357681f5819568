/** An AWS account region whose managed services (RDS, ElastiCache, SQS, S3, Fargate) parts may use. */
import type { Construct } from "constructs";
import { z } from "zod";
import { validateProps } from "../constructs/validate-props.js";
import { requireAppScope } from "../constructs/scope.js";
import { Target } from "./target.js";

/** Props of an `AwsTarget`. */
export interface AwsTargetProps {
  /** The AWS region, e.g. `us-east-1`. */
  readonly region: string;
}

const awsSchema = z.strictObject({
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: 'expected an AWS region such as "us-east-1"' }),
});

/**
 * AWS managed services in one region. Backing resources placed here become RDS,
 * ElastiCache, SQS and S3; workloads become ECS Fargate services.
 */
export class AwsTarget extends Target {
  /** @inheritdoc */
  readonly targetKind = "aws" as const;
  /** @inheritdoc */
  readonly region: string;

  constructor(scope: Construct, id: string, props: AwsTargetProps) {
    requireAppScope(scope, id, "AwsTarget");
    super(scope, id);
    this.region = validateProps(this.node.path, "AwsTarget", awsSchema, props).region;
  }
}
