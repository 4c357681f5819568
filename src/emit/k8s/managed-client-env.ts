/**
 * The environment of a pod that connects to a part running managed on AWS: the endpoint from
 * the `<part>-aws` ConfigMap and the password from the `<part>-credentials` Secret, both created
 * by the cluster's Pulumi module (src/emit/pulumi/cluster-bridges.ts). Same variable names as
 * for in-cluster backends where they mean the same; `_URL` embeds `$(VAR)` references only.
 */
import type { IEnvVar } from "kubernetes-models/v1/EnvVar";
import type { ResourceModel } from "../../model/app-model.js";
import { awsConfigMapName } from "../pulumi/cluster-bridges.js";
import { SQL_DATABASE, SQL_USER, fromSecret } from "./backends.js";

function fromConfigMap(name: string, r: ResourceModel, key: string): IEnvVar {
  return { name, valueFrom: { configMapKeyRef: { name: awsConfigMapName(r.name), key } } };
}

/** Variables of a workload that connects with prefix `p` to managed resource `r`. */
export function managedClientEnv(r: ResourceModel, p: string): IEnvVar[] {
  switch (r.kind) {
    case "postgres":
    case "mysql": {
      const port = r.kind === "postgres" ? 5432 : 3306;
      return [
        fromConfigMap(`${p}_HOST`, r, "host"),
        { name: `${p}_PORT`, value: String(port) },
        { name: `${p}_NAME`, value: SQL_DATABASE },
        { name: `${p}_USER`, value: SQL_USER },
        fromSecret(`${p}_PASSWORD`, r, "password"),
        { name: `${p}_URL`, value: `${r.kind}://${SQL_USER}:$(${p}_PASSWORD)@$(${p}_HOST):${port}/${SQL_DATABASE}` },
      ];
    }
    case "redis":
      return [
        fromConfigMap(`${p}_HOST`, r, "host"),
        { name: `${p}_PORT`, value: "6379" },
        { name: `${p}_TLS`, value: "true" },
        ...(r.auth ? [fromSecret(`${p}_PASSWORD`, r, "password"), { name: `${p}_URL`, value: `rediss://:$(${p}_PASSWORD)@$(${p}_HOST):6379` }] : [{ name: `${p}_URL`, value: `rediss://$(${p}_HOST):6379` }]),
      ];
    case "queue":
      return [{ name: `${p}_NAME`, value: r.name }, fromConfigMap(`${p}_URL`, r, "queue-url"), fromConfigMap(`${p}_REGION`, r, "region")];
    case "bucket":
      return [fromConfigMap(`${p}_BUCKET`, r, "bucket"), fromConfigMap(`${p}_REGION`, r, "region")];
  }
}
