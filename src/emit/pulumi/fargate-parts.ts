/**
 * The parts of a Fargate workload after its task (fargate-module.ts): the load balancer of a
 * public service, the ECS service with target-tracking autoscaling, and the EventBridge
 * Scheduler schedule of a cron job.
 */
import { AWS_NAME_LIMITS, autoNamed } from "../aws/auto-name.js";
import { ec2Description } from "../aws/ec2-description.js";
import { trustPolicy } from "../aws/literals.js";
import type { FargateSpec } from "../aws/resources.js";
import { identifier, str } from "./code.js";

/** Names shared by the blocks of one workload. */
export interface FargateNames {
  readonly n: string;
  readonly v: (suffix: string) => string;
  readonly aws: string;
  readonly net: string;
  readonly roles: string;
  readonly app: string;
}

/** The TLS policy of HTTPS listeners. */
export const ALB_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/** The config key of a public service's certificate (ACM ARN); without it the load balancer serves HTTP. */
export function certificateConfigKey(part: string): string {
  return `certificate-arn-${part}`;
}

/** An internet-facing ALB: 80 and 443 open to the world, nothing else; it reaches only the service's tasks on their port. */
export function renderLoadBalancer(f: FargateSpec, { n, v, net }: FargateNames, taskSg: string): string {
  const port = f.port!;
  return `
/** The load balancer's security group: HTTP and HTTPS from anywhere in; only the tasks' port out. */
const ${v("lb-security-group")} = new aws.ec2.SecurityGroup(${str(`${n}-lb`)}, { vpcId: ${net}.vpcId, description: ${str(ec2Description(`${f.path} load balancer`))} }, { provider });
for (const port of [80, 443]) {
  new aws.vpc.SecurityGroupIngressRule(\`${n}-lb-\${port}\`, { securityGroupId: ${v("lb-security-group")}.id, cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: port, toPort: port, description: "public" }, { provider });
}
new aws.vpc.SecurityGroupEgressRule(${str(`${n}-lb-to-tasks`)}, { securityGroupId: ${v("lb-security-group")}.id, referencedSecurityGroupId: ${taskSg}, ipProtocol: "tcp", fromPort: ${port}, toPort: ${port} }, { provider });
new aws.vpc.SecurityGroupIngressRule(${str(`${n}-tasks-from-lb`)}, { securityGroupId: ${taskSg}, referencedSecurityGroupId: ${v("lb-security-group")}.id, ipProtocol: "tcp", fromPort: ${port}, toPort: ${port}, description: "load balancer" }, { provider });

/** The load balancer, in the public subnets. */
export const ${v("load-balancer")} = new aws.lb.LoadBalancer(
  ${str(autoNamed(n, AWS_NAME_LIMITS.loadBalancer))},
  { loadBalancerType: "application", internal: false, securityGroups: [${v("lb-security-group")}.id], subnets: ${net}.publicSubnetIds, dropInvalidHeaderFields: true },
  { provider },
);
const ${v("targets")} = new aws.lb.TargetGroup(
  ${str(autoNamed(n, AWS_NAME_LIMITS.targetGroup))},
  { port: ${port}, protocol: "HTTP", targetType: "ip", vpcId: ${net}.vpcId, healthCheck: { path: ${str(f.healthCheckPath ?? "/")}, matcher: "200-399" } },
  { provider },
);
/** With a certificate (config ${str(certificateConfigKey(f.part))}), HTTPS on 443 and a redirect on 80; without one, HTTP on 80. */
const ${v("certificate-arn")} = config.get(${str(certificateConfigKey(f.part))});
const ${v("listeners")} = [
  new aws.lb.Listener(
    ${str(`${n}-http`)},
    {
      loadBalancerArn: ${v("load-balancer")}.arn,
      port: 80,
      protocol: "HTTP",
      defaultActions: [
        ${v("certificate-arn")}
          ? { type: "redirect", redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" } }
          : { type: "forward", targetGroupArn: ${v("targets")}.arn },
      ],
    },
    { provider },
  ),
  ...(${v("certificate-arn")}
    ? [
        new aws.lb.Listener(
          ${str(`${n}-https`)},
          {
            loadBalancerArn: ${v("load-balancer")}.arn,
            port: 443,
            protocol: "HTTPS",
            sslPolicy: ${str(ALB_TLS_POLICY)},
            certificateArn: ${v("certificate-arn")},
            defaultActions: [{ type: "forward", targetGroupArn: ${v("targets")}.arn }],
          },
          { provider },
        ),
      ]
    : []),
];
`;
}

