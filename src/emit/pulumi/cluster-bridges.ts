/**
 * What pods on a cluster need to reach a part that runs managed on AWS, created by the Pulumi
 * program in the cluster's namespace (the values are outputs of the AWS resources):
 *
 * - RDS / ElastiCache: an `ExternalName` Service with the part's name (so `DB_HOST=db` keeps
 *   working), the `<part>-credentials` Secret with the generated password, a `<part>-aws`
 *   ConfigMap with the endpoint, and a NetworkPolicy that lets exactly the connected pods out
 *   to the VPC on the part's port.
 * - SQS / S3: a `<part>-aws` ConfigMap (queue URL and ARN, or bucket name, and the region), and
 *   a NetworkPolicy that lets exactly the connected pods out on 443 to AWS endpoints and to
 *   the EKS Pod Identity agent, which hands them their role (iam-roles.ts).
 */
import { awsImport, awsModuleFile, importPath, networkImport, networkModuleFile } from "../aws/module-names.js";
import { stringList } from "../aws/literals.js";
import { dataVariables } from "../aws/render-data.js";
import type { ClusterBridgeSpec } from "../aws/resources.js";
import { credentialsSecretName } from "../k8s/labels.js";
import { identifier, str } from "./code.js";

/** The EKS Pod Identity agent's link-local address and port. */
export const POD_IDENTITY_AGENT = { cidr: "169.254.170.23/32", port: 80 } as const;
/** Private ranges excluded from the HTTPS egress to AWS endpoints. */
export const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] as const;

/** The name of the ConfigMap that tells pods where a managed part is. */
export function awsConfigMapName(part: string): string {
  return `${part}-aws`;
}

/** The generated code and what it needs. */
export interface BridgeCode {
  readonly imports: readonly string[];
  readonly code: string;
  /** Variables of the Secrets and ConfigMaps, which the manifests must wait for. */
  readonly variables: readonly string[];
}

function clientSelector(app: string, clients: readonly string[]): string {
  return `{ matchLabels: { "app.kubernetes.io/part-of": ${str(app)} }, matchExpressions: [{ key: "app.kubernetes.io/name", operator: "In", values: ${stringList([...clients].sort())} }] }`;
}

function bridgeBlock(app: string, region: string, b: ClusterBridgeSpec): { code: string; variables: string[] } {
  const aws = awsImport(b.target);
  const net = networkImport(region);
  const v = dataVariables(b.part);
  const n = `${b.cluster}-${b.part}`;
  const meta = (name: string) => `{ name: ${str(name)}, namespace: namespace.metadata.name, labels }`;
  const lines: string[] = [];
  const variables: string[] = [];
  const configMap = identifier(b.part, "aws-config");
  const vpcService = b.kind === "postgres" || b.kind === "mysql" || b.kind === "redis";
  let data: string;
  if (vpcService) {
    const host = b.kind === "redis" ? `${aws}.${v.resource}.primaryEndpointAddress` : `${aws}.${v.resource}.address`;
    lines.push(
      `new k8s.core.v1.Service(`,
      `  ${str(`${n}-endpoint`)},`,
      `  { metadata: ${meta(b.part)}, spec: { type: "ExternalName", externalName: ${host} } },`,
      "  { provider },",
      ");",
      `const ${identifier(b.part, "credentials")} = new k8s.core.v1.Secret(`,
      `  ${str(`${n}-credentials`)},`,
      `  { metadata: ${meta(credentialsSecretName(b.part))}, type: "Opaque", stringData: { password: ${aws}.${v.password}.result } },`,
      "  { provider },",
      ");",
    );
    variables.push(identifier(b.part, "credentials"));
    data = `{ host: ${host}, port: ${str(String(b.port))}${b.kind === "redis" ? ', tls: "true"' : ""} }`;
  } else if (b.kind === "queue") {
    data = `{ "queue-url": ${aws}.${v.resource}.url, "queue-arn": ${aws}.${v.resource}.arn, region: ${str(region)} }`;
  } else {
    data = `{ bucket: ${aws}.${v.resource}.bucket, region: ${str(region)} }`;
  }
  lines.push(
    `const ${configMap} = new k8s.core.v1.ConfigMap(`,
    `  ${str(`${n}-aws`)},`,
    `  { metadata: ${meta(awsConfigMapName(b.part))}, data: ${data} },`,
    "  { provider },",
    ");",
  );
  variables.push(configMap);
  const egress = vpcService
    ? `[{ to: [{ ipBlock: { cidr: ${net}.vpcCidr } }], ports: [{ protocol: "TCP", port: ${b.port} }] }]`
    : `[
        { to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ${stringList(PRIVATE_RANGES)} } }], ports: [{ protocol: "TCP", port: 443 }] },
        { to: [{ ipBlock: { cidr: ${str(POD_IDENTITY_AGENT.cidr)} } }], ports: [{ protocol: "TCP", port: ${POD_IDENTITY_AGENT.port} }] },
      ]`;
  lines.push(
    `new k8s.networking.v1.NetworkPolicy(`,
    `  ${str(`${n}-egress`)},`,
    `  {`,
    `    metadata: ${meta(`to-aws-${b.part}`)},`,
    `    spec: {`,
    `      podSelector: ${clientSelector(app, b.clients)},`,
    `      policyTypes: ["Egress"],`,
    `      egress: ${egress},`,
    `    },`,
    `  },`,
    `  { provider },`,
    `);`,
  );
  const kind = { postgres: "RDS", mysql: "RDS", redis: "ElastiCache", queue: "SQS", bucket: "S3" }[b.kind];
  return { code: `/** ${b.part} runs as ${kind} on AWS target ${str(b.target)}: what ${b.clients.join(", ")} need${b.clients.length === 1 ? "s" : ""} to reach it. */\n${lines.join("\n")}`, variables };
}

/** The bridge code of one cluster to every managed part its workloads connect to. */
export function clusterBridges(app: string, region: string, bridges: readonly ClusterBridgeSpec[]): BridgeCode {
  if (bridges.length === 0) return { imports: [], code: "", variables: [] };
  const targets = [...new Set(bridges.map((b) => b.target))].sort();
  const blocks = bridges.map((b) => bridgeBlock(app, region, b));
  return {
    imports: [
      ...(bridges.some((b) => b.port !== undefined) ? [`import * as ${networkImport(region)} from ${str(importPath(networkModuleFile(region)))};`] : []),
      ...targets.map((t) => `import * as ${awsImport(t)} from ${str(importPath(awsModuleFile(t)))};`),
    ],
    code: blocks.map((b) => b.code).join("\n\n"),
    variables: blocks.flatMap((b) => b.variables),
  };
}
