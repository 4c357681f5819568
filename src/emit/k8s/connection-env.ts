/** Environment variables a workload gets from its connections. */
import type { IEnvVar } from "kubernetes-models/v1/EnvVar";
import { isWorkloadModel, type ConnectionModel, type PartModel, type WorkloadModel } from "../../model/app-model.js";
import { InputError } from "../../errors.js";
import { BACKENDS } from "./backends.js";
import { managedClientEnv } from "./managed-client-env.js";

/**
 * The workload's environment: its own variables (sorted by name), then, per connection in
 * declaration order, the variables that reach the target. A variable that references a
 * secret comes before the URL that embeds it, as Kubernetes' `$(VAR)` expansion needs.
 */
export function workloadEnv(
  workload: WorkloadModel,
  connections: readonly ConnectionModel[],
  partsByName: ReadonlyMap<string, PartModel>,
  /** Parts that run managed on AWS: their clients read endpoints from ConfigMaps (managed-client-env.ts). */
  managed: ReadonlySet<string> = new Set(),
): IEnvVar[] {
  const env: IEnvVar[] = Object.keys(workload.env)
    .sort()
    .map((name) => ({ name, value: workload.env[name]! }));
  const owner = new Map<string, string>(env.map((e) => [e.name, "its env"]));
  for (const connection of connections) {
    const target = partsByName.get(connection.to)!;
    const variables = !isWorkloadModel(target) && managed.has(target.name) ? managedClientEnv(target, connection.envPrefix) : connectionEnv(target, connection.envPrefix);
    for (const variable of variables) {
      const clash = owner.get(variable.name);
      if (clash !== undefined) {
        throw new InputError(`environment variable ${variable.name} from the connection to ${target.path} is also set by ${clash}`, {
          where: workload.path,
          fix: `rename the variable in env, or give the connection another prefix: connect(target, { envPrefix: "..." }).`,
        });
      }
      owner.set(variable.name, `the connection to ${target.path}`);
      env.push(variable);
    }
  }
  return env;
}

function connectionEnv(target: PartModel, prefix: string): IEnvVar[] {
  if (isWorkloadModel(target)) {
    const port = String(target.servicePort ?? target.port);
    return [
      { name: `${prefix}_HOST`, value: target.name },
      { name: `${prefix}_PORT`, value: port },
      { name: `${prefix}_ADDR`, value: `${target.name}:${port}` },
    ];
  }
  return BACKENDS[target.kind].clientEnv(target, prefix);
}
