/**
 * `awsResources(model, placement)`: the typed description of what the stack creates on AWS,
 * from the parts the solver put on `AwsTarget`s and the clusters with `provider: "eks"`.
 */
import { InputError } from "../../errors.js";
import type { AppModel, KubernetesTargetModel, ResourceModel } from "../../model/app-model.js";
import type { PartPlacement, Placement } from "../../solver/placement.js";
import { connectionStatements } from "./access-actions.js";
import { bucketSpec, cacheSpec, databaseSpec, queueSpec } from "./data-specs.js";
import { eksClusterSpec } from "./eks-spec.js";
import { fargateSpec } from "./fargate-spec.js";
import type { AwsResources, ClusterBridgeSpec, IngressRuleSpec, NetworkSpec, StatementSpec, WorkloadRoleSpec } from "./resources.js";

/** The CIDR block of VPCs the stack creates. */
export const VPC_CIDR = "10.0.0.0/16";
/** Availability zones of created VPCs. */
export const VPC_ZONES = 2;

/** The description of every AWS resource the app's stack creates (empty lists when none). */
export function awsResources(model: AppModel, placement: Placement): AwsResources {
  const decisionOf = new Map(placement.parts.map((p) => [p.part, p]));
  const used = new Set(placement.parts.map((p) => p.target));
  const clusters = model.targets.filter((t): t is KubernetesTargetModel => t.kind === "kubernetes" && used.has(t.id));
  const managed = model.resources.filter((r) => decisionOf.get(r.name)?.mode === "managed");
  const byKind = <K extends ResourceModel["kind"]>(...kinds: K[]) => managed.filter((r): r is ResourceModel & { kind: K } => (kinds as string[]).includes(r.kind));
  const databases = byKind("postgres", "mysql").map((r) => databaseSpec(r, decisionOf.get(r.name)!));
  const caches = byKind("redis").map((r) => cacheSpec(r, decisionOf.get(r.name)!));
  const queues = byKind("queue").map((r) => queueSpec(r, decisionOf.get(r.name)!));
  const buckets = byKind("bucket").map((r) => bucketSpec(r, decisionOf.get(r.name)!));
  const eks = clusters.filter((c) => c.provider === "eks").map((c) => eksClusterSpec(c, placement));
  const managedParts = new Map(managed.map((r) => [r.name, { resource: r, decision: decisionOf.get(r.name)! }]));
  const fargate = model.workloads
    .filter((w) => decisionOf.get(w.name)?.mode === "managed")
    .map((w) => fargateSpec(w, decisionOf.get(w.name)!, model.connections.filter((c) => c.from === w.name), managedParts));

  const networks = networksOf(clusters, [...databases, ...caches, ...fargate], [...queues, ...buckets]);
  const { ingress, bridges, roles } = connectionsOf(model, decisionOf, clusters, managed, networks);
  return { app: model.app, networks, clusters: eks, databases, caches, queues, buckets, ingress, roles, bridges, fargate };
}

/**
 * One network per region the stack uses AWS in: a region with an EKS cluster or a VPC service
 * gets a new VPC, unless an `existing` cluster there must reach the VPC services, in which case
 * the VPC is that cluster's, read from Pulumi config; a region with only SQS and S3 gets the
 * provider alone.
 */
function networksOf(clusters: readonly KubernetesTargetModel[], vpcServices: readonly { region: string }[], apiServices: readonly { region: string }[]): NetworkSpec[] {
  const eksRegions = clusters.filter((c) => c.provider === "eks").map((c) => c.region);
  const regions = [...new Set([...eksRegions, ...vpcServices.map((s) => s.region), ...apiServices.map((s) => s.region)])].sort();
  return regions.map((region) => {
    const hasEks = eksRegions.includes(region);
    const hasVpcService = vpcServices.some((s) => s.region === region);
    const hasExisting = clusters.some((c) => c.provider === "existing" && c.region === region);
    const source = hasEks ? "created" : !hasVpcService ? "none" : hasExisting ? "config" : "created";
    return { region, source, cidr: VPC_CIDR, zones: VPC_ZONES };
  });
}

