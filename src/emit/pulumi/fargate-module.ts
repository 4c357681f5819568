/**
 * Renders `fargate-<target>.ts`: the workloads the solver put on an AwsTarget, on ECS Fargate.
 * Per workload: a log group with retention, an execution role that may write exactly its logs
 * and read exactly its secrets, a task definition of a valid Fargate size, and then a service
 * with target-tracking autoscaling (behind an ALB open on 80/443 only when public), or an
 * EventBridge Scheduler schedule that runs the task (cron jobs).
 */
import { AWS_NAME_LIMITS, autoNamed } from "../aws/auto-name.js";
import { stringList, trustPolicy } from "../aws/literals.js";
import { awsImport, awsModuleFile, importPath, networkImport, networkModuleFile, ROLES_MODULE_FILE } from "../aws/module-names.js";
import { dataVariables, taskSecurityGroupVariable } from "../aws/render-data.js";
import type { AwsResources, FargateSpec, TaskEnvSpec } from "../aws/resources.js";
import { TS_HEADER, identifier, str } from "./code.js";
import { renderLoadBalancer, renderScaling, renderSchedule, type FargateNames } from "./fargate-parts.js";

/** What the module needs. */
export interface FargateModuleInput {
  readonly resources: AwsResources;
  readonly target: { readonly id: string; readonly path: string; readonly region: string };
}


function envEntries(f: FargateSpec, aws: string): { environment: string[]; secrets: string[]; secretArns: string[] } {
  const environment: string[] = [];
  const secrets: string[] = [];
  const secretArns = new Set<string>();
  const add = (e: TaskEnvSpec): void => {
    if ("value" in e) environment.push(`{ name: ${str(e.name)}, value: ${str(e.value)} }`);
    else if ("output" in e) environment.push(`{ name: ${str(e.name)}, value: ${aws}.${dataVariables(e.output.part).resource}.${e.output.field} }`);
    else {
      const arn = `${aws}.${identifier(e.secret.part, "secret")}.arn`;
      secretArns.add(arn);
      secrets.push(`{ name: ${str(e.name)}, valueFrom: pulumi.interpolate\`\${${arn}}:${e.secret.key}::\` }`);
    }
  };
  f.env.forEach(add);
  return { environment, secrets, secretArns: [...secretArns] };
}

