/**
 * Renders `network-<region>.ts`: the region's AWS provider and its VPC, either created
 * (public and private subnets in each zone, an internet gateway, one NAT gateway per zone) or
 * an existing one read from Pulumi config.
 */
import { TS_HEADER, str } from "../pulumi/code.js";
import { networkConfigKeys } from "./module-names.js";
import type { NetworkSpec } from "./resources.js";

/** The public (/20) and private (/18) subnet CIDRs of zone `i` in a 10.x.0.0/16 VPC. */
export function subnetCidrs(vpcCidr: string, i: number): { publicCidr: string; privateCidr: string } {
  const [a, b] = vpcCidr.split(".");
  return { publicCidr: `${a}.${b}.${i * 16}.0/20`, privateCidr: `${a}.${b}.${128 + i * 64}.0/18` };
}

function header(app: string, network: NetworkSpec): string {
  return `${TS_HEADER}
// AWS in ${network.region} for ${str(app)}: the provider every AWS resource of the region uses, and the network.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

/** The AWS provider of ${network.region}. Credentials come from the environment, as for any Pulumi program. */
export const provider = new aws.Provider(${str(network.region)}, {
  region: ${str(network.region)},
  defaultTags: { tags: { "skyweave:app": ${str(app)} } },
});
`;
}

function configNetwork(network: NetworkSpec): string {
  const keys = networkConfigKeys(network.region);
  return `
const config = new pulumi.Config();

/** The existing VPC of the cluster here, from config ${str(keys.vpcId)}. */
export const vpcId = pulumi.output(config.require(${str(keys.vpcId)}));
/** Its CIDR block (config ${str(keys.cidr)}), which pods' egress rules allow. */
export const vpcCidr = pulumi.output(config.require(${str(keys.cidr)}));
/** Its private subnets (config ${str(keys.privateSubnetIds)}, a JSON list). */
export const privateSubnetIds = pulumi.output(config.requireObject<string[]>(${str(keys.privateSubnetIds)}));
`;
}

function createdNetwork(app: string, network: NetworkSpec): string {
  const r = network.region;
  const layout = Array.from({ length: network.zones }, (_, i) => {
    const { publicCidr, privateCidr } = subnetCidrs(network.cidr, i);
    return `  { zone: ${i}, publicCidr: ${str(publicCidr)}, privateCidr: ${str(privateCidr)} },`;
  });
  return `
const zones = aws.getAvailabilityZonesOutput({ state: "available" }, { provider });

/** The VPC, ${network.cidr}, with DNS host names (RDS and ElastiCache endpoints resolve in it). */
export const vpc = new aws.ec2.Vpc(
  ${str(`${r}-vpc`)},
  { cidrBlock: ${str(network.cidr)}, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: ${str(`${app}-${r}`)} } },
  { provider },
);
/** The VPC's id. */
export const vpcId = vpc.id;
/** The VPC's CIDR block, which pods' egress rules allow. */
export const vpcCidr = vpc.cidrBlock;

const internetGateway = new aws.ec2.InternetGateway(${str(`${r}-igw`)}, { vpcId: vpc.id, tags: { Name: ${str(`${app}-${r}`)} } }, { provider });
const publicRoutes = new aws.ec2.RouteTable(
  ${str(`${r}-public`)},
  { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: internetGateway.id }], tags: { Name: ${str(`${app}-${r}-public`)} } },
  { provider },
);

/** One public and one private subnet per zone; public subnets hold only NAT gateways and load balancers. */
const layout = [
${layout.join("\n")}
];

const publicSubnets: aws.ec2.Subnet[] = [];
const privateSubnets: aws.ec2.Subnet[] = [];
for (const { zone, publicCidr, privateCidr } of layout) {
  const availabilityZone = zones.names.apply((names) => names[zone]!);
  const publicSubnet = new aws.ec2.Subnet(
    \`${r}-public-\${zone + 1}\`,
    { vpcId: vpc.id, cidrBlock: publicCidr, availabilityZone, mapPublicIpOnLaunch: false, tags: { Name: \`${app}-${r}-public-\${zone + 1}\`, "kubernetes.io/role/elb": "1" } },
    { provider },
  );
  new aws.ec2.RouteTableAssociation(\`${r}-public-\${zone + 1}\`, { subnetId: publicSubnet.id, routeTableId: publicRoutes.id }, { provider });
  const natAddress = new aws.ec2.Eip(\`${r}-nat-\${zone + 1}\`, { domain: "vpc", tags: { Name: \`${app}-${r}-nat-\${zone + 1}\` } }, { provider });
  const nat = new aws.ec2.NatGateway(
    \`${r}-nat-\${zone + 1}\`,
    { allocationId: natAddress.id, subnetId: publicSubnet.id, tags: { Name: \`${app}-${r}-\${zone + 1}\` } },
    { provider, dependsOn: [internetGateway] },
  );
  const privateSubnet = new aws.ec2.Subnet(
    \`${r}-private-\${zone + 1}\`,
    { vpcId: vpc.id, cidrBlock: privateCidr, availabilityZone, tags: { Name: \`${app}-${r}-private-\${zone + 1}\`, "kubernetes.io/role/internal-elb": "1" } },
    { provider },
  );
  const privateRoutes = new aws.ec2.RouteTable(
    \`${r}-private-\${zone + 1}\`,
    { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }], tags: { Name: \`${app}-${r}-private-\${zone + 1}\` } },
    { provider },
  );
  new aws.ec2.RouteTableAssociation(\`${r}-private-\${zone + 1}\`, { subnetId: privateSubnet.id, routeTableId: privateRoutes.id }, { provider });
  publicSubnets.push(publicSubnet);
  privateSubnets.push(privateSubnet);
}

/** Public subnets (load balancers). */
export const publicSubnetIds = pulumi.output(publicSubnets.map((s) => s.id));
/** Private subnets (nodes, databases, caches). */
export const privateSubnetIds = pulumi.output(privateSubnets.map((s) => s.id));
`;
}

/** The source of `network-<region>.ts`. */
export function renderNetworkModule(app: string, network: NetworkSpec): string {
  const body = network.source === "created" ? createdNetwork(app, network) : network.source === "config" ? configNetwork(network) : "";
  return header(app, network).replace('import * as pulumi from "@pulumi/pulumi";\n', network.source === "none" ? "" : 'import * as pulumi from "@pulumi/pulumi";\n') + body;
}
