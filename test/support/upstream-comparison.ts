/**
 * Compares an upstream app's workloads with what skyweave emits for its port, field by field,
 * against a list of allowed differences. Each port's test supplies the two sides (upstream's
 * objects, however it reads them, and skyweave's from `clusterObjects`) and its allowances;
 * this module reduces both sides to the same comparable values, lists the differences, and
 * says which are unexpected and which allowances no longer occur.
 *
 * Compared per workload: kind, replicas, image, command, args, container ports, the Services in
 * front of it (type and port → target port), requests and limits, every env var (name and
 * value; a value from a Secret shows as `<secret name/key>`), readiness and liveness probe
 * kind and target, volume mounts, pod user, non-root, read-only root file system, added
 * capabilities, and node selector. Not compared: labels and selectors, container and
 * ServiceAccount names, dropped capabilities and seccomp (skyweave drops all and sets
 * RuntimeDefault everywhere, at least as strict as any upstream here).
 */
import { formatBytes, formatCpu, parseBytes, parseCpu } from "skyweave";

/** A compared value: a string, a number, a boolean, a list of strings, or `null` for "not set". */
export type Value = string | number | boolean | readonly string[] | null;

/** One field of one workload on which upstream and skyweave disagree. */
export interface Difference {
  readonly workload: string;
  readonly field: string;
  readonly upstream: Value;
  readonly skyweave: Value;
}

/**
 * - `equivalent`: different bytes, same behaviour.
 * - `deliberate`: a choice the port makes on purpose (explained in its app.ts).
 * - `gap`: upstream says something skyweave's constructs cannot express yet. When they learn
 *   it, the allowance goes stale and the test says so.
 */
export type Category = "equivalent" | "deliberate" | "gap";

/** A difference a port allows, with its reason. */
export interface Allowance {
  /** The workloads it covers; each must still show the difference. */
  readonly workloads: readonly string[];
  /** The field, or a pattern of fields (e.g. env extras). */
  readonly field: string | RegExp;
  /** When given, the difference must have exactly these values (`null`: not set). */
  readonly upstream?: Value;
  readonly skyweave?: Value;
  readonly category: Category;
  readonly reason: string;
}

/** A workload object (Deployment or StatefulSet) and the Services in front of it. */
export interface WorkloadSide {
  readonly workload: Record<string, unknown>;
  readonly services: readonly Record<string, unknown>[];
}

type Obj = Record<string, unknown>;
const obj = (x: unknown): Obj => (typeof x === "object" && x !== null && !Array.isArray(x) ? (x as Obj) : {});
const list = (x: unknown): Obj[] => (Array.isArray(x) ? x.map(obj) : []);
/** A scalar as text; an unevaluated upstream expression as `${text}`. */
const text = (x: unknown): string => (typeof x === "object" && x !== null && "$expr" in x ? `\${${String((x as Obj).$expr)}}` : String(x));
const strings = (x: unknown): string[] | null => (Array.isArray(x) ? x.map(text) : null);

function cpu(q: unknown): string | null {
  if (q === undefined || q === null) return null;
  const m = parseCpu(q as string | number);
  return m === undefined ? `unparsed ${text(q)}` : formatCpu(m);
}

function memory(q: unknown): string | null {
  if (q === undefined || q === null) return null;
  const b = parseBytes(q as string | number);
  return b === undefined ? `unparsed ${text(q)}` : formatBytes(b);
}

/** The probe's kind and target, e.g. `tcp :80` or `http GET /health :80`. */
function probe(p: unknown): string | null {
  if (p === undefined) return null;
  const o = obj(p);
  if (o.grpc) return `grpc :${text(obj(o.grpc).port)}`;
  if (o.tcpSocket) return `tcp :${text(obj(o.tcpSocket).port)}`;
  if (o.exec) return `exec ${JSON.stringify(obj(o.exec).command)}`;
  if (o.httpGet) return `http GET ${text(obj(o.httpGet).path ?? "/")} :${text(obj(o.httpGet).port)}`;
  return "unknown probe";
}

/** Each Service as `Type port→targetPort`, a named target port resolved against the container's ports. */
function services(svcs: readonly Obj[], containerPorts: Obj[]): string[] {
  const byName = new Map(containerPorts.filter((p) => p.name !== undefined).map((p) => [String(p.name), p.containerPort]));
  return svcs
    .flatMap((s) => {
      const spec = obj(s.spec);
      const type = spec.type === undefined ? "ClusterIP" : text(spec.type);
      const headless = spec.clusterIP === "None" ? " headless" : "";
      return list(spec.ports).map((p) => {
        const target = p.targetPort === undefined ? p.port : typeof p.targetPort === "string" ? (byName.get(p.targetPort) ?? p.targetPort) : p.targetPort;
        return `${type}${headless} ${text(p.port)}→${text(target)}`;
      });
    })
    .sort();
}