function taskBlock(f: FargateSpec, names: FargateNames, hasRole: boolean): string {
  const { n, v, aws, roles, app } = names;
  const { environment, secrets, secretArns } = envEntries(f, aws);
  const container = [
    `name: ${str(f.part)}`,
    `image: ${str(f.image)}`,
    "essential: true",
    ...(f.command ? [`entryPoint: ${stringList(f.command)}`] : []),
    ...(f.args ? [`command: ${stringList(f.args)}`] : []),
    `user: ${str(`${f.runAsUser}:${f.runAsUser}`)}`,
    `readonlyRootFilesystem: ${f.readOnlyRootFilesystem}`,
    ...(f.readOnlyRootFilesystem ? ['mountPoints: [{ sourceVolume: "tmp", containerPath: "/tmp" }]'] : []),
    ...(f.port !== undefined ? [`portMappings: [{ containerPort: ${f.port}, protocol: "tcp" }]`] : []),
    `environment: [${environment.length > 0 ? `\n          ${environment.join(",\n          ")},\n        ` : ""}]`,
    `secrets: [${secrets.length > 0 ? `\n          ${secrets.join(",\n          ")},\n        ` : ""}]`,
    `logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": ${v("logs")}.name, "awslogs-region": ${str(f.region)}, "awslogs-stream-prefix": ${str(f.part)} } }`,
  ];
  const executionStatements = [
    `{ Sid: "WriteLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [pulumi.interpolate\`\${${v("logs")}.arn}:*\`] }`,
    ...(secretArns.length > 0 ? [`{ Sid: "ReadSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [${secretArns.join(", ")}] }`] : []),
  ];
  return `// ---- ${f.path}: ${f.kind === "cronjob" ? "a scheduled task" : f.public ? "a service behind a load balancer" : f.kind === "service" ? "a private service" : "a worker"} on Fargate, ${f.cpu / 1024} vCPU / ${f.memoryMiB} MiB

/** Its logs, kept ${f.logRetentionDays} days. */
const ${v("logs")} = new aws.cloudwatch.LogGroup(${str(n)}, { name: ${str(`/skyweave/${app}/${f.part}`)}, retentionInDays: ${f.logRetentionDays} }, { provider });

/** The role ECS uses to start the task: write its logs, read its secrets; nothing else. */
const ${v("execution-role")} = new aws.iam.Role(
  ${str(autoNamed(`${n}-execution`, AWS_NAME_LIMITS.iamRole))},
  { assumeRolePolicy: ${trustPolicy("ecs-tasks.amazonaws.com")} },
  { provider },
);
new aws.iam.RolePolicy(
  ${str(`${n}-execution`)},
  {
    role: ${v("execution-role")}.id,
    policy: pulumi.jsonStringify({
      Version: "2012-10-17",
      Statement: [
        ${executionStatements.join(",\n        ")},
      ],
    }),
  },
  { provider },
);

/** The task: one container, requests rounded up to a valid Fargate size. */
export const ${v("task")} = new aws.ecs.TaskDefinition(
  ${str(n)},
  {
    family: ${str(`${app}-${f.part}`)},
    requiresCompatibilities: ["FARGATE"],
    networkMode: "awsvpc",
    cpu: ${str(String(f.cpu))},
    memory: ${str(String(f.memoryMiB))},
    runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
    executionRoleArn: ${v("execution-role")}.arn,
    ${hasRole ? `taskRoleArn: ${roles}.${identifier(f.part, "role")}.arn,` : ""}
    ${f.readOnlyRootFilesystem ? 'volumes: [{ name: "tmp" }],' : ""}
    containerDefinitions: pulumi.jsonStringify([
      {
        ${container.join(",\n        ")},
      },
    ]),
  },
  { provider },
);
`;
}

/** The source of `fargate-<target>.ts`. */
export function fargateModule({ resources, target }: FargateModuleInput): string {
  const mine = resources.fargate.filter((f) => f.target === target.id);
  const withRole = new Set(resources.roles.filter((r) => r.principal.kind === "ecs-task").map((r) => r.workload));
  const aws = awsImport(target.id);
  const net = networkImport(target.region);
  const roles = "iamRoles";
  const blocks = mine.map((f) => {
    const names: FargateNames = { n: `${target.id}-${f.part}`, v: (suffix) => identifier(f.part, suffix), aws, net, roles, app: resources.app };
    const sg = `${aws}.${taskSecurityGroupVariable(f.part)}.id`;
    const rest =
      f.kind === "cronjob" ? renderSchedule(f, names, sg, withRole.has(f.part)) : [f.public && f.port !== undefined ? renderLoadBalancer(f, names, sg) : "", renderScaling(f, names, sg)].join("");
    return taskBlock(f, names, withRole.has(f.part)) + rest;
  });
  const needsRoles = mine.some((f) => withRole.has(f.part));
  const needsConfig = mine.some((f) => f.public && f.port !== undefined);
  return `${TS_HEADER}
// Fargate workloads of ${str(resources.app)} on AWS target ${str(target.id)} (${target.path}, ${target.region}).
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as ${net} from ${str(importPath(networkModuleFile(target.region)))};
import * as ${aws} from ${str(importPath(awsModuleFile(target.id)))};
${needsRoles ? `import * as ${roles} from ${str(importPath(ROLES_MODULE_FILE))};\n` : ""}
const provider = ${net}.provider;
${needsConfig ? "const config = new pulumi.Config();\n" : ""}
/** The ECS cluster of the target's tasks. */
export const cluster = new aws.ecs.Cluster(${str(target.id)}, { settings: [{ name: "containerInsights", value: "enabled" }] }, { provider });

${blocks.join("\n")}`.replace(/\n +\n/g, "\n");
}
