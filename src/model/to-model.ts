/** `toModel(app)`: walks the construct tree once and returns the app as plain data. */
import type { IConstruct } from "constructs";
import { App } from "../constructs/app.js";
import type { BackingResource } from "../constructs/backing-resource.js";
import { defaultEnvPrefix } from "../constructs/connection.js";
import type { CronJob } from "../constructs/cron-job.js";
import { isPart, type Part, type PlacementProps } from "../constructs/part.js";
import type { Replicas, Service } from "../constructs/service.js";
import type { Workload } from "../constructs/workload.js";
import { InputError } from "../errors.js";
import type { KubernetesCluster } from "../targets/kubernetes-cluster.js";
import { isTarget, type Target } from "../targets/target.js";
import {
  APP_MODEL_VERSION,
  AppModelSchema,
  type AppModel,
  type ConnectionModel,
  type Constraints,
  type ResourceModel,
  type Resources,
  type TargetModel,
  type WorkloadModel,
} from "./app-model.js";
import { AUTOSCALING_DEFAULTS, CPU_LIMIT_FACTOR, DEFAULT_RUN_AS_USER, DEFAULT_TERMINATION_GRACE_SECONDS, RESOURCE_DEFAULTS, WORKLOAD_DEFAULT_REQUESTS } from "./defaults.js";
import { GIB, parseBytes, parseCpu } from "./quantity.js";

/**
 * Returns the `AppModel` of an app: every target, workload, backing resource and connection,
 * with quantities parsed and defaults applied. Throws an `InputError` naming the construct
 * path when the app as a whole is inconsistent (e.g. two parts with the same name).
 */
export function toModel(app: App): AppModel {
  if (!App.isApp(app)) {
    throw new InputError("toModel() needs an App", { fix: "pass the App your app.ts default-exports." });
  }
  const constructs = app.node.findAll();
  const parts = constructs.filter(isPart);
  const targets = constructs.filter(isTarget);
  const names = new Map<IConstruct, string>();
  const byName = new Map<string, string>();
  for (const item of [...targets, ...parts]) {
    const name = nameOf(app, item);
    const clash = byName.get(name);
    if (clash !== undefined) {
      throw new InputError(`two parts would both be named "${name}" (the other is ${clash})`, {
        where: item.node.path,
        fix: "rename one of them: names come from construct ids joined by dashes and must be unique in the app.",
      });
    }
    byName.set(name, item.node.path);
    names.set(item, name);
  }
  const nameFor = (c: IConstruct): string => names.get(c)!;
  const workloads = parts.filter(isWorkload);

  const model: AppModel = {
    version: APP_MODEL_VERSION,
    app: app.name,
    targets: targets.map((t) => targetModel(t, nameFor(t))),
    workloads: workloads.map((w) => workloadModel(w, nameFor, app)),
    resources: parts.filter((p): p is BackingResource => !isWorkload(p)).map((r) => resourceModel(r, nameFor, app)),
    connections: workloads.flatMap((w) => connectionModels(w, nameFor)),
  };
  return AppModelSchema.parse(model);
}

/** Parts are told apart by kind, not class, so parts made by another copy of the library work too. */
function isWorkload(part: Part): part is Workload {
  return part.partKind === "service" || part.partKind === "worker" || part.partKind === "cronjob";
}

function nameOf(app: App, c: IConstruct): string {
  return c.node.scopes.slice(1).map((s) => s.node.id).join("-");
}

function targetModel(target: Target, id: string): TargetModel {
  if (target.targetKind === "kubernetes") {
    const cluster = target as KubernetesCluster;
    return {
      kind: "kubernetes",
      id,
      path: target.node.path,
      region: cluster.region,
      provider: cluster.provider,
      nodePools: cluster.nodePools.map((p) => ({ ...p, instanceTypes: [...p.instanceTypes] })),
      ingress: { ...cluster.ingress },
    };
  }
  return { kind: "aws", id, path: target.node.path, region: target.region };
}

function constraints(part: Part, placement: PlacementProps, nameFor: (c: IConstruct) => string, app: App): Constraints {
  const on = (placement.on ?? []).map((t) => {
    if (t.node.root !== app) {
      throw new InputError(`placement.on names ${t.node.path}, a target of another App`, {
        where: part.node.path,
        fix: "place parts only on targets declared in the same App.",
      });
    }
    return nameFor(t);
  });
  return {
    on,
    regions: [...(placement.regions ?? [])],
    ...(placement.spread !== undefined ? { spread: placement.spread } : {}),
    ...(placement.gpu?.model !== undefined ? { gpuModel: placement.gpu.model } : {}),
  };
}

function resources(cpu: string | number, memory: string | number, cpuLimit: string | number | undefined, memoryLimit: string | number | undefined, gpus: number): Resources {
  const requestCpu = parseCpu(cpu)!;
  const requestMemory = parseBytes(memory)!;
  return {
    requests: { cpuMillicores: requestCpu, memoryBytes: requestMemory, gpus },
    limits: {
      cpuMillicores: cpuLimit === undefined ? requestCpu * CPU_LIMIT_FACTOR : parseCpu(cpuLimit)!,
      memoryBytes: memoryLimit === undefined ? requestMemory : parseBytes(memoryLimit)!,
      gpus,
    },
  };
}

