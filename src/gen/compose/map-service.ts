/**
 * One Compose service onto component slots: image (pinned; a placeholder for `build:` and for
 * an unpinned image no template pins), port, public, replicas, resources, environment (secrets
 * dropped), volume, health check path, command. Every key that does not carry over is reported through `warn`, by its path.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { visibleText } from "../../code-text.js";
import { placeholderImage } from "../construct-specs.js";
import { IMAGE_REFERENCE, type ComponentSlots } from "../slots.js";
import type { Template } from "../templates.js";
import { engineVersion, parseImage, templateForBuild, templateForImage, templateForUnknownImage } from "./classify-service.js";
import { commandList, cpuQuantity, envEntries, memoryQuantity, parsePort, parseVolume } from "./compose-values.js";
import { hasSecret, isSecretName, secretsIn, secretsInData } from "./find-secrets.js";
import { IGNORED_SERVICE_KEYS } from "./import-warning.js";
import { pinImage } from "./pin-image.js";
import { interpolate, parseEnvFile, type ComposeFile } from "./read-compose.js";

/** A path into the Compose document. */
type Path = (string | number)[];
/** Reports a key that did not carry over. */
export type Warn = (path: Path, message: string) => void;

/** What one service became. */
export interface MappedService {
  readonly name: string;
  readonly component: ComponentSlots;
  readonly template: Template;
  readonly notes: string[];
  /** Services it depends on or links to (Compose names). */
  readonly dependsOn: string[];
  /** Environment values that name another service as a host: `[variable, service]`. */
  readonly envHosts: [string, string][];
}

/** Service keys this module reads (the rest are warned about). */
const HANDLED_KEYS = new Set(["image", "build", "ports", "expose", "environment", "env_file", "depends_on", "links", "volumes", "secrets", "healthcheck", "deploy", "command", "entrypoint", "user"]);

const WORKLOAD_CONSTRUCTS = new Set(["Service", "Worker", "CronJob"]);

/** Environment of a service from `env_file` and `environment` (the latter wins), interpolated. */
function rawEnv(compose: ComposeFile, name: string, svc: Record<string, unknown>, warn: Warn): [string, string | undefined, Path][] {
  const out: [string, string | undefined, Path][] = [];
  const files = svc.env_file === undefined ? [] : Array.isArray(svc.env_file) ? svc.env_file : [svc.env_file];
  files.forEach((entry, i) => {
    const rel = typeof entry === "object" && entry !== null ? String((entry as { path?: unknown }).path) : String(entry);
    const at: Path = ["services", name, "env_file", ...(Array.isArray(svc.env_file) ? [i] : [])];
    const file = path.resolve(compose.dir, rel);
    if (!existsSync(file)) return warn(at, `${rel} does not exist here; its variables are not imported`);
    for (const [k, v] of parseEnvFile(readFileSync(file, "utf8"))) out.push([k, v, at]);
  });
  const list = Array.isArray(svc.environment);
  envEntries(svc.environment).forEach(([k, v], i) => out.push([k, v, ["services", name, "environment", list ? i : k]]));
  return out.map(([k, v, at]) => [k, v === undefined ? undefined : interpolate(v, compose.dotenv), at]);
}

/**
 * Every secret-looking value of the file (see `find-secrets.ts`): in the document itself, in
 * `.env`, and in each service's environment after `env_file` and interpolation, so copies of it
 * anywhere else are dropped or redacted too.
 */
export function secretValues(compose: ComposeFile): Set<string> {
  const values = secretsInData(compose.data);
  const add = (k: string, v: string): void => {
    if (v.length >= 4 && isSecretName(k)) values.add(v);
    for (const s of secretsIn(v)) values.add(s);
  };
  for (const [k, v] of compose.dotenv) add(k, v);
  for (const [name, svc] of Object.entries(compose.data.services as Record<string, Record<string, unknown>>)) {
    for (const [k, v] of rawEnv(compose, name, svc ?? {}, () => undefined)) if (v !== undefined) add(k, v);
  }
  return values;
}