/** The comparable fields and env of a workload with one container. */
export function summarize(side: WorkloadSide): { fields: Map<string, Value>; env: Map<string, string> } {
  const o = side.workload;
  const spec = obj(o.spec);
  const pod = obj(obj(spec.template).spec);
  const containers = list(pod.containers);
  if (containers.length !== 1) throw new Error(`${text(obj(o.metadata).name)}: expected one container, found ${containers.length}`);
  const c = containers[0]!;
  const resources = obj(c.resources);
  const podSecurity = obj(pod.securityContext);
  const security = obj(c.securityContext);
  const claims = new Set(list(spec.volumeClaimTemplates).map((t) => String(obj(t.metadata).name)));
  const volumes = new Map(
    list(pod.volumes).map((v) => {
      const kind = v.emptyDir ? `emptyDir${obj(v.emptyDir).medium ? ` ${text(obj(v.emptyDir).medium)}` : ""}` : Object.keys(v).filter((k) => k !== "name").join("+");
      return [String(v.name), kind];
    }),
  );
  const mounts = list(c.volumeMounts)
    .map((m) => `${text(m.mountPath)} (${claims.has(String(m.name)) ? "persistent volume claim" : (volumes.get(String(m.name)) ?? "unknown volume")})`)
    .sort();
  const env = new Map<string, string>();
  for (const e of list(c.env)) {
    const secret = obj(obj(e.valueFrom).secretKeyRef);
    env.set(String(e.name), e.value !== undefined ? text(e.value) : secret.name ? `<secret ${text(secret.name)}/${text(secret.key)}>` : "<valueFrom>");
  }
  const nodeSelector = Object.entries(obj(pod.nodeSelector)).map(([k, v]) => `${k}=${text(v)}`);
  const fields = new Map<string, Value>([
    ["kind", String(o.kind)],
    ["replicas", typeof spec.replicas === "number" ? spec.replicas : 1],
    ["image", c.image === undefined ? null : text(c.image)],
    ["command", strings(c.command)],
    ["args", strings(c.args)],
    ["containerPorts", list(c.ports).map((p) => text(p.containerPort))],
    ["services", services(side.services.map(obj), list(c.ports))],
    ["requests.cpu", cpu(obj(resources.requests).cpu)],
    ["requests.memory", memory(obj(resources.requests).memory)],
    ["limits.cpu", cpu(obj(resources.limits).cpu)],
    ["limits.memory", memory(obj(resources.limits).memory)],
    ["readinessProbe", probe(c.readinessProbe)],
    ["livenessProbe", probe(c.livenessProbe)],
    ["volumeMounts", mounts],
    ["runAsUser", (security.runAsUser ?? podSecurity.runAsUser ?? null) as number | null],
    ["runAsNonRoot", (security.runAsNonRoot ?? podSecurity.runAsNonRoot ?? false) as boolean],
    ["readOnlyRootFilesystem", (security.readOnlyRootFilesystem ?? false) as boolean],
    ["capabilities.add", strings(obj(security.capabilities).add) ?? []],
    ["nodeSelector", nodeSelector],
  ]);
  return { fields, env };
}

const same = (a: Value, b: Value): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Every field on which the two sides of one workload disagree, env compared name by name. */
export function compareWorkload(workload: string, upstream: WorkloadSide, skyweave: WorkloadSide): Difference[] {
  const u = summarize(upstream);
  const s = summarize(skyweave);
  const diffs: Difference[] = [];
  for (const [field, value] of u.fields) {
    const other = s.fields.get(field) ?? null;
    if (!same(value, other)) diffs.push({ workload, field, upstream: value, skyweave: other });
  }
  for (const name of [...new Set([...u.env.keys(), ...s.env.keys()])].sort()) {
    const a = u.env.get(name) ?? null;
    const b = s.env.get(name) ?? null;
    if (a !== b) diffs.push({ workload, field: `env.${name}`, upstream: a, skyweave: b });
  }
  return diffs;
}

/** The differences of every upstream workload that skyweave emits under the same name. */
export function compareApp(upstream: ReadonlyMap<string, WorkloadSide>, emitted: (name: string) => WorkloadSide | undefined): Difference[] {
  return [...upstream].flatMap(([name, side]) => {
    const ours = emitted(name);
    return ours ? compareWorkload(name, side, ours) : [];
  });
}

/** True when the allowance covers the difference. */
export function allows(a: Allowance, d: Difference): boolean {
  if (!a.workloads.includes(d.workload)) return false;
  if (typeof a.field === "string" ? a.field !== d.field : !a.field.test(d.field)) return false;
  if (a.upstream !== undefined && !same(a.upstream, d.upstream)) return false;
  if (a.skyweave !== undefined && !same(a.skyweave, d.skyweave)) return false;
  return true;
}

/** The differences no allowance covers. */
export function unexpectedDifferences(differences: readonly Difference[], allowances: readonly Allowance[]): Difference[] {
  return differences.filter((d) => !allowances.some((a) => allows(a, d)));
}

/** Each allowance that no longer occurs in a workload it names, as `workload field: reason`. */
export function staleAllowances(differences: readonly Difference[], allowances: readonly Allowance[]): string[] {
  return allowances.flatMap((a) =>
    a.workloads.filter((w) => !differences.some((d) => d.workload === w && allows(a, d))).map((w) => `${w} ${String(a.field)}: ${a.reason}`),
  );
}

const show = (v: Value): string => (v === null ? "(not set)" : JSON.stringify(v));

/** One line per difference, marked with the category that allows it or UNEXPECTED. */
export function differenceReport(differences: readonly Difference[], allowances: readonly Allowance[]): string {
  return differences
    .map((d) => {
      const a = allowances.find((x) => allows(x, d));
      return `${a ? `allowed (${a.category})` : "UNEXPECTED"}  ${d.workload}  ${d.field}: upstream ${show(d.upstream)}, skyweave ${show(d.skyweave)}`;
    })
    .join("\n");
}