function checkLimits(path: string, r: Resources): Resources {
  if (r.limits.cpuMillicores < r.requests.cpuMillicores || r.limits.memoryBytes < r.requests.memoryBytes) {
    const which = r.limits.cpuMillicores < r.requests.cpuMillicores ? "cpuLimit is below cpu" : "memoryLimit is below memory";
    throw new InputError(`invalid props: ${which}`, { where: path, fix: "set each limit at or above its request." });
  }
  return r;
}

function replicaRange(replicas: Replicas | undefined): WorkloadModel["replicas"] {
  if (replicas === undefined) return { min: 1, max: 1 };
  if (typeof replicas === "number") return { min: replicas, max: replicas };
  const schedule = replicas.schedule?.map((s) => ({ cron: s.cron.trim().split(/\s+/).join(" "), min: s.min }));
  return { min: replicas.min, max: replicas.max ?? replicas.min, ...(schedule ? { schedule } : {}) };
}

function autoscaling(replicas: Replicas | undefined): WorkloadModel["autoscaling"] {
  const targets: { targetCpuPercent?: number; targetMemoryPercent?: number } = typeof replicas === "object" ? replicas : {};
  return {
    targetCpuPercent: targets.targetCpuPercent ?? AUTOSCALING_DEFAULTS.targetCpuPercent,
    targetMemoryPercent: targets.targetMemoryPercent ?? AUTOSCALING_DEFAULTS.targetMemoryPercent,
  };
}

function workloadModel(w: Workload, nameFor: (c: IConstruct) => string, app: App): WorkloadModel {
  const p = w.props;
  const r = resources(p.cpu ?? WORKLOAD_DEFAULT_REQUESTS.cpu, p.memory ?? WORKLOAD_DEFAULT_REQUESTS.memory, p.cpuLimit, p.memoryLimit, p.placement?.gpu?.count ?? 0);
  checkLimits(w.node.path, r);
  const base = {
    name: nameFor(w),
    path: w.node.path,
    kind: w.partKind as WorkloadModel["kind"],
    image: p.image,
    ...(p.command ? { command: [...p.command] } : {}),
    ...(p.args ? { args: [...p.args] } : {}),
    env: { ...(p.env ?? {}) },
    resources: r,
    constraints: constraints(w, p.placement ?? {}, nameFor, app),
    public: false,
    autoscaling: autoscaling(undefined),
    terminationGracePeriodSeconds: p.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_SECONDS,
    runAsUser: p.runAsUser ?? DEFAULT_RUN_AS_USER,
    readOnlyRootFilesystem: p.readOnlyRootFilesystem ?? true,
    writablePaths: [...(p.writablePaths ?? [])],
    addCapabilities: [...(p.addCapabilities ?? [])],
    replicas: { min: 1, max: 1 },
  };
  if (w.partKind === "service") {
    const s = (w as Service).props;
    const health = s.healthCheck ?? (s.port !== undefined ? { protocol: "tcp" as const } : undefined);
    return {
      ...base,
      replicas: replicaRange(s.replicas),
      autoscaling: autoscaling(s.replicas),
      public: s.public !== undefined && s.public !== false,
      ...(typeof s.public === "object" ? { publicAddress: { ...(s.public.host ? { host: s.public.host } : {}), path: s.public.path ?? "/" } } : {}),
      ...(s.port !== undefined ? { port: s.port, servicePort: s.servicePort ?? s.port } : {}),
      ...(health && health.protocol !== "none" ? { healthCheck: health } : {}),
      ...(s.volume ? { volume: { path: s.volume.path, sizeBytes: Math.ceil(s.volume.sizeGiB * GIB) } } : {}),
    };
  }
  if (w.partKind === "cronjob") {
    const c = (w as CronJob).props;
    return { ...base, schedule: c.schedule.trim(), ...(c.timeZone ? { timeZone: c.timeZone } : {}) };
  }
  const replicas = (w.props as { replicas?: Replicas }).replicas;
  return { ...base, replicas: replicaRange(replicas), autoscaling: autoscaling(replicas) };
}

function resourceModel(r: BackingResource, nameFor: (c: IConstruct) => string, app: App): ResourceModel {
  const defaults = RESOURCE_DEFAULTS[r.partKind];
  const p = r.props as { cpu?: string | number; memory?: string | number; cpuLimit?: string | number; memoryLimit?: string | number; version?: string; storageGiB?: number; auth?: boolean; retentionSeconds?: number };
  const storageGiB = p.storageGiB ?? defaults.storageGiB;
  const version = p.version ?? defaults.version;
  return {
    name: nameFor(r),
    path: r.node.path,
    kind: r.partKind,
    ...(version !== undefined ? { version } : {}),
    ...(storageGiB !== undefined ? { storageBytes: storageGiB * GIB } : {}),
    auth: p.auth ?? defaults.auth,
    ...(p.retentionSeconds !== undefined ? { retentionSeconds: p.retentionSeconds } : {}),
    resources: checkLimits(r.node.path, resources(p.cpu ?? defaults.cpu, p.memory ?? defaults.memory, p.cpuLimit, p.memoryLimit, 0)),
    constraints: constraints(r, r.placement, nameFor, app),
  };
}

function connectionModels(w: Workload, nameFor: (c: IConstruct) => string): ConnectionModel[] {
  return w.connections.map((c) => {
    const to = nameFor(c.target as unknown as IConstruct);
    return { from: nameFor(w), to, access: c.access, envPrefix: c.envPrefix ?? defaultEnvPrefix(to) };
  });
}