/** Maps service `name` (with construct id `id`) onto slots. */
export function mapService(compose: ComposeFile, app: string, name: string, id: string, serviceNames: ReadonlySet<string>, secrets: ReadonlySet<string>, warn: Warn): MappedService {
  const svc = (compose.data.services as Record<string, Record<string, unknown> | null>)[name] ?? {};
  const at = (...p: Path): Path => ["services", name, ...p];
  const notes: string[] = [];
  const written = typeof svc.image === "string" ? interpolate(svc.image, compose.dotenv) : undefined;
  // Only a well-formed reference is carried over (no spaces, quotes or line breaks), else a placeholder.
  const badImage = written !== undefined && !IMAGE_REFERENCE.test(written);
  const image = badImage ? undefined : written;
  const build = svc.build;
  const context = typeof build === "string" ? build : typeof build === "object" && build !== null ? String((build as { context?: unknown }).context ?? ".") : "";
  const template = image !== undefined ? (templateForImage(image) ?? templateForUnknownImage(name)) : build !== undefined ? templateForBuild(name, context) : templateForUnknownImage(name);
  const component: ComponentSlots = { id, template: template.name };
  const isWorkload = WORKLOAD_CONSTRUCTS.has(template.construct);
  const backing = (key: string, what: string) => svc[key] !== undefined && warn(at(key), `${template.construct} is a managed or in-cluster ${what}; ${key} is not carried over`);

  if (svc.image === undefined && build === undefined) warn(at(), "has neither image nor build; imported as a container with a placeholder image");
  if (badImage) warn(at("image"), `${visibleText(written!)} is not an image reference (letters, digits and . _ - / : @ only); a placeholder image is used`);
  else if (image === undefined && svc.image !== undefined) warn(at("image"), `${String(svc.image)} uses a variable with no value in .env; a placeholder image is used`);
  if (isWorkload) {
    if (image !== undefined) {
      const pinned = pinImage(image, template, app, id, build === undefined ? undefined : context.replace(/^\.\//, ""));
      component.image = pinned.image;
      if (pinned.warning !== undefined) warn(at("image"), pinned.warning);
      if (pinned.note !== undefined) notes.push(pinned.note);
    } else {
      const target = typeof build === "object" && build !== null && (build as { target?: unknown }).target ? ` (target ${String((build as { target?: unknown }).target)})` : "";
      if (badImage) notes.push(`TODO: the image in Compose, ${written}, is not an image reference; put the image you run here.`);
      else notes.push(`TODO: build ${context ? `./${context.replace(/^\.\//, "")}` : "the image"}${target}, push it, and put its reference here (it was \`build:\` in ${path.basename(compose.file)}).`);
      component.image = placeholderImage(app, id);
      if (build !== undefined) warn(at("build"), `skyweave deploys images; build and push ./${context.replace(/^\.\//, "")} and set the image of "${id}" in app.ts (a placeholder is there now)`);
    }
    if (image !== undefined && build !== undefined) warn(at("build"), "the image is deployed; build and push it yourself");
  } else {
    const version = engineVersion(template.construct, image ? parseImage(image).tag : undefined);
    if (version !== undefined) component.version = version;
    else if (image !== undefined && template.construct !== "Queue" && template.construct !== "Bucket") warn(at("image"), `${image}: skyweave runs ${template.construct}${template.defaults.version ? ` ${template.defaults.version}` : ""} (${template.construct === "MySql" && /mariadb/.test(image) ? "MySQL for MariaDB" : "the tag names no supported version"})`);
    else if (image !== undefined) warn(at("image"), `${image} becomes a skyweave ${template.construct} (${template.construct === "Queue" ? "SQS managed, NATS JetStream in-cluster" : "S3 managed, MinIO in-cluster"})`);
    for (const key of ["ports", "expose", "environment", "env_file", "command", "entrypoint", "healthcheck", "volumes", "user", "secrets", "deploy"]) backing(key, template.construct === "Queue" ? "queue" : "store");
  }

  // ports and expose → port, public
  const ports = Array.isArray(svc.ports) ? svc.ports : [];
  const exposed = Array.isArray(svc.expose) ? svc.expose : [];
  let port: number | undefined;
  let published = false;
  if (isWorkload) {
    ports.forEach((p, i) => {
      const m = parsePort(p);
      if (m.protocol !== "tcp") return warn(at("ports", i), `${m.protocol.toUpperCase()} ports are not expressible; only TCP`);
      if (m.container === undefined) return warn(at("ports", i), `cannot read the port ${JSON.stringify(p)}`);
      if (m.range) warn(at("ports", i), "a port range becomes its first port");
      if (port === undefined) [port, published] = [m.container, m.published];
      else if (m.container !== port) warn(at("ports", i), `a service has one port in skyweave; ${m.container} is not exposed (${port} is)`);
    });
    exposed.forEach((p, i) => {
      const m = parsePort(p);
      if (port === undefined && m.container !== undefined) port = m.container;
      else if (m.container !== port) warn(at("expose", i), `a service has one port in skyweave; ${String(p)} is not exposed`);
    });
    if (port !== undefined && template.construct === "Service") component.port = port;
    if (published && template.construct === "Service") component.public = true;
    else if (template.defaults.public) component.public = false;
    if (template.construct !== "Service" && (ports.length > 0 || exposed.length > 0)) warn(at(ports.length > 0 ? "ports" : "expose"), `a ${template.construct} has no port`);
  }

  // environment
  if (isWorkload) {
    const env: Record<string, string> = {};
    const envHosts: [string, string][] = [];
    for (const [k, v, where] of rawEnv(compose, name, svc, warn)) {
      if (v === undefined) { warn(where, `${k} has no value here (Compose takes it from the shell or .env); set it in app.ts`); continue; }
      for (const other of serviceNames) if (other !== name && new RegExp(`(^|[/@:])${other.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[:/])`).test(v)) envHosts.push([k, other]);
      if (isSecretName(k) || hasSecret(v, secrets)) {
        warn(where, `${k} looks like a secret and is not copied in plain text; connections give passwords from Secrets (e.g. <DB>_PASSWORD), or add your own Secret`);
        continue;
      }
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) { warn(where, `${k} is not a valid environment variable name in Kubernetes; dropped`); continue; }
      env[k] = v;
    }
    if (Object.keys(env).length > 0) component.env = env;
    return finish(envHosts);
  }
  return finish([]);

  function finish(envHosts: [string, string][]): MappedService {
    if (isWorkload) workloadKeys();
    for (const key of Object.keys(svc)) {
      const why = IGNORED_SERVICE_KEYS[key];
      if (why) warn(at(key), why);
      else if (key.startsWith("x-")) warn(at(key), "extension fields are not read; ignored");
      else if (!HANDLED_KEYS.has(key)) warn(at(key), "not expressible in skyweave; ignored");
    }
    return { name, component, template, notes, dependsOn: dependsOn(), envHosts };
  }

  function workloadKeys(): void {
    const volumes = Array.isArray(svc.volumes) ? svc.volumes : [];
    volumes.forEach((v, i) => {
      const m = parseVolume(v);
      if (m.kind === "named" && m.target && component.volumePath === undefined && template.construct === "Service") component.volumePath = m.target;
      else if (m.kind === "bind") warn(at("volumes", i), `bind mount of ${m.source} is not expressible; put the files in the image${m.target ? ` (they were mounted at ${m.target})` : ""}`);
      else if (m.kind === "anonymous") warn(at("volumes", i), `anonymous volume ${m.target ?? ""} is not expressible; the container's file system is used`);
      else warn(at("volumes", i), `${m.target ?? "this volume"}: a workload keeps one volume in skyweave; not mounted`);
    });
    const hc = svc.healthcheck as Record<string, unknown> | undefined;
    if (hc && typeof hc === "object") {
      const test = Array.isArray(hc.test) ? hc.test.join(" ") : String(hc.test ?? "");
      const url = /https?:\/\/(?:localhost|127\.0\.0\.1|0\.0\.0\.0)(?::(\d+))?(\/[^\s"'|;]*)?/.exec(test);
      if (hc.disable === true) warn(at("healthcheck", "disable"), "health checks stay on (TCP on the port)");
      else if (url && component.port !== undefined && (url[1] === undefined || Number(url[1]) === component.port)) component.healthPath = url[2] ?? "/";
      else if (test) warn(at("healthcheck", "test"), "a command check is not expressible; a TCP check on the port is used");
      for (const key of ["interval", "timeout", "retries", "start_period", "start_interval"]) if (hc[key] !== undefined) warn(at("healthcheck", key), "probe timing uses skyweave's defaults; ignored");
    }
    const deploy = (svc.deploy ?? {}) as Record<string, unknown>;
    if (typeof deploy.replicas === "number" && deploy.replicas >= 1) component.replicas = Math.min(deploy.replicas, 100);
    const resources = (deploy.resources ?? {}) as Record<string, Record<string, unknown> | undefined>;
    const cpuLimit = cpuQuantity(resources.limits?.cpus);
    const memoryLimit = memoryQuantity(resources.limits?.memory);
    const cpu = cpuQuantity(resources.reservations?.cpus) ?? cpuLimit;
    const memory = memoryQuantity(resources.reservations?.memory) ?? memoryLimit;
    if (cpu) component.cpu = cpu;
    if (memory) component.memory = memory;
    if (cpuLimit) component.cpuLimit = cpuLimit;
    if (memoryLimit) component.memoryLimit = memoryLimit;
    for (const key of Object.keys(deploy)) if (key !== "replicas" && key !== "resources") warn(at("deploy", key), "not expressible; ignored");
    for (const key of Object.keys(resources)) if (key !== "limits" && key !== "reservations") warn(at("deploy", "resources", key), "not expressible; ignored");
    const command = commandList(svc.command);
    const entrypoint = commandList(svc.entrypoint);
    if (command) component.args = command.map((c) => interpolate(c, compose.dotenv) ?? c);
    if (entrypoint) component.command = entrypoint.map((c) => interpolate(c, compose.dotenv) ?? c);
    if (svc.user !== undefined) warn(at("user"), `workloads run as user 1000 by default (set runAsUser in app.ts)`);
    for (const key of ["secrets"]) if (svc[key] !== undefined) warn(at(key), "Compose secrets are files skyweave does not read; connections give database passwords from Secrets");
  }

  function dependsOn(): string[] {
    const d = svc.depends_on;
    const names = Array.isArray(d) ? d.map(String) : d && typeof d === "object" ? Object.keys(d) : [];
    if (d && typeof d === "object" && !Array.isArray(d)) {
      for (const [dep, spec] of Object.entries(d as Record<string, Record<string, unknown> | null>)) {
        if (spec?.condition !== undefined && spec.condition !== "service_started") warn(at("depends_on", dep, "condition"), "Kubernetes starts everything at once; readiness probes gate traffic instead");
      }
    }
    const links = Array.isArray(svc.links) ? svc.links.map((l) => String(l).split(":")[0]!) : [];
    if (links.length > 0) warn(at("links"), "links become connections");
    return [...new Set([...names, ...links])];
  }
}