/** The ECS service, and target tracking on CPU between `minTasks` and `maxTasks`. */
export function renderScaling(f: FargateSpec, { n, v, net }: FargateNames, taskSg: string): string {
  const lb = f.public && f.port !== undefined;
  const scales = f.maxTasks > f.minTasks;
  return `
/** ${f.minTasks} task(s)${scales ? `, scaled up to ${f.maxTasks} on CPU` : ""}; a failed deployment rolls back. */
export const ${v("service")} = new aws.ecs.Service(
  ${str(n)},
  {
    cluster: cluster.arn,
    taskDefinition: ${v("task")}.arn,
    desiredCount: ${f.minTasks},
    launchType: "FARGATE",
    networkConfiguration: { subnets: ${net}.privateSubnetIds, securityGroups: [${taskSg}], assignPublicIp: false },
    ${lb ? `loadBalancers: [{ targetGroupArn: ${v("targets")}.arn, containerName: ${str(f.part)}, containerPort: ${f.port} }],` : ""}
    deploymentCircuitBreaker: { enable: true, rollback: true },
    propagateTags: "SERVICE",
  },
  { provider${lb ? `, dependsOn: ${v("listeners")}` : ""}${scales ? ', ignoreChanges: ["desiredCount"]' : ""} },
);
${
  scales
    ? `const ${v("scaling")} = new aws.appautoscaling.Target(
  ${str(n)},
  {
    serviceNamespace: "ecs",
    scalableDimension: "ecs:service:DesiredCount",
    resourceId: pulumi.interpolate\`service/\${cluster.name}/\${${v("service")}.name}\`,
    minCapacity: ${f.minTasks},
    maxCapacity: ${f.maxTasks},
  },
  { provider },
);
new aws.appautoscaling.Policy(
  ${str(`${n}-cpu`)},
  {
    policyType: "TargetTrackingScaling",
    serviceNamespace: ${v("scaling")}.serviceNamespace,
    scalableDimension: ${v("scaling")}.scalableDimension,
    resourceId: ${v("scaling")}.resourceId,
    targetTrackingScalingPolicyConfiguration: {
      targetValue: ${f.cpuTargetPercent},
      predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
      scaleInCooldown: 120,
      scaleOutCooldown: 60,
    },
  },
  { provider },
);
${f.scheduledMinimums.map((step, i) => renderScheduledMinimum(f, n, v("scaling"), step, i)).join("")}`
    : ""
}`;
}

/** One step of the predictive schedule: from `cron` on, target tracking keeps at least `minTasks` tasks. */
function renderScheduledMinimum(f: FargateSpec, n: string, scaling: string, step: FargateSpec["scheduledMinimums"][number], i: number): string {
  return `new aws.appautoscaling.ScheduledAction(
  ${str(`${n}-floor-${i}`)},
  {
    serviceNamespace: ${scaling}.serviceNamespace,
    scalableDimension: ${scaling}.scalableDimension,
    resourceId: ${scaling}.resourceId,
    schedule: ${str(step.cron)},
    timezone: "UTC",
    scalableTargetAction: { minCapacity: ${step.minTasks}, maxCapacity: ${f.maxTasks} },
  },
  { provider },
);
`;
}

/**
 * An EventBridge Scheduler schedule that runs the task, and the role it may do exactly that with.
 * ECS authorizes RunTask against the revisioned task definition ARN, so the role names the
 * family's revisions (`<family ARN>:*`); the bare family ARN is denied (AWS ECS, October 2024).
 */
export function renderSchedule(f: FargateSpec, { n, v, net, roles }: FargateNames, taskSg: string, hasRole = false): string {
  const passRoles = [`${v("execution-role")}.arn`, ...(hasRole ? [`${roles}.${identifier(f.part, "role")}.arn`] : [])];
  return `
/** The role the scheduler runs the task with: run this task on this cluster, pass its roles. */
const ${v("scheduler-role")} = new aws.iam.Role(
  ${str(autoNamed(`${n}-scheduler`, AWS_NAME_LIMITS.iamRole))},
  { assumeRolePolicy: ${trustPolicy("scheduler.amazonaws.com")} },
  { provider },
);
new aws.iam.RolePolicy(
  ${str(`${n}-scheduler`)},
  {
    role: ${v("scheduler-role")}.id,
    policy: pulumi.jsonStringify({
      Version: "2012-10-17",
      Statement: [
        { Sid: "RunTask", Effect: "Allow", Action: ["ecs:RunTask"], Resource: [pulumi.interpolate\`\${${v("task")}.arnWithoutRevision}:*\`], Condition: { ArnEquals: { "ecs:cluster": cluster.arn } } },
        { Sid: "PassRoles", Effect: "Allow", Action: ["iam:PassRole"], Resource: [${passRoles.join(", ")}] },
      ],
    }),
  },
  { provider },
);
/** Runs ${f.path} on schedule ${str(f.schedule!)} (${f.timeZone}). */
export const ${v("schedule")} = new aws.scheduler.Schedule(
  ${str(n)},
  {
    scheduleExpression: ${str(f.schedule!)},
    scheduleExpressionTimezone: ${str(f.timeZone ?? "UTC")},
    flexibleTimeWindow: { mode: "OFF" },
    target: {
      arn: cluster.arn,
      roleArn: ${v("scheduler-role")}.arn,
      ecsParameters: {
        taskDefinitionArn: ${v("task")}.arn,
        launchType: "FARGATE",
        networkConfiguration: { subnets: ${net}.privateSubnetIds, securityGroups: [${taskSg}], assignPublicIp: false },
      },
      retryPolicy: { maximumRetryAttempts: 0 },
    },
  },
  { provider },
);
`;
}
