/** A Kubernetes cluster that workloads and in-cluster backing resources run on. */
import type { Construct } from "constructs";
import { z } from "zod";
import { validateProps } from "../constructs/validate-props.js";
import { DNS_LABEL } from "../constructs/schemas.js";
import { requireAppScope } from "../constructs/scope.js";
import { Target } from "./target.js";

/** A node pool of a cluster: the instance types the solver may buy for it. */
export interface NodePoolProps {
  /** The pool's name, a DNS label such as `general`. */
  readonly name: string;
  /** Instance types the pool may use, e.g. `["m7i.large", "c7i.large"]`. */
  readonly instanceTypes: string[];
  /** Fewest nodes the pool keeps. Default 0. */
  readonly minNodes?: number;
  /** Most nodes the pool may grow to. Default 10. */
  readonly maxNodes?: number;
}

/** Props of a `KubernetesCluster`. */
export interface KubernetesClusterProps {
  /** The cloud region of the cluster, e.g. `us-east-1`. */
  readonly region: string;
  /**
   * `"eks"`: skyweave's stack creates the cluster (EKS). `"existing"`: the stack deploys
   * into a cluster you already have, with its kubeconfig from Pulumi config.
   */
  readonly provider: "eks" | "existing";
  /** Node pools. Default: one pool `general` of `m7i.large`, up to 10 nodes. */
  readonly nodePools?: NodePoolProps[];
  /** The ingress controller public services are exposed through. */
  readonly ingress?: IngressProps;
}

/**
 * The cluster's ingress controller. Public services get an Ingress of its class, and accept
 * traffic only from pods in its namespace.
 */
export interface IngressProps {
  /** The IngressClass. Default `"nginx"` (ingress-nginx). */
  readonly className?: string;
  /** The namespace the controller runs in. Default `"ingress-nginx"`. */
  readonly controllerNamespace?: string;
  /**
   * A cert-manager ClusterIssuer (e.g. `"letsencrypt-prod"`) that issues the TLS certificate
   * of every public service with a `host`. Without it, TLS uses a Secret `<service>-tls`
   * that you provide.
   */
  readonly clusterIssuer?: string;
}

/** Defaults of `IngressProps`. */
export const DEFAULT_INGRESS = { className: "nginx", controllerNamespace: "ingress-nginx" } as const;

const nodePoolSchema = z
  .strictObject({
    name: z.string().regex(DNS_LABEL, { message: "expected a lower-case DNS label such as \"general\"" }),
    instanceTypes: z.array(z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, { message: 'expected an instance type such as "m7i.large"' })).min(1, {
      message: "list at least one instance type",
    }),
    minNodes: z.number().int().min(0).optional(),
    maxNodes: z.number().int().min(1).optional(),
  })
  .refine((p) => p.minNodes === undefined || p.maxNodes === undefined || p.minNodes <= p.maxNodes, {
    message: "minNodes must not exceed maxNodes",
  });

const clusterSchema = z.strictObject({
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: 'expected a region such as "us-east-1"' }),
  provider: z.enum(["eks", "existing"], { message: 'expected "eks" or "existing"' }),
  nodePools: z
    .array(nodePoolSchema)
    .min(1)
    .refine((pools) => new Set(pools.map((p) => p.name)).size === pools.length, { message: "node pool names must be unique" })
    .optional(),
  ingress: z
    .strictObject({
      className: z.string().regex(DNS_LABEL, { message: 'expected an IngressClass name such as "nginx"' }).optional(),
      controllerNamespace: z.string().regex(DNS_LABEL, { message: 'expected a namespace such as "ingress-nginx"' }).optional(),
      clusterIssuer: z.string().min(1).optional(),
    })
    .optional(),
});

/** Default node pool of a cluster declared without `nodePools`. */
export const DEFAULT_NODE_POOL = { name: "general", instanceTypes: ["m7i.large"], minNodes: 0, maxNodes: 10 } as const;

/**
 * A Kubernetes cluster. Services, workers and cron jobs placed on it become Deployments,
 * StatefulSets and CronJobs; backing resources placed on it run in-cluster.
 */
export class KubernetesCluster extends Target {
  /** @inheritdoc */
  readonly targetKind = "kubernetes" as const;
  /** @inheritdoc */
  readonly region: string;
  /** Who creates the cluster. */
  readonly provider: "eks" | "existing";
  /** The cluster's node pools, defaults filled in. */
  readonly nodePools: Required<NodePoolProps>[];
  /** The ingress controller, defaults filled in. */
  readonly ingress: { readonly className: string; readonly controllerNamespace: string; readonly clusterIssuer?: string };

  constructor(scope: Construct, id: string, props: KubernetesClusterProps) {
    requireAppScope(scope, id, "KubernetesCluster");
    super(scope, id);
    const valid = validateProps(this.node.path, "KubernetesCluster", clusterSchema, props);
    this.region = valid.region;
    this.provider = valid.provider;
    this.nodePools = (valid.nodePools ?? [DEFAULT_NODE_POOL]).map((p) => ({
      name: p.name,
      instanceTypes: [...p.instanceTypes],
      minNodes: p.minNodes ?? 0,
      maxNodes: p.maxNodes ?? 10,
    }));
    this.ingress = { ...DEFAULT_INGRESS, ...valid.ingress };
  }
}