function connectionsOf(
  model: AppModel,
  decisionOf: ReadonlyMap<string, PartPlacement>,
  clusters: readonly KubernetesTargetModel[],
  managed: readonly ResourceModel[],
  networks: readonly NetworkSpec[],
): { ingress: IngressRuleSpec[]; bridges: ClusterBridgeSpec[]; roles: WorkloadRoleSpec[] } {
  const managedByName = new Map(managed.map((r) => [r.name, r]));
  const ingress = new Map<string, IngressRuleSpec>();
  const bridges = new Map<string, ClusterBridgeSpec>();
  const statements = new Map<string, StatementSpec[]>();
  for (const connection of model.connections) {
    const resource = managedByName.get(connection.to);
    if (!resource) continue;
    const client = decisionOf.get(connection.from)!;
    const target = decisionOf.get(resource.name)!;
    const port = resource.kind === "postgres" ? 5432 : resource.kind === "mysql" ? 3306 : resource.kind === "redis" ? 6379 : undefined;
    const because = `${connection.from} → ${connection.to}`;
    const granted = connectionStatements(connection, resource);
    if (granted.length > 0) statements.set(connection.from, [...(statements.get(connection.from) ?? []), ...granted]);
    if (client.mode === "managed") {
      // A Fargate task (fargate-spec.ts checked it is on the same AwsTarget).
      if (port !== undefined) ingress.set(`${resource.name}:fargate:${client.part}`, { to: resource.name, port, from: { kind: "fargate", part: client.part }, because: [because] });
      continue;
    }
    const cluster = clusters.find((c) => c.id === client.target)!;
    if (cluster.region !== target.region) {
      throw new InputError(`${client.path} runs in ${cluster.region} and connects to ${resource.path}, which runs managed in ${target.region}`, {
        where: client.path,
        fix: `put both in one region: placement: { regions: ["${target.region}"] } on one of them.`,
      });
    }
    if (port !== undefined) {
      const network = networks.find((n) => n.region === target.region)!;
      if (cluster.provider === "existing" && network.source !== "config") {
        throw new InputError(`${client.path} runs on the existing cluster ${cluster.path}, which cannot reach ${resource.path} in the VPC skyweave creates in ${target.region} next to an EKS cluster`, {
          where: client.path,
          fix: `keep ${resource.path} in-cluster with placement: { on: [<the cluster>] }, or run ${client.path} on the EKS cluster.`,
        });
      }
      const key = `${resource.name}:${cluster.id}`;
      const rule = ingress.get(key);
      ingress.set(key, { to: resource.name, port, from: { kind: "cluster", target: cluster.id }, because: [...(rule?.because ?? []), because] });
    }
    const bridgeKey = `${cluster.id}:${resource.name}`;
    const bridge = bridges.get(bridgeKey);
    bridges.set(bridgeKey, {
      cluster: cluster.id,
      part: resource.name,
      kind: resource.kind,
      target: target.target,
      clients: [...(bridge?.clients ?? []), connection.from],
      ...(port !== undefined ? { port } : {}),
    });
  }
  const roles: WorkloadRoleSpec[] = [];
  for (const workload of model.workloads) {
    const granted = statements.get(workload.name);
    if (!granted) continue;
    const decision = decisionOf.get(workload.name)!;
    const firstTarget = model.connections.map((c) => managedByName.has(c.to) && c.from === workload.name && decisionOf.get(c.to)!.target).find(Boolean) as string;
    roles.push({
      workload: workload.name,
      path: workload.path,
      target: firstTarget,
      region: decision.region,
      principal: decision.mode === "managed" ? { kind: "ecs-task" } : { kind: "pod-identity", cluster: decision.target, namespace: model.app, serviceAccount: workload.name },
      statements: granted,
    });
  }
  return { ingress: [...ingress.values()], bridges: [...bridges.values()], roles };
}
