/**
 * The Pulumi module of one Kubernetes cluster target (`k8s-<target>.ts`): an explicit
 * provider, the app's namespace, credentials Secrets from random passwords, and the cdk8s
 * manifests applied with `@pulumi/kubernetes`.
 */
import type { KubernetesTargetModel } from "../../model/app-model.js";
import { eksImport, eksModuleFile, importPath } from "../aws/module-names.js";
import type { CredentialsSecret } from "../k8s/credentials.js";
import { namespaceLabels } from "../k8s/namespace-labels.js";
import type { BridgeCode } from "./cluster-bridges.js";
import { TS_HEADER, identifier, objectLiteral, str } from "./code.js";

/** Length of generated passwords (letters and digits only, so they are safe inside URLs). */
export const PASSWORD_LENGTH = 32;

/** The Pulumi config key that holds a cluster's kubeconfig (a secret). */
export function kubeconfigConfigKey(targetId: string): string {
  return `kubeconfig-${targetId}`;
}

/** What the module needs to know. */
export interface K8sModuleInput {
  readonly app: string;
  readonly target: KubernetesTargetModel;
  readonly namespace: string;
  readonly secrets: readonly CredentialsSecret[];
  /** Number of parts whose manifests the module applies. */
  readonly partCount: number;
  /** Objects that let pods reach parts running managed on AWS (cluster-bridges.ts). */
  readonly bridges?: BridgeCode;
}

/**
 * The provider: for `eks`, built from the kubeconfig of the cluster the stack creates (and
 * waiting for its node groups); for `existing`, from the kubeconfig in a secret config value.
 */
function providerBlock(target: KubernetesTargetModel): { imports: string; code: string } {
  if (target.provider === "eks") {
    const eks = eksImport(target.id);
    return {
      imports: `import * as ${eks} from ${str(importPath(eksModuleFile(target.id)))};\n`,
      code: `/** The EKS cluster this stack creates (${eksModuleFile(target.id)}), reached with its kubeconfig once its nodes are up. */
export const provider = new k8s.Provider(${str(target.id)}, { kubeconfig: ${eks}.kubeconfig }, { dependsOn: ${eks}.nodeGroups });`,
    };
  }
  const configKey = kubeconfigConfigKey(target.id);
  return {
    imports: "",
    code: `/** The cluster, reached with the kubeconfig in the secret config value ${str(configKey)}. */
export const provider = new k8s.Provider(${str(target.id)}, {
  kubeconfig: config.requireSecret(${str(configKey)}),
});`,
  };
}

function secretBlock(input: K8sModuleInput, secret: CredentialsSecret): { code: string; variable: string } {
  const t = input.target.id;
  const variable = identifier(secret.resource.name, "credentials");
  const lines: string[] = [];
  const data: Record<string, string> = {};
  for (const key of secret.keys) {
    if ("random" in key) {
      const pw = identifier(secret.resource.name, key.key);
      lines.push(`const ${pw} = new random.RandomPassword(${str(`${t}-${secret.resource.name}-${key.key}`)}, { length: ${PASSWORD_LENGTH}, special: false });`);
      data[key.key] = `${pw}.result`;
    } else {
      data[key.key] = str(key.value);
    }
  }
  lines.push(
    `const ${variable} = new k8s.core.v1.Secret(`,
    `  ${str(`${t}-${secret.secretName}`)},`,
    "  {",
    `    metadata: { name: ${str(secret.secretName)}, namespace: namespace.metadata.name, labels },`,
    `    type: "Opaque",`,
    `    stringData: ${objectLiteral(data, "    ")},`,
    "  },",
    "  { provider },",
    ");",
  );
  return { code: `/** Credentials of ${secret.resource.path} (${secret.resource.kind}). */\n${lines.join("\n")}`, variable };
}

/** The source of `k8s-<target>.ts`. */
export function k8sModule(input: K8sModuleInput): string {
  const { app, target, namespace } = input;
  const secrets = input.secrets.map((s) => secretBlock(input, s));
  const needsRandom = secrets.length > 0;
  const provider = providerBlock(target);
  const bridges = input.bridges ?? { imports: [], code: "", variables: [] };
  const waitFor = ["namespace", ...secrets.map((s) => s.variable), ...bridges.variables];
  return `${TS_HEADER}
// Kubernetes cluster ${str(target.id)} (${target.path}, ${target.region}): ${input.partCount} part(s) of ${str(app)} in namespace ${str(namespace)}.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
${needsRandom ? 'import * as random from "@pulumi/random";\n' : ""}import { parseAllDocuments } from "yaml";
${provider.imports}${bridges.imports.map((i) => `${i}\n`).join("")}${target.provider === "existing" ? "\nconst config = new pulumi.Config();\n" : ""}
${provider.code}

const labels = { "app.kubernetes.io/part-of": ${str(app)}, "app.kubernetes.io/managed-by": "skyweave" };

/** The app's namespace. */
export const namespace = new k8s.core.v1.Namespace(
  ${str(`${target.id}-${namespace}`)},
  {
    metadata: {
      name: ${str(namespace)},
      labels: ${objectLiteral(Object.fromEntries(Object.entries(namespaceLabels(app)).map(([k, v]) => [k, str(v)])), "      ")},
    },
  },
  { provider },
);
${secrets.map((s) => `\n${s.code}\n`).join("")}${bridges.code === "" ? "" : `\n${bridges.code}\n`}
/** Every YAML document in a folder next to this file, in file-name order; a broken document stops the deploy. */
function loadManifests(folder: string): Record<string, unknown>[] {
  const dir = path.join(__dirname, folder);
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(".yaml"))
    .sort()
    .flatMap((file) =>
      parseAllDocuments(fs.readFileSync(path.join(dir, file), "utf8")).map((doc) => {
        if (doc.errors.length > 0) throw new Error(\`\${folder}/\${file}: \${doc.errors[0]!.message}\`);
        return doc.toJSON();
      }),
    )
    .filter((object): object is Record<string, unknown> => object !== null && typeof object === "object");
}

/** The app's objects on this cluster, rendered by skyweave with cdk8s (manifests/${target.id}/). */
export const manifests = new k8s.yaml.ConfigGroup(
  ${str(target.id)},
  {
    objs: loadManifests(${str(`manifests/${target.id}`)}),
    transformations: [
      (_object: unknown, opts: pulumi.CustomResourceOptions) => {
        opts.dependsOn = [${waitFor.join(", ")}];
      },
    ],
  },
  { provider },
);
`;
}
