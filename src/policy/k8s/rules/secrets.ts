/**
 * No secret values in the manifests: no Secret objects with data (skyweave creates credentials
 * Secrets in the Pulumi program, from random passwords), and no password, token or key passed
 * to a container as a literal — they come from a Secret with valueFrom.secretKeyRef.
 */
import { isWorkloadModel } from "../../../model/app-model.js";
import { containerRule, emitterFix, objectRule, type K8sRule, type Problem } from "../rule.js";
import type { ContainerSubject } from "../pods.js";

/** Environment variable names that hold secrets. */
export const SECRET_ENV_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL)/i;
/** Command-line flags whose next argument is a secret. */
export const SECRET_FLAGS = ["--requirepass", "--masterauth", "--auth", "--pass", "--password", "--token", "--user-password"] as const;
/** A value made only of `$(VAR)` references, which Kubernetes fills from other env vars. */
const ONLY_REFERENCES = /^(\$\([A-Za-z_][A-Za-z0-9_]*\))+$/;
/** `scheme://user:password@` with a literal password. */
const URL_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/:@\s]*:([^@\s]+)@/i;

const secretObjects = objectRule("k8s/no-secret-objects", "no Secret with data or stringData in the YAML manifests", (m) => {
  if (m.object.kind !== "Secret") return undefined;
  const keys = ["data", "stringData"].flatMap((field) => Object.keys((m.object[field] as Record<string, unknown> | undefined) ?? {}));
  if (keys.length === 0) return undefined;
  return {
    message: `the Secret carries ${keys.join(", ")} in plain text in the manifest (base64 is not encryption): anyone who reads the repository reads them`,
    fix: emitterFix(m, "credentials only through Secrets the Pulumi program creates from random passwords (none in manifests)"),
  };
});

function userSet(c: ContainerSubject, name: string): boolean {
  const part = c.pod.manifest.part;
  return part !== undefined && isWorkloadModel(part) && Object.prototype.hasOwnProperty.call(part.env, name);
}

function envFix(c: ContainerSubject, name: string): string {
  const part = c.pod.manifest.part!;
  return userSet(c, name)
    ? `remove ${name} from the env of ${part.path} in app.ts: env values are written in plain text. Keep the secret in a Kubernetes Secret and read it with valueFrom.secretKeyRef (connections do this for the credentials of resources).`
    : emitterFix(c.pod.manifest, `${name} from a Secret (valueFrom.secretKeyRef)`);
}

const secretEnv = containerRule("k8s/no-plaintext-secret-env", "no password, token or key in a container's env value, URL or arguments: they must come from a Secret", (c) => {
  const problems: Problem[] = [];
  for (const e of c.container.env ?? []) {
    const value = e.value;
    if (value === undefined || value === "" || ONLY_REFERENCES.test(value)) continue;
    if (SECRET_ENV_NAME.test(e.name)) {
      problems.push({ message: `env ${e.name} has a literal value: a secret written in plain text`, fix: envFix(c, e.name) });
      continue;
    }
    const password = URL_PASSWORD.exec(value)?.[1];
    if (password !== undefined && !ONLY_REFERENCES.test(password)) {
      problems.push({ message: `env ${e.name} is a URL with a literal password: a secret written in plain text`, fix: envFix(c, e.name) });
    }
  }
  const argv = [...(c.container.command ?? []), ...(c.container.args ?? [])];
  argv.forEach((arg, i) => {
    const next = argv[i + 1];
    if ((SECRET_FLAGS as readonly string[]).includes(arg) && next !== undefined && !ONLY_REFERENCES.test(next)) {
      problems.push({ message: `argument ${arg} is followed by a literal value: a secret written in plain text`, fix: emitterFix(c.pod.manifest, `${arg} $(VAR) with VAR from a Secret`) });
    }
  });
  return problems;
});

/** Secret objects and secret env values in the manifests. */
export const SECRET_RULES: readonly K8sRule[] = [secretObjects, secretEnv];
