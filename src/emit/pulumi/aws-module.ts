/**
 * Renders `aws-<target>.ts`: the managed services the solver put on one AwsTarget (RDS,
 * ElastiCache, SQS, S3), through the region's provider and in the region's network.
 */
import { renderBucket, renderCache, renderDatabase, renderQueue, renderTaskEgress, renderTaskSecurityGroup, type DataContext } from "../aws/render-data.js";
import { eksImport, eksModuleFile, importPath, networkImport, networkModuleFile } from "../aws/module-names.js";
import type { AwsResources } from "../aws/resources.js";
import { TS_HEADER, str } from "./code.js";

/** What the module needs. */
export interface AwsModuleInput {
  readonly resources: AwsResources;
  readonly target: { readonly id: string; readonly path: string; readonly region: string };
}

/** Clusters the stack creates (their security group comes from their module, not from config). */
function createdClusters(resources: AwsResources): Set<string> {
  return new Set(resources.clusters.map((c) => c.target));
}

/** The source of `aws-<target>.ts`. */
export function awsModule({ resources, target }: AwsModuleInput): string {
  const mine = <T extends { target: string }>(list: readonly T[]): T[] => list.filter((x) => x.target === target.id);
  const databases = mine(resources.databases);
  const caches = mine(resources.caches);
  const queues = mine(resources.queues);
  const buckets = mine(resources.buckets);
  const parts = new Set([...databases, ...caches].map((x) => x.part));
  const ingress = resources.ingress.filter((r) => parts.has(r.to));
  const created = createdClusters(resources);
  const sources = [...new Set(ingress.flatMap((r) => (r.from.kind === "cluster" ? [r.from.target] : [])))].sort();
  const clusters = sources.filter((c) => created.has(c));
  const needsConfig = sources.some((c) => !created.has(c));
  const net = networkImport(target.region);
  const ctx: DataContext = { app: resources.app, target: target.id, net, ingress, createdClusters: created };
  const needsRandom = databases.length > 0 || caches.some((c) => c.authToken);
  const fargate = mine(resources.fargate);
  const tasks = fargate.map((f) => renderTaskSecurityGroup(ctx, f.part, f.path));
  const egress = fargate
    .map((f) => renderTaskEgress(ctx, f.part, ingress.flatMap((r) => (r.from.kind === "fargate" && r.from.part === f.part ? [{ to: r.to, port: r.port }] : []))))
    .filter((code) => code !== "");
  const blocks = [...(tasks.length > 0 ? [`// ---- Security groups of the Fargate workloads' tasks\n\n${tasks.join("\n")}\n`] : []), ...databases.map((d) => renderDatabase(ctx, d)), ...caches.map((c) => renderCache(ctx, c)), ...queues.map((q) => renderQueue(ctx, q)), ...buckets.map((b) => renderBucket(ctx, b)), ...(egress.length > 0 ? [`// ---- What the Fargate tasks may reach\n\n${egress.join("\n")}\n`] : [])];
  const count = databases.length + caches.length + queues.length + buckets.length + tasks.length;
  return `${TS_HEADER}
// AWS target ${str(target.id)} (${target.path}, ${target.region}): ${count} managed service(s) and Fargate task group(s) of ${str(resources.app)}.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
${needsRandom ? 'import * as random from "@pulumi/random";\n' : ""}import * as ${net} from ${str(importPath(networkModuleFile(target.region)))};
${clusters.map((c) => `import * as ${eksImport(c)} from ${str(importPath(eksModuleFile(c)))};\n`).join("")}
const provider = ${net}.provider;
${needsConfig ? "const config = new pulumi.Config();\n" : ""}
${blocks.join("\n")}`.replace(/\n{3,}/g, "\n\n");
}
